/**
 * Province scope on every staff *action* (the loaders have their matrix in tests/integration/staff-permissions.test.ts):
 * an ir-09 officer and an ir-09 manager send every intent each staff action accepts at ir-23's item, reply, centre,
 * user and message, and at their own item pointing to ir-23's (duplicate of it, assign to its staff). Whatever they
 * get back, it holds nothing of ir-23's item (text, tracking code, mobile, name), and nothing of ir-23 has changed.
 *
 * A completeness check keeps the table honest: every staff route module that exports an action is listed here, or
 * named below with the reason it has no other province's resource to aim at.
 */
import { eq } from 'drizzle-orm';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, cannedReplies, centers, itemEvents, items, organizations, outbox, staffUsers } from '../../db/schema';
import { CITIZEN_INTENTS } from '~/domain/citizen-action-schema';
import { USER_INTENTS } from '~/domain/staff-admin-schema';
import { STAFF_ACTIONS } from '~/domain/staff-action-schema';
import { createReply } from '~/models/canned-replies.server';
import { findByTrackingCode, type ItemRow } from '~/models/items.server';
import { transition } from '~/services/workflow.server';
import * as adminApiKeys from '~/routes/staff.admin.api-keys';
import * as adminCenter from '~/routes/staff.admin.centers.$id/route';
import * as adminProgrammes from '~/routes/staff.admin.centers.$id.programmes';
import * as adminOrganizations from '~/routes/staff.admin.organizations';
import * as adminServices from '~/routes/staff.admin.services';
import * as adminSettings from '~/routes/staff.admin.settings';
import * as adminUser from '~/routes/staff.admin.users.$id';
import * as adminUserNew from '~/routes/staff.admin.users.new';
import * as cannedPage from '~/routes/staff.canned';
import * as staffCalls from '~/routes/staff.calls';
import * as outboundCalls from '~/routes/staff.calls_.outbound';
import * as staffItem from '~/routes/staff.items.$id/route';
import * as staffInbox from '~/routes/staff.inbox/route';
import * as inboxBulk from '~/routes/staff.inbox_.bulk';
import * as entryPage from '~/routes/staff.items.new';
import * as staffOutbox from '~/routes/staff.outbox';
import { issueCallTicket } from '~/services/staff-calls.server';
import { CookieJar, postForm, routeArgs, run } from '../support/http';
import { fileFeedback } from '../support/items';
import { csrfOf, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const OWN = 'ir-09';
const OTHER = 'ir-23';
const ACTORS = [`officer.${OWN}`, `manager.${OWN}`] as const;

/** Words only ir-23's item holds: if any answer carries one of them, ir-23's text leaked. */
const SECRET_WORD = 'زرافه‌بنفش';
const SECRET_LATIN = 'zx23secretword';
/** What ir-09 staff type: reads like ir-23's item (so a similar-items search would find it), without its secret words. */
const ALIKE_TEXT = 'سرویس ایاب و ذهاب مرکز توانبخشی سه هفته است قطع شده و مددجویان نمی‌رسند.';
const OTHER_TEXT = `${SECRET_WORD} ${SECRET_LATIN} ${ALIKE_TEXT}`;
const OTHER_MOBILE = '09351112233';
const OTHER_NAME = 'پریسا تهرانی‌نژاد';

type Module = { action?: (args: never) => unknown };

interface World {
  other: ItemRow;
  own: ItemRow;
  otherCenterId: number;
  ownCenterId: number;
  otherReplyId: number;
  otherManagerId: number;
  otherOutboxId: number;
  organizationId: number;
}
let world: World;

function centerIn(province: string): number {
  return db().select({ id: centers.id }).from(centers).where(eq(centers.provinceId, province)).limit(1).get()!.id;
}

beforeAll(() => {
  const otherCenterId = centerIn(OTHER);
  const ownCenterId = centerIn(OWN);
  const other = fileFeedback(db(), { kind: 'complaint', centerId: String(otherCenterId), subject: 'ایاب و ذهاب', body: OTHER_TEXT, mobile: OTHER_MOBILE, name: OTHER_NAME, consent: 'on' });
  // Open (in review): similar-items searches find it, and every workflow action has something to refuse.
  transition(db(), other.id, 'accept', { role: 'province_officer', provinceId: OTHER, staffId: null }, {});
  const own = fileFeedback(db(), { kind: 'complaint', centerId: String(ownCenterId), body: 'سرویس ایاب و ذهاب مرکز توانبخشی قطع شده است.', mobile: '09121234567', consent: 'on' });
  const otherManagerId = db().select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.username, `manager.${OTHER}`)).get()!.id;
  const otherReplyId = createReply(db(), { staffId: otherManagerId, provinceId: OTHER }, { title: 'پاسخ تهران', body: 'متن آماده تهران' }).id;
  const otherOutbox = db().select({ id: outbox.id }).from(outbox).where(eq(outbox.itemId, other.id)).limit(1).get()!;
  // A dead message would be sent again by a resend: the row must stay dead.
  db().update(outbox).set({ status: 'dead' }).where(eq(outbox.id, otherOutbox.id)).run();
  const organizationId = db().select({ id: organizations.id }).from(organizations).limit(1).get()!.id;
  world = { other: findByTrackingCode(db(), other.trackingCode)!, own: findByTrackingCode(db(), own.trackingCode)!, otherCenterId, ownCenterId, otherReplyId, otherManagerId, otherOutboxId: otherOutbox.id, organizationId };
});

