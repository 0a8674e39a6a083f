/**
 * The inbox of issue 24, through the real loaders and actions on a real SQLite file: it opens on work still to do
 * (mine first, then unassigned, then the rest, by deadline), `all=1` shows every state, it filters by area, service
 * and channel; saved views (own, shared by a manager, another province's); bulk actions, each through the workflow
 * door with its refusals; the CSV's new columns.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { centers, itemEvents, items, savedViews, services, staffUsers } from '../../db/schema';
import { TERMINAL_STATES } from '~/domain/workflow';
import { translator } from '~/i18n/translate';
import { type ItemRow } from '~/models/items.server';
import { transition } from '~/services/workflow.server';
import * as inboxCsv from '~/routes/staff.inbox[.csv]';
import { CookieJar, getRequest, routeArgs, run } from '../support/http';
import { bulk, inboxData, postView } from '../support/inbox';
import { fileFeedback } from '../support/items';
import { csrfOf, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const HOME = 'ir-09';
const OTHER = 'ir-23';
const DAY = 86_400_000;

interface Row {
  id: number;
  state: string;
  assignedStaffId: number | null;
  ownerProvinceId: string | null;
  version: number;
}
interface Data {
  items: Row[];
  total: number;
  todo: number;
  all: number;
  nextHref: string | null;
  query: { kind?: string; area?: string; service?: number; channel?: string; all: boolean; view?: number };
  views: { id: number; name: string; shared: boolean; own: boolean }[];
}

let officer: CookieJar;
let manager: CookieJar;
let otherOfficer: CookieJar;
let officerId = 0;
let managerId = 0;
let center = 0;

const staffId = (username: string) => db().select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.username, username)).get()!.id;
const fresh = (id: number) => db().select().from(items).where(eq(items.id, id)).get()!;
const picked = (...rows: ItemRow[]) => rows.map((r) => `${r.id}.${fresh(r.id).version}`);
const MANAGER = () => ({ role: 'province_manager' as const, provinceId: HOME, staffId: managerId });

function file(fields: Record<string, string> = {}, options: Parameters<typeof fileFeedback>[2] = {}): ItemRow {
  return fileFeedback(db(), { kind: 'complaint', centerId: String(center), body: 'صف نوبت‌دهی مرکز بسیار طولانی است.', mobile: '09121234567', consent: 'on', ...fields }, options);
}

/** Every page of the list, following its own next-page link. */
async function everyRow(jar: CookieJar, path: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (let href: string | null = path, n = 0; href && n < 40; n++) {
    const { data }: { data: Data } = await inboxData<Data>(jar, href);
    rows.push(...data.items);
    href = data.nextHref;
  }
  return rows;
}

beforeAll(async () => {
  officer = await signInAs(`officer.${HOME}`);
  manager = await signInAs(`manager.${HOME}`);
  otherOfficer = await signInAs(`officer.${OTHER}`);
  officerId = staffId(`officer.${HOME}`);
  managerId = staffId(`manager.${HOME}`);
  center = db().select().from(centers).where(eq(centers.provinceId, HOME)).get()!.id;
});

