/**
 * Breakdowns by channel and by area (dashboard, /stats, monthly report) against a hand-built Mehr 1404 in three
 * provinces without demo items (Semnan ir-20, Yazd ir-21, Hormozgan ir-22): every item goes through the real
 * `submitItem` with a chosen channel and area at a chosen time, some are answered in time and one late, and four sit
 * on the month's edges (the first and last instants of Mehr count, the instants either side do not).
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { items } from '../../db/schema';
import { summarySentence } from '~/components/report-summary';
import type { Area } from '~/domain/areas';
import { formatNumber, formatShare } from '~/domain/dates';
import { monthDays } from '~/domain/solar-month';
import type { Channel } from '~/domain/workflow';
import { translator } from '~/i18n/translate';
import { dashboard, publicStats, type BreakdownRow } from '~/models/dashboard.server';
import { transition } from '~/services/workflow.server';
import { monthlyReport } from '~/models/monthly-report.server';
import * as reportCsv from '~/routes/staff.reports.monthly[.csv]';
import * as reportPage from '~/routes/staff.reports.monthly';
import { getRequest, routeArgs, run } from '../support/http';
import { fileFeedback } from '../support/items';
import { signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const MEHR_1404 = { year: 1404, month: 7 };
/** A Tehran wall-clock time as an instant (Tehran is UTC+03:30 all year since 2022). */
const tehran = (local: string) => new Date(`${local}+03:30`);
/** 10:00 in Tehran on the nth day of Mehr 1404 (day 1 is 2025-09-23). */
const mehr = (day: number, hour = 10) => new Date(tehran('2025-09-23T00:00').getTime() + ((day - 1) * 24 + hour) * 3_600_000);

function file(province: string, channel: Channel, area: Area | null, when: Date) {
  const fields = {
    kind: 'complaint',
    provinceId: province,
    area: area ?? 'unknown',
    body: 'متن آزمایشی برای شمارش بازخوردها به تفکیک مسیر و حوزه.',
    anonymous: 'on',
    consent: 'on',
  };
  const actor = channel === 'phone' || channel === 'counter' ? { role: 'call_center_agent' as const } : { role: 'citizen' as const };
  return fileFeedback(db(), fields, { channel, actor, now: when });
}

function answer(id: number, province: string, when: Date) {
  const officer = { role: 'province_officer' as const, provinceId: province };
  expect(transition(db(), id, 'accept', officer, {}, new Date(when.getTime() - 3_600_000)).ok).toBe(true);
  expect(transition(db(), id, 'answer', officer, { publicMessage: 'پاسخ' }, when).ok).toBe(true);
}

const row = (id: number) => db().select().from(items).where(eq(items.id, id)).get()!;
const byKey = (rows: readonly BreakdownRow[]) => Object.fromEntries(rows.map((r) => [r.key, r]));

/**
 * Semnan (ir-20), in Mehr: 7 by phone (4 rehabilitation, 2 other organisations, 1 support on the last evening),
 * 4 on the website (1 social, 2 without an area, 1 participation at the first instant), 1 in person (prevention):
 * 12. Three phone items and one web item are answered in Mehr, one phone item after its deadline.
 * Yazd (ir-21): 2 on the website (rehabilitation, one answered in time), 1 by SMS without an area: 3.
 * Hormozgan (ir-22): 1 from another system (rehabilitation).
 * Outside Mehr: a Semnan phone item at the first instant of Aban, a Semnan web item a minute before Mehr began.
 */
