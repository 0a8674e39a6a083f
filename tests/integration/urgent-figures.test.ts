/**
 * Urgent items counted apart (issue 23, "Done when"): /stats, the staff dashboard and its CSV, and the monthly report
 * and its CSV show the urgent items received, answered and answered in time, the same numbers on every page for the
 * same period and scope, under decision 016's small-number rule (the public page withholds counts below 5).
 * Urgent items are made by setting `priority` in the database (marking them is another part of the issue).
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { centers, items } from '../../db/schema';
import { dayKey } from '~/domain/stats';
import { solarDateNumeric } from '~/domain/dates';
import * as dashboardPage from '~/routes/staff.dashboard/route';
import * as dashboardCsv from '~/routes/staff.dashboard[.csv]';
import * as reportPage from '~/routes/staff.reports.monthly';
import * as reportCsv from '~/routes/staff.reports.monthly[.csv]';
import * as statsPage from '~/routes/stats';
import { transition } from '~/services/workflow.server';
import { getRequest, routeArgs, run, type CookieJar } from '../support/http';
import { fileFeedback } from '../support/items';
import { signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const P = 'ir-12'; // Golestan: no demo items
const HOUR = 3_600_000;
const NOW = new Date();
const officer = { role: 'province_officer' as const, provinceId: P };

type Loader = (args: ReturnType<typeof routeArgs>) => unknown;
const load = async (route: { loader: unknown }, path: string, jar?: CookieJar) => {
  const response = await run(() => (route.loader as Loader)(routeArgs(getRequest(path, jar))));
  expect(response.status, path).toBe(200);
  return response;
};

interface Urgent {
  received: number | null;
  answers: number | null;
  answeredInTime: { value: number | null; cases: number | null };
}

let national: CookieJar;
let manager: CookieJar;
const today = dayKey(NOW);
const solarToday = solarDateNumeric(NOW);

function fileUrgent(n: number, centerId: number): number[] {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const item = fileFeedback(db(), { kind: 'complaint', centerId: String(centerId), body: 'سالمندی تنها در خانه مانده و غذا ندارد.', anonymous: 'on', consent: 'on' }, { now: new Date(NOW.getTime() - 3 * HOUR) });
    ids.push(item.id);
  }
  db().update(items).set({ priority: 'urgent' }).where(inArray(items.id, ids)).run();
  return ids;
}

function answer(id: number, when: Date) {
  expect(transition(db(), id, 'accept', officer, {}, when).ok).toBe(true);
  expect(transition(db(), id, 'answer', officer, { publicMessage: 'مددکار اعزام شد.' }, when).ok).toBe(true);
}

beforeAll(async () => {
  const centre = db().select().from(centers).where(eq(centers.provinceId, P)).orderBy(asc(centers.id)).get()!;
  // Seven urgent items: five answered (four by the deadline, one after it, by moving its deadline back), two open.
  const urgent = fileUrgent(7, centre.id);
  for (const id of urgent.slice(0, 5)) answer(id, new Date(NOW.getTime() - 2 * HOUR));
  db().update(items).set({ answerDueAt: new Date(NOW.getTime() - 2.5 * HOUR) }).where(eq(items.id, urgent[4]!)).run();
  // Three ordinary items beside them: in the totals, not in the urgent figures.
  for (let i = 0; i < 3; i++) fileFeedback(db(), { kind: 'complaint', centerId: String(centre.id), body: 'صف نوبت‌دهی طولانی است.', anonymous: 'on', consent: 'on' });
  national = await signInAs('national');
  manager = await signInAs(`manager.${P}`);
});

const WANT = { received: 7, answers: 5, answersInTime: 4, share: 0.8 };

describe('urgent items counted apart', () => {
  it('the dashboard (country and province) and its CSV', async () => {
    for (const [jar, path] of [
      [national, `/staff/dashboard?from=${solarToday}&to=${solarToday}`],
      [manager, `/staff/dashboard?from=${solarToday}&to=${solarToday}`],
    ] as const) {
      const data = (await (await load(dashboardPage, path, jar)).json()) as { view: { totals: { urgent: Urgent & { answersInTime: number }; received: number } } };
      const urgent = data.view.totals.urgent;
      expect(urgent).toMatchObject({ received: WANT.received, answers: WANT.answers, answersInTime: WANT.answersInTime, answeredInTime: { value: WANT.share, cases: 5 } });
      // Inside the total too: the total counts the ordinary items beside them.
      expect(data.view.totals.received).toBeGreaterThanOrEqual(WANT.received + 3);
    }
    const csv = await (await load(dashboardCsv, `/staff/dashboard.csv?province=${P}&from=${solarToday}&to=${solarToday}`, national)).text();
    const line = csv.split(/\r?\n/).find((l) => l.includes(',urgent,'))!;
    expect(line).toBeTruthy();
    expect(line.split(',').slice(1, 6)).toEqual(['urgent', '7', '5', '0.8', '5']);
  });

  it('the monthly report and its CSV', async () => {
    for (const [jar, path] of [
      [national, `/staff/reports/monthly?from=${solarToday}&to=${solarToday}`],
      [manager, `/staff/reports/monthly?from=${solarToday}&to=${solarToday}`],
    ] as const) {
      const data = (await (await load(reportPage, path, jar)).json()) as { report: { totals: { urgent: Urgent & { answersInTime: number } } } };
      expect(data.report.totals.urgent).toMatchObject({ received: 7, answers: 5, answersInTime: 4, answeredInTime: { value: 0.8, cases: 5 } });
    }
    const csv = await (await load(reportCsv, `/staff/reports/monthly.csv?province=${P}&from=${solarToday}&to=${solarToday}`, national)).text();
    const line = csv.split(/\r?\n/).find((l) => l.startsWith('urgent,'))!;
    expect(line.split(',').slice(3, 4)).toEqual(['7']);
    expect(line.split(',').slice(5, 9)).toEqual(['5', '4', '0.8', '5']);
  });

  it('/stats shows them under the small-number rule, agreeing with the staff pages', async () => {
    const stats = (await (await load(statsPage, `/stats?from=${solarToday}&to=${solarToday}`)).json()) as { stats: { country: { urgent: Urgent } } };
    // The country (the demo seeds no urgent items): seven received, five answered, 80 % in time.
    expect(stats.stats.country.urgent).toEqual({ received: 7, answers: 5, answeredInTime: { value: 0.8, cases: 5 } });
  });

  it('below five, the public page withholds the count and the share; staff still see the count', async () => {
    const centre = db().select().from(centers).where(eq(centers.provinceId, 'ir-13')).orderBy(asc(centers.id)).get()!;
    // Move the seven out of today (a fresh period), and file two urgent items in another province today.
    const old = new Date(NOW.getTime() - 400 * 24 * HOUR);
    db().update(items).set({ createdAt: old, answeredAt: old, closedAt: null }).where(eq(items.priority, 'urgent')).run();
    fileUrgent(2, centre.id);
    const stats = (await (await load(statsPage, `/stats?from=${solarToday}&to=${solarToday}`)).json()) as { stats: { country: { urgent: Urgent } } };
    expect(stats.stats.country.urgent).toEqual({ received: null, answers: null, answeredInTime: { value: null, cases: null } });
    const dashboard = (await (await load(dashboardPage, `/staff/dashboard?from=${solarToday}&to=${solarToday}`, national)).json()) as { view: { totals: { urgent: Urgent } } };
    expect(dashboard.view.totals.urgent).toMatchObject({ received: 2, answers: 0, answeredInTime: { value: null, cases: 0 } });
    expect(today).toBe(dayKey(NOW));
  });
});
