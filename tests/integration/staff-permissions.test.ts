/**
 * The permission matrix (docs/DESIGN.md §4) through one table: every staff loader and action × every role (and nobody
 * signed in) × an item or canned reply of the user's own province and of another. Each row names who may pass in
 * plain words, written from the design rather than from the code's grant table, so a wrong grant fails here.
 *
 * Expected answers: nobody signed in → redirect to the login page; a role without the right → 404 (staff learn
 * nothing about what exists); another province's item → 404; allowed → the row's own status (200 for pages, the
 * validation answer or the harmless change for actions).
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { items, staffUsers } from '../../db/schema';
import { getStaff } from '~/sessions/staff.server';
import { feedbackSchema } from '~/domain/feedback-schema';
import { createReply } from '~/models/canned-replies.server';
import { recordAttachments, storeFiles } from '~/models/attachments.server';
import { submitItem } from '~/services/workflow.server';
import * as staffHome from '~/routes/staff._index';
import * as adminHome from '~/routes/staff.admin._index';
import * as adminApiKeys from '~/routes/staff.admin.api-keys';
import * as adminAudit from '~/routes/staff.admin.audit';
import * as adminOrganizations from '~/routes/staff.admin.organizations';
import * as adminCenter from '~/routes/staff.admin.centers.$id/route';
import * as adminCenters from '~/routes/staff.admin.centers._index';
import * as adminServices from '~/routes/staff.admin.services';
import * as adminSettings from '~/routes/staff.admin.settings';
import * as adminUser from '~/routes/staff.admin.users.$id';
import * as adminUsers from '~/routes/staff.admin.users._index';
import * as adminUserNew from '~/routes/staff.admin.users.new';
import * as cannedPage from '~/routes/staff.canned';
import * as staffCalls from '~/routes/staff.calls';
import * as outboundCalls from '~/routes/staff.calls_.outbound';
import * as staffDashboard from '~/routes/staff.dashboard/route';
import * as dashboardCsv from '~/routes/staff.dashboard[.csv]';
import * as staffInbox from '~/routes/staff.inbox/route';
import * as inboxCsv from '~/routes/staff.inbox[.csv]';
import * as attachmentFile from '~/routes/staff.items.$id.attachments.$attachmentId';
import * as staffItem from '~/routes/staff.items.$id/route';
import * as entryPage from '~/routes/staff.items.new';
import * as staffLogout from '~/routes/staff.logout';
import * as staffOutbox from '~/routes/staff.outbox';
import * as monthlyReport from '~/routes/staff.reports.monthly';
import * as monthlyReportCsv from '~/routes/staff.reports.monthly[.csv]';
import * as passwordPage from '~/routes/staff.password';
import * as notificationsPage from '~/routes/staff.notifications';
import { CookieJar, getRequest, postForm, routeArgs, run } from '../support/http';
import { signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

// ---- who -------------------------------------------------------------------------------------------------------

const OWN = 'ir-09';
const OTHER = 'ir-23';
const USERS = {
  officer: `officer.${OWN}`,
  manager: `manager.${OWN}`,
  national: 'national',
  agent: 'agent',
  admin: 'admin',
} as const;
type Role = keyof typeof USERS;
type Who = Role | 'nobody';
const EVERYONE: Who[] = ['nobody', ...(Object.keys(USERS) as Role[])];

/** Staff who see an item of `province`: its own province's staff, and national supervisors everywhere. */
const seesItemOf = (role: Role, province: string) => role === 'national' || province === OWN;
/** Canned replies belong to their keeper's province (a national supervisor keeps only the national ones). */
const keepsRepliesOf = (role: Role, province: string) => role !== 'national' && province === OWN;

// ---- the things the rows act on --------------------------------------------------------------------------------

