/**
 * The monitoring figures against a hand-built month of one province (Golestan, ir-12, which has no demo items):
 * each item's story is played through the real workflow at chosen times, and every figure the dashboard shows is
 * checked against what the stories add up to. Then the aggregate tables are checked against a full count of the
 * items after many random moves (the triggers must never drift).
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { centers, items } from '../../db/schema';
import { medianFromBuckets } from '~/domain/stats';
import { dashboard } from '~/models/dashboard.server';
import { transition } from '~/services/workflow.server';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const PROVINCE = 'ir-12';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Sunday 2026-11-22, 10:00 in Tehran.
const NOW = new Date('2026-11-22T10:00:00+03:30');
const at = (msBefore: number) => new Date(NOW.getTime() - msBefore);
const officer = { role: 'province_officer' as const, provinceId: PROVINCE };

function centresOf(province: string) {
  return db().select().from(centers).where(eq(centers.provinceId, province)).all();
}

function file(kind: 'complaint' | 'suggestion' | 'criticism', when: Date, centerId?: number) {
  return fileFeedback(
    db(),
    { kind, ...(centerId ? { centerId: String(centerId) } : { provinceId: PROVINCE }), body: 'متن آزمایشی برای شمارش آمار ماهانه استان.', anonymous: 'on', consent: 'on' },
    { now: when },
  );
}

function act(id: number, action: Parameters<typeof transition>[2], when: Date, input: Parameters<typeof transition>[4] = {}, actor: Parameters<typeof transition>[3] = officer) {
  const result = transition(db(), id, action, actor, input, when);
  expect(result.ok, `${action} on item ${id}`).toBe(true);
}

const row = (id: number) => db().select().from(items).where(eq(items.id, id)).get()!;

describe('the dashboard of one province, against a hand-built month', () => {
  it('adds up received, answered in time, medians, satisfaction, appeals, open and overdue', () => {
    const [x, y] = centresOf(PROVINCE);
    // A: complaint at centre X; accepted after 2 hours, answered after 1 day, rated 4.
    const a = file('complaint', at(10 * DAY), x!.id);
    act(a.id, 'accept', at(10 * DAY - 2 * HOUR));
    act(a.id, 'answer', at(9 * DAY), { publicMessage: 'پاسخ' });
    act(a.id, 'confirm', at(8 * DAY), { rating: 4 }, { role: 'citizen' });
    // B: suggestion at centre X; accepted after 30 hours, answered after 18 days (late), then appealed.
    const b = file('suggestion', at(20 * DAY), x!.id);
    act(b.id, 'accept', at(20 * DAY - 30 * HOUR));
    act(b.id, 'answer', at(2 * DAY), { publicMessage: 'پاسخ' });
    act(b.id, 'appeal', at(1 * DAY), { publicMessage: 'قانع نشدم' }, { role: 'citizen' });
    // C: criticism without a centre, never touched: overdue now.
    const c = file('criticism', at(6 * DAY));
    // D: complaint at centre Y, 1 hour old.
    file('complaint', at(HOUR), y!.id);
    // E: transferred to Mazandaran after 5 hours: received and first response here, open there.
    const e = file('criticism', at(5 * DAY));
    act(e.id, 'transfer', at(5 * DAY - 5 * HOUR), { targetOwnerProvinceId: 'ir-13', internalNote: 'مربوط به مازندران' });
    // F: rejected with a reason after 6 hours: an answer, in time.
    const f = file('complaint', at(4 * DAY), y!.id);
    act(f.id, 'reject', at(4 * DAY - 6 * HOUR), { publicMessage: 'خارج از وظایف بهزیستی' });
    // G: received 40 days ago, outside a 30-day period but inside 90 days.
    file('suggestion', at(40 * DAY), x!.id);

    expect(row(b.id).answeredAt!.getTime()).toBeGreaterThan(row(b.id).answerDueAt!.getTime()); // B really is late
    expect(row(a.id).answeredAt!.getTime()).toBeLessThan(row(a.id).answerDueAt!.getTime());
    expect(row(c.id).firstResponseDueAt!.getTime()).toBeLessThan(NOW.getTime()); // C really is overdue

    const view = dashboard(db(), PROVINCE, 30, NOW);
    expect(view.totals).toMatchObject({
      received: 6, // A B C D E F
      received24h: 1, // D
      received7d: 4, // C D E F
      received30d: 6,
      answers: 3, // A, B, and F's reasoned rejection
      answersInTime: 2, // B was late
      // Decision 016 (deliberate change): G, 40 days old and never answered, is past its answer deadline now and
      // counts against the province: 2 in time of 3 answers + 1 overdue. Four cases are fewer than 5: not shown.
      overdueUnanswered: 1,
      answeredInTime: { value: null, cases: 4 },
      satisfaction: { value: null, cases: 1 }, // one rating (4): too few to show
      appeals: 1,
      appealRate: { value: null, cases: 3 },
      open: 4, // B appealed, C, D and G routed (E is Mazandaran's now)
      overdue: 3, // now, first response or answer: B (appealed after its answer deadline), C and G
    });
    // Medians, in days, from the duration buckets: answers took 24 h (A), 432 h (B) and 6 h (F): three cases,
    // under the small-number rule, so only the count is shown.
    expect(view.totals.medianAnswerDays).toEqual({ value: null, cases: 3 });
    expect(medianFromBuckets(new Map([[8, 1], [24, 1], [504, 1]]))).toBe(18);
    // First responses: 2 h (A), 30 h (B), 5 h (E), 6 h (F).
    expect(view.totals.medianFirstResponseDays.cases).toBe(4);
    // Ageing at NOW of the province's unanswered items: C (4 working days) and D (today) under 10, G over 20.
    expect(view.totals.ageing['0-10']).toBe(2);
    expect(view.totals.ageing['0-10'] + view.totals.ageing['10-20'] + view.totals.ageing['20-40'] + view.totals.ageing['40+']).toBe(3);

    expect(view.byState).toMatchObject({ appealed: 1, routed: 3, rejected: 1, closed: 1 });
    // Rows per centre (the centre's items wherever handled); the province's own items without a centre under "0".
    const byKey = new Map(view.rows.map((r) => [r.key, r]));
    expect(byKey.get(String(x!.id))).toMatchObject({ received: 2, answers: 2, answersInTime: 1, overdueUnanswered: 1, open: 2, overdue: 2 });
    expect(byKey.get(String(y!.id))).toMatchObject({ received: 2, answers: 1, answersInTime: 1, open: 1 });
    expect(byKey.get('0')).toMatchObject({ received: 2, open: 1, overdue: 1 });
    expect(byKey.get(String(x!.id))!.byState).toEqual({ appealed: 1, routed: 1, closed: 1 }); // B, G, A
    // One overdue item does not tint a row (decision 016: at least 5 and a fifth of the judged cases).
    expect(view.rows.some((r) => r.attention)).toBe(false);

    // The trend has one point per complete day of the period: today's unfinished day is left out (decision 016).
    expect(view.trend).toHaveLength(29);
    expect(view.trend.reduce((sum, p) => sum + p.received, 0)).toBe(5);
    expect(view.trend.at(-1)!.key < view.range.to).toBe(true);

    // The previous 30 days hold G only.
    expect(view.previousRange).toEqual({ from: '2026-09-24', to: '2026-10-23' });
    expect(view.totals.previous).toMatchObject({ received: 1, answers: 0 });

    // 90 days: G counts too, and the trend is drawn per week.
    const quarter = dashboard(db(), PROVINCE, 90, NOW);
    expect(quarter.totals.received).toBe(7);
    expect(quarter.trend.length).toBeLessThanOrEqual(13);
    expect(quarter.trend.reduce((sum, p) => sum + p.received, 0)).toBe(6); // today's D is left out

    // The country view has a row per province plus the national queue; Mazandaran holds E now.
    const country = dashboard(db(), null, 30, NOW);
    expect(country.rows).toHaveLength(32);
    expect(country.rows.find((r) => r.key === PROVINCE)).toMatchObject({ received: 6, answers: 3, open: 4, overdue: 3 });
    expect(country.rows.find((r) => r.key === 'ir-13')).toMatchObject({ open: 1 });
  });

  it('keeps the live counts equal to a full count of the items after many moves', () => {
    const [x] = centresOf('ir-14');
    const ids = Array.from({ length: 30 }, (_, i) => file(i % 2 ? 'complaint' : 'suggestion', at(i * HOUR), i % 3 ? x!.id : undefined).id);
    ids.forEach((id, i) => {
      const who = { role: 'province_officer' as const, provinceId: row(id).ownerProvinceId };
      if (i % 5 === 0) act(id, 'transfer', NOW, { targetOwnerProvinceId: 'ir-15', internalNote: 'انتقال' }, who);
      else if (i % 5 === 1) act(id, 'reject', NOW, { publicMessage: 'رد' }, who);
      else if (i % 5 >= 2) act(id, 'accept', NOW, {}, who);
      if (i % 5 === 3) act(id, 'answer', NOW, { publicMessage: 'پاسخ' }, who);
    });
    const counted = db()
      .select({ owner: sql<string>`coalesce(owner_province_id, 'national')`, center: sql<number>`coalesce(center_id, 0)`, state: items.state, n: sql<number>`count(*)` })
      .from(items)
      .groupBy(sql`1`, sql`2`, sql`3`)
      .all()
      .map((r) => `${r.owner}/${r.center}/${r.state}=${r.n}`)
      .sort();
    const kept = db()
      .all<{ owner: string; center_id: number; state: string; n: number }>(sql`select owner, center_id, state, n from stat_current where n <> 0`)
      .map((r) => `${r.owner}/${r.center_id}/${r.state}=${r.n}`)
      .sort();
    expect(kept).toEqual(counted);
    const received = db().all<{ n: number }>(sql`select sum(received) as n from stat_daily`)[0]!.n;
    expect(received).toBe(db().all<{ n: number }>(sql`select count(*) as n from items`)[0]!.n);
    expectRollupsToMatchTheFineTables();
  });

  it('keeps the day and month rollups equal to the fine tables through submissions, answers, transfers and reclassification', () => {
    const [x] = centresOf('ir-14');
    const ids = Array.from({ length: 12 }, (_, i) => file(i % 2 ? 'complaint' : 'criticism', at(i * 20 * DAY + HOUR), i % 3 ? x!.id : undefined).id);
    ids.forEach((id, i) => {
      const who = { role: 'province_officer' as const, provinceId: row(id).ownerProvinceId };
      act(id, 'accept', NOW, {}, who);
      if (i % 2) act(id, 'answer', NOW, { publicMessage: 'پاسخ' }, who);
      else act(id, 'transfer', NOW, { targetOwnerProvinceId: 'ir-15', internalNote: 'انتقال' }, who);
    });
    // A triage correction moves an old item's "received" to another area and kind (migration 0008).
    db().update(items).set({ area: 'disability', kind: 'suggestion' }).where(eq(items.id, ids[5]!)).run();
    expectRollupsToMatchTheFineTables();
  });
});

/** Every rollup row is the sum of the fine rows it stands for, along each dimension, per day and per month. */
function expectRollupsToMatchTheFineTables() {
  const flowSums = 'sum(received), sum(first_responses), sum(first_in_time), sum(answers), sum(answers_in_time), sum(ratings), sum(rating_sum), sum(appeals)';
  const dimensions = { all: "''", center: 'cast(center_id as text)', channel: 'channel', area: 'area' };
  for (const [grain, period] of [['day', 'day'], ['month', 'substr(day, 1, 7)']] as const) {
    for (const [dimension, value] of Object.entries(dimensions)) {
      const nonZero = `having ${flowSums.replaceAll(', ', ' <> 0 or ')} <> 0`;
      const fine = db().$client.prepare(`select ${period} as p, owner, ${value} as v, ${flowSums} from stat_daily group by 1, 2, 3 ${nonZero} order by 1, 2, 3`).raw().all();
      const rolled = db()
        .$client.prepare(`select period, owner, value, ${flowSums} from stat_flow_rollup where grain = ? and dimension = ? group by 1, 2, 3 ${nonZero} order by 1, 2, 3`)
        .raw()
        .all(grain, dimension);
      expect(rolled, `${dimension} per ${grain}`).toEqual(fine);
      expect(fine.length).toBeGreaterThan(0);
    }
    for (const [dimension, value] of Object.entries({ all: "''", center: 'cast(center_id as text)' })) {
      const fine = db().$client.prepare(`select measure, ${period}, owner, ${value}, bucket_hours, sum(n) from stat_durations group by 1, 2, 3, 4, 5 having sum(n) <> 0 order by 1, 2, 3, 4, 5`).raw().all();
      const rolled = db()
        .$client.prepare('select measure, period, owner, value, bucket_hours, sum(n) from stat_duration_rollup where grain = ? and dimension = ? group by 1, 2, 3, 4, 5 having sum(n) <> 0 order by 1, 2, 3, 4, 5')
        .raw()
        .all(grain, dimension);
      expect(rolled, `durations ${dimension} per ${grain}`).toEqual(fine);
    }
  }
}

describe('"received" on the dashboard (outside review, round 8)', () => {
  it('counts the last 24 hours, 7 and 30 days by the province the items arrived with, transfers or not', () => {
    const [x] = centresOf(PROVINCE);
    const counts = (province: string) => {
      const t = dashboard(db(), province, 30, NOW).totals;
      return { d1: t.received24h, d7: t.received7d, d30: t.received30d };
    };
    const hereBefore = counts(PROVINCE);
    const thereBefore = counts('ir-13');
    const filed = [1, 2, 3, 4, 5].map((m) => file('complaint', at(m * 60_000), x!.id));
    // Two of the five are sent on to another province a minute ago: still received here (decision 016).
    for (const item of filed.slice(0, 2)) act(item.id, 'transfer', at(30_000), { targetOwnerProvinceId: 'ir-13', internalNote: 'مربوط به مازندران' });
    const here = counts(PROVINCE);
    expect({ d1: here.d1 - hereBefore.d1, d7: here.d7 - hereBefore.d7, d30: here.d30 - hereBefore.d30 }).toEqual({ d1: 5, d7: 5, d30: 5 });
    expect(counts('ir-13')).toEqual(thereBefore);
  });
});
