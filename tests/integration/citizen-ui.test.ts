/**
 * Rough edges new users met on the citizen pages, seen through the real loaders: the provinces of a service page in
 * alphabetical order of the page's language (not by code, which put Tehran 24th), and the form opened from a service
 * page with that service chosen.
 */
import { describe, expect, it } from 'vitest';
import * as feedbackNew from '~/routes/feedback.new';
import * as servicePage from '~/routes/services.$slug';
import { listServices } from '~/models/catalog.server';
import { getRequest, routeArgs, run } from '../support/http';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

type Named = { id: string; nameFa: string; nameEn: string };

async function openService(slug: string, query = '') {
  const response = await run(() => servicePage.loader(routeArgs(getRequest(`/services/${slug}${query}`), { slug })));
  expect(response.status).toBe(200);
  return (await response.json()) as { provinces: (Named & { centers: unknown[] })[] };
}

async function openForm(query: string) {
  const response = await run(() => feedbackNew.loader(routeArgs(getRequest(`/feedback/new${query}`))));
  expect(response.status).toBe(200);
  return (await response.json()) as { provinces: Named[]; preselectedService?: string };
}

const sortedBy = (names: string[], locale: 'fa' | 'en') => [...names].sort(new Intl.Collator(locale).compare);

/** The service offered in the most provinces, so the order means something. */
async function widestService() {
  let best = { slug: '', provinces: 0 };
  for (const service of listServices(db())) {
    const { provinces } = await openService(service.slug);
    if (provinces.length > best.provinces) best = { slug: service.slug, provinces: provinces.length };
  }
  expect(best.provinces).toBeGreaterThan(5);
  return best.slug;
}

describe('a service page', () => {
  it('lists its provinces alphabetically in Persian on a Persian page', async () => {
    const { provinces } = await openService(await widestService());
    const names = provinces.map((p) => p.nameFa);
    expect(names).toEqual(sortedBy(names, 'fa'));
  });

  it('lists them alphabetically in English on an English page', async () => {
    const { provinces } = await openService(await widestService(), '?lng=en');
    const names = provinces.map((p) => p.nameEn);
    expect(names).toEqual(sortedBy(names, 'en'));
  });
});

describe('the feedback form', () => {
  it('opened from a service page (?service=slug) has that service chosen', async () => {
    const service = listServices(db())[1]!;
    expect((await openForm(`?service=${service.slug}`)).preselectedService).toBe(String(service.id));
  });

  it('ignores a service that does not exist, and a malformed one, choosing none', async () => {
    expect((await openForm('?service=no-such-service')).preselectedService).toBe('');
    expect((await openForm(`?service=${encodeURIComponent("x' OR 1=1 --")}`)).preselectedService).toBe('');
  });

  it('offers the provinces in alphabetical order of the page language: Tehran is not 24th', async () => {
    const fa = (await openForm('')).provinces.map((p) => p.nameFa);
    expect(fa).toEqual(sortedBy(fa, 'fa'));
    expect(fa).toHaveLength(31);
    const en = (await openForm('?lng=en')).provinces.map((p) => p.nameEn);
    expect(en).toEqual(sortedBy(en, 'en'));
  });
});
