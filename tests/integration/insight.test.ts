/**
 * The insight pages of issue 25 against a hand-built month of one province (Golestan, ir-12, which has no demo
 * items): each item's story is played through the real workflow door at chosen times in the last complete Solar
 * month, and the comparison, the hotspots, the underserved split and the centre's month are checked against what
 * the stories add up to — through the pages' loaders, signed in as a national supervisor and as province managers.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, centers, items, organizations } from '../../db/schema';
import { startOfTehranDay } from '~/domain/calendar';
import { answeredInTime, EMPTY_TALLY, medianDays } from '~/domain/figures';
import { compareRows, findHotspots, type CompareRow } from '~/domain/insight';
import { lastCompleteMonth, monthDays, monthKey } from '~/domain/solar-month';
import { setCenterUnderserved } from '~/models/catalog-admin.server';
import { dashboard } from '~/models/dashboard.server';
import { itemFacts, windowOf } from '~/models/insight.server';
import { transition } from '~/services/workflow.server';
import * as compareRoute from '~/routes/staff.dashboard_.compare/route';
import * as hotspotsRoute from '~/routes/staff.dashboard_.hotspots/route';
import * as monthRoute from '~/routes/staff.centers.$id.month/route';
import { getRequest, routeArgs, run, type CookieJar } from '../support/http';
import { fileFeedback } from '../support/items';
import { signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const PROVINCE = 'ir-12';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONTH = lastCompleteMonth(new Date());
// Ten in the morning of the month's second day: every story below ends within the month's first week.
const T0 = startOfTehranDay(monthDays(MONTH).from).getTime() + DAY + 10 * HOUR;
const at = (after: number) => new Date(T0 + after);
const officer = { role: 'province_officer' as const, provinceId: PROVINCE };
const national = { role: 'national_supervisor' as const, provinceId: null };

function act(id: number, action: Parameters<typeof transition>[2], when: Date, input: Parameters<typeof transition>[4] = {}, actor: Parameters<typeof transition>[3] = officer) {
  const result = transition(db(), id, action, actor, input, when);
  expect(result.ok, `${action} on item ${id}`).toBe(true);
}

function file(fields: { kind?: string; centerId?: number; province?: string; body: string }, when: Date, channel: 'web' | 'phone' = 'web') {
  const { centerId, province, kind = 'complaint', body } = fields;
  return fileFeedback(
    db(),
    { kind, ...(centerId ? { centerId: String(centerId) } : { provinceId: province ?? PROVINCE }), body, anonymous: 'on', consent: 'on' },
    { now: when, channel, ...(channel === 'phone' ? { actor: { role: 'call_center_agent' as const } } : {}) },
  );
}

const centresOf = (province: string) => db().select().from(centers).where(eq(centers.provinceId, province)).all();

let x: typeof centers.$inferSelect;
let y: typeof centers.$inferSelect;
let z: typeof centers.$inferSelect;
const ids: Record<string, number> = {};
let nationalJar: CookieJar;
let managerJar: CookieJar;
let otherManagerJar: CookieJar;

async function load<T>(loader: (args: ReturnType<typeof routeArgs>) => unknown, path: string, jar: CookieJar, params: Record<string, string> = {}): Promise<{ status: number; data: T }> {
  const response = await run(() => loader(routeArgs(getRequest(path, jar), params)));
  return { status: response.status, data: response.status === 200 ? ((await response.json()) as T) : (undefined as T) };
}

beforeAll(async () => {
  [x, y] = centresOf(PROVINCE) as [typeof x, typeof y];
  [z] = centresOf('ir-13') as [typeof z];
  expect(setCenterUnderserved(db(), 1, x.id, true)).toEqual({ ok: true });
  const organization = db().select().from(organizations).limit(1).get()!;

  // Centre X (underserved): four items about appointments ("نوبت"), each with other words of its own.
  const a1 = file({ centerId: x.id, body: 'نوبت فیزیوتراپی پسرم سه بار لغو شد.' }, at(0));
  act(a1.id, 'accept', at(HOUR));
  act(a1.id, 'answer', at(DAY), { publicMessage: 'نوبت تازه برای هفته آینده ثبت شد.' });
  act(a1.id, 'confirm', at(DAY + HOUR), { rating: 5 }, { role: 'citizen' });
  const a2 = file({ centerId: x.id, body: 'برای گرفتن نوبت گفتاردرمانی ساعت‌ها پشت تلفن ماندم.' }, at(HOUR));
  act(a2.id, 'accept', at(2 * HOUR));
  act(a2.id, 'answer', at(DAY), { publicMessage: 'خط نوبت‌دهی تلفنی تقویت شد.' });
  act(a2.id, 'appeal', at(2 * DAY), { publicMessage: 'هنوز کسی جواب نمی‌دهد.' }, { role: 'citizen' });
  act(a2.id, 'reopen', at(3 * DAY), {}, national); // the appeal upheld
  const a3 = file({ centerId: x.id, body: 'سامانه نوبت اینترنتی همیشه خطا می‌دهد.' }, at(2 * HOUR));
  act(a3.id, 'reject', at(5 * HOUR), { publicMessage: 'سامانه نوبت در اختیار شهرداری است.' });
  const a4 = file({ centerId: x.id, body: 'نوبت ویزیت مددکار را بدون خبر جابه‌جا کردند.' }, at(3 * HOUR)); // never touched
  // Two more at X, marked duplicates of a1's twin b0 (the group: b0 and its two duplicates).
  const b0 = file({ centerId: x.id, body: 'آسانسور ساختمان خراب است.' }, at(4 * HOUR));
  const d1 = file({ centerId: x.id, body: 'آسانسور کار نمی‌کند و مادرم ویلچری است.' }, at(5 * HOUR));
  const d2 = file({ centerId: x.id, body: 'هفته‌هاست آسانسور تعمیر نشده.' }, at(6 * HOUR));
  act(d1.id, 'mark_duplicate', at(7 * HOUR), { originalItemId: b0.id });
  act(d2.id, 'mark_duplicate', at(7 * HOUR), { originalItemId: b0.id });
  // Centre Y (not underserved): a phone suggestion redirected, and a complaint answered and rated 2.
  const c1 = file({ kind: 'suggestion', centerId: y.id, body: 'پیشنهاد درباره بیمه تکمیلی.' }, at(HOUR), 'phone');
  act(c1.id, 'redirect', at(3 * HOUR), { organizationId: organization.id, publicMessage: 'بیمه با سازمان تأمین اجتماعی است.' });
  const c2 = file({ centerId: y.id, body: 'برخورد نگهبان مناسب نبود.' }, at(2 * HOUR));
  act(c2.id, 'accept', at(3 * HOUR));
  act(c2.id, 'answer', at(2 * DAY), { publicMessage: 'با نگهبان صحبت شد.' });
  act(c2.id, 'confirm', at(2 * DAY + HOUR), { rating: 2 }, { role: 'citizen' });
  // Mazandaran: one item at its centre Z (another province's data, never on Golestan's pages).
  const m1 = file({ centerId: z.id, body: 'نوبت فیزیوتراپی در ساری هم لغو شد.' }, at(HOUR));
  Object.assign(ids, { a1: a1.id, a2: a2.id, a3: a3.id, a4: a4.id, b0: b0.id, d1: d1.id, d2: d2.id, c1: c1.id, c2: c2.id, m1: m1.id });

  nationalJar = await signInAs('national');
  managerJar = await signInAs('manager.ir-12');
  otherManagerJar = await signInAs('manager.ir-13');
});

const row = (id: number) => db().select().from(items).where(eq(items.id, id)).get()!;

describe('the figures of a province, from its hand-built month', () => {
  it("adds decision 016's figures up from the items: answers in time against the backlog left, appeals, outcomes", () => {
    expect(row(ids.a4!).answerDueAt!.getTime()).toBeLessThan(Date.now()); // a4 really is past its deadline
    const window = windowOf(monthDays(MONTH), new Date());
    const facts = itemFacts(db(), { owner: PROVINCE }, window);
    const { total } = compareRows(facts, 'kind', window, (owner) => owner === PROVINCE);
    expect(total.received).toBe(9);
    // How the nine stand now: a2 is back in review after its appeal was upheld, so open again.
    expect(row(ids.a2!).state).toBe('in_review');
    expect(total.outcomes).toEqual({ answered: 2, redirected: 1, rejected: 1, duplicate: 2, open: 3, closed: 0 });
    // Answers in the month: a1, a2, c2, a3's rejection and c1's redirection, all by the deadline. Left overdue
    // unanswered at the month's end: a4, b0 and its two duplicates (they wait for b0's answer) → 5 of 9.
    expect(total).toMatchObject({ answers: 5, answersInTime: 5, overdueUnanswered: 4, appeals: 1 });
    expect(total.answeredInTime).toEqual(answeredInTime({ ...EMPTY_TALLY, answers: 5, answersInTime: 5, overdueUnanswered: 4 }));
    expect(total.answeredInTime).toEqual({ value: 0.5556, cases: 9 });
    // One appeal of five answers; its one decision (upheld) is too few to show as a share.
    expect(total.appealRate).toEqual({ value: 0.2, cases: 5 });
    expect(total.upheld).toEqual({ value: null, cases: 1 });
    // Two ratings (5 and 2): the average is withheld below five cases.
    expect(total.satisfaction).toEqual({ value: null, cases: 2 });
    // Durations: a3 3 h, c1 2 h, a1 24 h, a2 23 h, c2 46 h — the same buckets and median as the dashboard's.
    expect(total.medianAnswerDays).toEqual(medianDays(new Map([[2, 1], [4, 1], [24, 2], [48, 1]])));
  });

  it('compares by kind, channel and underserved centres through the page, counts beside every share', async () => {
    type Rows = { rows: (CompareRow & { key: string })[]; total: CompareRow };
    const byKind = await load<Rows>(compareRoute.loader, '/staff/dashboard/compare?by=kind&period=90', managerJar);
    expect(byKind.status).toBe(200);
    const kinds = new Map(byKind.data.rows.map((r) => [r.key, r]));
    expect(kinds.get('complaint')).toMatchObject({ received: 8 });
    expect(kinds.get('suggestion')).toMatchObject({ received: 1, answeredInTime: { value: null, cases: 1 } });
    expect(kinds.get('criticism')).toMatchObject({ received: 0 });

    const byChannel = await load<Rows>(compareRoute.loader, '/staff/dashboard/compare?by=channel&period=90', managerJar);
    expect(byChannel.data.rows.find((r) => r.key === 'phone')).toMatchObject({ received: 1, answers: 1, outcomes: { redirected: 1 } });

    const split = await load<Rows>(compareRoute.loader, '/staff/dashboard/compare?by=underserved&period=90', managerJar);
    const underserved = split.data.rows.find((r) => r.key === 'underserved')!;
    const other = split.data.rows.find((r) => r.key === 'other')!;
    expect(underserved).toMatchObject({ received: 7, answers: 3, overdueUnanswered: 4, outcomes: { answered: 1, rejected: 1, duplicate: 2, open: 3 } });
    expect(underserved.answeredInTime).toEqual({ value: 0.4286, cases: 7 });
    expect(other).toMatchObject({ received: 2, answeredInTime: { value: null, cases: 2 } });

    // The same split as a filter: only the other centres' items.
    const others = await load<Rows>(compareRoute.loader, '/staff/dashboard/compare?by=kind&period=90&centres=other', managerJar);
    expect(others.data.total.received).toBe(2);
  });

  it("agrees with the dashboard over the same custom range (the month, typed as Solar dates)", async () => {
    const range = monthDays(MONTH);
    const solar = (key: string) => new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(`${key}T12:00:00+03:30`));
    const typed = (key: string) => {
      const [m, d, y] = solar(key).replace(/ AP$/, '').split('/');
      return `${y}/${m}/${d}`;
    };
    const page = await load<{ total: CompareRow; range: { from: string; to: string }; rangeErrors: object }>(
      compareRoute.loader,
      `/staff/dashboard/compare?by=kind&${new URLSearchParams({ from: typed(range.from), to: typed(range.to) })}`,
      managerJar,
    );
    expect(page.data.rangeErrors).toEqual({});
    expect(page.data.range).toEqual(range);
    const view = dashboard(db(), PROVINCE, range, new Date());
    for (const name of ['received', 'answers', 'answersInTime', 'overdueUnanswered', 'appeals', 'answeredInTime', 'satisfaction', 'appealRate', 'medianAnswerDays'] as const) {
      expect(page.data.total[name], name).toEqual(view.totals[name]);
    }
    // A refused date is said under its field, and the preset is shown.
    const refused = await load<{ rangeErrors: Record<string, string>; query: { period: number } }>(compareRoute.loader, '/staff/dashboard/compare?from=1405/13/40&to=', managerJar);
    expect(refused.data.rangeErrors).toEqual({ from: 'invalid', to: 'missing' });
  });

  it('shows a national supervisor every province, a manager only their own whatever the address asks', async () => {
    const country = await load<{ rows: { key: string; received: number }[]; query: { by: string } }>(compareRoute.loader, '/staff/dashboard/compare?period=90', nationalJar);
    expect(country.data.query.by).toBe('province');
    expect(country.data.rows).toHaveLength(32); // 31 provinces and the national queue
    expect(country.data.rows.find((r) => r.key === PROVINCE)).toMatchObject({ received: 9 });
    expect(country.data.rows.find((r) => r.key === 'ir-13')!.received).toBeGreaterThanOrEqual(1);

    const asked = await load<{ owner: string; total: { received: number }; options: string[] }>(compareRoute.loader, '/staff/dashboard/compare?period=90&province=ir-13&by=province', managerJar);
    expect(asked.data.owner).toBe(PROVINCE);
    expect(asked.data.total.received).toBe(9);
    expect(asked.data.options).not.toContain('province');
  });
});

describe('hotspots', () => {
  it('groups similar items of one centre and duplicates with their original, each linked to its items', async () => {
    const page = await load<{ hotspots: { type: string; centerId: number; word: string | null; originalId: number | null; items: number; open: number; underserved: boolean }[] }>(
      hotspotsRoute.loader,
      '/staff/dashboard/hotspots?period=90',
      managerJar,
    );
    expect(page.status).toBe(200);
    const topic = page.data.hotspots.find((h) => h.type === 'topic')!;
    expect(topic).toMatchObject({ centerId: x.id, word: 'نوبت', items: 4, open: 2, underserved: true }); // a2 (reopened) and a4
    const duplicates = page.data.hotspots.find((h) => h.type === 'duplicates')!;
    expect(duplicates).toMatchObject({ centerId: x.id, originalId: ids.b0, items: 3 });
    // Nothing of Mazandaran's (its one item about "نوبت" is not Golestan's), and nothing under three items.
    expect(page.data.hotspots).toHaveLength(2);

    // Only the other centres: no hotspot left.
    const others = await load<{ hotspots: unknown[] }>(hotspotsRoute.loader, '/staff/dashboard/hotspots?period=90&centres=other', managerJar);
    expect(others.data.hotspots).toEqual([]);
  });

  it('counts each item in one topic at most, the word most items share first', () => {
    const item = (id: number, text: string) => ({ id, owner: PROVINCE, centerId: 1, underserved: false, createdAt: id, open: true, duplicateOf: null, text });
    const spots = findHotspots([
      item(1, 'نوبت فیزیوتراپی لغو شد'),
      item(2, 'نوبت فیزیوتراپی دیر است'),
      item(3, 'نوبت فیزیوتراپی نداریم'),
      item(4, 'فیزیوتراپی تعطیل است'),
      item(5, 'نوبت گفتاردرمانی'),
    ]);
    expect(spots.map((s) => [s.word, s.items])).toEqual([['فیزیوتراپی', 4]]); // the remaining "نوبت" item is alone
  });
});

describe("a centre's month", () => {
  const path = (id: number | string, month = monthKey(MONTH)) => `/staff/centers/${id}/month?month=${month}`;

  it('adds up counts, in-time share, ratings, topics and the public replies', async () => {
    const page = await load<{
      figures: CompareRow;
      ratings: number[];
      topics: { word: string | null; items: number }[];
      replies: { replies: { itemId: number; action: string; message: string }[]; total: number };
      centre: { underserved: boolean };
    }>(monthRoute.loader, path(x.id), managerJar, { id: String(x.id) });
    expect(page.status).toBe(200);
    expect(page.data.centre.underserved).toBe(true);
    expect(page.data.figures.received).toBe(7);
    expect(page.data.figures.outcomes).toMatchObject({ answered: 1, rejected: 1, duplicate: 2, open: 3 });
    expect(page.data.figures).toMatchObject({ answers: 3, overdueUnanswered: 4, answeredInTime: { value: 0.4286, cases: 7 } });
    expect(page.data.ratings).toEqual([0, 0, 0, 0, 1]);
    expect(page.data.topics.map((t) => [t.word, t.items])).toEqual(expect.arrayContaining([['نوبت', 4]]));
    // Replies: a1's and a2's answers and a3's rejection — not the copies mirrored onto duplicates, not the citizen's appeal.
    expect(page.data.replies.total).toBe(3);
    expect(page.data.replies.replies.map((r) => r.action).sort()).toEqual(['answer', 'answer', 'reject']);
    expect(page.data.replies.replies.map((r) => r.itemId)).not.toContain(ids.d1);
  });

  it("gives a manager 404 for another province's centre (never its data), and the national supervisor every centre", async () => {
    const elsewhere = await load(monthRoute.loader, path(z.id), managerJar, { id: String(z.id) });
    expect(elsewhere.status).toBe(404);
    const ownCentre = await load(monthRoute.loader, path(z.id), otherManagerJar, { id: String(z.id) });
    expect(ownCentre.status).toBe(200);
    const fromAbove = await load<{ figures: { received: number } }>(monthRoute.loader, path(y.id), nationalJar, { id: String(y.id) });
    expect(fromAbove.data.figures.received).toBe(2);
  });
});

describe('the underserved flag', () => {
  it('is audited when set or cleared, and setting it again records nothing', () => {
    const before = db().select().from(auditLog).where(eq(auditLog.entityId, String(y.id))).all().length;
    expect(setCenterUnderserved(db(), 1, y.id, true)).toEqual({ ok: true });
    expect(setCenterUnderserved(db(), 1, y.id, true)).toEqual({ ok: true });
    expect(setCenterUnderserved(db(), 1, y.id, false)).toEqual({ ok: true });
    const entries = db().select().from(auditLog).where(eq(auditLog.entityId, String(y.id))).all().slice(before);
    expect(entries.map((e) => [e.action, e.before, e.after])).toEqual([
      ['center.mark_underserved', '{"underserved":false}', '{"underserved":true}'],
      ['center.unmark_underserved', '{"underserved":true}', '{"underserved":false}'],
    ]);
    expect(setCenterUnderserved(db(), 1, 999_999, true)).toMatchObject({ ok: false });
  });
});

describe('an original transferred away (outside review, round 8)', () => {
  it('is still counted where it passed through, but neither linked nor counted open for the province it left', async () => {
    const before = await load<{ hotspots: { type: string; open: number }[] }>(hotspotsRoute.loader, '/staff/dashboard/hotspots?period=90', managerJar);
    const openBefore = before.data.hotspots.find((h) => h.type === 'duplicates')!.open;
    act(ids.b0!, 'transfer', new Date(), { targetOwnerProvinceId: 'ir-13', internalNote: 'مربوط به مازندران' });
    const response = await run(() => hotspotsRoute.loader(routeArgs(getRequest('/staff/dashboard/hotspots?period=90', managerJar))));
    const data = (await response.json()) as { hotspots: { type: string; originalId: number | null; open: number; owner: string }[] };
    const group = data.hotspots.find((h) => h.type === 'duplicates')!;
    // Before: the group's three open items; after the transfer this province holds none of them open.
    expect(openBefore).toBe(3);
    expect(group.open).toBe(0);
    // The card's link to the original is the page's, drawn only where the viewer holds it: checked on the rendered page.
    expect(group.owner).toBe('ir-13');
  });
});