function buildMehr() {
  const p1 = file('ir-20', 'phone', 'rehabilitation', mehr(2));
  const p2 = file('ir-20', 'phone', 'rehabilitation', mehr(3));
  const p3 = file('ir-20', 'phone', 'rehabilitation', mehr(4));
  file('ir-20', 'phone', 'rehabilitation', mehr(6));
  file('ir-20', 'phone', 'other_org', mehr(7));
  file('ir-20', 'phone', 'other_org', mehr(8));
  const w1 = file('ir-20', 'web', 'social', mehr(9));
  file('ir-20', 'web', null, mehr(11));
  file('ir-20', 'web', null, mehr(12));
  file('ir-20', 'counter', 'prevention', mehr(13));
  const lastEvening = file('ir-20', 'phone', 'support', tehran('2025-10-22T23:59'));
  const firstInstant = file('ir-20', 'web', 'participation', tehran('2025-09-23T00:00'));
  const nextMonth = file('ir-20', 'phone', 'support', tehran('2025-10-23T00:00'));
  const monthBefore = file('ir-20', 'web', 'participation', tehran('2025-09-22T23:59'));

  const y1 = file('ir-21', 'web', 'rehabilitation', mehr(5));
  file('ir-21', 'web', 'rehabilitation', mehr(7));
  file('ir-21', 'sms', null, mehr(10));
  file('ir-22', 'api', 'rehabilitation', mehr(15));

  answer(p1.id, 'ir-20', mehr(3));
  answer(p2.id, 'ir-20', mehr(4));
  answer(p3.id, 'ir-20', mehr(28)); // 24 days later: past the 10 working days
  answer(w1.id, 'ir-20', mehr(10));
  answer(y1.id, 'ir-21', mehr(6));
  return { p1, p3, lastEvening, firstInstant, nextMonth, monthBefore };
}

