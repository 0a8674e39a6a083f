/**
 * Urgent items (issue 23): marked urgent on every channel (web, Open311, the agent's form), raised or lowered by
 * staff with a reason, told at once to the province's staff and the national supervisors (never another province,
 * nothing personal in an SMS), escalated in hours, and on top of the inbox. Real actions, real SQLite.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { centers, itemEvents, items, outbox, staffUsers } from '../../db/schema';
import { DEFAULT_SETTINGS } from '~/domain/settings';
import { createApiKey } from '~/models/api-keys.server';
import { inboxPage } from '~/models/inbox.server';
import { saveWorkflowSettings } from '~/models/settings.server';
import { runSweeps } from '~/services/workflow.server';
import * as collection from '~/routes/api.open311.v2.$resource';
import * as serviceDefinition from '~/routes/api.open311.v2.services.$code';
import * as requestPage from '~/routes/api.open311.v2.requests.$id';
import * as feedbackNew from '~/routes/feedback.new';
import * as entryPage from '~/routes/staff.items.new';
import * as staffItem from '~/routes/staff.items.$id/route';
import * as settingsPage from '~/routes/staff.admin.settings';
import * as userPage from '~/routes/staff.admin.users.$id';
import { BASE, CookieJar, getRequest, postForm, routeArgs, run, solvedChallenge } from '../support/http';
import { inboxData } from '../support/inbox';
import { fileFeedback } from '../support/items';
import { csrfOf, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const HOUR = 3_600_000;
const BODY = 'مادربزرگ همسایه ما سه روز است تنهاست، غذا ندارد و در را باز نمی‌کند؛ لطفاً کسی سر بزند.';
const CITIZEN_MOBILE = '09121234567';
const CITIZEN_EMAIL = 'maryam.citizen@example.ir';

const centerIn = (province: string) => db().select().from(centers).where(and(eq(centers.provinceId, province), eq(centers.active, true))).orderBy(asc(centers.id)).get()!;
const itemById = (id: number) => db().select().from(items).where(eq(items.id, id)).get()!;
const staffMessagesOf = (itemId: number) => db().select().from(outbox).where(and(eq(outbox.itemId, itemId), eq(outbox.audience, 'staff'))).orderBy(asc(outbox.id)).all();
const eventsOf = (itemId: number, action: string) => db().select().from(itemEvents).where(and(eq(itemEvents.itemId, itemId), eq(itemEvents.action, action))).all();

function fileIn(province: string, fields: Record<string, string> = {}, now?: Date) {
  return fileFeedback(db(), { kind: 'complaint', centerId: String(centerIn(province).id), body: BODY, mobile: CITIZEN_MOBILE, email: CITIZEN_EMAIL, name: 'مریم احمدی', consent: 'on', ...fields }, now ? { now } : {});
}

beforeAll(() => {
  // Who can be reached (the demo gives managers and the supervisor an e-mail, nobody a mobile).
  const set = (username: string, values: { email?: string | null; mobile?: string | null }) => db().update(staffUsers).set(values).where(eq(staffUsers.username, username)).run();
  set('officer.ir-09', { email: 'officer.ir-09@demo.didehban.invalid', mobile: '+989120000009' });
  set('manager.ir-09', { mobile: '+989130000009' });
  set('national', { mobile: '+989140000000' });
  set('officer.ir-23', { email: 'officer.ir-23@demo.didehban.invalid', mobile: '+989120000023' });
  set('manager.ir-23', { mobile: '+989130000023' });
});

// ---- marking urgent on each channel ----------------------------------------------------------------------------

describe('marking an item urgent', () => {
  it('on the web form: priority=urgent files an urgent item with deadlines in hours', async () => {
    const before = Date.now();
    const response = await run(() =>
      feedbackNew.action(
        routeArgs(postForm('/feedback/new', { kind: 'complaint', centerId: String(centerIn('ir-09').id), body: BODY, mobile: CITIZEN_MOBILE, consent: 'on', website: '', priority: 'urgent', ...solvedChallenge() })),
      ),
    );
    expect(response.status).toBe(302);
    const code = /\/feedback\/sent\/(\d+)/.exec(response.headers.get('Location') ?? '')![1]!;
    const item = db().select().from(items).where(eq(items.trackingCode, code)).get()!;
    expect(item.priority).toBe('urgent');
    expect(item.firstResponseDueAt!.getTime() - item.createdAt.getTime()).toBe(4 * HOUR);
    expect(item.answerDueAt!.getTime() - item.createdAt.getTime()).toBe(72 * HOUR);
    expect(item.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('on the web form: without the box, an ordinary item', async () => {
    const item = fileIn('ir-09');
    expect(item.priority).toBe('normal');
    expect(item.firstResponseDueAt!.getTime() - item.createdAt.getTime()).toBeGreaterThan(24 * HOUR);
  });

  it('the form says what urgent means and shows 123 and 115', async () => {
    const response = await run(() => feedbackNew.loader(routeArgs(getRequest('/feedback/new'))));
    expect(response.status).toBe(200);
    const { translator } = await import('~/i18n/translate');
    const t = translator('fa');
    expect(t('urgent.form.emergency')).toContain('۱۲۳');
    expect(t('urgent.form.emergency')).toContain('۱۱۵');
    expect(translator('en')('urgent.form.emergency')).toMatch(/123.*115/);
  });

  it('through Open311: attribute[priority]=urgent, declared in the service definition', async () => {
    const { key } = createApiKey(db(), null, 'سامانه آزمون فوری');
    const post = (extra: Record<string, string>) =>
      run(() =>
        collection.action(
          routeArgs(
            new Request(`${BASE}/api/open311/v2/requests.json`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ api_key: key, service_code: 'social-work', 'attribute[kind]': 'complaint', description: BODY, address_id: String(centerIn('ir-09').id), phone: CITIZEN_MOBILE, ...extra }).toString(),
            }),
            { resource: 'requests.json' },
          ),
        ),
      );
    const response = await post({ 'attribute[priority]': 'urgent' });
    expect(response.status, await response.clone().text()).toBe(201);
    const [created] = (await response.json()) as { service_request_id: string }[];
    const item = db().select().from(items).where(eq(items.publicRef, created!.service_request_id)).get()!;
    expect(item.priority).toBe('urgent');
    expect(item.answerDueAt!.getTime() - item.createdAt.getTime()).toBe(72 * HOUR);
    // `normal` and no attribute at all are ordinary items.
    const normal = await post({ 'attribute[priority]': 'NORMAL' });
    expect(normal.status).toBe(201);
    const [n] = (await normal.json()) as { service_request_id: string }[];
    expect(db().select().from(items).where(eq(items.publicRef, n!.service_request_id)).get()!.priority).toBe('normal');

    const definition = await run(() => serviceDefinition.loader(routeArgs(new Request(`${BASE}/api/open311/v2/services/social-work.json`), { code: 'social-work.json' })));
    const body = (await definition.json()) as { attributes: { code: string; required: boolean; values: { key: string }[] }[] };
    const priority = body.attributes.find((a) => a.code === 'priority');
    expect(priority).toMatchObject({ required: false, values: [{ key: 'normal' }, { key: 'urgent' }] });

    // The public record does not tell that someone was judged at risk (outside review, round 9): its expected date is
    // the ordinary plan's, like an ordinary item's filed at the same moment, not the urgent one 72 hours on.
    const shown = async (ref: string) => {
      const page = await run(() => requestPage.loader(routeArgs(new Request(`${BASE}/api/open311/v2/requests/${ref}.json`), { id: `${ref}.json` })));
      return ((await page.json()) as { expected_datetime: string }[])[0]!.expected_datetime;
    };
    const urgentShown = await shown(created!.service_request_id);
    expect(Date.parse(urgentShown) - item.createdAt.getTime()).toBeGreaterThan(72 * HOUR);
    expect(urgentShown).toMatch(/T00:00:00\+03:30$/);
    expect(urgentShown.slice(0, 10)).toBe((await shown(n!.service_request_id)).slice(0, 10));
  });

  it('on the call-centre agent’s form', async () => {
    const agent = await signInAs('agent');
    const csrf = await csrfOf(agent);
    const response = await run(() =>
      entryPage.action(routeArgs(postForm('/staff/items/new', { csrf, channel: 'phone', kind: 'complaint', centerId: String(centerIn('ir-09').id), body: BODY, mobile: '09155550001', consent: 'on', priority: 'urgent' }, agent))),
    );
    expect(response.status).toBe(302);
    const id = Number(/entered=(\d+)/.exec(response.headers.get('Location') ?? '')![1]);
    expect(itemById(id)).toMatchObject({ priority: 'urgent', channel: 'phone' });
    expect(staffMessagesOf(id).length).toBeGreaterThan(0);
  });
});

// ---- told at once ----------------------------------------------------------------------------------------------

describe('an urgent item is told at once', () => {
  it('to the province’s manager and officers and the national supervisors, by e-mail and SMS where they have them; to nobody in another province', () => {
    const item = fileIn('ir-09', { priority: 'urgent' });
    const messages = staffMessagesOf(item.id);
    const sent = messages.map((m) => `${m.channel}:${m.recipient}`).sort();
    expect(sent).toEqual(
      [
        'email:manager.ir-09@demo.didehban.invalid',
        'email:national@demo.didehban.invalid',
        'email:officer.ir-09@demo.didehban.invalid',
        'sms:+989120000009',
        'sms:+989130000009',
        'sms:+989140000000',
      ].sort(),
    );
    expect(messages.every((m) => m.audience === 'staff' && m.status === 'pending')).toBe(true);
    expect(sent.some((s) => s.includes('ir-23') || s.includes('0023'))).toBe(false);
  });

  it('with nothing personal: the item’s number and staff link, never the citizen’s words, contact data or tracking code', () => {
    const item = fileIn('ir-09', { priority: 'urgent' });
    for (const message of staffMessagesOf(item.id)) {
      expect(message.body).toContain(`/staff/items/${item.id}`);
      for (const secret of [BODY.slice(0, 20), CITIZEN_MOBILE, CITIZEN_MOBILE.slice(-7), CITIZEN_EMAIL, 'مریم', item.trackingCode]) expect(message.body).not.toContain(secret);
    }
    const sms = staffMessagesOf(item.id).filter((m) => m.channel === 'sms');
    expect(sms.length).toBe(3);
    for (const m of sms) expect(m.body.length).toBeLessThan(160);
  });

  it('a national-queue item reaches the national supervisors only; an ordinary item nobody at once', () => {
    const national = fileFeedback(db(), { kind: 'complaint', provinceId: 'national', body: BODY, anonymous: 'on', consent: 'on', priority: 'urgent' });
    expect(staffMessagesOf(national.id).map((m) => m.recipient).sort()).toEqual(['+989140000000', 'national@demo.didehban.invalid']);
    expect(staffMessagesOf(fileIn('ir-09').id)).toEqual([]);
  });

  it('a script filing urgent items does not page a person more than six times an hour; staff raising one always tell (outside review, round 9)', () => {
    // A month ahead, so the other tests' alerts do not count.
    const at = (minutes: number) => new Date(Date.now() + 30 * 24 * HOUR + minutes * 60_000);
    const toManagerSms = () => db().select().from(outbox).where(and(eq(outbox.recipient, '+989130000009'), eq(outbox.audience, 'staff'))).all().filter((m) => m.createdAt.getTime() > at(-1).getTime());
    const filed = Array.from({ length: 9 }, (_, i) => fileIn('ir-09', { priority: 'urgent' }, at(i)));
    expect(filed.every((item) => item.priority === 'urgent')).toBe(true);
    expect(toManagerSms()).toHaveLength(6);
    // Every one of them still tops the urgent view: only the paging stops.
    expect(filed.every((item) => itemById(item.id).priority === 'urgent')).toBe(true);
    // An hour after the first, the next is told again.
    fileIn('ir-09', { priority: 'urgent' }, at(61));
    expect(toManagerSms()).toHaveLength(7);
  });

  it('an inactive colleague is not told', () => {
    db().update(staffUsers).set({ active: false }).where(eq(staffUsers.username, 'officer.ir-09')).run();
    try {
      const item = fileIn('ir-09', { priority: 'urgent' });
      expect(staffMessagesOf(item.id).some((m) => m.recipient.includes('officer.ir-09') || m.recipient === '+989120000009')).toBe(false);
    } finally {
      db().update(staffUsers).set({ active: true }).where(eq(staffUsers.username, 'officer.ir-09')).run();
    }
  });
});

// ---- raise and lower -------------------------------------------------------------------------------------------

async function itemPage(id: number, jar: CookieJar) {
  const response = await run(() => staffItem.loader(routeArgs(getRequest(`/staff/items/${id}`, jar), { id: String(id) })));
  return { status: response.status, data: response.status === 200 ? JSON.parse(await response.text()) : null };
}

async function setPriority(id: number, jar: CookieJar, fields: Record<string, string>) {
  const csrf = await csrfOf(jar);
  const version = String(itemById(id).version);
  return run(() => staffItem.action(routeArgs(postForm(`/staff/items/${id}`, { csrf, version, intent: 'set_priority', ...fields }, jar), { id: String(id) })));
}

describe('staff raise or lower the priority with a reason', () => {
  it('an officer raises an item: urgent deadlines from now, an internal event with the reason, everyone told', async () => {
    const item = fileIn('ir-09');
    const officer = await signInAs('officer.ir-09');
    const page = await itemPage(item.id, officer);
    expect(page.data.item.priority).toBe('normal');
    expect(page.data.actions).toContain('set_priority');

    const before = Date.now();
    const response = await setPriority(item.id, officer, { priority: 'urgent', internalNote: 'تماس دوباره همسایه: سالمند بیمار است.' });
    expect(response.status).toBe(302);
    const raised = itemById(item.id);
    expect(raised.priority).toBe('urgent');
    expect(raised.firstResponseDueAt!.getTime()).toBeGreaterThanOrEqual(before + 4 * HOUR - 1000);
    expect(raised.firstResponseDueAt!.getTime()).toBeLessThanOrEqual(Date.now() + 4 * HOUR);
    expect(raised.answerDueAt!.getTime()).toBeLessThanOrEqual(item.answerDueAt!.getTime());
    const [event] = eventsOf(item.id, 'set_priority');
    expect(event).toMatchObject({ actorType: 'staff', publicMessage: null });
    expect(event!.internalNote).toContain('normal → urgent');
    expect(event!.internalNote).toContain('سالمند بیمار است');
    // Told at once, and the citizen gets nothing for an internal change.
    expect(staffMessagesOf(item.id).filter((m) => m.eventId === event!.id).length).toBe(6);
    expect(db().select().from(outbox).where(and(eq(outbox.eventId, event!.id), eq(outbox.audience, 'citizen'))).all()).toEqual([]);
    // The page shows it, with deadlines in hours.
    const after = await itemPage(item.id, officer);
    expect(after.data.item.priority).toBe('urgent');
    expect(after.data.item.hoursLeft.firstResponse).toBe(4);
  });

  it('a manager lowers it again: the normal plan from the item’s arrival; nobody is told', async () => {
    const item = fileIn('ir-09', { priority: 'urgent' });
    const normal = fileIn('ir-09');
    const manager = await signInAs('manager.ir-09');
    const told = staffMessagesOf(item.id).length;
    expect((await setPriority(item.id, manager, { priority: 'normal', internalNote: 'مددکار سر زد؛ خطر فوری نیست.' })).status).toBe(302);
    const lowered = itemById(item.id);
    expect(lowered.priority).toBe('normal');
    // The same working-day deadlines an ordinary item filed at the same moment gets (both filed within a second).
    expect(Math.abs(lowered.answerDueAt!.getTime() - normal.answerDueAt!.getTime())).toBeLessThan(24 * HOUR);
    expect(lowered.answerDueAt!.getTime() - lowered.createdAt.getTime()).toBeGreaterThan(72 * HOUR);
    expect(staffMessagesOf(item.id).length).toBe(told);
  });

  it('a national supervisor may change any province’s item', async () => {
    const item = fileIn('ir-23');
    const national = await signInAs('national');
    expect((await setPriority(item.id, national, { priority: 'urgent', internalNote: 'گزارش ۱۲۳' })).status).toBe(302);
    expect(itemById(item.id).priority).toBe('urgent');
  });

  it('needs a reason, and a change: refused with the field’s message, nothing written', async () => {
    const item = fileIn('ir-09');
    const officer = await signInAs('officer.ir-09');
    const noReason = await setPriority(item.id, officer, { priority: 'urgent', internalNote: '  ' });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as { errors: Record<string, string> }).errors.internalNote).toBe('errors.message_required');
    const same = await setPriority(item.id, officer, { priority: 'normal', internalNote: 'بی‌تغییر' });
    expect(same.status).toBe(400);
    expect(((await same.json()) as { errors: Record<string, string> }).errors.priority).toBe('urgent.unchanged');
    expect(itemById(item.id)).toMatchObject({ priority: 'normal', version: item.version });
    expect(eventsOf(item.id, 'set_priority')).toEqual([]);
  });

  it('is refused across provinces (not found) and to roles that do not handle items', async () => {
    const item = fileIn('ir-09');
    const otherOfficer = await signInAs('officer.ir-23');
    expect((await itemPage(item.id, otherOfficer)).status).toBe(404);
    expect((await setPriority(item.id, otherOfficer, { priority: 'urgent', internalNote: 'x' })).status).toBe(404);
    const otherManager = await signInAs('manager.ir-23');
    expect((await setPriority(item.id, otherManager, { priority: 'urgent', internalNote: 'x' })).status).toBe(404);
    const agent = await signInAs('agent');
    expect([403, 404]).toContain((await setPriority(item.id, agent, { priority: 'urgent', internalNote: 'x' }).catch((r: Response) => r)).status);
    expect(itemById(item.id).priority).toBe('normal');
  });

  it('is not offered on a closed item', async () => {
    const item = fileIn('ir-09');
    db().update(items).set({ state: 'closed', closedAt: new Date() }).where(eq(items.id, item.id)).run();
    const officer = await signInAs('officer.ir-09');
    expect((await itemPage(item.id, officer)).data.actions).not.toContain('set_priority');
    expect((await setPriority(item.id, officer, { priority: 'urgent', internalNote: 'دیر' })).status).toBe(400);
  });
});

// ---- escalation in hours ---------------------------------------------------------------------------------------

describe('an urgent item unanswered within its first-response deadline', () => {
  it('is escalated by the next sweep after 4 hours, not after working days, and the managers are told', () => {
    const sent = new Date('2026-11-26T18:00:00+03:30'); // a Thursday evening: the weekend does not stop it
    const item = fileIn('ir-09', { priority: 'urgent' }, sent);
    runSweeps(db(), new Date(sent.getTime() + 4 * HOUR - 60_000));
    expect(itemById(item.id).escalationLevel).toBe(0);
    runSweeps(db(), new Date(sent.getTime() + 4 * HOUR + 60_000));
    expect(itemById(item.id).escalationLevel).toBe(1);
    const [event] = eventsOf(item.id, 'escalate');
    expect(event!.internalNote).toBe('first_response_overdue');
    const escalationMails = db().select().from(outbox).where(eq(outbox.eventId, event!.id)).all();
    expect(escalationMails.map((m) => m.recipient).sort()).toEqual(['manager.ir-09@demo.didehban.invalid', 'national@demo.didehban.invalid']);
    // The answer deadline (72 hours) escalates again, still in hours.
    runSweeps(db(), new Date(sent.getTime() + 72 * HOUR + 60_000));
    expect(itemById(item.id).escalationLevel).toBe(2);
  });

  it('the worker sweeps every minute', async () => {
    const source = await import('node:fs').then((fs) => fs.readFileSync('app/services/worker.server.ts', 'utf8'));
    expect(source).toMatch(/sweepIntervalMs = 60_000/);
  });
});

// ---- the inbox -------------------------------------------------------------------------------------------------

describe('the inbox', () => {
  it('puts open urgent items on top of the work order, and pages through every item once', () => {
    db().update(items).set({ state: 'closed', closedAt: new Date() }).where(inArray(items.ownerProvinceId, ['ir-09'])).run();
    const at = (h: number) => new Date(Date.parse('2026-12-01T08:00:00Z') + h * HOUR);
    const normals = [0, 1, 2, 3].map((h) => fileIn('ir-09', {}, at(h)));
    const urgents = [4, 5].map((h) => fileIn('ir-09', { priority: 'urgent' }, at(h)));
    const closedUrgent = fileIn('ir-09', { priority: 'urgent' }, at(6));
    db().update(items).set({ state: 'closed', closedAt: at(7) }).where(eq(items.id, closedUrgent.id)).run();
    const actor = { role: 'province_officer' as const, provinceId: 'ir-09' };
    const first = inboxPage(db(), actor, { todo: true }, { sort: 'work', limit: 100 }).items;
    expect(first.slice(0, 2).map((r) => r.id)).toEqual(urgents.map((u) => u.id));
    expect(first.slice(0, 2).every((r) => r.priority === 'urgent' && r.urgentHoursLeft !== null)).toBe(true);
    expect(first.slice(2).map((r) => r.id)).toEqual(normals.map((n) => n.id));

    // Keyset paging, two at a time: the same order, no row twice, none lost.
    const seen: number[] = [];
    let after: { key: number | null; id: number } | undefined;
    do {
      const page = inboxPage(db(), actor, { todo: true }, { sort: 'work', limit: 2, after });
      seen.push(...page.items.map((r) => r.id));
      after = page.next ?? undefined;
    } while (after);
    expect(seen).toEqual(first.map((r) => r.id));
  });

  it('filters by priority, shows the urgent count, and supervisors see every province’s urgent items', async () => {
    const own = fileIn('ir-09', { priority: 'urgent' });
    const other = fileIn('ir-23', { priority: 'urgent' });
    const officer = await signInAs('officer.ir-09');
    const { data } = await inboxData<{ items: { id: number; priority: string }[]; urgent: { count: number; href: string } }>(officer, '/staff/inbox?priority=urgent');
    expect(data.items.length).toBeGreaterThan(0);
    expect(data.items.every((r) => r.priority === 'urgent')).toBe(true);
    expect(data.items.map((r) => r.id)).toContain(own.id);
    expect(data.items.map((r) => r.id)).not.toContain(other.id);
    expect(data.urgent.count).toBe(data.items.length);
    const normalOnly = await inboxData<{ items: { priority: string }[] }>(officer, '/staff/inbox?priority=normal');
    expect(normalOnly.data.items.every((r) => r.priority === 'normal')).toBe(true);

    const national = await signInAs('national');
    const view = await inboxData<{ items: { id: number; priority: string }[]; urgent: { count: number; href: string } }>(national, '/staff/inbox?priority=urgent');
    expect(view.data.items.map((r) => r.id)).toEqual(expect.arrayContaining([own.id, other.id]));
    expect(view.data.urgent).toMatchObject({ href: '/staff/inbox?priority=urgent' });
    expect(view.data.urgent.count).toBeGreaterThanOrEqual(2);
  });
});

// ---- settings --------------------------------------------------------------------------------------------------

describe('the urgent plan in the admin settings', () => {
  it('is saved from the form (hours) and used by the next urgent item; a wrong value is refused on its field', async () => {
    const admin = await signInAs('admin');
    const csrf = await csrfOf(admin);
    const fields: Record<string, string> = { csrf, intent: 'saveSettings', weekend: '4', appealWindowDays: '7', answeredAutoCloseDays: '7', awaitingCitizenAutoCloseDays: '14', contactRetentionDays: '180' };
    for (const kind of ['criticism', 'suggestion', 'complaint', 'appreciation']) Object.assign(fields, { [`firstResponseDays_${kind}`]: '2', [`answerDays_${kind}`]: '10' });
    const bad = await run(() => settingsPage.action(routeArgs(postForm('/staff/admin/settings', { ...fields, urgentFirstResponseHours: '0', urgentAnswerHours: '۴۸' }, admin))));
    expect(bad.status).toBe(400);
    const refused = (await bad.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(refused.errors.urgentFirstResponseHours).toBe('urgent.errors.hoursRange');
    expect(refused.values.urgentAnswerHours).toBe('۴۸');
    const saved = await run(() => settingsPage.action(routeArgs(postForm('/staff/admin/settings', { ...fields, urgentFirstResponseHours: '۲', urgentAnswerHours: '48' }, admin))));
    expect(saved.status).toBe(302);
    const item = fileIn('ir-09', { priority: 'urgent' });
    expect(item.firstResponseDueAt!.getTime() - item.createdAt.getTime()).toBe(2 * HOUR);
    expect(item.answerDueAt!.getTime() - item.createdAt.getTime()).toBe(48 * HOUR);
    saveWorkflowSettings(db(), DEFAULT_SETTINGS);
  });
});


describe('a staff member’s mobile for the urgent SMS', () => {
  it('is set by an admin on the user’s page (any way it is written), refused when it is no mobile, and then texted', async () => {
    const admin = await signInAs('admin');
    const user = db().select().from(staffUsers).where(eq(staffUsers.username, 'officer.ir-10')).get()!;
    const edit = async (mobile: string) =>
      run(async () =>
        userPage.action(
          routeArgs(postForm(`/staff/admin/users/${user.id}`, { csrf: await csrfOf(admin), intent: 'edit', displayName: user.displayName, role: user.role, provinceId: 'ir-10', email: '', mobile }, admin), { id: String(user.id) }),
        ),
      );
    const bad = await edit('0912');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Record<string, string> }).errors.mobile).toBe('errors.mobile_invalid');
    expect((await edit('۰۹۱۲ ۳۴۵ ۶۷۸۹')).status).toBe(302);
    expect(db().select().from(staffUsers).where(eq(staffUsers.id, user.id)).get()!.mobile).toBe('+989123456789');
    const item = fileIn('ir-10', { priority: 'urgent' });
    expect(staffMessagesOf(item.id).filter((m) => m.channel === 'sms').map((m) => m.recipient)).toContain('+989123456789');
  });
});
