/**
 * The paused clock and reopening through the workflow door (issue 23, docs/decisions/017): a question pauses the
 * deadlines and the reply moves them; the sweep never escalates a paused item, nor one whose moved deadline has not
 * come; the figures judge an answer against the moved deadline; a closed item is reopened by the citizen on the web
 * and by a call-centre agent, refused after the window and from a rejection, returned to whoever answered it, with
 * the citizen and the staff told. Real loaders and actions on a real SQLite file.
 */
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { itemEvents, items, outbox, statDaily, staffUsers } from '../../db/schema';
import { addWorkingDays } from '~/domain/calendar';
import { workingDaysLeft } from '~/domain/deadlines';
import { dayKey } from '~/domain/stats';
import { overdueUnansweredAt } from '~/models/figures.server';
import { getCalendar, getWorkflowSettings } from '~/models/settings.server';
import { runSweeps, transition } from '~/services/workflow.server';
import * as adminSettings from '~/routes/staff.admin.settings';
import * as staffCalls from '~/routes/staff.calls';
import * as trackCode from '~/routes/track.$code';
import * as trackIndex from '~/routes/track._index';
import { BASE, CookieJar, getRequest, postForm, routeArgs, run } from '../support/http';
import { fileFeedback } from '../support/items';
import { csrfOf, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const DAY = 86_400_000;
const PROVINCE = 'ir-09';
const BODY = 'مستمری ماهانهٔ مادرم سه ماه است واریز نشده و در مرکز کسی پاسخگو نیست.';
const ANSWER = 'مستمری واریز شد. از صبر شما سپاسگزاریم.';
const REASON = 'هنوز مستمری این ماه واریز نشده است؛ مشکل حل نشد.';

const staff = (username: string) => {
  const user = db().select().from(staffUsers).where(eq(staffUsers.username, username)).get()!;
  return { role: user.role as 'province_officer' | 'national_supervisor', provinceId: user.provinceId, staffId: user.id };
};
const officer = (province = PROVINCE) => staff(`officer.${province}`);
const national = () => staff('national');
const itemById = (id: number) => db().select().from(items).where(eq(items.id, id)).get()!;
const eventsOf = (id: number) => db().select().from(itemEvents).where(eq(itemEvents.itemId, id)).orderBy(asc(itemEvents.id)).all();
const outboxOf = (id: number) => db().select().from(outbox).where(eq(outbox.itemId, id)).orderBy(asc(outbox.id)).all();

let serial = 0;
function fileItem(at: Date, province = PROVINCE) {
  serial++;
  const mobile = `0913${String(6000000 + serial)}`;
  const item = fileFeedback(db(), { kind: 'complaint', provinceId: province, body: BODY, mobile, consent: 'on' }, { now: at });
  return { item, mobile };
}
function step(id: number, action: Parameters<typeof transition>[2], actor: Parameters<typeof transition>[3], input: Parameters<typeof transition>[4], at: Date) {
  const result = transition(db(), id, action, actor, input, at);
  if (!result.ok) throw new Error(`${action} refused: ${result.reason}`);
  return result.item;
}

/** An item answered and confirmed (closed) at `closedAt`; appealed first when asked. */
function closedItem(closedAt: Date, options: { appealed?: boolean } = {}) {
  const { item, mobile } = fileItem(new Date(closedAt.getTime() - 5 * DAY));
  step(item.id, 'accept', officer(), {}, new Date(closedAt.getTime() - 4 * DAY));
  step(item.id, 'answer', officer(), { publicMessage: ANSWER }, new Date(closedAt.getTime() - 3 * DAY));
  if (options.appealed) {
    step(item.id, 'appeal', { role: 'citizen' }, { publicMessage: 'پاسخ کافی نبود.' }, new Date(closedAt.getTime() - 2 * DAY));
    step(item.id, 'final_answer', national(), { publicMessage: 'بررسی شد؛ پاسخ استان درست است.' }, closedAt);
  } else {
    step(item.id, 'confirm', { role: 'citizen' }, { rating: 2 }, closedAt);
  }
  return { item: itemById(item.id), mobile };
}

async function unlock(code: string, mobile: string) {
  const jar = new CookieJar();
  const response = jar.take(await run(() => trackIndex.action(routeArgs(postForm('/track', { code, mobile }, jar)))));
  expect(response.status).toBe(302);
  return jar;
}
async function trackPage(code: string, jar: CookieJar) {
  const response = await run(() => trackCode.loader(routeArgs(getRequest(`/track/${code}`, jar), { code })));
  return (await response.json()) as { csrf: string; item: { version: number; actions: string[]; reopenUntil: string | null; remaining: { kind: string; unit: string; amount: number; paused: boolean } | null } };
}
async function postTrack(code: string, jar: CookieJar, fields: Record<string, string>) {
  const page = await trackPage(code, jar);
  return run(() => trackCode.action(routeArgs(postForm(`/track/${code}`, { csrf: page.csrf, version: String(page.item.version), ...fields }, jar), { code })));
}

describe('the paused clock', () => {
  it('stops at the question and moves the deadline by the working days left at the reply', () => {
    const sent = new Date('2026-11-02T06:30:00Z'); // Monday 10:00 in Tehran
    const { item } = fileItem(sent);
    const planned = item.answerDueAt!;
    step(item.id, 'accept', officer(), {}, new Date(sent.getTime() + 3_600_000));
    const askedAt = new Date('2026-11-04T06:30:00Z'); // Wednesday
    const asked = step(item.id, 'ask_citizen', officer(), { publicMessage: 'شمارهٔ پرونده را بنویسید.' }, askedAt);
    expect(asked.pausedAt).toEqual(askedAt);
    expect(asked.answerDueAt).toEqual(planned);

    const repliedAt = new Date('2026-11-14T06:30:00Z'); // Saturday, ten days later
    const replied = step(item.id, 'citizen_reply', { role: 'citizen' }, { publicMessage: 'شماره پرونده ۴۵۶ است.' }, repliedAt);
    const calendar = getCalendar(db());
    const expected = addWorkingDays(repliedAt, workingDaysLeft(askedAt, planned, calendar), calendar);
    expect(replied).toMatchObject({ state: 'in_review', pausedAt: null });
    expect(replied.answerDueAt).toEqual(expected);
    expect(replied.answerDueAt!.getTime()).toBeGreaterThan(planned.getTime() + 7 * DAY);
  });

  it('never escalates a paused item, nor one whose moved deadline has not come', () => {
    const sent = new Date(Date.now() - 20 * DAY);
    const { item } = fileItem(sent);
    step(item.id, 'accept', officer(), {}, new Date(sent.getTime() + 3_600_000));
    step(item.id, 'ask_citizen', officer(), { publicMessage: 'نشانی دقیق را بنویسید.' }, new Date(sent.getTime() + 2 * 3_600_000));
    // Past the planned answer deadline, still waiting for the citizen: nothing is raised.
    runSweeps(db(), new Date(sent.getTime() + 13 * DAY));
    expect(eventsOf(item.id).filter((e) => e.action === 'escalate')).toEqual([]);
    // The citizen answers on day 13: the time left comes back, so the sweep two days later has nothing to raise.
    step(item.id, 'citizen_reply', { role: 'citizen' }, { publicMessage: 'خیابان امام، پلاک ۳.' }, new Date(sent.getTime() + 13 * DAY));
    expect(itemById(item.id).answerDueAt!.getTime()).toBeGreaterThan(sent.getTime() + 20 * DAY);
    runSweeps(db(), new Date(sent.getTime() + 15 * DAY));
    expect(eventsOf(item.id).filter((e) => e.action === 'escalate')).toEqual([]);
    expect(itemById(item.id).escalationLevel).toBe(0);
  });

  it('is judged in time against the moved deadline, and a paused item is not in the overdue backlog', () => {
    const sent = new Date(Date.now() - 25 * DAY);
    // A province of its own: no other test's item in its backlog.
    const province = 'ir-23';
    const { item } = fileItem(sent, province);
    const planned = item.answerDueAt!;
    step(item.id, 'accept', officer(province), {}, new Date(sent.getTime() + 3_600_000));
    step(item.id, 'ask_citizen', officer(province), { publicMessage: 'کد ملی مادرتان را بنویسید.' }, new Date(sent.getTime() + 2 * 3_600_000));
    // While paused and past the planned deadline: not overdue in the figures.
    const whilePaused = new Date(planned.getTime() + DAY);
    expect(overdueUnansweredAt(db(), whilePaused, 'owner', province).get(province) ?? 0).toBe(0);

    step(item.id, 'citizen_reply', { role: 'citizen' }, { publicMessage: 'کد ملی را فرستادم.' }, new Date(sent.getTime() + 12 * DAY));
    const answeredAt = new Date(planned.getTime() + 2 * DAY); // after the planned deadline, before the moved one
    expect(answeredAt.getTime()).toBeLessThan(itemById(item.id).answerDueAt!.getTime());
    step(item.id, 'answer', officer(province), { publicMessage: ANSWER }, answeredAt);
    const row = db()
      .select()
      .from(statDaily)
      .where(and(eq(statDaily.owner, province), eq(statDaily.day, dayKey(answeredAt)), eq(statDaily.channel, 'web'), eq(statDaily.kind, 'complaint')))
      .get();
    expect(row).toMatchObject({ answers: 1, answersInTime: 1 });
  });

  it("reads on the citizen's page as paused with the time left", async () => {
    const { item, mobile } = fileItem(new Date());
    step(item.id, 'accept', officer(), {}, new Date());
    step(item.id, 'ask_citizen', officer(), { publicMessage: 'شمارهٔ پرونده را بنویسید.' }, new Date());
    const page = await trackPage(item.trackingCode, await unlock(item.trackingCode, mobile));
    expect(page.item.remaining).toMatchObject({ kind: 'left', paused: true });
  });
});

describe('reopening a closed item', () => {
  it('on the web: back to the province in review, new deadlines, a public event with the reason, citizen and staff told', async () => {
    const { item, mobile } = closedItem(new Date(Date.now() - 2 * DAY));
    const jar = await unlock(item.trackingCode, mobile);
    const page = await trackPage(item.trackingCode, jar);
    expect(page.item.actions).toEqual(['citizen_reopen']);
    expect(page.item.reopenUntil).not.toBeNull();

    const before = Date.now();
    const response = await postTrack(item.trackingCode, jar, { intent: 'citizen_reopen', message: REASON });
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`/track/${item.trackingCode}?done=citizen_reopen`);
    const reopened = itemById(item.id);
    expect(reopened).toMatchObject({ state: 'in_review', ownerProvinceId: PROVINCE, closedAt: null, escalationLevel: 0 });
    expect(reopened.answerDueAt!.getTime()).toBeGreaterThan(before + DAY);
    const event = eventsOf(item.id).at(-1)!;
    expect(event).toMatchObject({ action: 'citizen_reopen', fromState: 'closed', toState: 'in_review', actorType: 'citizen', publicMessage: REASON, ownerProvinceId: PROVINCE });
    // Every earlier step is still there.
    expect(eventsOf(item.id).map((e) => e.action)).toEqual(['submit', 'route', 'accept', 'answer', 'confirm', 'citizen_reopen']);
    const told = outboxOf(item.id).filter((m) => m.eventId === event.id);
    expect(told.filter((m) => m.audience === 'citizen')).toEqual([expect.objectContaining({ channel: 'sms', recipient: reopened.mobile })]);
    const staffMail = told.filter((m) => m.audience === 'staff').map((m) => m.recipient);
    expect(staffMail).toContain(`manager.${PROVINCE}@demo.didehban.invalid`);
    expect(staffMail).not.toContain('national@demo.didehban.invalid');
  });

  it('a safeguarding item reopened is told to its manager only, by number, never its code (outside review, round 9)', () => {
    db().update(staffUsers).set({ email: 'officer.ir-09@demo.didehban.invalid' }).where(eq(staffUsers.username, 'officer.ir-09')).run();
    const { item } = closedItem(new Date(Date.now() - DAY));
    db().update(items).set({ safeguarding: true }).where(eq(items.id, item.id)).run();
    const reopened = step(item.id, 'citizen_reopen', { role: 'citizen' }, { publicMessage: REASON }, new Date());
    const event = eventsOf(item.id).at(-1)!;
    const staffMail = outboxOf(item.id).filter((m) => m.eventId === event.id && m.audience === 'staff');
    expect(staffMail.map((m) => m.recipient)).toEqual([`manager.${PROVINCE}@demo.didehban.invalid`]);
    expect(staffMail[0]!.body).not.toContain(reopened.trackingCode.slice(0, 4).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!));
    db().update(staffUsers).set({ email: null }).where(eq(staffUsers.username, 'officer.ir-09')).run();
  });

  it('by a call-centre agent for a caller, marked as by phone', async () => {
    const { item, mobile } = closedItem(new Date(Date.now() - DAY));
    const agent = await signInAs('agent');
    const csrf = await csrfOf(agent);
    const call = async (fields: Record<string, string>) => {
      const response = await run(() => staffCalls.action(routeArgs(postForm('/staff/calls', { csrf, ...fields }, agent))));
      return { status: response.status, data: (await response.json()) as { ticket: string; done: string | null; errors: Record<string, string>; item: { version: number; actions: string[] } } };
    };
    const found = await call({ intent: 'lookup', code: item.trackingCode, mobile });
    expect(found.data.item.actions).toContain('citizen_reopen');
    const empty = await call({ intent: 'citizen_reopen', ticket: found.data.ticket, version: String(found.data.item.version), message: '' });
    expect(empty.status).toBe(400);
    expect(empty.data.errors).toEqual({ message: 'fairClock.reopenReasonRequired' });
    const done = await call({ intent: 'citizen_reopen', ticket: found.data.ticket, version: String(found.data.item.version), message: REASON });
    expect(done.data.done).toBe('citizen_reopen');
    expect(itemById(item.id).state).toBe('in_review');
    expect(eventsOf(item.id).at(-1)).toMatchObject({ action: 'citizen_reopen', via: 'phone', actorType: 'citizen' });
  });

  it('returns an item that was appealed to the national queue, and tells the national supervisors', () => {
    const { item } = closedItem(new Date(Date.now() - DAY), { appealed: true });
    const reopened = step(item.id, 'citizen_reopen', { role: 'citizen' }, { publicMessage: REASON }, new Date());
    expect(reopened).toMatchObject({ state: 'in_review', ownerProvinceId: null });
    const event = eventsOf(item.id).at(-1)!;
    expect(outboxOf(item.id).filter((m) => m.eventId === event.id && m.audience === 'staff').map((m) => m.recipient)).toContain('national@demo.didehban.invalid');
  });

  it('runs on its new deadlines: the sweep escalates a reopened item left unanswered, not before', () => {
    const { item } = closedItem(new Date(Date.now() - 3 * DAY));
    const reopenedAt = new Date(Date.now() - 2 * DAY);
    const reopened = step(item.id, 'citizen_reopen', { role: 'citizen' }, { publicMessage: REASON }, reopenedAt);
    runSweeps(db(), new Date(reopened.answerDueAt!.getTime() - 3_600_000));
    expect(itemById(item.id).escalationLevel).toBe(0);
    runSweeps(db(), new Date(reopened.answerDueAt!.getTime() + 3_600_000));
    expect(itemById(item.id).escalationLevel).toBe(2);
    expect(eventsOf(item.id).at(-1)).toMatchObject({ action: 'escalate', internalNote: 'answer_overdue' });
  });

  it('is refused after the window, with a clear message on the page, and nothing changes', async () => {
    const { item, mobile } = closedItem(new Date(Date.now() - 31 * DAY));
    expect(transition(db(), item.id, 'citizen_reopen', { role: 'citizen' }, { publicMessage: REASON })).toEqual({ ok: false, reason: 'reopen_window_over' });
    const jar = await unlock(item.trackingCode, mobile);
    expect((await trackPage(item.trackingCode, jar)).item.actions).toEqual([]);
    const response = await postTrack(item.trackingCode, jar, { intent: 'citizen_reopen', message: REASON });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { errors: Record<string, string> }).errors).toEqual({ form: 'fairClock.reopenWindowOver' });
    expect(itemById(item.id)).toMatchObject({ state: 'closed', version: item.version });
  });

  it('is refused from a rejection (and a redirection is no closing either)', () => {
    const { item } = fileItem(new Date(Date.now() - 2 * DAY));
    step(item.id, 'reject', officer(), { publicMessage: 'این موضوع در حیطهٔ بهزیستی نیست.' }, new Date(Date.now() - DAY));
    expect(transition(db(), item.id, 'citizen_reopen', { role: 'citizen' }, { publicMessage: REASON })).toEqual({ ok: false, reason: 'not_allowed_in_state' });
  });
});