describe('breakdowns by channel and area, against a hand-built month', () => {
  let built: ReturnType<typeof buildMehr>;

  it('builds Mehr 1404 with items on both edges of the month', () => {
    built = buildMehr();
    expect(monthDays(MEHR_1404)).toEqual({ from: '2025-09-23', to: '2025-10-22' });
    expect(row(built.p3.id).answeredAt!.getTime()).toBeGreaterThan(row(built.p3.id).answerDueAt!.getTime()); // really late
    expect(row(built.p1.id).answeredAt!.getTime()).toBeLessThan(row(built.p1.id).answerDueAt!.getTime());
    expect(row(built.lastEvening.id)).toMatchObject({ channel: 'phone', area: 'support', ownerProvinceId: 'ir-20' });
    expect(row(built.monthBefore.id).area).toBe('participation');
  });

  it('reports a province’s month: total, by channel with answers in time, by area with unknown, edges', () => {
    const report = monthlyReport(db(), 'ir-20', MEHR_1404);
    expect(report.range).toEqual({ from: '2025-09-23', to: '2025-10-22' });
    // Decision 016 (deliberate change): answered in time counts the backlog left overdue at the month's end, so the
    // 3 answers in time are out of 4 answers + 8 items overdue unanswered on 30 Mehr, not out of the 4 answers alone.
    expect(report.totals).toMatchObject({ received: 12, answers: 4, answersInTime: 3, overdueUnanswered: 8, answeredInTime: { value: 3 / 12, cases: 12 } });
    expect(report.byProvince).toBeNull();

    // Largest first; every channel listed, unused ones at zero in their fixed order.
    expect(report.byChannel.map((r) => [r.key, r.received])).toEqual([
      ['phone', 7],
      ['web', 4],
      ['counter', 1],
      ['sms', 0],
      ['api', 0],
    ]);
    const channels = byKey(report.byChannel);
    expect(channels.phone).toEqual({ key: 'phone', received: 7, share: 7 / 12, answers: 3, answersInTime: 2, answeredInTimeShare: 2 / 3 });
    expect(channels.web).toMatchObject({ share: 4 / 12, answers: 1, answeredInTimeShare: 1 });
    expect(channels.sms).toMatchObject({ received: 0, share: 0, answeredInTimeShare: null });

    expect(Object.fromEntries(report.byArea.map((r) => [r.key, r.received]))).toEqual({
      rehabilitation: 4,
      other_org: 2,
      '': 2, // no area set
      social: 1,
      prevention: 1,
      participation: 1, // the first instant of Mehr; the minute before it is Shahrivar's
      support: 1, // the last evening of Mehr; the first instant of Aban is Aban's
    });
    expect(byKey(report.byArea).rehabilitation!.share).toBe(4 / 12);
    expect(report.byArea.reduce((sum, r) => sum + (r.share ?? 0), 0)).toBeCloseTo(1);

    // The neighbouring months hold the two items just outside Mehr, and nothing else of Semnan.
    expect(monthlyReport(db(), 'ir-20', { year: 1404, month: 8 }).totals.received).toBe(1);
    expect(byKey(monthlyReport(db(), 'ir-20', { year: 1404, month: 8 }).byArea).support!.received).toBe(1);
    expect(monthlyReport(db(), 'ir-20', { year: 1404, month: 6 }).totals.received).toBe(1);
  });

  it('reports the country’s month with a line per province and the national queue', () => {
    const report = monthlyReport(db(), null, MEHR_1404);
    expect(report.totals).toMatchObject({ received: 16, answers: 5, answersInTime: 4, answeredInTime: { cases: 5 + report.totals.overdueUnanswered } });
    expect(Object.fromEntries(report.byChannel.map((r) => [r.key, r.received]))).toEqual({ phone: 7, web: 6, counter: 1, sms: 1, api: 1 });
    expect(Object.fromEntries(report.byArea.map((r) => [r.key, r.received]))).toMatchObject({ rehabilitation: 7, '': 3, other_org: 2 });
    expect(report.byProvince).toHaveLength(32);
    const provinces = Object.fromEntries(report.byProvince!.map((r) => [r.key, r]));
    // Decision 016: the backlog counts, and a share on fewer than 5 cases is not shown (nor ranked).
    expect(provinces['ir-20']).toMatchObject({ key: 'ir-20', received: 12, answers: 4, answersInTime: 3, answeredInTime: { value: 0.25, cases: 12 } });
    expect(provinces['ir-21']).toMatchObject({ received: 3, answers: 1, answeredInTime: { value: null } });
    expect(provinces['ir-22']).toMatchObject({ received: 1, answers: 0, answeredInTime: { value: null } });
    expect(provinces.national).toMatchObject({ received: 0 });
    // Sorted by performance: the one province with enough cases first, the others after in catalogue order.
    expect(report.byProvince![0]!.key).toBe('ir-20');
    expect(report.byProvince!.at(-1)!.key).toBe('national');
  });

  it('gives the dashboard the same breakdowns over a 30-day period that is exactly Mehr', () => {
    const lastMinute = tehran('2025-10-22T23:59'); // 30 Tehran days back from here is 1 Mehr
    const province = dashboard(db(), 'ir-20', 30, lastMinute);
    expect(province.range).toEqual({ from: '2025-09-23', to: '2025-10-22' });
    expect(province.byChannel).toEqual(monthlyReport(db(), 'ir-20', MEHR_1404).byChannel);
    expect(province.byArea).toEqual(monthlyReport(db(), 'ir-20', MEHR_1404).byArea);
    expect(byKey(province.byChannel).phone!.answeredInTimeShare).toBe(2 / 3);
    expect(province.byChannel.reduce((sum, r) => sum + r.received, 0)).toBe(province.totals.received);

    const country = dashboard(db(), null, 30, lastMinute);
    expect(byKey(country.byChannel).web).toMatchObject({ received: 6, share: 6 / 16, answers: 2, answersInTime: 2 });
    expect(byKey(country.byArea)['']).toMatchObject({ received: 3, share: 3 / 16 });

    // A week: only the last seven days of Mehr (the support item and nothing earlier than 16 Mehr).
    const week = dashboard(db(), 'ir-20', 7, lastMinute);
    expect(week.byChannel.reduce((sum, r) => sum + r.received, 0)).toBe(1);
  });

  it('withholds on /stats every count below 5 with its share, and lists withheld lines last in fixed order', () => {
    const stats = publicStats(db(), 30, tehran('2025-10-22T23:59'));
    expect(stats.byChannel).toEqual([
      { key: 'phone', received: 7, share: 7 / 16 },
      { key: 'web', received: 6, share: 6 / 16 },
      { key: 'counter', received: null, share: null },
      { key: 'sms', received: null, share: null },
      { key: 'api', received: null, share: null },
    ]);
    expect(stats.byArea[0]).toEqual({ key: 'rehabilitation', received: 7, share: 7 / 16 });
    expect(stats.byArea.slice(1).map((r) => r.key)).toEqual(['social', 'prevention', 'participation', 'support', 'other_org', '']);
    expect(stats.byArea.slice(1).every((r) => r.received === null && r.share === null)).toBe(true);
  });

  it('says the month in a sentence in the style of the public report, in Persian and English', () => {
    const report = monthlyReport(db(), null, MEHR_1404);
    const fa = summarySentence(translator('fa'), 'fa', report, 'مهر ۱۴۰۴');
    expect(fa).toContain('در مهر ۱۴۰۴، ۱۶ پیام دریافت شد که ۴۴٪ آن را کارشناسان مرکز تماس ثبت کردند');
    expect(fa).toContain('۶٫۳٪'); // one SMS in 16: a decimal below 10 %
    // Decision 016: answered in time is 4 answers in time of the answers and the items left overdue on 30 Mehr.
    const inTime = report.totals.answeredInTime;
    expect(fa).toContain(`${formatShare(inTime.value!, 'fa')} از ${formatNumber(inTime.cases, 'fa')} مورد`);
    const en = summarySentence(translator('en'), 'en', report, 'Mehr 1404');
    expect(en).toMatch(/^In Mehr 1404, 16 messages were received/);
    // The public report's own month reads as it was published.
    const published = {
      totals: { received: 2081, answers: 0, answeredInTime: { value: null, cases: 0 } },
      byChannel: [
        { key: 'phone', received: 1790, share: 0.86, answers: 0, answersInTime: 0, answeredInTimeShare: null },
        { key: 'web', received: 291, share: 0.14, answers: 0, answersInTime: 0, answeredInTimeShare: null },
      ],
      byArea: [
        { key: 'rehabilitation', received: 1415, share: 0.68, answers: 0, answersInTime: 0, answeredInTimeShare: null },
        { key: 'participation', received: 6, share: 0.003, answers: 0, answersInTime: 0, answeredInTimeShare: null },
      ],
    };
    expect(summarySentence(translator('fa'), 'fa', published, 'مهر ۱۴۰۴')).toMatch(/^در مهر ۱۴۰۴، ۲٬۰۸۱ پیام دریافت شد که ۸۶٪ آن را کارشناسان مرکز تماس ثبت کردند و ۱۴٪ /);
    expect(summarySentence(translator('fa'), 'fa', published, 'مهر ۱۴۰۴')).toContain('۰٫۳٪');
  });

  it('serves the report and its CSV in the asker’s scope: a manager only their province', async () => {
    // Through the login form, with the second factor where the role requires it.
    const signIn = (username: string) => signInAs(username);
    const manager = await signIn('manager.ir-20');
    const csv = await run(() => reportCsv.loader(routeArgs(getRequest('/staff/reports/monthly.csv?month=1404-07&province=ir-21', manager))));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('Content-Disposition')).toContain('didehban-monthly-ir-20-1404-07.csv');
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    // Decision 016: in time 3 of 12 cases (4 answers + 8 overdue), then overdue, ageing, medians, satisfaction, appeals, previous month.
    expect(lines[1]).toMatch(/^total,ir-20,[^,]+,12,1,4,3,0\.25,12,8,(?:[^,]*,){11}1404-07,1404\/07\/01,1404\/07\/30,2025-09-23,2025-10-22$/);
    expect(lines.find((l) => l.startsWith('channel,phone,'))).toMatch(/^channel,phone,[^,]+,7,0\.583,3,2,0\.667,/);
    expect(lines.find((l) => l.startsWith('area,unknown,'))).toMatch(/^area,unknown,[^,]+,2,0\.167,/);
    expect(lines.some((l) => l.startsWith('province,'))).toBe(false);

    const national = await signIn('national');
    const page = await run(() => reportPage.loader(routeArgs(getRequest('/staff/reports/monthly?month=1404-07&province=ir-21', national))));
    const data = (await page.json()) as { province: { id: string }; complete: boolean; months: string[]; report: { totals: { received: number } } };
    expect(data.province.id).toBe('ir-21');
    expect(data.report.totals.received).toBe(3);
    expect(data.complete).toBe(true);
    expect(data.months).toContain('1404-07');
  });
});
