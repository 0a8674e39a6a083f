/**
 * The staff inbox (`/staff/inbox`): province scope, filters, Persian-aware search, overdue items, per-state counts
 * and keyset paging, through the real loader on a real SQLite file. Items are filed through the real submission
 * and workflow modules, with submission times chosen by the test.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { centers, items, staffUsers } from '../../db/schema';
import { solarToDayNumber } from '~/domain/calendar';
import { parseDayInput, parseInboxQuery, type InboxCursor } from '~/domain/inbox-query';
import { ITEM_KINDS, type ItemKind, type WorkflowActor } from '~/domain/workflow';
import { inboxPage } from '~/models/inbox.server';
import { type ItemRow } from '~/models/items.server';
import { transition } from '~/services/workflow.server';
import * as staffInbox from '~/routes/staff.inbox/route';
import { CookieJar, getRequest, routeArgs, run } from '../support/http';
import { signInAs } from '../support/staff';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const DAY = 86_400_000;
const HOME = 'ir-09';
const OTHER = 'ir-23';
const OPEN = ['routed', 'in_review', 'awaiting_citizen', 'appealed'];
const AWAITING_STAFF = ['routed', 'in_review', 'appealed'];
const MESSAGE = 'موضوع بررسی شد و نتیجه به اطلاع شما رسید.';

// ---- helpers ---------------------------------------------------------------------------------------------------

interface Row {
  id: number;
  trackingCode: string;
  kind: string;
  state: string;
  centerId: number | null;
  ownerProvinceId: string | null;
  assignedStaffId: number | null;
  assigneeName: string | null;
  dueAt: string | null;
  overdue: boolean;
  createdAt: string;
}

interface InboxData {
  items: Row[];
  counts: Record<string, number>;
  total: number;
  nextHref: string | null;
  firstHref: string | null;
  stateHrefs: Record<string, string>;
  query: { province?: string; center?: number; assignee?: string | number; state?: string; q: string };
  centers: { id: number }[];
  assignees: { id: number }[];
  provinces: { id: string }[];
}


async function inbox(jar: CookieJar, path = '/staff/inbox'): Promise<InboxData> {
  const response = await run(() => staffInbox.loader(routeArgs(getRequest(path, jar))));
  expect(response.status, path).toBe(200);
  return (await response.json()) as InboxData;
}

// The inbox opens on work still to do (issue 24); these tests are about every item, so they ask for all states.
const query = (params: Record<string, string>) => `/staff/inbox?${new URLSearchParams({ all: '1', ...params }).toString()}`;
const ids = (data: InboxData) => data.items.map((i) => i.id);

/** Every row of every page, following the page's own "next page" link; `between` runs after each page. */
async function allPages(jar: CookieJar, path: string, between?: (page: number) => void) {
  const rows: Row[] = [];
  let href: string | null = path;
  for (let page = 1; href; page++) {
    expect(page).toBeLessThan(50);
    const data: InboxData = await inbox(jar, href);
    expect(data.items.length).toBeLessThanOrEqual(25);
    rows.push(...data.items);
    href = data.nextHref;
    between?.(page);
  }
  return rows;
}

function staffId(username: string) {
  return db().select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.username, username)).get()!.id;
}

function centersOf(provinceId: string) {
  return db().select().from(centers).where(eq(centers.provinceId, provinceId)).orderBy(asc(centers.id)).limit(2).all();
}

function file(options: { at: Date; kind?: ItemKind; centerId?: number; provinceId?: string; subject?: string; body?: string }): ItemRow {
  const fields = {
    kind: options.kind ?? 'criticism',
    centerId: options.centerId ? String(options.centerId) : '',
    provinceId: options.provinceId ?? '',
    subject: options.subject ?? '',
    body: options.body ?? 'نوبت مشاوره خانواده چند بار عقب افتاد و کسی خبر نداد.',
    anonymous: 'on',
    consent: 'on',
  };
  return fileFeedback(db(), fields, { now: options.at });
}

function act(itemId: number, action: Parameters<typeof transition>[2], actor: WorkflowActor & { staffId?: number | null }, input: Parameters<typeof transition>[4], at: Date) {
  const result = transition(db(), itemId, action, actor, input, at);
  expect(result.ok, `${action} on ${itemId}`).toBe(true);
}