describe('the inbox opens on work still to do', () => {
  it('leaves out closed, rejected and redirected items; orders mine, then unassigned, then the rest, each by deadline', async () => {
    const base = Date.now() + 30 * DAY;
    const made = Array.from({ length: 9 }, () => file());
    // Deadlines in an order unlike the ids, so the test sees the order rather than the filing sequence.
    made.forEach((item, n) => db().update(items).set({ answerDueAt: new Date(base - ((n * 7) % 9) * DAY) }).where(eq(items.id, item.id)).run());
    for (const item of made.slice(0, 3)) expect(transition(db(), item.id, 'assign', MANAGER(), { assigneeStaffId: officerId }).ok).toBe(true);
    for (const item of made.slice(3, 5)) expect(transition(db(), item.id, 'assign', MANAGER(), { assigneeStaffId: managerId }).ok).toBe(true);
    expect(transition(db(), made[5]!.id, 'reject', MANAGER(), { publicMessage: 'خارج از حوزه بهزیستی است.' }).ok).toBe(true);

    const rows = await everyRow(officer, '/staff/inbox');
    expect(rows.some((r) => (TERMINAL_STATES as readonly string[]).includes(r.state))).toBe(false);
    expect(rows.map((r) => r.id)).not.toContain(made[5]!.id);
    // The expected order from the database itself: group (mine 0, nobody 1, someone else 2), deadline, id.
    const open = db().select().from(items).where(and(eq(items.ownerProvinceId, HOME), inArray(items.state, ['submitted', 'routed', 'in_review', 'awaiting_citizen', 'answered', 'appealed']))).all();
    const group = (r: ItemRow) => (r.assignedStaffId === officerId ? 0 : r.assignedStaffId === null ? 1 : 2);
    const due = (r: ItemRow) => (['routed', 'in_review', 'awaiting_citizen', 'appealed'].includes(r.state) && r.answerDueAt ? r.answerDueAt.getTime() : Number.MAX_SAFE_INTEGER);
    const expected = [...open].sort((a, b) => group(a) - group(b) || due(a) - due(b) || a.id - b.id).map((r) => r.id);
    expect(rows.map((r) => r.id)).toEqual(expected);
    // Mine first: the three assigned to this officer lead the list.
    expect(rows.slice(0, 3).map((r) => r.id).sort()).toEqual(made.slice(0, 3).map((r) => r.id).sort());

    // One link shows everything, the rejected item too; the counts say how many each way.
    const { data } = await inboxData<Data>(officer, '/staff/inbox');
    const { data: everything } = await inboxData<Data>(officer, '/staff/inbox?all=1');
    expect(data.total).toBe(rows.length);
    expect(data.todo).toBe(rows.length);
    expect(everything.total).toBe(everything.all);
    expect(everything.total).toBeGreaterThan(data.total);
    expect((await everyRow(officer, '/staff/inbox?all=1')).map((r) => r.id)).toContain(made[5]!.id);
    // A chosen state is shown whatever it is.
    expect((await everyRow(officer, '/staff/inbox?state=rejected')).map((r) => r.id)).toContain(made[5]!.id);
  });

  it('filters by area, service and channel (with `all=1` or not), ignoring unknown values', async () => {
    const service = db().select().from(services).where(eq(services.active, true)).get()!;
    const social = file({ area: 'social' });
    const serviced = file({ serviceId: String(service.id) });
    const phoned = file({}, { channel: 'phone' });
    const ids = async (path: string) => (await everyRow(officer, path)).map((r) => r.id);
    expect(await ids('/staff/inbox?area=social')).toContain(social.id);
    expect(await ids('/staff/inbox?area=social')).not.toContain(serviced.id);
    expect((await everyRow(officer, '/staff/inbox?area=social')).length).toBe(
      db().select().from(items).where(and(eq(items.ownerProvinceId, HOME), eq(items.area, 'social'), inArray(items.state, ['routed', 'in_review', 'awaiting_citizen', 'answered', 'appealed']))).all().length,
    );
    expect(await ids(`/staff/inbox?service=${service.id}`)).toEqual([serviced.id]);
    const byPhone = await ids('/staff/inbox?channel=phone&all=1');
    expect(byPhone).toContain(phoned.id);
    expect(byPhone).not.toContain(social.id);
    expect(await ids('/staff/inbox?area=unknown')).toContain(phoned.id);
    expect(await ids('/staff/inbox?area=unknown')).not.toContain(social.id);
    // Unknown values are no filter (a bookmark never breaks).
    const { data: plain } = await inboxData<Data>(officer, '/staff/inbox');
    const { data: noise } = await inboxData<Data>(officer, '/staff/inbox?area=%3Cb%3E&service=99999999&channel=fax');
    expect(noise.total).toBe(plain.total);
    expect([noise.query.area, noise.query.service, noise.query.channel]).toEqual([undefined, undefined, undefined]);
  });
});