/** Everything of ir-23's that an action could change. */
function snapshotOfOther() {
  const w = world;
  return JSON.stringify({
    item: db().select().from(items).where(eq(items.id, w.other.id)).get(),
    events: db().select().from(itemEvents).where(eq(itemEvents.itemId, w.other.id)).all(),
    outbox: db().select().from(outbox).where(eq(outbox.itemId, w.other.id)).all(),
    reply: db().select().from(cannedReplies).where(eq(cannedReplies.id, w.otherReplyId)).get(),
    center: db().select().from(centers).where(eq(centers.id, w.otherCenterId)).get(),
    manager: db().select().from(staffUsers).where(eq(staffUsers.id, w.otherManagerId)).get(),
    itemsInOther: db().all(`select count(*) as n from items where owner_province_id = '${OTHER}'`),
    usersInOther: db().all(`select count(*) as n from staff_users where province_id = '${OTHER}'`),
    repliesInOther: db().all(`select count(*) as n from canned_replies where province_id = '${OTHER}'`),
    audit: db().select().from(auditLog).where(eq(auditLog.entityId, String(w.other.id))).all(),
    duplicatesOfOther: db().all(`select id from items where duplicate_of_item_id = ${w.other.id}`),
  });
}

/** What must never appear in an answer to ir-09 staff, unless they typed it themselves (forms echo what was sent). */
function leaks(text: string, sent: Record<string, string> = {}): string[] {
  const w = world;
  const typed = Object.values(sent).join('\n');
  const needles = [SECRET_WORD, SECRET_LATIN, OTHER_NAME, w.other.trackingCode, '9351112233', '۱۱۲۲۳۳', 'زرافه'];
  return needles.filter((needle) => text.includes(needle) && !typed.includes(needle));
}

interface Case {
  name: string;
  route: Module;
  path: string;
  params?: Record<string, string>;
  /** Fields besides the CSRF token; a function so versions and tickets are read when the case runs. */
  fields: (jar: ActorJar) => Record<string, string>;
  /** The status the case must get, where one is certain (404: as if absent). */
  status?: number;
}

interface ActorJar {
  jar: CookieJar;
  username: string;
  staffId: number;
}

const version = (id: number) => String(db().select({ v: items.version }).from(items).where(eq(items.id, id)).get()!.v);

