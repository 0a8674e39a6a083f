/**
 * Decision 016 on hand-built data: the public centre page, /stats, the staff dashboard and the monthly report show
 * the same figures for the same period — with an item still open past its deadline, a transfer and an appeal — and
 * the small-number rule holds on every one of them. Then the custom range (`?from=…&to=…`, Solar dates) on the
 * dashboard, the monthly report and /stats: a good one is used, a bad one is named per field, never a 5xx.
 * Everything goes through the pages' loaders on a real database.
 */
import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { centers, items } from '../../db/schema';
import { lastDaysRange, MIN_CASES } from '~/domain/figures';
import { dayKey } from '~/domain/stats';
import { solarDateNumeric } from '~/domain/dates';
import { dayNoon } from '~/domain/stats';
import * as centerPage from '~/routes/centers.$id';
import * as dashboardPage from '~/routes/staff.dashboard/route';
import * as dashboardCsv from '~/routes/staff.dashboard[.csv]';
import * as reportPage from '~/routes/staff.reports.monthly';
import * as statsPage from '~/routes/stats';
import { transition } from '~/services/workflow.server';
import { getRequest, routeArgs, run, type CookieJar } from '../support/http';
import { fileFeedback } from '../support/items';
import { signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const P = 'ir-12'; // Golestan: no demo items
const Q = 'ir-13';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date();
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const officer = (provinceId: string) => ({ role: 'province_officer' as const, provinceId });

type Loader = (args: ReturnType<typeof routeArgs>) => unknown;
const getJson = async (route: { loader: unknown }, path: string, jar?: CookieJar, params: Record<string, string> = {}) => {
  const response = await run(() => (route.loader as Loader)(routeArgs(getRequest(path, jar), params)));
  expect(response.status, path).toBe(200);
  return response.json();
};

function file(centerId: number, when: Date) {
  return fileFeedback(db(), { kind: 'complaint', centerId: String(centerId), body: 'متن آزمایشی برای سنجش یکسانی ارقام.', anonymous: 'on', consent: 'on' }, { now: when });
}
function act(id: number, action: Parameters<typeof transition>[2], when: Date, input: Parameters<typeof transition>[4] = {}, actor: Parameters<typeof transition>[3] = officer(P)) {
  const result = transition(db(), id, action, actor, input, when);
  expect(result.ok, `${action} on ${id}`).toBe(true);
}

let X: number; // a centre of P with enough items
let Y: number; // a centre of P with four items: under the rule everywhere
let national: CookieJar;
let manager: CookieJar;

beforeAll(async () => {
  const ofP = db().select().from(centers).where(eq(centers.provinceId, P)).orderBy(asc(centers.id)).all();
  X = ofP[0]!.id;
  Y = ofP[1]!.id;
  // Six answered within a day and rated 2–5 by the citizen.
  for (let i = 0; i < 6; i++) {
    const item = file(X, ago((40 + i) * DAY));
    act(item.id, 'accept', ago((40 + i) * DAY - HOUR));
    act(item.id, 'answer', ago((39 + i) * DAY), { publicMessage: 'پیگیری و انجام شد.' });
    act(item.id, 'confirm', ago((38 + i) * DAY), { rating: 2 + (i % 4) }, { role: 'citizen' });
  }
  // Still open, 60 days after arriving: long past its deadline.
  file(X, ago(60 * DAY));
  // Answered 25 days late, then appealed.
  const late = file(X, ago(80 * DAY));
  act(late.id, 'accept', ago(80 * DAY - HOUR));
  act(late.id, 'answer', ago(45 * DAY), { publicMessage: 'پاسخ دیرهنگام.' });
  act(late.id, 'appeal', ago(44 * DAY), { publicMessage: 'پاسخ کافی نبود.' }, { role: 'citizen' });
  // Transferred to Q and answered there in time: it arrived in P, the answer is Q's, the centre counts it.
  const moved = file(X, ago(20 * DAY));
  act(moved.id, 'transfer', ago(20 * DAY - HOUR), { targetOwnerProvinceId: Q, internalNote: 'مربوط به استان همسایه' });
  act(moved.id, 'accept', ago(20 * DAY - 2 * HOUR), {}, officer(Q));
  act(moved.id, 'answer', ago(19 * DAY), { publicMessage: 'در استان همسایه پاسخ داده شد.' }, officer(Q));
  // Four items at Y, two answered: every figure of Y rests on fewer than 5 cases.
  for (let i = 0; i < 4; i++) {
    const item = file(Y, ago((30 + i) * DAY));
    if (i < 2) {
      act(item.id, 'accept', ago((30 + i) * DAY - HOUR));
      act(item.id, 'answer', ago((29 + i) * DAY), { publicMessage: 'پاسخ.' });
    }
  }
  national = await signInAs('national');
  manager = await signInAs(`manager.${P}`);
});

describe('one definition on every page', () => {
  it('gives the centre the same figures on its public page and on its province’s dashboard', async () => {
    const card = (await getJson(centerPage, `/centers/${X}`, undefined, { id: String(X) })).scorecard;
    expect(card.range).toEqual(lastDaysRange(dayKey(NOW), 365));
    const view = (await getJson(dashboardPage, '/staff/dashboard?period=365', manager)).view;
    const row = view.rows.find((r: { key: string }) => r.key === String(X));
    // 9 received; 8 answers (6 in time, the late one, the transferred one answered in Q in time), 1 open overdue.
    expect(row).toMatchObject({ received: 9, answers: 8, answersInTime: 7, overdueUnanswered: 1, appeals: 1 });
    expect(row.answeredInTime).toEqual({ value: Math.round((7 / 9) * 10_000) / 10_000, cases: 9 });
    expect(row.satisfaction).toEqual({ value: 3.2, cases: 6 }); // (2+3+4+5+2+3)/6 = 3.17
    expect(card.figures).toEqual({
      received: row.received,
      overdueUnanswered: null, // one: a count under 5 is not public (the dashboard shows it to staff)
      answeredInTime: row.answeredInTime,
      medianAnswerDays: row.medianAnswerDays,
      satisfaction: row.satisfaction,
      appealRate: row.appealRate,
    });
  });

  it('gives the province the same figures on /stats, the national dashboard and the monthly report', async () => {
    const stats = (await getJson(statsPage, '/stats?period=365')).stats;
    const dashboard = (await getJson(dashboardPage, '/staff/dashboard?period=365', national)).view;
    const range = dashboard.range as { from: string; to: string };
    const solar = (key: string) => solarDateNumeric(dayNoon(key));
    const report = (await getJson(reportPage, `/staff/reports/monthly?from=${solar(range.from)}&to=${solar(range.to)}`, national)).report;
    expect(stats.range).toEqual(range);
    expect(report.range).toEqual(range);

    const onStats = stats.provinces.find((p: { id: string }) => p.id === P);
    const onDashboard = dashboard.rows.find((r: { key: string }) => r.key === P);
    const onReport = report.byProvince.find((r: { key: string }) => r.key === P);
    // P: 13 received (X's 9 with the transferred one, Y's 4); its own answers: X's 7 and Y's 2; overdue: X's open
    // one and Y's two unanswered (30+ days old). The transferred item's answer is Q's.
    expect(onDashboard).toMatchObject({ received: 13, answers: 9, answersInTime: 8, overdueUnanswered: 3 });
    expect(onDashboard.answeredInTime).toEqual({ value: Math.round((8 / 12) * 10_000) / 10_000, cases: 12 });
    for (const name of ['answeredInTime', 'medianAnswerDays', 'satisfaction', 'appealRate', 'medianFirstResponseDays', 'received', 'answers', 'overdueUnanswered', 'appeals'] as const)
      expect(onReport[name], name).toEqual(onDashboard[name]);
    expect(onStats).toMatchObject({
      received: onDashboard.received,
      overdueUnanswered: null, // 3: a count under 5 is not public
      answeredInTime: onDashboard.answeredInTime,
      satisfaction: onDashboard.satisfaction,
      medianAnswerDays: onDashboard.medianAnswerDays,
    });
    // Q answered the transferred item: one answer in time, too few to show anywhere.
    const q = dashboard.rows.find((r: { key: string }) => r.key === Q);
    expect(q).toMatchObject({ answers: 1, answersInTime: 1, answeredInTime: { value: null, cases: 1 } });
    expect(stats.provinces.find((p: { id: string }) => p.id === Q).answeredInTime).toEqual({ value: null, cases: null });

    // The country's totals agree too.
    for (const name of ['answeredInTime', 'satisfaction', 'medianAnswerDays'] as const) {
      expect(report.totals[name]).toEqual(dashboard.totals[name]);
      expect(stats.country[name]).toEqual(dashboard.totals[name]);
    }
  });

  it('keeps the small-number rule on every page: the centre with four items', async () => {
    const card = (await getJson(centerPage, `/centers/${Y}`, undefined, { id: String(Y) })).scorecard.figures;
    expect(card).toMatchObject({ received: null, answeredInTime: { value: null, cases: null }, satisfaction: { value: null, cases: null } });
    const view = (await getJson(dashboardPage, '/staff/dashboard?period=365', manager)).view;
    const row = view.rows.find((r: { key: string }) => r.key === String(Y));
    // Staff see the counts, never a share on fewer than 5 cases.
    expect(row).toMatchObject({ received: 4, answers: 2, overdueUnanswered: 2, answeredInTime: { value: null, cases: 4 } });
    expect(row.answeredInTime.cases).toBeLessThan(MIN_CASES);
    // The dashboard CSV leaves the hidden share empty and gives its count.
    const csv = await (await run(() => dashboardCsv.loader(routeArgs(getRequest('/staff/dashboard.csv?period=365', manager))))).text();
    const line = csv.split('\r\n').find((l) => l.split(',')[1] === String(Y))!.split(',');
    expect(line.slice(2, 6)).toEqual(['4', '2', '', '4']);
  });
});

describe('a custom range of Solar dates', () => {
  it('is used by the dashboard, the monthly report and /stats, compared with the period before it', async () => {
    const view = (await getJson(dashboardPage, '/staff/dashboard?from=1405-08-01&to=1405-08-30', national)).view;
    expect(view.range).toEqual({ from: '2026-10-23', to: '2026-11-21' });
    expect(view.previousRange).toEqual({ from: '2026-09-23', to: '2026-10-22' });
    expect(view.period).toBeNull();
    const report = (await getJson(reportPage, '/staff/reports/monthly?from=۱۴۰۵/۰۸/۰۱&to=۱۴۰۵/۰۸/۳۰', national)).report;
    expect(report.range).toEqual(view.range);
    expect(report.month).toBeNull();
    const stats = (await getJson(statsPage, '/stats?from=1405-08-01&to=1405-08-30')).stats;
    expect(stats.range).toEqual(view.range);
    expect(stats.previousRange).toEqual(view.previousRange);
  });

  it('answers a bad range with a message per field and the usual period, never an error page', async () => {
    for (const [path, route, jar] of [
      ['/staff/dashboard', dashboardPage, national],
      ['/staff/reports/monthly', reportPage, national],
      ['/stats', statsPage, undefined],
    ] as const) {
      const bad = await getJson(route, `${path}?from=1405-13-40&to=${encodeURIComponent('<script>')}`, jar);
      expect(bad.rangeErrors, path).toEqual({ from: 'invalid', to: 'invalid' });
      expect(bad.rangeInput ?? { from: '1405-13-40' }, path).toMatchObject({ from: '1405-13-40' });
      const reversed = await getJson(route, `${path}?from=1405-08-30&to=1405-08-01`, jar);
      expect(reversed.rangeErrors).toEqual({ to: 'order' });
      const half = await getJson(route, `${path}?from=1405-08-01`, jar);
      expect(half.rangeErrors).toEqual({ to: 'missing' });
      const long = await getJson(route, `${path}?from=${'9'.repeat(5000)}&to=1405-08-01`, jar);
      expect(long.rangeErrors).toEqual({ from: 'invalid' });
    }
    // The dashboard CSV answers the same address with the usual period.
    const csv = await run(() => dashboardCsv.loader(routeArgs(getRequest('/staff/dashboard.csv?from=x&to=y', national))));
    expect(csv.status).toBe(200);
  });
});

describe('the rows the backlog reads', () => {
  it('are the items the definitions name', () => {
    const open = db().select().from(items).where(eq(items.centerId, X)).all().filter((i) => i.answeredAt === null && i.closedAt === null);
    expect(open).toHaveLength(1);
    expect(open[0]!.answerDueAt!.getTime()).toBeLessThan(NOW.getTime());
  });
});