describe('saved views', () => {
  it('saves the list under a name, opens it again by id, and refuses a missing name with a field message', async () => {
    const csrf = await csrfOf(officer);
    const saved = await postView(officer, { csrf, intent: 'save', name: 'شکایت‌های تلفنی', query: '?kind=complaint&channel=phone&all=1&after=9.9', shared: 'on' });
    expect(saved.status).toBe(302);
    const id = Number(new URL(saved.headers.get('Location')!, 'http://x').searchParams.get('view'));
    const row = db().select().from(savedViews).where(eq(savedViews.id, id)).get()!;
    // An officer cannot share; the cursor is never part of a view.
    expect(row).toMatchObject({ ownerStaffId: officerId, shared: false, query: 'kind=complaint&channel=phone&all=1' });
    const { data } = await inboxData<Data>(officer, `/staff/inbox?view=${id}`);
    expect(data.query).toMatchObject({ kind: 'complaint', channel: 'phone', all: true, view: id });
    expect(data.views.find((v) => v.id === id)).toMatchObject({ name: 'شکایت‌های تلفنی', own: true });

    const refused = await postView(officer, { csrf, intent: 'save', name: '   ', query: 'kind=complaint' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: Record<string, string> }).errors.name).toBe('views.nameRequired');
  });

  it("shares a manager's view with the province only; another province's staff neither see nor open it", async () => {
    const saved = await postView(manager, { csrf: await csrfOf(manager), intent: 'save', name: 'عقب‌افتاده‌های استان', query: 'overdue=1', shared: 'on' });
    const id = Number(new URL(saved.headers.get('Location')!, 'http://x').searchParams.get('view'));
    expect(db().select().from(savedViews).where(eq(savedViews.id, id)).get()!.shared).toBe(true);

    const { data: colleague } = await inboxData<Data>(officer, `/staff/inbox?view=${id}`);
    expect(colleague.views.find((v) => v.id === id)).toMatchObject({ shared: true, own: false });
    expect(colleague.query).toMatchObject({ view: id });

    const { data: stranger, text } = await inboxData<Data>(otherOfficer, `/staff/inbox?view=${id}`);
    expect(stranger.views.map((v) => v.id)).not.toContain(id);
    expect(stranger.query.view).toBeUndefined();
    expect(text).not.toContain('عقب‌افتاده‌های استان');

    // Only the owner removes a view; a colleague's attempt changes nothing.
    await postView(officer, { csrf: await csrfOf(officer), intent: 'delete', id: String(id) });
    expect(db().select().from(savedViews).where(eq(savedViews.id, id)).get()).toBeDefined();
    await postView(manager, { csrf: await csrfOf(manager), intent: 'delete', id: String(id) });
    expect(db().select().from(savedViews).where(eq(savedViews.id, id)).get()).toBeUndefined();
  });
});