const rowsOf = (owner: string | null) =>
  db()
    .select()
    .from(items)
    .where(owner === null ? sql`${items.ownerProvinceId} IS NULL` : eq(items.ownerProvinceId, owner))
    .all();

/** The deadline order, computed independently: open items by answer deadline (ties by id), then the rest, newest first. */
function deadlineOrder(rows: ItemRow[]) {
  const open = rows.filter((r) => OPEN.includes(r.state) && r.answerDueAt);
  const rest = rows.filter((r) => !open.includes(r));
  open.sort((a, b) => a.answerDueAt!.getTime() - b.answerDueAt!.getTime() || a.id - b.id);
  rest.sort((a, b) => b.id - a.id);
  return [...open, ...rest].map((r) => r.id);
}

const newestOrder = (rows: ItemRow[]) => [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id).map((r) => r.id);

function isOverdue(r: ItemRow, now: Date) {
  if (!AWAITING_STAFF.includes(r.state)) return false;
  const firstLate = r.firstRespondedAt === null && r.firstResponseDueAt !== null && r.firstResponseDueAt <= now;
  const answerLate = r.answerDueAt !== null && r.answerDueAt <= now;
  return firstLate || answerLate;
}

// ---- data --------------------------------------------------------------------------------------------------------

const now = new Date();
let officer: CookieJar;
let manager: CookieJar;
let otherOfficer: CookieJar;
let national: CookieJar;
let homeCenters: (typeof centers.$inferSelect)[];
let otherCenter: typeof centers.$inferSelect;
const special: Record<string, ItemRow> = {};
const dated: ItemRow[] = [];
const nationalQueue: ItemRow[] = [];

beforeAll(async () => {
  homeCenters = centersOf(HOME);
  otherCenter = centersOf(OTHER)[0]!;
  const officerId = staffId(`officer.${HOME}`);
  const managerId = staffId(`manager.${HOME}`);
  const officerActor = { role: 'province_officer' as const, provinceId: HOME, staffId: officerId };
  const managerActor = { role: 'province_manager' as const, provinceId: HOME, staffId: managerId };

  // 32 items of the home province over the past 40 days, four of them at the very same instant (ties in both
  // orders), in a mix of kinds, centres, states and assignments.
  for (let i = 0; i < 32; i++) {
    const at = new Date(now.getTime() - (i >= 10 && i <= 13 ? 10 : i) * 1.25 * DAY - 60_000);
    const item = file({ at, kind: ITEM_KINDS[i % 4], centerId: homeCenters[i % 2]!.id });
    const later = new Date(at.getTime() + 3_600_000);
    if (i % 5 === 1 || i % 5 === 2 || i % 5 === 3) act(item.id, 'accept', officerActor, {}, later);
    if (i % 5 === 2) act(item.id, 'ask_citizen', officerActor, { publicMessage: MESSAGE }, later);
    if (i % 5 === 3) act(item.id, 'answer', officerActor, { publicMessage: MESSAGE }, later);
    if (i === 3) act(item.id, 'confirm', { role: 'citizen' }, {}, later);
    if (i === 28) act(item.id, 'appeal', { role: 'citizen' }, { publicMessage: 'پاسخ قانع‌کننده نبود و مشکل باقی است.' }, later);
    if (i % 6 === 0) act(item.id, 'assign', managerActor, { assigneeStaffId: officerId }, later);
    if (i % 6 === 4) act(item.id, 'assign', managerActor, { assigneeStaffId: managerId }, later);
  }

  // Words to search for, in Persian spelling, with a ZWNJ word and Persian digits.
  special.search = file({
    at: new Date(now.getTime() - 2 * DAY),
    kind: 'complaint',
    centerId: homeCenters[0]!.id,
    subject: 'پیگیری پرونده کودکان',
    body: 'پرونده ۱۲۳۴۵ کودکان در اداره بهزیستی مانده است و کتاب‌ها هم نرسید.',
  });
  special.other = file({
    at: new Date(now.getTime() - 2 * DAY),
    kind: 'complaint',
    centerId: otherCenter.id,
    subject: 'پیگیری پرونده کودکان',
    body: 'پرونده ۱۲۳۴۵ کودکان در اداره بهزیستی تهران مانده است و کتاب‌ها هم نرسید.',
  });
  for (let i = 0; i < 4; i++) file({ at: new Date(now.getTime() - i * DAY), kind: 'suggestion', centerId: otherCenter.id });

  // Around 1 Farvardin 1404 (21 March 2025, Tehran UTC+03:30): the last and first instants of each day.
  for (const at of ['2025-03-20T20:29:59.999Z', '2025-03-20T20:30:00.000Z', '2025-03-21T20:29:59.999Z', '2025-03-21T20:30:00.000Z']) {
    dated.push(file({ at: new Date(at), kind: 'appreciation', centerId: homeCenters[1]!.id }));
  }

  for (let i = 0; i < 3; i++) nationalQueue.push(file({ at: new Date(now.getTime() - i * DAY), kind: 'suggestion', provinceId: 'national' }));

  officer = await signInAs(`officer.${HOME}`);
  manager = await signInAs(`manager.${HOME}`);
  otherOfficer = await signInAs(`officer.${OTHER}`);
  national = await signInAs('national');
});

