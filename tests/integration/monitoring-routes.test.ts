/**
 * The monitoring pages and exports as staff and citizens reach them: who sees which scope, the CSV files (BOM,
 * Persian headers, Solar and ISO dates, no personal data), and the public /stats with its small-count suppression.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { centers } from '../../db/schema';
import * as dashboardPage from '~/routes/staff.dashboard/route';
import * as dashboardCsv from '~/routes/staff.dashboard[.csv]';
import * as inboxCsv from '~/routes/staff.inbox[.csv]';
import * as statsPage from '~/routes/stats';
import { CookieJar, getRequest, routeArgs, run } from '../support/http';
import { signInAs } from '../support/staff';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();


type Loader = (args: ReturnType<typeof routeArgs>) => unknown;
const get = (route: { loader: unknown }, path: string, jar?: CookieJar) => run(() => (route.loader as Loader)(routeArgs(getRequest(path, jar))));

function file(province: string, body: string, mobile = '09121234567') {
  const center = db().select().from(centers).where(eq(centers.provinceId, province)).get()!;
  return fileFeedback(db(), { kind: 'complaint', centerId: String(center.id), body, mobile, name: 'مریم احمدی', consent: 'on' });
}

/** Rows of a CSV body (no quoted line breaks in these files). */
const csvRows = (text: string) => text.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((line) => line.split(','));

describe('the dashboard page', () => {
  it('shows a manager their own province only, whatever the address asks for', async () => {
    file('ir-16', 'بازخورد آزمایشی برای داشبورد استان');
    const manager = await signInAs('manager.ir-16');
    const own = await (await get(dashboardPage, '/staff/dashboard?province=ir-09', manager)).json();
    expect(own.view.scope.provinceId).toBe('ir-16');
    expect(own.view.totals.received).toBeGreaterThanOrEqual(1);
    expect(own.view.rows.every((r: { key: string }) => r.key === '0' || own.names[r.key])).toBe(true); // rows are ir-16's centres
  });

  it('shows a national supervisor the country, and one province on request; a bad period falls back to 30 days', async () => {
    const national = await signInAs('national');
    const country = await (await get(dashboardPage, '/staff/dashboard?period=12&measure=<x>', national)).json();
    expect(country.view.scope.provinceId).toBeNull();
    expect(country.period).toBe(30);
    expect(country.measure).toBe('answeredInTime');
    expect(country.view.rows).toHaveLength(32);
    const one = await (await get(dashboardPage, '/staff/dashboard?province=IR-16&period=90', national)).json();
    expect(one.view.scope.provinceId).toBe('ir-16');
    expect(one.period).toBe(90);
    const unknown = await (await get(dashboardPage, '/staff/dashboard?province=ir-99', national)).json();
    expect(unknown.view.scope.provinceId).toBeNull();
  });

  it('exports the table as CSV with a BOM and Persian headers', async () => {
    const national = await signInAs('national');
    const response = await get(dashboardCsv, '/staff/dashboard.csv', national);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="didehban-dashboard-iran-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the byte-order mark Excel needs for Persian
    const rows = csvRows(new TextDecoder().decode(bytes));
    expect(rows[0]![0]).toBe('استان');
    expect(rows).toHaveLength(34); // header + 31 provinces + the national queue + urgent items counted apart (issue 23)
    expect(rows.at(-1)![1]).toBe('urgent');
    const provinceRow = rows.find((r) => r[1] === 'ir-16')!;
    expect(provinceRow[2]).toMatch(/^\d+$/); // received, as a plain number (decision 016: the period's columns first)
    expect(rows[0]).toContain('هم‌اکنون: ارجاع به استان'); // a column per state
    expect(provinceRow.at(-4)).toMatch(/^14\d\d\/\d\d\/\d\d$/); // the period in the Solar calendar, then ISO
    expect(provinceRow.at(-1)).toMatch(/^\d{4}-\d\d-\d\d$/);
  });
});

describe('the inbox as CSV', () => {
  it('holds the province’s filtered items with Solar and ISO dates, and no personal data', async () => {
    const mine = file('ir-17', '=HYPERLINK("http://evil.example") متن شخصی شهروند', '09351112233');
    const theirs = file('ir-18', 'بازخورد استانی دیگر درباره ساعت کار مرکز');
    const officer = await signInAs('officer.ir-17');
    const response = await get(inboxCsv, '/staff/inbox.csv?state=routed', officer);
    expect(response.status).toBe(200);
    const text = await response.text();
    const rows = csvRows(text);
    expect(rows[0]).toContain('کد رهگیری');
    const codes = rows.slice(1).map((r) => r[0]);
    expect(codes).toContain(mine.trackingCode);
    expect(codes).not.toContain(theirs.trackingCode);
    const row = rows.find((r) => r[0] === mine.trackingCode)!;
    expect(row).toContain('شکایت');
    expect(row.some((cell) => /^14\d\d\/\d\d\/\d\d$/.test(cell))).toBe(true);
    expect(row.some((cell) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(cell))).toBe(true);
    // Nothing personal: no text, no mobile, no name.
    expect(text).not.toContain('متن شخصی');
    expect(text).not.toContain('HYPERLINK');
    expect(text).not.toContain('3511122');
    expect(text).not.toContain('مریم');
  });
});

describe('the public /stats', () => {
  it('shows totals, hiding every figure that rests on fewer than five items', async () => {
    const response = await get(statsPage, '/stats?period=30');
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=300');
    const { stats } = await response.json();
    expect(stats.period).toBe(30);
    expect(stats.provinces).toHaveLength(31);
    // ir-19 gets four items: too few to show; a fifth makes the count public, but not yet a share (no answers).
    for (let i = 0; i < 4; i++) file('ir-19', `بازخورد شماره ${i} برای آمار عمومی`);
    const four = (await (await get(statsPage, '/stats?period=30')).json()).stats.provinces.find((p: { id: string }) => p.id === 'ir-19');
    // Decision 016: every count and figure under the one small-number rule, counts of cases hidden too.
    expect(four).toMatchObject({ received: null, answeredInTime: { value: null, cases: null }, medianAnswerDays: { value: null }, satisfaction: { value: null } });
    file('ir-19', 'بازخورد پنجم برای آمار عمومی استان');
    const five = (await (await get(statsPage, '/stats?period=30')).json()).stats.provinces.find((p: { id: string }) => p.id === 'ir-19');
    expect(five).toMatchObject({ received: 5, answeredInTime: { value: null }, satisfaction: { value: null } });
    // The public figures carry no text, code or contact of any item.
    const text = JSON.stringify((await (await get(statsPage, '/stats?period=30')).json()).stats);
    expect(text).not.toMatch(/\d{12}|0912|بازخورد پنجم/);
  });
});