describe('bulk actions', () => {
  it('assigns three items at once and says so', async () => {
    const three = [file(), file(), file()];
    const { status, reply } = await bulk(manager, await csrfOf(manager), picked(...three), { bulkAction: 'assign', assignee: String(officerId), returnTo: '/staff/inbox' });
    expect(status).toBe(200);
    expect(reply!.step).toBe('summary');
    expect(reply!.summary!.done.map((d) => d.id).sort()).toEqual(three.map((t) => t.id).sort());
    expect(reply!.summary!.refused).toEqual([]);
    for (const item of three) expect(fresh(item.id).assignedStaffId).toBe(officerId);
  });

  it('refuses an officer’s assignment per item (the role), changing nothing', async () => {
    const one = file();
    const { reply } = await bulk(officer, await csrfOf(officer), picked(one), { bulkAction: 'assign', assignee: String(officerId) });
    expect(reply!.summary!.refused).toEqual([{ id: one.id, trackingCode: one.trackingCode, reason: 'bulk.reason_role' }]);
    expect(fresh(one.id).assignedStaffId).toBeNull();
  });

  it('transfers only after a confirmation that shows what the citizens will receive', async () => {
    const two = [file(), file()];
    const csrf = await csrfOf(officer);
    const fields = { bulkAction: 'transfer', targetOwner: OTHER, internalNote: 'مرکز در استان تهران است.' };
    const missing = await bulk(officer, csrf, picked(...two), { bulkAction: 'transfer', targetOwner: OTHER });
    expect(missing.status).toBe(400);
    expect(missing.reply!.errors).toEqual({ internalNote: 'bulk.noteRequired' });

    const asked = await bulk(officer, csrf, picked(...two), fields);
    expect(asked.reply!.step).toBe('confirm');
    const texts = asked.reply!.preview!.messages;
    expect(texts.flatMap((m) => m.items.map((i) => i.id)).sort()).toEqual(two.map((t) => t.id).sort());
    expect(texts.every((m) => m.text && m.text.length > 0)).toBe(true);
    for (const item of two) expect(fresh(item.id).ownerProvinceId).toBe(HOME);

    const done = await bulk(officer, csrf, picked(...two), { ...fields, confirm: '1' });
    expect(done.reply!.summary!.done).toHaveLength(2);
    for (const item of two) expect(fresh(item.id).ownerProvinceId).toBe(OTHER);
  });

  it('marks items as duplicates of an open original, and refuses an item as its own original', async () => {
    const original = file();
    const copies = [file(), file()];
    const csrf = await csrfOf(officer);
    const fields = { bulkAction: 'mark_duplicate', original: original.trackingCode, confirm: '1' };
    const { reply } = await bulk(officer, csrf, picked(...copies, original), fields);
    expect(reply!.summary!.done.map((d) => d.id).sort()).toEqual(copies.map((c) => c.id).sort());
    expect(reply!.summary!.refused).toEqual([{ id: original.id, trackingCode: original.trackingCode, reason: 'bulk.reason_original' }]);
    for (const copy of copies) expect(fresh(copy.id).duplicateOfItemId).toBe(original.id);
    // A code that is no tracking code at all is a field message, before anything is tried.
    const bad = await bulk(officer, csrf, picked(file()), { ...fields, original: '1234' });
    expect(bad.reply!.errors).toEqual({ original: 'duplicates.originalInvalid' });
  });

  it("closes items as spam with a notice in each citizen's language, after showing it", async () => {
    const persian = file();
    const english = file({ body: 'Buy cheap watches now!!!' }, { locale: 'en' });
    const csrf = await csrfOf(officer);
    const asked = await bulk(officer, csrf, picked(persian, english), { bulkAction: 'spam' });
    const shown = asked.reply!.preview!.messages.map((m) => m.text ?? '').join('\n');
    expect(shown).toContain(translator('fa')('bulk.spamMessage'));
    expect(shown).toContain(translator('en')('bulk.spamMessage'));
    expect(fresh(persian.id).state).toBe('routed');
    const { reply } = await bulk(officer, csrf, picked(persian, english), { bulkAction: 'spam', confirm: '1' });
    expect(reply!.summary!.done).toHaveLength(2);
    expect(fresh(persian.id).state).toBe('rejected');
    const event = db().select().from(itemEvents).where(and(eq(itemEvents.itemId, english.id), eq(itemEvents.action, 'reject'))).get()!;
    expect(event.publicMessage).toBe(translator('en')('bulk.spamMessage'));
  });

  it('shows on the confirmation enough of each item to recognise it: kind, centre, subject or first words, date (outside review, round 8)', async () => {
    const genuine = file({ body: 'پدرم سه ماه است در نوبت ویلچر مانده و هیچ کس پاسخ تلفن را نمی‌دهد؛ لطفاً رسیدگی کنید تا زودتر ویلچر برسد.' });
    const titled = file({ subject: 'فروش ساعت ارزان' });
    const csrf = await csrfOf(officer);
    const asked = await bulk(officer, csrf, picked(genuine, titled), { bulkAction: 'spam' });
    type About = { kind: string; center: { fa: string; en: string } | null; excerpt: string; receivedAt: string };
    const shown = new Map(asked.reply!.preview!.messages.flatMap((m) => m.items as { id: number; about?: About }[]).map((i) => [i.id, i.about]));
    const centre = db().select().from(centers).where(eq(centers.id, center)).get()!;
    expect(shown.get(genuine.id)).toEqual({ kind: 'complaint', center: { fa: centre.nameFa, en: centre.nameEn }, excerpt: expect.stringMatching(/^پدرم سه ماه است در نوبت ویلچر/), receivedAt: genuine.createdAt.toISOString() });
    expect(shown.get(genuine.id)!.excerpt.length).toBeLessThan(genuine.body.length);
    expect(shown.get(titled.id)!.excerpt).toBe('فروش ساعت ارزان');
  });

  it("refuses another province's item and a stale version per item, doing the rest", async () => {
    const own = file();
    const stale = file();
    const theirs = fileFeedback(db(), { kind: 'complaint', provinceId: OTHER, body: 'متن استان دیگر برای آزمون.', mobile: '09351112233', consent: 'on' });
    const staleVersion = `${stale.id}.${fresh(stale.id).version}`;
    transition(db(), stale.id, 'accept', { role: 'province_officer', provinceId: HOME, staffId: officerId }, {});
    const { reply, text } = await bulk(manager, await csrfOf(manager), [...picked(own, theirs), staleVersion], { bulkAction: 'assign', assignee: String(officerId) });
    expect(reply!.summary!.done.map((d) => d.id)).toEqual([own.id]);
    expect(reply!.summary!.refused).toEqual([
      { id: theirs.id, trackingCode: null, reason: 'bulk.reason_not_found' },
      { id: stale.id, trackingCode: stale.trackingCode, reason: 'bulk.reason_stale' },
    ]);
    expect(text).not.toContain(theirs.trackingCode);
    expect(fresh(theirs.id).assignedStaffId).toBeNull();
    expect(fresh(theirs.id).version).toBe(theirs.version);
    expect(fresh(stale.id).assignedStaffId).toBeNull();
  });
});