// ---- scope -------------------------------------------------------------------------------------------------------

describe('the province scope', () => {
  it("shows an officer every item of their province and nothing of another's", async () => {
    const rows = await allPages(officer, '/staff/inbox?all=1');
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(rowsOf(HOME).map((r) => r.id).sort((a, b) => a - b));
    expect(rows.every((r) => r.ownerProvinceId === HOME)).toBe(true);
  });

  it('cannot be widened by a province, centre, colleague or search that belongs to another province', async () => {
    const theirs = new Set(rowsOf(OTHER).map((r) => r.id));
    const foreignStaff = staffId(`officer.${OTHER}`);
    const paths = [
      query({ province: OTHER }),
      query({ province: 'national' }),
      query({ center: String(otherCenter.id) }),
      query({ assignee: String(foreignStaff) }),
      query({ q: special.other!.trackingCode }),
      query({ q: 'تهران' }),
    ];
    for (const path of paths) {
      const data = await inbox(officer, path);
      expect(ids(data).filter((id) => theirs.has(id)), path).toEqual([]);
      expect(data.items.every((r) => r.ownerProvinceId === HOME), path).toBe(true);
    }
    // A filter the officer is not offered is ignored, not applied.
    expect((await inbox(officer, query({ province: OTHER }))).query.province).toBeUndefined();
    expect((await inbox(officer, query({ center: String(otherCenter.id) }))).query.center).toBeUndefined();
    expect((await inbox(officer, query({ q: special.other!.trackingCode }))).items).toEqual([]);
  });

  it('cannot be crossed by a tampered cursor', async () => {
    const mine = new Set(rowsOf(OTHER).map((r) => r.id));
    for (const after of ['n.0', '0.0', `${special.search!.answerDueAt!.getTime()}.${special.search!.id - 1}`, '9999999999999.999999999']) {
      for (const sort of ['deadline', 'newest']) {
        const data = await inbox(otherOfficer, query({ sort, after }));
        expect(data.items.every((r) => mine.has(r.id)), `${sort} ${after}`).toBe(true);
      }
    }
  });

  it('shows the national supervisor every item, and one province or the national queue on request', async () => {
    const rows = await allPages(national, '/staff/inbox?all=1&sort=newest');
    const all = db().select({ id: items.id }).from(items).all();
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(all.map((r) => r.id).sort((a, b) => a - b));

    const home = await allPages(national, query({ province: HOME }));
    expect(home.map((r) => r.id).sort((a, b) => a - b)).toEqual(rowsOf(HOME).map((r) => r.id).sort((a, b) => a - b));

    const queue = await inbox(national, query({ province: 'national' }));
    expect(ids(queue).sort((a, b) => a - b)).toEqual(nationalQueue.map((r) => r.id).sort((a, b) => a - b));
    expect(queue.items.every((r) => r.ownerProvinceId === null)).toBe(true);
    expect(queue.total).toBe(3);
  });

  it("offers the national supervisor a province's centres only once a province is chosen", async () => {
    const everywhere = await inbox(national, query({ center: String(homeCenters[0]!.id) }));
    expect(everywhere.centers).toEqual([]);
    expect(everywhere.query.center).toBeUndefined();

    const chosen = await inbox(national, query({ province: HOME, center: String(homeCenters[0]!.id) }));
    expect(chosen.centers.map((c) => c.id)).toContain(homeCenters[0]!.id);
    expect(chosen.items.length).toBeGreaterThan(0);
    expect(chosen.items.every((r) => r.centerId === homeCenters[0]!.id && r.ownerProvinceId === HOME)).toBe(true);
    expect(chosen.total).toBe(rowsOf(HOME).filter((r) => r.centerId === homeCenters[0]!.id).length);
  });
});