interface Target {
  province: string;
  itemId: number;
  attachmentId: number;
  replyId: number;
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

async function targetIn(province: string): Promise<Target> {
  const [file] = await storeFiles([{ bytes: PNG, mimeType: 'image/png', originalName: 'photo.png' }]);
  const form = feedbackSchema.parse({ kind: 'complaint', provinceId: province, body: 'مددکار مرکز برای بازدید منزل نیامد.', mobile: '09121234567', consent: 'on' });
  const item = submitItem(db(), form, { channel: 'web', locale: 'fa', actor: { role: 'citizen' }, inTransaction: (tx, row) => recordAttachments(tx, row.id, [file!]) });
  const manager = db().select().from(staffUsers).where(eq(staffUsers.username, `manager.${province}`)).get()!;
  const reply = createReply(db(), { staffId: manager.id, provinceId: province }, { title: 'پاسخ آماده', body: 'پیام شما درباره {{centre}} رسید.' });
  const attachmentId = db().all<{ id: number }>(`select id from attachments where item_id = ${item.id}`)[0]!.id;
  return { province, itemId: item.id, attachmentId, replyId: reply.id };
}

// ---- the table -------------------------------------------------------------------------------------------------

type Module = { loader?: (args: never) => unknown; action?: (args: never) => unknown };

interface Row {
  name: string;
  route: Module;
  method: 'GET' | 'POST';
  path: (t: Target) => string;
  params?: (t: Target) => Record<string, string>;
  /** The form an allowed user sends (CSRF added): harmless, or refused by validation. */
  fields?: (t: Target) => Record<string, string>;
  /** Who may pass, in the design's words. */
  allowed: readonly Role[];
  /** For rows about one item or reply: whether this role reaches one of that province. */
  reaches?: (role: Role, province: string) => boolean;
  /** What an allowed user gets (a number, or one per role where roles land differently). */
  allowedStatus: number | ((role: Role) => number);
}

const ITEM_STAFF = ['officer', 'manager', 'national'] as const;
const ANY_STAFF = ['officer', 'manager', 'national', 'agent', 'admin'] as const;
const ADMINS = ['admin'] as const;
const CALL_CENTRE = ['agent', 'officer', 'manager'] as const;
const itemParams = (t: Target) => ({ id: String(t.itemId) });
const versionOf = (id: number) => String(db().select({ version: items.version }).from(items).where(eq(items.id, id)).get()!.version);

const ROWS: Row[] = [
  // Staff with an inbox are sent on to it, the call-centre agent to the entry form for the next caller; admins land on
  // the desk page.
  { name: 'staff home', route: staffHome, method: 'GET', path: () => '/staff', allowed: ANY_STAFF, allowedStatus: (role) => (role === 'admin' ? 200 : 302) },
  // Entering items for callers and visitors, and following a caller's item by code + mobile (docs/DESIGN.md §4): the call
  // centre for any province, province staff at their counters; not national supervisors or admins.
  { name: 'entry for a caller', route: entryPage, method: 'GET', path: () => '/staff/items/new', allowed: CALL_CENTRE, allowedStatus: 200 },
  { name: 'entry for a caller (empty form)', route: entryPage, method: 'POST', path: () => '/staff/items/new', fields: () => ({ channel: 'phone' }), allowed: CALL_CENTRE, allowedStatus: 400 },
  { name: 'calls page', route: staffCalls, method: 'GET', path: () => '/staff/calls', allowed: CALL_CENTRE, allowedStatus: 200 },
  { name: 'calls: look-up without a code', route: staffCalls, method: 'POST', path: () => '/staff/calls', fields: () => ({ intent: 'lookup', code: '', mobile: '' }), allowed: CALL_CENTRE, allowedStatus: 400 },
  // The outbound call list (issue 22): the call centre and national supervisors everywhere, province staff their own.
  { name: 'outbound call list', route: outboundCalls, method: 'GET', path: () => '/staff/calls/outbound', allowed: [...CALL_CENTRE, 'national'], allowedStatus: 200 },
  {
    name: 'outbound call: an outcome for a call not on the list',
    route: outboundCalls,
    method: 'POST',
    path: () => '/staff/calls/outbound',
    fields: (t) => ({ itemId: String(t.itemId), reason: 'call_back', dueKey: '0', version: '1', outcome: 'reached' }),
    allowed: [...CALL_CENTRE, 'national'],
    allowedStatus: 404,
  },
  { name: 'inbox', route: staffInbox, method: 'GET', path: () => '/staff/inbox', allowed: ITEM_STAFF, allowedStatus: 200 },
  { name: 'inbox as CSV', route: inboxCsv, method: 'GET', path: () => '/staff/inbox.csv', allowed: ITEM_STAFF, allowedStatus: 200 },
  // Statistics: a manager for the province, a national supervisor for the country (docs/DESIGN.md §4); not officers.
  { name: 'dashboard', route: staffDashboard, method: 'GET', path: () => '/staff/dashboard', allowed: ['manager', 'national'], allowedStatus: 200 },
  { name: 'dashboard as CSV', route: dashboardCsv, method: 'GET', path: () => '/staff/dashboard.csv', allowed: ['manager', 'national'], allowedStatus: 200 },
  { name: 'monthly report', route: monthlyReport, method: 'GET', path: () => '/staff/reports/monthly?month=1404-07', allowed: ['manager', 'national'], allowedStatus: 200 },
  { name: 'monthly report as CSV', route: monthlyReportCsv, method: 'GET', path: () => '/staff/reports/monthly.csv', allowed: ['manager', 'national'], allowedStatus: 200 },
  { name: 'item page', route: staffItem, method: 'GET', path: (t) => `/staff/items/${t.itemId}`, params: itemParams, allowed: ITEM_STAFF, reaches: seesItemOf, allowedStatus: 200 },
  {
    name: 'item: internal note',
    route: staffItem,
    method: 'POST',
    path: (t) => `/staff/items/${t.itemId}`,
    params: itemParams,
    fields: (t) => ({ intent: 'note', version: versionOf(t.itemId), internalNote: 'یادداشت داخلی آزمون دسترسی' }),
    allowed: ITEM_STAFF,
    reaches: seesItemOf,
    allowedStatus: 302,
  },
  {
    name: 'item: reveal contact',
    route: staffItem,
    method: 'POST',
    path: (t) => `/staff/items/${t.itemId}`,
    params: itemParams,
    fields: () => ({ intent: 'reveal_contact' }),
    allowed: ITEM_STAFF,
    reaches: seesItemOf,
    allowedStatus: 200,
  },
  {
    name: 'item: preview of a reply',
    route: staffItem,
    method: 'POST',
    path: (t) => `/staff/items/${t.itemId}`,
    params: itemParams,
    fields: (t) => ({ intent: 'note', preview: '1', version: versionOf(t.itemId), internalNote: 'پیش‌نمایش' }),
    allowed: ITEM_STAFF,
    reaches: seesItemOf,
    allowedStatus: 200,
  },
  {
    name: 'attachment file',
    route: attachmentFile,
    method: 'GET',
    path: (t) => `/staff/items/${t.itemId}/attachments/${t.attachmentId}`,
    params: (t) => ({ id: String(t.itemId), attachmentId: String(t.attachmentId) }),
    allowed: ITEM_STAFF,
    reaches: seesItemOf,
    allowedStatus: 200,
  },
  { name: 'canned replies page', route: cannedPage, method: 'GET', path: () => '/staff/canned', allowed: ['manager', 'national'], allowedStatus: 200 },
  {
    name: 'canned reply: create (empty form)',
    route: cannedPage,
    method: 'POST',
    path: () => '/staff/canned',
    fields: () => ({ intent: 'create', title: '', body: '' }),
    allowed: ['manager', 'national'],
    allowedStatus: 400,
  },
  {
    name: 'canned reply: switch on or off',
    route: cannedPage,
    method: 'POST',
    path: () => '/staff/canned',
    fields: (t) => ({ intent: 'toggle', id: String(t.replyId), active: 'on' }),
    allowed: ['manager', 'national'],
    reaches: keepsRepliesOf,
    allowedStatus: 302,
  },
  { name: 'outbox', route: staffOutbox, method: 'GET', path: () => '/staff/outbox', allowed: ['national', 'admin'], allowedStatus: 200 },
  { name: 'outbox: resend nothing', route: staffOutbox, method: 'POST', path: () => '/staff/outbox', fields: () => ({ id: '' }), allowed: ['national', 'admin'], allowedStatus: 302 },
  { name: 'own password page', route: passwordPage, method: 'GET', path: () => '/staff/password', allowed: ANY_STAFF, allowedStatus: 200 },
  { name: 'own notifications page', route: notificationsPage, method: 'GET', path: () => '/staff/notifications', allowed: ANY_STAFF, allowedStatus: 200 },
  { name: 'own notifications: neither on nor off', route: notificationsPage, method: 'POST', path: () => '/staff/notifications', fields: () => ({ digest: 'x' }), allowed: ANY_STAFF, allowedStatus: 400 },
  {
    name: 'own password: wrong current password',
    route: passwordPage,
    method: 'POST',
    path: () => '/staff/password',
    fields: () => ({ currentPassword: 'not-my-password', newPassword: 'a-long-new-password-1', confirmPassword: 'a-long-new-password-1' }),
    allowed: ANY_STAFF,
    allowedStatus: 400,
  },
  // A sign-out with a wrong form token is refused; this row checks the guard, not the sign-out itself.
  { name: 'sign out without the form token', route: staffLogout, method: 'POST', path: () => '/staff/logout', fields: () => ({ csrf: 'forged' }), allowed: ANY_STAFF, allowedStatus: 403 },
  { name: 'admin home', route: adminHome, method: 'GET', path: () => '/staff/admin', allowed: ADMINS, allowedStatus: 200 },
  { name: 'API keys', route: adminApiKeys, method: 'GET', path: () => '/staff/admin/api-keys', allowed: ADMINS, allowedStatus: 200 },
  { name: 'API key (empty name)', route: adminApiKeys, method: 'POST', path: () => '/staff/admin/api-keys', fields: () => ({ intent: 'create', name: '' }), allowed: ADMINS, allowedStatus: 400 },
  { name: 'organisations', route: adminOrganizations, method: 'GET', path: () => '/staff/admin/organizations', allowed: ADMINS, allowedStatus: 200 },
  { name: 'organisation (empty form)', route: adminOrganizations, method: 'POST', path: () => '/staff/admin/organizations', fields: () => ({ intent: 'create', nameFa: '' }), allowed: ADMINS, allowedStatus: 400 },
  { name: 'audit log', route: adminAudit, method: 'GET', path: () => '/staff/admin/audit', allowed: ADMINS, allowedStatus: 200 },
  { name: 'users', route: adminUsers, method: 'GET', path: () => '/staff/admin/users', allowed: ADMINS, allowedStatus: 200 },
  { name: 'new user page', route: adminUserNew, method: 'GET', path: () => '/staff/admin/users/new', allowed: ADMINS, allowedStatus: 200 },
  { name: 'new user (empty form)', route: adminUserNew, method: 'POST', path: () => '/staff/admin/users/new', fields: () => ({ username: '' }), allowed: ADMINS, allowedStatus: 400 },
  { name: 'a user', route: adminUser, method: 'GET', path: () => '/staff/admin/users/1', params: () => ({ id: '1' }), allowed: ADMINS, allowedStatus: 200 },
  { name: 'a user: unknown change', route: adminUser, method: 'POST', path: () => '/staff/admin/users/1', params: () => ({ id: '1' }), fields: () => ({ intent: 'promote' }), allowed: ADMINS, allowedStatus: 400 },
  { name: 'centres', route: adminCenters, method: 'GET', path: () => '/staff/admin/centers', allowed: ADMINS, allowedStatus: 200 },
  { name: 'new centre page', route: adminCenter, method: 'GET', path: () => '/staff/admin/centers/new', params: () => ({ id: 'new' }), allowed: ADMINS, allowedStatus: 200 },
  { name: 'new centre (empty form)', route: adminCenter, method: 'POST', path: () => '/staff/admin/centers/new', params: () => ({ id: 'new' }), fields: () => ({ intent: 'save' }), allowed: ADMINS, allowedStatus: 400 },
  { name: 'services and programmes', route: adminServices, method: 'GET', path: () => '/staff/admin/services', allowed: ADMINS, allowedStatus: 200 },
  { name: 'new service (empty form)', route: adminServices, method: 'POST', path: () => '/staff/admin/services', fields: () => ({ intent: 'create' }), allowed: ADMINS, allowedStatus: 400 },
  { name: 'holidays and deadlines', route: adminSettings, method: 'GET', path: () => '/staff/admin/settings', allowed: ADMINS, allowedStatus: 200 },
  { name: 'a holiday (empty form)', route: adminSettings, method: 'POST', path: () => '/staff/admin/settings', fields: () => ({ intent: 'addHoliday' }), allowed: ADMINS, allowedStatus: 400 },
];

// ---- running one cell ------------------------------------------------------------------------------------------

const jars = new Map<Role, CookieJar>();

async function jarFor(role: Role): Promise<CookieJar> {
  let jar = jars.get(role);
  if (!jar) {
    jar = await signInAs(USERS[role]);
    jars.set(role, jar);
  }
  return jar;
}

async function send(row: Row, who: Who, target: Target): Promise<Response> {
  const jar = who === 'nobody' ? undefined : await jarFor(who);
  const params = row.params?.(target) ?? {};
  const path = row.path(target);
  if (row.method === 'GET') {
    return run(() => (row.route.loader as (a: unknown) => unknown)(routeArgs(getRequest(path, jar), params)));
  }
  const staff = jar ? await getStaff(getRequest('/staff', jar)) : null;
  const fields = { csrf: staff?.csrfToken ?? '', ...row.fields?.(target) };
  return run(() => (row.route.action as (a: unknown) => unknown)(routeArgs(postForm(path, fields, jar), params)));
}

function expected(row: Row, who: Who, target: Target): number | 'login' {
  if (who === 'nobody') return 'login';
  if (!row.allowed.includes(who)) return 404;
  if (row.reaches && !row.reaches(who, target.province)) return 404;
  return typeof row.allowedStatus === 'function' ? row.allowedStatus(who) : row.allowedStatus;
}

describe('every staff route × every role × own and other province', () => {
  let own: Target;
  let other: Target;

  it('builds an item (with an attachment) and a canned reply in each province', async () => {
    own = await targetIn(OWN);
    other = await targetIn(OTHER);
    expect(own.itemId).not.toBe(other.itemId);
  });

  for (const row of ROWS) {
    it(row.name, async () => {
      const cells: string[] = [];
      for (const target of row.reaches ? [own, other] : [own]) {
        for (const who of EVERYONE) {
          const response = await send(row, who, target);
          const want = expected(row, who, target);
          const got = response.status === 302 && response.headers.get('Location')?.startsWith('/staff/login') ? 'login' : response.status;
          if (got !== want) cells.push(`${who} on ${target.province}: got ${got}, want ${want}`);
        }
      }
      expect(cells).toEqual([]);
    });
  }

  it('a refused reveal or note leaves no trace on the other province’s item', async () => {
    const events = db().all<{ n: number }>(`select count(*) as n from item_events where item_id = ${other.itemId} and action = 'note' and actor_staff_id in (select id from staff_users where province_id = '${OWN}')`);
    const reveals = db().all<{ n: number }>(`select count(*) as n from audit_log where action = 'item.reveal_contact' and entity_id = '${other.itemId}' and actor_staff_id in (select id from staff_users where province_id = '${OWN}')`);
    expect(events[0]!.n).toBe(0);
    expect(reveals[0]!.n).toBe(0);
  });
});