describe('the CSV', () => {
  it('carries area, service, channel, answer date and outcome', async () => {
    const rejected = file({ area: 'social' }, { channel: 'phone' });
    transition(db(), rejected.id, 'reject', MANAGER(), { publicMessage: 'خارج از حوزه.' });
    const answered = file();
    transition(db(), answered.id, 'accept', MANAGER(), {});
    transition(db(), answered.id, 'answer', MANAGER(), { publicMessage: 'پاسخ داده شد.' });
    const response = await run(() => inboxCsv.loader(routeArgs(getRequest('/staff/inbox.csv?all=1', officer))));
    const lines = (await response.text()).replace(/^\uFEFF/, '').split(/\r?\n/);
    const header = lines[0]!.split(',');
    const fa = translator('fa');
    for (const key of ['area', 'service', 'channel', 'answeredSolar', 'answeredIso', 'outcome']) expect(header).toContain(fa(`csv.${key}`));
    const cell = (code: string, key: string) => lines.find((l) => l.startsWith(code))!.split(',')[header.indexOf(fa(`csv.${key}`))];
    expect(cell(rejected.trackingCode, 'outcome')).toBe(fa('csv.outcome_rejected'));
    expect(cell(rejected.trackingCode, 'area')).toBe(fa('area.social'));
    expect(cell(rejected.trackingCode, 'channel')).toBe(fa('channel.phone'));
    expect(cell(answered.trackingCode, 'outcome')).toBe(fa('csv.outcome_answered'));
    expect(cell(answered.trackingCode, 'answeredIso')).toBe(fresh(answered.id).answeredAt!.toISOString());
    expect(cell(rejected.trackingCode, 'answeredIso')).toBe('');
  });
});

describe('the to-do list holds what the role can act on (outside review, round 8)', () => {
  it('leaves an appealed item, the national supervisor’s alone, out of a province officer’s and manager’s to-do list and count', async () => {
    const item = file({ body: 'پاسخ استان قانع‌کننده نبود؛ این مورد به تجدیدنظر رفته است.' });
    expect(transition(db(), item.id, 'accept', MANAGER(), {}).ok).toBe(true);
    expect(transition(db(), item.id, 'answer', MANAGER(), { publicMessage: 'بررسی شد.' }).ok).toBe(true);
    expect(transition(db(), item.id, 'appeal', { role: 'citizen' }, { publicMessage: 'مشکل باقی است.' }).ok).toBe(true);
    for (const jar of [officer, manager]) {
      const { data } = await inboxData<{ todo: number; counts: Record<string, number>; items: { id: number }[] }>(jar, '/staff/inbox');
      expect(data.items.map((r) => r.id)).not.toContain(item.id);
      const expected = Object.entries(data.counts).filter(([s]) => !['closed', 'rejected', 'redirected', 'appealed'].includes(s)).reduce((sum, [, n]) => sum + n, 0);
      expect(data.todo).toBe(expected);
      // Still found under its own state.
      const { data: appealed } = await inboxData<{ items: { id: number }[] }>(jar, '/staff/inbox?state=appealed');
      expect(appealed.items.map((r) => r.id)).toContain(item.id);
    }
  });
});