// ---- filters -----------------------------------------------------------------------------------------------------

describe('the filters', () => {
  const home = () => rowsOf(HOME);
  const sorted = (list: number[]) => [...list].sort((a, b) => a - b);

  it('narrow by state, kind and centre, alone and together', async () => {
    const cases: [Record<string, string>, (r: ItemRow) => boolean][] = [
      [{ state: 'in_review' }, (r) => r.state === 'in_review'],
      [{ state: 'awaiting_citizen' }, (r) => r.state === 'awaiting_citizen'],
      [{ kind: 'complaint' }, (r) => r.kind === 'complaint'],
      [{ center: String(homeCenters[1]!.id) }, (r) => r.centerId === homeCenters[1]!.id],
      [{ state: 'routed', kind: 'criticism', center: String(homeCenters[0]!.id) }, (r) => r.state === 'routed' && r.kind === 'criticism' && r.centerId === homeCenters[0]!.id],
    ];
    for (const [params, keep] of cases) {
      const rows = await allPages(officer, query(params));
      const expected = home().filter(keep).map((r) => r.id);
      expect(expected.length, JSON.stringify(params)).toBeGreaterThan(0);
      expect(sorted(rows.map((r) => r.id)), JSON.stringify(params)).toEqual(sorted(expected));
    }
  });

  it('narrow by assignee: me, unassigned, or a named colleague of the province', async () => {
    const officerId = staffId(`officer.${HOME}`);
    const managerId = staffId(`manager.${HOME}`);
    const mine = await allPages(officer, query({ assignee: 'me' }));
    expect(sorted(mine.map((r) => r.id))).toEqual(sorted(home().filter((r) => r.assignedStaffId === officerId).map((r) => r.id)));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r) => r.assigneeName !== null)).toBe(true);

    const nobody = await allPages(officer, query({ assignee: 'none' }));
    expect(sorted(nobody.map((r) => r.id))).toEqual(sorted(home().filter((r) => r.assignedStaffId === null).map((r) => r.id)));

    const managers = await inbox(manager, '/staff/inbox?all=1');
    expect(managers.assignees.map((a) => a.id)).toContain(officerId);
    const named = await allPages(manager, query({ assignee: String(officerId) }));
    expect(sorted(named.map((r) => r.id))).toEqual(sorted(mine.map((r) => r.id)));
    const managersOwn = await allPages(manager, query({ assignee: 'me' }));
    expect(sorted(managersOwn.map((r) => r.id))).toEqual(sorted(home().filter((r) => r.assignedStaffId === managerId).map((r) => r.id)));
  });

  it('narrow by received date typed as Solar Hijri in Persian or Latin digits, or as Gregorian ISO', async () => {
    const firstOfFarvardin = [dated[1]!.id, dated[2]!.id];
    for (const day of ['۱۴۰۴/۰۱/۰۱', '1404/1/1', '۱۴۰۴-۰۱-۰۱', '2025-03-21']) {
      const data = await inbox(officer, query({ from: day, to: day }));
      expect(sorted(ids(data)), day).toEqual(firstOfFarvardin);
    }
    const fromNowruz = await allPages(officer, query({ from: '1404/01/01', to: '۱۴۰۴/۰۱/۰۲' }));
    expect(sorted(fromNowruz.map((r) => r.id))).toEqual([dated[1]!.id, dated[2]!.id, dated[3]!.id]);
    const untilEve = await allPages(officer, query({ to: '1403/12/30' }));
    expect(untilEve.map((r) => r.id)).toEqual([dated[0]!.id]);
    const since = await allPages(officer, query({ from: '2025-03-22' }));
    expect(sorted(since.map((r) => r.id))).toEqual(sorted(home().filter((r) => r.createdAt >= new Date('2025-03-21T20:30:00Z')).map((r) => r.id)));
  });

  it('ignore a date that does not exist or cannot be read', async () => {
    const everything = (await inbox(officer, '/staff/inbox?all=1')).total;
    for (const day of ['1404/07/31', '1404/12/30', '2025-02-30', 'دیروز', '<b>1404</b>', '1404/01']) {
      const data = await inbox(officer, query({ from: day, to: day }));
      expect(data.total, day).toBe(everything);
    }
  });

  it('list overdue items: waiting for staff with the first-response or answer deadline passed', async () => {
    const rows = await allPages(officer, query({ overdue: '1' }));
    const at = new Date();
    const expected = home().filter((r) => isOverdue(r, at));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.some((r) => r.state === 'appealed')).toBe(true);
    expect(sorted(rows.map((r) => r.id))).toEqual(sorted(expected.map((r) => r.id)));
    expect(rows.every((r) => r.overdue)).toBe(true);

    // Every row of the full list carries the same flag.
    const flags = new Map((await allPages(officer, '/staff/inbox?all=1')).map((r) => [r.id, r.overdue]));
    for (const r of home()) expect(flags.get(r.id), `item ${r.id} in ${r.state}`).toBe(isOverdue(r, at));
    // An item waiting for the citizen, answered or closed is never overdue, however old.
    expect(home().some((r) => ['awaiting_citizen', 'answered', 'closed'].includes(r.state) && r.answerDueAt! < at)).toBe(true);
  });

  it('turn an item overdue exactly at its deadline', () => {
    const actor = { role: 'province_officer' as const, provinceId: HOME };
    const fresh = file({ at: new Date(now.getTime() - 1000), centerId: homeCenters[0]!.id });
    const flag = (at: Date) => inboxPage(db(), actor, { overdue: false }, { now: at, limit: 500 }).items.find((r) => r.id === fresh.id)!.overdue;
    const listed = (at: Date) => inboxPage(db(), actor, { overdue: true }, { now: at, limit: 500 }).items.some((r) => r.id === fresh.id);
    const firstDue = fresh.firstResponseDueAt!.getTime();
    expect(flag(new Date(firstDue - 1))).toBe(false);
    expect(listed(new Date(firstDue - 1))).toBe(false);
    expect(flag(new Date(firstDue))).toBe(true);
    expect(listed(new Date(firstDue))).toBe(true);

    // A first response stops the first clock; the answer clock still runs.
    act(fresh.id, 'accept', { ...actor, staffId: null }, {}, new Date(now.getTime()));
    expect(flag(new Date(firstDue + 1))).toBe(false);
    const answerDue = fresh.answerDueAt!.getTime();
    expect(flag(new Date(answerDue - 1))).toBe(false);
    expect(flag(new Date(answerDue))).toBe(true);
    expect(listed(new Date(answerDue))).toBe(true);

    // Waiting for the citizen: no longer on staff, so not overdue.
    act(fresh.id, 'ask_citizen', { ...actor, staffId: null }, { publicMessage: MESSAGE }, new Date(now.getTime() + 1));
    expect(flag(new Date(answerDue + DAY))).toBe(false);
  });

  it('are ignored when unknown or malformed, never an error', async () => {
    // Compared with the default list (work still to do): noise changes nothing.
    const plain = await inbox(officer, '/staff/inbox');
    const noise = await inbox(
      officer,
      '/staff/inbox?state=bogus&kind=%3Cscript%3E&center=abc&assignee=-1&overdue=yes&sort=up&after=zzz&from=x&to=&province=ir-99&utm=1&state=routed&center=99999999',
    );
    expect(noise.total).toBe(plain.total);
    expect(ids(noise)).toEqual(ids(plain));
    const odd = await inbox(officer, '/staff/inbox?after=1.2.3&assignee=99999999999999&center=0&q=%00');
    expect(odd.total).toBe(plain.total);
  });
});