/** Valid fields for every workflow action, so each reaches the scope check rather than stopping at validation. */
function workflowFields(action: string, itemId: number): Record<string, string> {
  const w = world;
  return {
    intent: action,
    version: version(itemId),
    publicMessage: 'پاسخ آزمون دسترسی',
    internalNote: 'یادداشت آزمون دسترسی',
    targetOwner: OWN,
    assignee: String(w.otherManagerId),
    organization: String(w.organizationId),
    area: '',
    kind: 'suggestion',
    original: w.own.trackingCode,
    safeguarding: 'on',
  };
}

function cases(): Case[] {
  const w = world;
  const item = `/staff/items/${w.other.id}`;
  const list: Case[] = [];
  // The item page: every workflow action, done and previewed, and the audited reveal of contact data.
  for (const action of STAFF_ACTIONS) {
    list.push({ name: `item ${action}`, route: staffItem, path: item, params: { id: String(w.other.id) }, fields: () => workflowFields(action, w.other.id), status: 404 });
    list.push({ name: `item ${action} (preview)`, route: staffItem, path: item, params: { id: String(w.other.id) }, fields: () => ({ ...workflowFields(action, w.other.id), preview: '1' }), status: 404 });
  }
  list.push({ name: 'item reveal_contact', route: staffItem, path: item, params: { id: String(w.other.id) }, fields: () => ({ intent: 'reveal_contact' }), status: 404 });
  // From their own item, pointing at ir-23's: its original, or its staff as assignee.
  const ownPath = `/staff/items/${w.own.id}`;
  for (const preview of ['', '1']) {
    list.push({ name: `own item marked duplicate of ir-23's${preview ? ' (preview)' : ''}`, route: staffItem, path: ownPath, params: { id: String(w.own.id) }, fields: () => ({ ...workflowFields('mark_duplicate', w.own.id), original: w.other.trackingCode, preview }), status: 400 });
    list.push({ name: `own item assigned to ir-23's manager${preview ? ' (preview)' : ''}`, route: staffItem, path: ownPath, params: { id: String(w.own.id) }, fields: () => ({ ...workflowFields('assign', w.own.id), assignee: String(w.otherManagerId), preview }), status: 400 });
  }

  // The entry form: similar items while writing about ir-23's centre (and their own, with ir-23's words), and
  // filing about ir-23's centre or province.
  const entry = { channel: 'counter', kind: 'complaint', subject: 'ایاب و ذهاب', body: ALIKE_TEXT, consent: 'on', mobile: '09121234567' };
  list.push({ name: 'entry: similar items at ir-23’s centre', route: entryPage, path: '/staff/items/new', fields: () => ({ ...entry, intent: 'similar', centerId: String(w.otherCenterId) }) });
  list.push({ name: 'entry: similar items at own centre', route: entryPage, path: '/staff/items/new', fields: () => ({ ...entry, intent: 'similar', centerId: String(w.ownCenterId) }) });
  list.push({ name: 'entry: filed at ir-23’s centre', route: entryPage, path: '/staff/items/new', fields: () => ({ ...entry, centerId: String(w.otherCenterId) }), status: 400 });
  list.push({ name: 'entry: filed for ir-23 province', route: entryPage, path: '/staff/items/new', fields: () => ({ ...entry, provinceId: OTHER }), status: 400 });

  // Following a caller: the look-up with ir-23's code and the right mobile, and every caller's action with a ticket
  // for ir-23's code (as if the item had been transferred there after the look-up).
  list.push({ name: 'calls: look-up of ir-23’s item', route: staffCalls, path: '/staff/calls', fields: () => ({ intent: 'lookup', code: w.other.trackingCode, mobile: OTHER_MOBILE }), status: 404 });
  for (const intent of CITIZEN_INTENTS) {
    list.push({
      name: `calls: ${intent} on ir-23’s item`,
      route: staffCalls,
      path: '/staff/calls',
      fields: (me) => ({ intent, ticket: issueCallTicket(w.other.trackingCode, me.staffId), version: version(w.other.id), message: 'پیام تماس‌گیرنده برای آزمون', rating: '1' }),
      status: 400,
    });
  }

  // The outbound call list (issue 22): every outcome aimed at ir-23's item is "not on the list"; its communication needs
  // are not ir-09's to change.
  for (const outcome of ['reached', 'no_answer', 'rating_given', 'appeal_made']) {
    list.push({
      name: `outbound call: ${outcome} on ir-23’s item`,
      route: outboundCalls,
      path: '/staff/calls/outbound',
      fields: () => ({ itemId: String(w.other.id), reason: 'call_back', dueKey: '0', version: version(w.other.id), outcome, rating: '1', message: 'اعتراض برای آزمون' }),
      status: 404,
    });
  }
  list.push({
    name: 'item page: communication needs of ir-23’s item',
    route: staffItem,
    path: `/staff/items/${w.other.id}`,
    params: { id: String(w.other.id) },
    fields: () => ({ intent: 'communication_needs', version: version(w.other.id), callBack: 'on' }),
    status: 404,
  });

  // Canned replies: ir-23's, switched or rewritten.
  list.push({ name: 'canned: toggle ir-23’s reply', route: cannedPage, path: '/staff/canned', fields: () => ({ intent: 'toggle', id: String(w.otherReplyId), active: '' }), status: 404 });
  list.push({ name: 'canned: update ir-23’s reply', route: cannedPage, path: '/staff/canned', fields: () => ({ intent: 'update', id: String(w.otherReplyId), title: 'عوض شد', body: 'متن عوض شد' }), status: 404 });
  list.push({ name: 'canned: create (lands in the own province)', route: cannedPage, path: '/staff/canned', fields: () => ({ intent: 'create', title: 'پاسخ تازه', body: 'متن تازه' }) });

  // The outbox: resending ir-23's dead message (operators only).
  list.push({ name: 'outbox: resend ir-23’s message', route: staffOutbox, path: '/staff/outbox', fields: () => ({ id: String(w.otherOutboxId) }), status: 404 });

  // Bulk actions from the inbox (issue 24): each aimed at ir-23's item, confirmed, and from their own item at ir-23's
  // original or staff. Every one is a refusal in the summary, never a change.
  for (const bulkAction of ['assign', 'transfer', 'mark_duplicate', 'spam']) {
    const bulk = { bulkAction, assignee: String(w.otherManagerId), targetOwner: OWN, internalNote: 'یادداشت آزمون دسترسی', original: w.own.trackingCode, returnTo: '/staff/inbox' };
    for (const confirm of ['', '1']) {
      list.push({ name: `inbox bulk ${bulkAction} on ir-23's item${confirm ? ' (confirmed)' : ''}`, route: inboxBulk, path: '/staff/inbox/bulk', fields: () => ({ ...bulk, confirm, item: `${w.other.id}.${version(w.other.id)}` }) });
    }
  }
  list.push({ name: 'inbox bulk: own item duplicate of ir-23’s', route: inboxBulk, path: '/staff/inbox/bulk', fields: () => ({ bulkAction: 'mark_duplicate', original: w.other.trackingCode, confirm: '1', item: `${w.own.id}.${version(w.own.id)}` }) });
  list.push({ name: 'inbox bulk: own item assigned to ir-23’s manager', route: inboxBulk, path: '/staff/inbox/bulk', fields: () => ({ bulkAction: 'assign', assignee: String(w.otherManagerId), item: `${w.own.id}.${version(w.own.id)}` }) });
  // Saved views: removing one by id (the views have their own tests: tests/security/inbox-views-bulk.test.ts).
  list.push({ name: 'inbox: remove a view by id', route: staffInbox, path: '/staff/inbox', fields: () => ({ intent: 'delete', id: '1' }) });

  // Administration: every intent, aimed at ir-23's centre and user where there is one (admins only).
  const centerPath = `/staff/admin/centers/${w.otherCenterId}`;
  for (const intent of ['save', 'deactivate', 'reactivate', 'addProgramme', 'updateProgramme', 'deleteProgramme']) {
    list.push({ name: `admin centre ${intent}`, route: adminCenter, path: centerPath, params: { id: String(w.otherCenterId) }, fields: () => ({ intent, nameFa: 'عوض شد', nameEn: 'Changed', provinceId: OTHER }), status: 404 });
  }
  // The programme forms' own route.
  for (const intent of ['addProgramme', 'updateProgramme', 'deleteProgramme']) {
    list.push({ name: `admin centre programmes ${intent}`, route: adminProgrammes, path: `${centerPath}/programmes`, params: { id: String(w.otherCenterId) }, fields: () => ({ intent, titleFa: 'عوض شد', startDate: '2030-01-01', startTime: '10:00', durationMinutes: '60' }), status: 404 });
  }
  const userPath = `/staff/admin/users/${w.otherManagerId}`;
  for (const intent of USER_INTENTS) {
    list.push({ name: `admin user ${intent}`, route: adminUser, path: userPath, params: { id: String(w.otherManagerId) }, fields: () => ({ intent, displayName: 'عوض شد', role: 'province_manager', provinceId: OTHER }), status: 404 });
  }
  list.push({ name: 'admin new user in ir-23', route: adminUserNew, path: '/staff/admin/users/new', fields: () => ({ username: 'intruder.ir-23', displayName: 'نفوذی', role: 'province_manager', provinceId: OTHER, password: 'a-long-password-123', confirmPassword: 'a-long-password-123' }), status: 404 });
  for (const intent of ['create', 'revoke']) list.push({ name: `admin API key ${intent}`, route: adminApiKeys, path: '/staff/admin/api-keys', fields: () => ({ intent, name: 'کلید', id: '1' }), status: 404 });
  for (const intent of ['create', 'update', 'toggle']) list.push({ name: `admin organisation ${intent}`, route: adminOrganizations, path: '/staff/admin/organizations', fields: () => ({ intent, id: String(w.organizationId), nameFa: 'سازمان', nameEn: 'Org' }), status: 404 });
  for (const intent of ['create', 'update']) list.push({ name: `admin service ${intent}`, route: adminServices, path: '/staff/admin/services', fields: () => ({ intent, id: '1', nameFa: 'خدمت', nameEn: 'Service' }), status: 404 });
  for (const intent of ['saveSettings', 'addHoliday', 'deleteHoliday']) list.push({ name: `admin settings ${intent}`, route: adminSettings, path: '/staff/admin/settings', fields: () => ({ intent, id: '1' }), status: 404 });
  return list;
}

