/**
 * The public directory (issue "Centres and services directory"): filters, Persian-aware search, pagination, the
 * centre scorecard, the services pages and their head tags, through the real loaders on a real database.
 */
import { and, asc, eq, like, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { centers, centerServices, services } from '../../db/schema';
import { PAGE_SIZE } from '~/domain/directory-query';
import { feedbackSchema } from '~/domain/feedback-schema';
import { MIN_SAMPLE } from '~/domain/scorecard';
import { submitItem } from '~/services/workflow.server';
import * as centerPage from '~/routes/centers.$id';
import * as centerList from '~/routes/centers._index';
import * as serviceList from '~/routes/services._index';
import * as servicePage from '~/routes/services.$slug';
import { getRequest, routeArgs, run } from '../support/http';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

interface Listing {
  query: { q: string; province?: string; city?: string; program?: string; service?: string; page: number };
  total: number;
  pageCount: number;
  centers: { id: number; provinceId: string; program: string; cityFa: string; nameFa: string }[];
}

async function list(search: string): Promise<Listing> {
  const response = await run(() => centerList.loader(routeArgs(getRequest(`/centers${search}`))));
  expect(response.status).toBe(200);
  return response.json();
}

const q = (text: string) => `?q=${encodeURIComponent(text)}`;
const ids = (listing: Listing) => listing.centers.map((c) => c.id).sort((a, b) => a - b);
const activeCount = () => db().select({ n: sql<number>`count(*)` }).from(centers).where(eq(centers.active, true)).get()!.n;
const centerNamed = (fragment: string) => db().select().from(centers).where(like(centers.nameFa, `%${fragment}%`)).get()!;

describe('the directory filters', () => {
  it('by province, city, programme and service: every centre listed matches, and the count says how many', async () => {
    const province = await list('?province=ir-09');
    expect(province.total).toBeGreaterThan(1);
    expect(province.centers.every((c) => c.provinceId === 'ir-09')).toBe(true);

    const city = await list(`?province=ir-09&city=${encodeURIComponent('مشهد')}`);
    expect(city.total).toBeGreaterThan(0);
    expect(city.total).toBeLessThanOrEqual(province.total);
    expect(city.centers.every((c) => c.cityFa === 'مشهد')).toBe(true);

    const shoq = await list('?program=shoq');
    expect(shoq.total).toBeGreaterThan(0);
    expect(shoq.centers.every((c) => c.program === 'shoq')).toBe(true);

    const offering = db()
      .select({ id: centerServices.centerId })
      .from(centerServices)
      .innerJoin(services, eq(services.id, centerServices.serviceId))
      .innerJoin(centers, eq(centers.id, centerServices.centerId))
      .where(and(eq(services.slug, 'mental-health'), eq(centers.active, true)))
      .all()
      .map((r) => r.id);
    const service = await list('?service=mental-health');
    expect(service.total).toBe(offering.length);
    expect(service.centers.every((c) => offering.includes(c.id))).toBe(true);

    const combined = await list('?province=ir-09&program=mosbat&service=mental-health');
    expect(combined.centers.every((c) => c.provinceId === 'ir-09' && c.program === 'mosbat' && offering.includes(c.id))).toBe(true);
  });

  it('ignore values that mean nothing, as a stale bookmark or a crawler sends them, instead of failing', async () => {
    const all = await list('');
    for (const search of ['?province=ir-99', '?program=other', '?service=%3Cb%3E', '?page=abc', '?page=-3', '?city=', '?province=%27%3B%20drop%20table%20centers']) {
      expect((await list(search)).total, search).toBe(all.total);
    }
    expect(all.total).toBe(activeCount());
  });
});

describe('the directory search', () => {
  it('finds the same centres whether ye and kaf are typed Arabic or Persian', async () => {
    const persian = await list(q('شکوفه'));
    expect(persian.total).toBeGreaterThan(0);
    expect(ids(await list(q('شكوفه')))).toEqual(ids(persian));
    const omid = await list(q('امید'));
    expect(omid.total).toBeGreaterThan(0);
    expect(ids(await list(q('اميد')))).toEqual(ids(omid));
  });

  it('finds the same centres with Persian or Latin digits', async () => {
    const persian = await list(q('شقایق ۹'));
    expect(persian.total).toBeGreaterThan(0);
    expect(ids(await list(q('شقایق 9')))).toEqual(ids(persian));
  });

  it('finds a name written with a ZWNJ whether it is typed with ZWNJ, a space or neither', async () => {
    const center = centerNamed('اسلام‌آباد');
    for (const typed of ['اسلام‌آباد', 'اسلام آباد', 'اسلاماباد']) {
      expect(ids(await list(q(typed))), typed).toContain(center.id);
    }
  });

  it('matches the start of words, names of services and English names too', async () => {
    expect((await list(q('مشه'))).centers.some((c) => c.cityFa === 'مشهد')).toBe(true);
    expect((await list(q('سلامت روان'))).total).toBe((await list('?service=mental-health')).total);
    expect((await list(q('Mashhad'))).centers.every((c) => c.cityFa === 'مشهد')).toBe(true);
  });

  it('answers a 1,000-character search or one made of markup with a normal page', async () => {
    const long = await list(q('مرکز '.repeat(200)));
    expect(long.query.q.length).toBeLessThanOrEqual(200);
    const markup = await list(q('<script>alert("x")</script> "unclosed * OR NEAR('));
    expect(markup.total).toBe(0);
    const punctuation = await list(q('*** ((( """'));
    expect(punctuation.total).toBe(0);
  });

  it('with no match gives an empty list and a count of zero', async () => {
    const none = await list(q('زززززز'));
    expect(none.total).toBe(0);
    expect(none.centers).toEqual([]);
  });
});

describe('the directory pages', () => {
  it(`show ${PAGE_SIZE} centres a page, together all of them once, and a page past the end shows the last one`, async () => {
    const first = await list('');
    expect(first.centers).toHaveLength(PAGE_SIZE);
    expect(first.pageCount).toBe(Math.ceil(first.total / PAGE_SIZE));
    const seen: number[] = [];
    for (let page = 1; page <= first.pageCount; page++) seen.push(...(await list(`?page=${page}`)).centers.map((c) => c.id));
    expect(seen).toHaveLength(first.total);
    expect(new Set(seen).size).toBe(first.total);
    const beyond = await list('?page=999');
    expect(beyond.query.page).toBe(first.pageCount);
    expect(beyond.centers.length).toBeGreaterThan(0);
    expect((await list('?page=۲')).query.page).toBe(2);
  });
});

describe('a centre page', () => {
  async function open(id: number) {
    const response = await run(() => centerPage.loader(routeArgs(getRequest(`/centers/${id}`), { id: String(id) })));
    expect(response.status).toBe(200);
    return response.json();
  }

  it('shows "not enough data yet" below the minimum, and the figures from then on', async () => {
    const center = db().select().from(centers).where(eq(centers.provinceId, 'ir-10')).orderBy(asc(centers.id)).get()!;
    const file = () =>
      submitItem(
        db(),
        feedbackSchema.parse({ kind: 'suggestion', centerId: String(center.id), body: 'لطفاً ساعت کار مرکز را تا عصر تمدید کنید.', anonymous: 'on', consent: 'on' }),
        { channel: 'web', locale: 'fa', actor: { role: 'citizen' } },
      );
    for (let i = 0; i < MIN_SAMPLE - 1; i++) file();
    // Decision 016: the centre's figures come from app/domain/figures.ts over the last 365 days.
    expect((await open(center.id)).scorecard.figures.received).toBeNull();
    file();
    const card = (await open(center.id)).scorecard.figures;
    expect(card.received).toBe(MIN_SAMPLE);
    expect(card.satisfaction).toEqual({ value: null, cases: null }); // nobody has rated yet
  });

  it('shows the demo centre’s scorecard from its answered and rated demo items', async () => {
    const center = db().select().from(centers).where(eq(centers.provinceId, 'ir-00')).orderBy(asc(centers.id)).get()!;
    const card = (await open(center.id)).scorecard.figures;
    expect(card.received).toBe(10);
    expect(card.answeredInTime.value).toBeGreaterThan(0.5);
    expect(card.answeredInTime.value).toBeLessThan(1);
    expect(card.answeredInTime.cases).toBeGreaterThanOrEqual(5);
    expect(card.satisfaction.value).toBeGreaterThanOrEqual(1);
    expect(card.satisfaction.value).toBeLessThanOrEqual(5);
  });
});

describe('the services pages', () => {
  it('list the whole active catalogue in plain language', async () => {
    const data = await (await run(() => serviceList.loader())).json();
    const active = db().select().from(services).where(eq(services.active, true)).all();
    expect(data.services).toHaveLength(active.length);
    expect(data.services.every((s: { summaryFa: string }) => s.summaryFa.length > 0)).toBe(true);
  });

  it('show who a service is for, how to get it, and the centres offering it by province', async () => {
    const response = await run(() => servicePage.loader(routeArgs(getRequest('/services/home-visit'), { slug: 'home-visit' })));
    expect(response.status).toBe(200);
    const data = await response.json();
    expect(data.service.audienceFa).not.toBe('');
    expect(data.service.howFa).not.toBe('');
    const listed = data.provinces.flatMap((p: { id: string; centers: { provinceId: string }[] }) => p.centers.map((c) => [p.id, c.provinceId]));
    expect(listed.length).toBe((await list('?service=home-visit')).total);
    expect(listed.every(([group, province]: string[]) => group === province)).toBe(true);
  });

  it('answer 404 for an unknown or malformed service', async () => {
    for (const slug of ['no-such-service', '<script>', 'a'.repeat(200)]) {
      const response = await run(() => servicePage.loader(routeArgs(getRequest(`/services/${encodeURIComponent(slug)}`), { slug })));
      expect(response.status, slug).toBe(404);
    }
  });
});

describe('the head of a public page', () => {
  it('names its canonical address and its Persian and English versions, keeping the filters', () => {
    const args = {
      matches: [{ id: 'root', data: { locale: 'en', publicUrl: 'https://didehban.example' } }],
      location: { pathname: '/centers', search: '?province=ir-09&lng=en' },
    } as unknown as Parameters<typeof centerList.meta>[0];
    const tags = centerList.meta(args) as Record<string, string>[];
    expect(tags.find((t) => t.title)?.title).toMatch(/centres/);
    expect(tags.find((t) => t.rel === 'canonical')?.href).toBe('https://didehban.example/centers?province=ir-09&lng=en');
    expect(tags.find((t) => t.hrefLang === 'fa')?.href).toBe('https://didehban.example/centers?province=ir-09');
    expect(tags.find((t) => t.hrefLang === 'en')?.href).toBe('https://didehban.example/centers?province=ir-09&lng=en');
    expect(tags.find((t) => t.hrefLang === 'x-default')?.href).toBe('https://didehban.example/centers?province=ir-09');
  });
});