// ---- search ------------------------------------------------------------------------------------------------------

describe('the search', () => {
  it('finds the same items whether typed with Arabic or Persian ye and kaf, Persian, Arabic or Latin digits, with or without ZWNJ', async () => {
    const persian = await inbox(officer, query({ q: 'کودکان بهزیستی' }));
    expect(ids(persian)).toEqual([special.search!.id]);
    for (const q of ['كودكان بهزيستي', 'کودکان ۱۲۳۴۵', 'کودکان ١٢٣٤٥', 'کودکان 12345', 'كتاب‌ها', 'کتابها', 'کتاب ها', 'پيگيري']) {
      expect(ids(await inbox(officer, query({ q }))), q).toEqual([special.search!.id]);
    }
  });

  it('finds an item by its tracking code, in Latin or Persian digits, grouped or not', async () => {
    const code = special.search!.trackingCode;
    const persianGrouped = code.replace(/(\d{4})(?=\d)/g, '$1 ').replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    for (const q of [code, persianGrouped, code.replace(/(\d{4})(?=\d)/g, '$1-')]) {
      expect(ids(await inbox(officer, query({ q }))), q).toEqual([special.search!.id]);
    }
  });

  it('keeps the other filters and the scope', async () => {
    const both = [special.search!.id, special.other!.id].sort((a, b) => a - b);
    expect(ids(await inbox(national, query({ q: 'کودکان ۱۲۳۴۵' }))).sort((a, b) => a - b)).toEqual(both);
    expect(ids(await inbox(national, query({ q: 'کودکان ۱۲۳۴۵', province: OTHER })))).toEqual([special.other!.id]);
    expect(ids(await inbox(officer, query({ q: 'کودکان', kind: 'suggestion' })))).toEqual([]);
  });

  it('is harmless with markup, query syntax and 1,000 characters', async () => {
    const attempts = [
      '<script>alert(1)</script>',
      '"کودکان" OR *',
      'NEAR(a b) AND body:x ^ - ( ) "',
      '***',
      `${'کودکان '.repeat(150)}`.slice(0, 1000),
      'ا'.repeat(1000),
    ];
    for (const q of attempts) {
      const data = await inbox(officer, query({ q }));
      expect(data.query.q.length, q.slice(0, 20)).toBeLessThanOrEqual(200);
      expect(data.items.every((r) => r.ownerProvinceId === HOME)).toBe(true);
    }
    // Nothing searchable left: nothing matches, rather than everything.
    expect((await inbox(officer, query({ q: '***' }))).total).toBe(0);
    expect(ids(await inbox(officer, query({ q: `${'کودکان '.repeat(150)}` })))).toEqual([special.search!.id]);
  });
});