/** Staff route modules with an action and no other province's resource to aim at. */
const NOT_PROVINCE_SCOPED: Record<string, string> = {
  'staff.login.tsx': 'signing in: no session, no province',
  'staff.logout.tsx': 'ends the own session only',
  'staff.password.tsx': 'changes the own password only',
  'staff.two-factor.tsx': 'sets up or turns off the own second factor only',
  'staff.notifications.tsx': 'turns the own daily digest on or off only',
  'staff.verify.tsx': 'the second sign-in step: no session yet, no province',
};
const COVERED: Record<string, Module> = {
  'staff.items.$id': staffItem,
  'staff.inbox': staffInbox,
  'staff.inbox_.bulk.tsx': inboxBulk,
  'staff.items.new.tsx': entryPage,
  'staff.calls.tsx': staffCalls,
  'staff.calls_.outbound.tsx': outboundCalls,
  'staff.canned.tsx': cannedPage,
  'staff.outbox.tsx': staffOutbox,
  'staff.admin.centers.$id': adminCenter,
  'staff.admin.centers.$id.programmes.tsx': adminProgrammes,
  'staff.admin.users.$id.tsx': adminUser,
  'staff.admin.users.new.tsx': adminUserNew,
  'staff.admin.api-keys.tsx': adminApiKeys,
  'staff.admin.organizations.tsx': adminOrganizations,
  'staff.admin.services.tsx': adminServices,
  'staff.admin.settings.tsx': adminSettings,
};

