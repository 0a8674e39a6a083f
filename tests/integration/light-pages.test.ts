/**
 * Issue 21 (decision 015): the submission form's page does not grow with the catalogue. It lists the centres of one
 * province or of a search (capped), never all of them; `/feedback/centers` gives the page's script the same choices;
 * a centre chosen before a refusal stays among the choices of the page that answers it.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { centers, items } from '../../db/schema';
import * as feedbackCenters from '~/routes/feedback.centers';
import * as feedbackNew from '~/routes/feedback.new';
import { SEARCH_CHOICES_MAX } from '~/models/center-choices.server';
import { getRequest, postForm, routeArgs, run, solvedChallenge } from '../support/http';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

async function page(search: string) {
  const response = await run(() => feedbackNew.loader(routeArgs(getRequest(`/feedback/new${search}`))));
  expect(response.status).toBe(200);
  return (await response.json()) as { finder: { province: string; q: string; total: number; options: { id: number; label: string; group: string }[] } };
}

const activeIn = (province: string) => db().select().from(centers).where(eq(centers.provinceId, province)).all().filter((c) => c.active);

describe('the submission form’s centre choices', () => {
  it('lists no centre before a province or a search is given (the page does not carry the catalogue)', async () => {
    const { finder } = await page('');
    expect(finder.options).toEqual([]);
    expect(finder.total).toBe(0);
  });

  it('lists exactly the active centres of the province chosen, labelled in the page’s language', async () => {
    const { finder } = await page('?province=ir-23');
    expect(finder.province).toBe('ir-23');
    expect(finder.options.map((o) => o.id).sort()).toEqual(activeIn('ir-23').map((c) => c.id).sort());
    expect(new Set(finder.options.map((o) => o.group))).toEqual(new Set(['تهران']));
    const english = await run(() => feedbackNew.loader(routeArgs(getRequest('/feedback/new?province=ir-23&lng=en'))));
    expect(((await english.json()) as { finder: { options: { group: string }[] } }).finder.options[0]!.group).toBe('Tehran');
  });

  it('finds centres by name across provinces, at most a screenful, and an unknown province is ignored', async () => {
    const { finder } = await page(`?q=${encodeURIComponent('شوق')}&province=ir-99`);
    expect(finder.province).toBe('');
    expect(finder.options.length).toBeGreaterThan(1);
    expect(finder.options.length).toBeLessThanOrEqual(SEARCH_CHOICES_MAX);
    expect(new Set(finder.options.map((o) => o.group)).size).toBeGreaterThan(1);
    // Punctuation only: nothing, rather than everything.
    expect((await page(`?q=${encodeURIComponent('"*')}`)).finder.options).toEqual([]);
  });

  it('gives the page’s script the same choices as JSON', async () => {
    const response = await run(() => feedbackCenters.loader(routeArgs(getRequest('/feedback/centers?province=ir-09'))));
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(await response.json()).toEqual((await page('?province=ir-09')).finder);
  });

  it('keeps the centre chosen among the choices of the page that refuses the form', async () => {
    const chosen = activeIn('ir-09')[0]!;
    const response = await run(() => feedbackNew.action(routeArgs(postForm('/feedback/new', { kind: 'complaint', centerId: String(chosen.id), body: 'کوتاه', consent: 'on', website: '' }))));
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { finder: { options: { id: number }[] } };
    expect(answer.finder.options.some((o) => o.id === chosen.id)).toBe(true);
  });

  it('without JavaScript, "Show centres" posts the form and gets it back whole with the province’s centres, filing nothing (outside review, round 8)', async () => {
    const typed = { kind: 'complaint', subject: 'ساعت کار', body: 'متنی که پیش از انتخاب استان نوشته شد و نباید گم شود.', mobile: '09121112233', email: 'a@example.ir', consent: 'on', website: '' };
    const sum = solvedChallenge();
    const before = db().select().from(items).all().length;
    const response = await run(() => feedbackNew.action(routeArgs(postForm('/feedback/new', { ...typed, ...sum, intent: 'find-centers', province: 'ir-23', q: '' }))));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { errors: Record<string, string>; values: Record<string, string>; finder: { province: string; options: { id: number }[] }; challenge: { token: string }; challengeAnswer: string };
    for (const [name, value] of Object.entries(typed)) if (name !== 'website') expect(answer.values[name], name).toBe(value);
    expect(answer.errors).toEqual({});
    expect(answer.finder.province).toBe('ir-23');
    expect(answer.finder.options.map((o) => o.id).sort()).toEqual(activeIn('ir-23').map((c) => c.id).sort());
    // The same question, its answer kept: the sum is not asked again nor spent.
    expect(answer.challenge.token).toBe(sum.challenge);
    expect(answer.challengeAnswer).toBe(sum.challengeAnswer);
    expect(db().select().from(items).all().length).toBe(before);
    // The same question then files the form.
    const chosen = activeIn('ir-23')[0]!;
    const sent = await run(() => feedbackNew.action(routeArgs(postForm('/feedback/new', { ...typed, ...sum, centerId: String(chosen.id) }))));
    expect(sent.status).toBe(302);
  });

  it('files an item to the finder’s province when no centre and no other province was chosen', async () => {
    const body = 'نمی‌دانم کدام مرکز؛ فقط استان را انتخاب کردم و موضوع را نوشتم.';
    const sent = await run(() => feedbackNew.action(routeArgs(postForm('/feedback/new', { kind: 'complaint', body, anonymous: 'on', consent: 'on', website: '', province: 'ir-09', q: '', ...solvedChallenge() }))));
    expect(sent.status).toBe(302);
    const item = db().select().from(items).where(eq(items.body, body)).get()!;
    expect(item.provinceId).toBe('ir-09');
    expect(item.centerId).toBeNull();
  });

  it('lists a province’s centres in reading order, numbers by value (outside review, round 8)', async () => {
    // Numbered centres, as a large province has them (the demo's Tehran has five).
    const { id: _id, ...model } = activeIn('ir-23')[0]!;
    for (const n of [100, 2, 10, 1]) db().insert(centers).values({ ...model, nameFa: `مرکز شماره ${n}`, nameEn: `Centre No. ${n}` }).run();
    for (const lng of ['fa', 'en'] as const) {
      const response = await run(() => feedbackNew.loader(routeArgs(getRequest(`/feedback/new?province=ir-23&lng=${lng}`))));
      const labels = ((await response.json()) as { finder: { options: { label: string }[] } }).finder.options.map((o) => o.label);
      const numbered = labels.filter((l) => /(شماره|No\.) \d/.test(l)).map((l) => /\d+/.exec(l)![0]);
      expect(numbered, lng).toEqual(['1', '2', '10', '100']);
      expect(labels, lng).toEqual([...labels].sort(new Intl.Collator(lng, { numeric: true }).compare));
    }
  });
});