// ---- counts and paging -------------------------------------------------------------------------------------------

describe('the counts per state', () => {
  it('match the scope, ignore the state filter, and link to that state', async () => {
    const expected: Record<string, number> = {};
    for (const r of rowsOf(HOME)) expected[r.state] = (expected[r.state] ?? 0) + 1;
    const plain = await inbox(officer, '/staff/inbox?all=1');
    expect(plain.counts).toEqual(expected);
    expect(plain.total).toBe(rowsOf(HOME).length);

    const filtered = await inbox(officer, query({ state: 'in_review' }));
    expect(filtered.counts).toEqual(expected);
    expect(filtered.total).toBe(expected.in_review);

    const link = plain.stateHrefs.answered!;
    expect(new URL(link, 'http://x').searchParams.get('state')).toBe('answered');
    expect((await inbox(officer, link)).total).toBe(expected.answered);
  });

  it('on the default (to-do) inbox count every state of the scope, closed and rejected too (outside review, round 8)', async () => {
    const expected: Record<string, number> = {};
    for (const r of rowsOf(HOME)) expected[r.state] = (expected[r.state] ?? 0) + 1;
    expect(expected.closed, 'the fixture has closed items').toBeGreaterThan(0);
    const todo = await inbox(officer, '/staff/inbox');
    // No false zeros: "closed 0" while the closed tab lists them.
    expect(todo.counts).toEqual(expected);
    expect(todo.total).toBeLessThan(rowsOf(HOME).length);
    expect((await inbox(officer, todo.stateHrefs.closed!)).total).toBe(todo.counts.closed);
  });

  it('follow the other filters', async () => {
    const data = await inbox(officer, query({ kind: 'suggestion', state: 'routed' }));
    const expected: Record<string, number> = {};
    for (const r of rowsOf(HOME).filter((r) => r.kind === 'suggestion')) expected[r.state] = (expected[r.state] ?? 0) + 1;
    expect(data.counts).toEqual(expected);
    // The state links keep the other filters.
    expect(new URL(data.stateHrefs.in_review!, 'http://x').searchParams.get('kind')).toBe('suggestion');
  });
});