describe('ir-09 staff acting on ir-23', () => {
  it('covers every staff route that has an action', () => {
    const dir = path.resolve('app/routes');
    // A route is a file, or a folder whose route.tsx is the route (its other files are the page's parts).
    const source = (entry: string) => readFileSync(path.join(dir, entry, ...(existsSync(path.join(dir, entry, 'route.tsx')) ? ['route.tsx'] : [])), 'utf8');
    const withAction = readdirSync(dir).filter((entry) => entry.startsWith('staff') && /export (async )?function action|export const action/.test(source(entry)));
    expect(withAction.filter((file) => !(file in COVERED) && !(file in NOT_PROVINCE_SCOPED))).toEqual([]);
    const used = new Set(cases().map((c) => c.route));
    expect(Object.entries(COVERED).filter(([, module]) => !used.has(module)).map(([file]) => file)).toEqual([]);
  });

  it('the similar-items search does find ir-23’s item for staff who may see it (so the checks below are not empty)', async () => {
    for (const username of ['agent', `officer.${OTHER}`]) {
      const jar = await signInAs(username);
      // The agent reads it as its caller would: with the caller's mobile typed in (tests/security/agent-similar-items.test.ts).
      const caller: Record<string, string> = username === 'agent' ? { mobile: OTHER_MOBILE } : {};
      const fields = { csrf: await csrfOf(jar), intent: 'similar', centerId: String(world.otherCenterId), body: ALIKE_TEXT, ...caller };
      const response = await run(() => entryPage.action(routeArgs(postForm('/staff/items/new', fields, jar))));
      expect(leaks(await response.text()), username).toContain(SECRET_WORD);
    }
  });

  it('the call centre and ir-23’s own staff still follow ir-23’s item by code + mobile (docs/DESIGN.md §4)', async () => {
    for (const username of ['agent', `officer.${OTHER}`, `manager.${OTHER}`]) {
      const jar = await signInAs(username);
      const fields = { csrf: await csrfOf(jar), intent: 'lookup', code: world.other.trackingCode, mobile: OTHER_MOBILE };
      const response = await run(() => staffCalls.action(routeArgs(postForm('/staff/calls', fields, jar))));
      expect(response.status, username).toBe(200);
      expect(leaks(await response.text()), username).toContain(SECRET_WORD);
    }
  });

  for (const username of ACTORS) {
    it(`${username}: every intent of every staff action reveals and changes nothing of ir-23`, async () => {
      const jar = await signInAs(username);
      const csrf = await csrfOf(jar);
      const staffId = db().select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.username, username)).get()!.id;
      const me = { jar, username, staffId };
      let before = snapshotOfOther();
      const problems: string[] = [];
      for (const c of cases()) {
        const fields = { csrf, ...c.fields(me) };
        const request = postForm(c.path, fields, jar);
        const response = await run(() => (c.route.action as (a: unknown) => unknown)(routeArgs(request, c.params ?? {})));
        const body = await response.text();
        const leaked = leaks(body + (response.headers.get('Location') ?? ''), fields);
        if (leaked.length > 0) problems.push(`${c.name}: answer holds ${leaked.join(', ')}`);
        if (c.status !== undefined && response.status !== c.status) problems.push(`${c.name}: status ${response.status}, want ${c.status}`);
        if (response.status >= 500) problems.push(`${c.name}: status ${response.status}`);
        const after = snapshotOfOther();
        if (after !== before) problems.push(`${c.name}: changed ir-23`);
        before = after;
      }
      expect(problems).toEqual([]);
    });
  }
});