describe('the reopen window setting', () => {
  const form = {
    intent: 'saveSettings',
    weekend: ['4', '5'],
    ...Object.fromEntries(['criticism', 'suggestion', 'complaint', 'appreciation'].flatMap((k) => [[`firstResponseDays_${k}`, '2'], [`answerDays_${k}`, '10']])),
    appealWindowDays: '7',
    answeredAutoCloseDays: '7',
    awaitingCitizenAutoCloseDays: '14',
    contactRetentionDays: '180',
  };
  const save = async (fields: Record<string, string | string[]>) => {
    const jar = await signInAs('admin');
    const csrf = await csrfOf(jar);
    // The weekend is a list of checkboxes: each day its own field, as the browser sends them.
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries({ csrf, ...fields })) for (const one of [value].flat()) body.append(name, one);
    const request = new Request(`${BASE}/staff/admin/settings`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: jar.header() }, body: body.toString() });
    return run(() => adminSettings.action(routeArgs(request)));
  };

  it('is 30 days unless an admin sets it, refused field by field when wrong, and then holds the citizen to it', async () => {
    expect(getWorkflowSettings(db()).reopenWindowDays).toBe(30);
    const wrong = await save({ ...form, reopenWindowDays: '9999' });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { errors: Record<string, string> }).errors).toEqual({ reopenWindowDays: 'adminCatalog.errors.daysRange' });
    expect((await save({ ...form, reopenWindowDays: '۵' })).status).toBe(302);
    expect(getWorkflowSettings(db()).reopenWindowDays).toBe(5);
    const { item } = closedItem(new Date(Date.now() - 6 * DAY));
    expect(transition(db(), item.id, 'citizen_reopen', { role: 'citizen' }, { publicMessage: REASON })).toEqual({ ok: false, reason: 'reopen_window_over' });
    expect((await save({ ...form, reopenWindowDays: '30' })).status).toBe(302);
  });
});