describe('the pages', () => {
  it('list every item once, in deadline order (open items soonest first, the rest after them, newest first), 25 a page', async () => {
    const rows = await allPages(officer, '/staff/inbox?all=1&sort=deadline');
    expect(rows.length).toBeGreaterThan(25);
    expect(rows.map((r) => r.id)).toEqual(deadlineOrder(rowsOf(HOME)));
    // Closed and answered items show no deadline; open ones do.
    for (const r of rows) expect(r.dueAt === null, `${r.id} ${r.state}`).toBe(!OPEN.includes(r.state));
  });

  it('list every item once, newest first', async () => {
    const rows = await allPages(officer, '/staff/inbox?all=1&sort=newest');
    expect(rows.map((r) => r.id)).toEqual(newestOrder(rowsOf(HOME)));
  });

  it('keep the filters in the next-page link', async () => {
    const first = await inbox(national, query({ sort: 'newest', kind: 'criticism' }));
    const next = new URL(first.nextHref ?? '/staff/inbox?kind=criticism&sort=newest&after=x', 'http://x').searchParams;
    expect(next.get('kind')).toBe('criticism');
    expect(next.get('sort')).toBe('newest');
  });

  it('stay stable when new items arrive between pages: no repeats, none skipped', async () => {
    for (const sort of ['deadline', 'newest']) {
      const before = rowsOf(HOME);
      const arrived: number[] = [];
      const rows = await allPages(officer, `/staff/inbox?all=1&sort=${sort}`, () => {
        for (let i = 0; i < 3; i++) arrived.push(file({ at: new Date(), centerId: homeCenters[i % 2]!.id }).id);
      });
      const seen = rows.map((r) => r.id);
      expect(new Set(seen).size, sort).toBe(seen.length);
      for (const r of before) expect(seen, `${sort}: item ${r.id}`).toContain(r.id);
      const expectedOrder = sort === 'deadline' ? deadlineOrder(before) : newestOrder(before);
      expect(seen.filter((id) => !arrived.includes(id)), sort).toEqual(expectedOrder);
    }
  });

  it('cross from the open items to the rest without a gap, at any page size', () => {
    const actor = { role: 'province_officer' as const, provinceId: HOME };
    for (const sort of ['deadline', 'newest'] as const) {
      for (const limit of [1, 4, 7]) {
        const seen: number[] = [];
        let after: InboxCursor | undefined;
        for (let page = 0; page < 500; page++) {
          const result = inboxPage(db(), actor, {}, { sort, limit, after });
          seen.push(...result.items.map((r) => r.id));
          if (!result.next) break;
          after = result.next;
        }
        const rows = rowsOf(HOME);
        expect(seen, `${sort} ${limit}`).toEqual(sort === 'deadline' ? deadlineOrder(rows) : newestOrder(rows));
      }
    }
  });

  it('offer a link back to the first page once past it', async () => {
    const first = await inbox(officer, '/staff/inbox?all=1');
    expect(first.firstHref).toBeNull();
    const second = await inbox(officer, first.nextHref!);
    expect(second.firstHref).toBe('/staff/inbox?all=1');
  });
});

// ---- the domain pieces ------------------------------------------------------------------------------------------

describe('reading Solar Hijri dates through Intl', () => {
  it('maps known days, leap days and the calendar edges', () => {
    const key = (n: number | null) => (n === null ? null : new Date(n * DAY).toISOString().slice(0, 10));
    expect(key(solarToDayNumber(1404, 1, 1))).toBe('2025-03-21');
    expect(key(solarToDayNumber(1403, 12, 30))).toBe('2025-03-20');
    expect(key(solarToDayNumber(1404, 6, 31))).toBe('2025-09-22');
    expect(key(solarToDayNumber(1404, 7, 1))).toBe('2025-09-23');
    expect(solarToDayNumber(1404, 12, 30)).toBeNull();
    expect(solarToDayNumber(1404, 7, 31)).toBeNull();
  });

  it('reads what people type', () => {
    expect(parseDayInput('۱۴۰۴/۰۸/۳۰').day).toBe('2025-11-21');
    expect(parseDayInput(' 1404.8.30 ').day).toBe('2025-11-21');
    expect(parseDayInput('2025-11-21').day).toBe('2025-11-21');
    expect(parseDayInput('2025/02/29').day).toBeNull();
    expect(parseDayInput('1299/01/01').day).toBeNull();
    expect(parseDayInput('').day).toBeNull();
  });

  it('parses the address leniently', () => {
    const parsed = parseInboxQuery(new URLSearchParams('state=closed&kind=nope&overdue=1&assignee=۱۲&after=n.5&sort=newest'));
    expect(parsed).toMatchObject({ state: 'closed', kind: undefined, overdue: true, assignee: 12, sort: 'newest', after: undefined });
    expect(parseInboxQuery(new URLSearchParams('sort=deadline&after=n.5')).after).toEqual({ key: null, id: 5 });
  });
});
