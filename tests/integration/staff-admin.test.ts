/**
 * The back office's user administration, the audit log, the own-password change with the forced change after a
 * reset, and `npm run user:create`: real loaders and actions on a real SQLite file.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { and, desc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { writeTransaction } from '../../db/client';
import { auditLog, staffSessions, staffUsers } from '../../db/schema';
import { recordAudit } from '~/models/audit.server';
import { AUDIT_PAGE_SIZE, setStaffUserActive } from '~/models/staff-admin.server';
import * as staffHome from '~/routes/staff._index';
import * as adminHome from '~/routes/staff.admin._index';
import * as adminAudit from '~/routes/staff.admin.audit';
import * as userPage from '~/routes/staff.admin.users.$id';
import * as userList from '~/routes/staff.admin.users._index';
import * as userNew from '~/routes/staff.admin.users.new';
import * as staffInbox from '~/routes/staff.inbox/route';
import * as staffLogin from '~/routes/staff.login';
import * as staffLogout from '~/routes/staff.logout';
import * as passwordPage from '~/routes/staff.password';
import { CookieJar, getRequest, postForm, routeArgs, run } from '../support/http';
import { csrfOf, DEMO_PASSWORD, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

// ---- helpers ---------------------------------------------------------------------------------------------------

async function logIn(username: string, password: string) {
  return run(() => staffLogin.action(routeArgs(postForm('/staff/login', { username, password }))));
}

type Module = { loader?: (args: never) => unknown; action?: (args: never) => unknown };

async function load(route: Module, url: string, jar: CookieJar, params: Record<string, string> = {}) {
  return run(() => (route.loader as (a: ReturnType<typeof routeArgs>) => unknown)(routeArgs(getRequest(url, jar), params)));
}

/** A POST with the signed-in user's CSRF token unless `csrf` is given (also as ''). */
async function post(route: Module, url: string, jar: CookieJar, fields: Record<string, string>, params: Record<string, string> = {}) {
  const body = 'csrf' in fields ? fields : { csrf: await csrfOf(jar), ...fields };
  if (body.csrf === '') delete (body as Record<string, string>).csrf;
  return run(() => (route.action as (a: ReturnType<typeof routeArgs>) => unknown)(routeArgs(postForm(url, body, jar), params)));
}

const userByName = (username: string) => db().select().from(staffUsers).where(eq(staffUsers.username, username)).get();
const idOf = (username: string) => userByName(username)!.id;
const userCount = () => db().select({ n: sql<number>`count(*)` }).from(staffUsers).get()!.n;
const auditCount = () => db().select({ n: sql<number>`count(*)` }).from(auditLog).get()!.n;

function auditFor(entityId: number, action?: string) {
  return db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'user'), eq(auditLog.entityId, String(entityId)), action ? eq(auditLog.action, action) : undefined))
    .orderBy(desc(auditLog.id))
    .all();
}

/** An audit row never holds a password or a hash, only the profile and flags. */
function expectNoSecrets(row: { before: string | null; after: string | null }, ...secrets: string[]) {
  const text = `${row.before ?? ''}${row.after ?? ''}`;
  expect(text).not.toMatch(/"(password|passwordHash|password_hash|token)"|argon2/i);
  for (const secret of secrets) expect(text).not.toContain(secret);
}

const json = <T = Record<string, unknown>>(response: Response) => response.json() as Promise<T>;
const errorsOf = async (response: Response) => (await json<{ errors: Record<string, string> }>(response)).errors;

function newUserFields(overrides: Record<string, string> = {}) {
  return {
    username: 'new.officer',
    displayName: 'کارشناس تازه',
    role: 'province_officer',
    provinceId: 'ir-09',
    email: '',
    passwordMode: 'generate',
    password: '',
    ...overrides,
  };
}

const userUrl = (id: number) => `/staff/admin/users/${id}`;

async function openInbox(jar: CookieJar) {
  return run(() => staffInbox.loader(routeArgs(getRequest('/staff/inbox', jar))));
}

// ---- creating users --------------------------------------------------------------------------------------------

describe('an admin creates a staff user', () => {
  it('with a generated password shown once, audited without any secret; the user must change it at sign-in', async () => {
    const admin = await signInAs('admin');
    const before = userCount();
    const response = await post(userNew, '/staff/admin/users/new', admin, newUserFields({ username: 'Created.One', email: 'Created@Example.IR' }));
    expect(response.status).toBe(200);
    const data = await json<{ created: { id: number; username: string; password: string } }>(response);
    expect(data.created.username).toBe('created.one');
    expect(data.created.password).toMatch(/^[A-Za-z2-9]{16}$/);
    expect(userCount()).toBe(before + 1);

    const row = userByName('created.one')!;
    expect(row).toMatchObject({ role: 'province_officer', provinceId: 'ir-09', email: 'created@example.ir', active: true, mustChangePassword: true });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);

    const [entry] = auditFor(row.id, 'user.create');
    expect(entry).toMatchObject({ actorStaffId: idOf('admin'), before: null });
    expect(JSON.parse(entry!.after!)).toEqual({
      username: 'created.one',
      displayName: 'کارشناس تازه',
      role: 'province_officer',
      provinceId: 'ir-09',
      email: 'created@example.ir',
      mobile: null,
      active: true,
      locked: false,
      mustChangePassword: true,
      twoFactor: false,
    });
    expectNoSecrets(entry!, data.created.password, row.passwordHash);

    const jar = await signInAs('created.one', data.created.password);
    const inbox = await openInbox(jar);
    expect(inbox.status).toBe(302);
    expect(inbox.headers.get('Location')).toBe('/staff/password');
  });

  it('with a password the admin typed: redirected to the new user, and the password works', async () => {
    const admin = await signInAs('admin');
    const response = await post(userNew, '/staff/admin/users/new', admin, newUserFields({ username: 'typed.pass', role: 'national_supervisor', provinceId: '', passwordMode: 'set', password: 'a long enough pass' }));
    expect(response.status).toBe(302);
    const id = idOf('typed.pass');
    expect(response.headers.get('Location')).toBe(`${userUrl(id)}?done=created`);
    expect((await logIn('typed.pass', 'a long enough pass')).status).toBe(302);
  });

  it.each([
    ['a username with spaces or capitals-only symbols', { username: 'Bad Name!' }, { username: 'admin.errors.username_invalid' }],
    ['a username too short', { username: 'ab' }, { username: 'admin.errors.username_invalid' }],
    ['a username that exists', { username: 'officer.ir-09' }, { username: 'admin.errors.username_taken' }],
    ['no province for a province officer', { provinceId: '' }, { provinceId: 'admin.errors.province_required' }],
    ['a province for a national role', { role: 'national_supervisor', provinceId: 'ir-09' }, { provinceId: 'admin.errors.province_forbidden' }],
    ['a province for the call centre', { role: 'call_center_agent', provinceId: 'ir-10' }, { provinceId: 'admin.errors.province_forbidden' }],
    ['a province that does not exist', { provinceId: 'ir-99' }, { provinceId: 'errors.province_unknown' }],
    ['an unknown role', { role: 'superuser' }, { role: 'admin.errors.role_required' }],
    ['no display name', { displayName: '  ' }, { displayName: 'admin.errors.display_name_required' }],
    ['a bad email', { email: 'not-an-email' }, { email: 'errors.email_invalid' }],
    ['a short password', { passwordMode: 'set', password: 'short-9ch' }, { password: 'admin.errors.password_too_short' }],
    ['no password when choosing to type one', { passwordMode: 'set', password: '' }, { password: 'admin.errors.password_required' }],
  ])('refuses %s with a field error (400), keeping the typed input and creating nobody', async (_label, overrides, expected) => {
    const admin = await signInAs('admin');
    const users = userCount();
    const audits = auditCount();
    const fields = newUserFields({ username: 'field.test', ...overrides });
    const response = await post(userNew, '/staff/admin/users/new', admin, fields);
    expect(response.status).toBe(400);
    const data = await json<{ errors: Record<string, string>; values: Record<string, string> }>(response);
    expect(data.errors).toEqual(expected);
    expect(data.values).toMatchObject({ username: fields.username, displayName: fields.displayName, role: fields.role, provinceId: fields.provinceId });
    expect(data.values).not.toHaveProperty('password');
    expect(data.values).not.toHaveProperty('csrf');
    expect(userCount()).toBe(users);
    expect(auditCount()).toBe(audits);
  });
});

// ---- editing, deactivating, resetting, unlocking ------------------------------------------------------------------

describe('an admin edits a staff user', () => {
  it('changes role, province, display name and email, audited before → after', async () => {
    const admin = await signInAs('admin');
    const id = idOf('officer.ir-13');
    const response = await post(userPage, userUrl(id), admin, { intent: 'edit', displayName: 'مدیر تازه', role: 'province_manager', provinceId: 'ir-14', email: 'm@example.ir' }, { id: String(id) });
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`${userUrl(id)}?done=saved`);
    expect(userByName('officer.ir-13')).toMatchObject({ displayName: 'مدیر تازه', role: 'province_manager', provinceId: 'ir-14', email: 'm@example.ir' });
    const [entry] = auditFor(id, 'user.update');
    expect(entry!.actorStaffId).toBe(idOf('admin'));
    expect(JSON.parse(entry!.before!)).toMatchObject({ role: 'province_officer', provinceId: 'ir-13', email: null });
    expect(JSON.parse(entry!.after!)).toMatchObject({ role: 'province_manager', provinceId: 'ir-14', displayName: 'مدیر تازه', email: 'm@example.ir' });
    expectNoSecrets(entry!, userByName('officer.ir-13')!.passwordHash);

    // The page shows it, and the audit page reads it as before → after.
    const page = await json<{ target: { role: string } }>(await load(userPage, userUrl(id), admin, { id: String(id) }));
    expect(page.target.role).toBe('province_manager');
    const log = await json<{ entries: { action: string; entityId: string; changes: { field: string; before: unknown; after: unknown }[] }[] }>(
      await load(adminAudit, `/staff/admin/audit?entity=user&id=${id}`, admin),
    );
    expect(log.entries[0]!.action).toBe('user.update');
    expect(log.entries[0]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'role', before: 'province_officer', after: 'province_manager' },
        { field: 'provinceId', before: 'ir-13', after: 'ir-14' },
      ]),
    );
    expect(log.entries[0]!.changes.map((c) => c.field)).not.toContain('username');
  });

  it('refuses a province role without a province, and a national role with one, keeping the input', async () => {
    const admin = await signInAs('admin');
    const id = idOf('officer.ir-15');
    const audits = auditCount();
    const missing = await post(userPage, userUrl(id), admin, { intent: 'edit', displayName: 'x', role: 'province_manager', provinceId: '', email: '' }, { id: String(id) });
    expect(missing.status).toBe(400);
    const data = await json<{ errors: Record<string, string>; values: Record<string, string> }>(missing);
    expect(data.errors).toEqual({ provinceId: 'admin.errors.province_required' });
    expect(data.values).toMatchObject({ role: 'province_manager', displayName: 'x' });
    const given = await post(userPage, userUrl(id), admin, { intent: 'edit', displayName: 'x', role: 'admin', provinceId: 'ir-15', email: '' }, { id: String(id) });
    expect(await errorsOf(given)).toEqual({ provinceId: 'admin.errors.province_forbidden' });
    expect(userByName('officer.ir-15')).toMatchObject({ role: 'province_officer', provinceId: 'ir-15' });
    expect(auditCount()).toBe(audits);
  });

  it('answers 404 for a user that does not exist', async () => {
    const admin = await signInAs('admin');
    expect((await load(userPage, userUrl(999999), admin, { id: '999999' })).status).toBe(404);
    expect((await load(userPage, '/staff/admin/users/abc', admin, { id: 'abc' })).status).toBe(404);
    const response = await post(userPage, userUrl(999999), admin, { intent: 'unlock' }, { id: '999999' });
    expect(response.status).toBe(404);
  });

  it('lists every user with role, province, active and locked', async () => {
    const admin = await signInAs('admin');
    const data = await json<{ users: { username: string; role: string; provinceId: string | null; active: boolean; locked: boolean }[] }>(
      await load(userList, '/staff/admin/users', admin),
    );
    expect(data.users.length).toBe(userCount());
    expect(data.users.find((u) => u.username === 'officer.ir-09')).toMatchObject({ role: 'province_officer', provinceId: 'ir-09', active: true, locked: false });
    expect(JSON.stringify(data)).not.toMatch(/argon2|passwordHash/);
  });
});

describe('deactivating a user', () => {
  it('ends their sessions at once and keeps them from signing in, until reactivated', async () => {
    const admin = await signInAs('admin');
    const officer = await signInAs('officer.ir-16');
    expect((await openInbox(officer)).status).toBe(200);
    const id = idOf('officer.ir-16');

    const response = await post(userPage, userUrl(id), admin, { intent: 'deactivate' }, { id: String(id) });
    expect(response.status).toBe(302);
    expect(userByName('officer.ir-16')!.active).toBe(false);
    const open = db().select().from(staffSessions).where(and(eq(staffSessions.userId, id), sql`${staffSessions.revokedAt} is null`)).all();
    expect(open).toEqual([]);

    const inbox = await openInbox(officer);
    expect(inbox.status).toBe(302);
    expect(inbox.headers.get('Location')).toMatch(/^\/staff\/login/);
    expect((await logIn('officer.ir-16', DEMO_PASSWORD)).status).toBe(401);

    const [entry] = auditFor(id, 'user.deactivate');
    expect(JSON.parse(entry!.before!)).toMatchObject({ active: true });
    expect(JSON.parse(entry!.after!)).toMatchObject({ active: false, sessionsRevoked: 1 });
    expectNoSecrets(entry!);

    expect((await post(userPage, userUrl(id), admin, { intent: 'reactivate' }, { id: String(id) })).status).toBe(302);
    expect(auditFor(id, 'user.reactivate')).toHaveLength(1);
    expect((await logIn('officer.ir-16', DEMO_PASSWORD)).status).toBe(302);
  });

  it('is refused for the admin themselves, and for the last active admin', async () => {
    const admin = await signInAs('admin');
    const adminId = idOf('admin');
    const self = await post(userPage, userUrl(adminId), admin, { intent: 'deactivate' }, { id: String(adminId) });
    expect(self.status).toBe(400);
    expect(await errorsOf(self)).toEqual({ form: 'admin.errors.self_deactivate' });
    const demote = await post(userPage, userUrl(adminId), admin, { intent: 'edit', displayName: 'x', role: 'national_supervisor', provinceId: '', email: '' }, { id: String(adminId) });
    expect(await errorsOf(demote)).toEqual({ role: 'admin.errors.self_demote' });
    // Two admins acting on each other at once: the rule holds in the model, under the write lock.
    const last = setStaffUserActive(db(), idOf('national'), adminId, false);
    expect(last).toEqual({ ok: false, status: 400, errors: { form: 'admin.errors.last_admin' } });
    expect(userByName('admin')).toMatchObject({ active: true, role: 'admin' });
  });
});

describe('resetting a password', () => {
  it('shows a temporary password once, ends the sessions, and forces a change at the next sign-in', async () => {
    const admin = await signInAs('admin');
    const officer = await signInAs('officer.ir-17');
    const id = idOf('officer.ir-17');
    const hashBefore = userByName('officer.ir-17')!.passwordHash;

    const response = await post(userPage, userUrl(id), admin, { intent: 'reset_password' }, { id: String(id) });
    expect(response.status).toBe(200);
    const { password } = await json<{ password: string }>(response);
    expect(password).toMatch(/^[A-Za-z2-9]{16}$/);

    expect((await openInbox(officer)).headers.get('Location')).toMatch(/^\/staff\/login/);
    expect((await logIn('officer.ir-17', DEMO_PASSWORD)).status).toBe(401);
    const row = userByName('officer.ir-17')!;
    expect(row.mustChangePassword).toBe(true);

    const [entry] = auditFor(id, 'user.reset_password');
    expect(entry!.actorStaffId).toBe(idOf('admin'));
    expect(JSON.parse(entry!.before!)).toMatchObject({ mustChangePassword: false });
    expect(JSON.parse(entry!.after!)).toMatchObject({ mustChangePassword: true, sessionsRevoked: 1 });
    expectNoSecrets(entry!, password, hashBefore, row.passwordHash);

    const again = await signInAs('officer.ir-17', password);
    expect((await openInbox(again)).headers.get('Location')).toBe('/staff/password');
  });

  it('is not offered for one’s own account', async () => {
    const admin = await signInAs('admin');
    const adminId = idOf('admin');
    const response = await post(userPage, userUrl(adminId), admin, { intent: 'reset_password' }, { id: String(adminId) });
    expect(response.status).toBe(400);
    expect(await errorsOf(response)).toEqual({ form: 'admin.errors.self_reset' });
  });
});

describe('unlocking an account', () => {
  it('lifts the wait of repeated failed sign-ins, audited', async () => {
    for (let i = 0; i < 5; i++) await logIn('officer.ir-18', 'wrong-password');
    expect(await errorsOf(await logIn('officer.ir-18', DEMO_PASSWORD))).toEqual({ form: 'errors.login_throttled' });
    const admin = await signInAs('admin');
    const id = idOf('officer.ir-18');
    const list = await json<{ users: { username: string; locked: boolean }[] }>(await load(userList, '/staff/admin/users', admin));
    expect(list.users.find((u) => u.username === 'officer.ir-18')!.locked).toBe(true);

    const response = await post(userPage, userUrl(id), admin, { intent: 'unlock' }, { id: String(id) });
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`${userUrl(id)}?done=unlocked`);
    expect((await logIn('officer.ir-18', DEMO_PASSWORD)).status).toBe(302);
    const [entry] = auditFor(id, 'user.unlock');
    expect(JSON.parse(entry!.before!)).toMatchObject({ locked: true });
    expect(JSON.parse(entry!.after!)).toMatchObject({ locked: false });
  });
});

// ---- who may ----------------------------------------------------------------------------------------------------

describe('staff who are not admins', () => {
  const roles = [
    ['province_officer', 'officer.ir-09'],
    ['province_manager', 'manager.ir-09'],
    ['national_supervisor', 'national'],
    ['call_center_agent', 'agent'],
  ] as const;

  it.each(roles)('(%s) get 404 from every admin page and action, and change nothing', async (_role, username) => {
    const jar = await signInAs(username);
    const target = idOf('officer.ir-19');
    const params = { id: String(target) };
    const users = userCount();
    const audits = auditCount();
    for (const [route, url, p] of [
      [adminHome, '/staff/admin', {}],
      [userList, '/staff/admin/users', {}],
      [userNew, '/staff/admin/users/new', {}],
      [userPage, userUrl(target), params],
      [adminAudit, '/staff/admin/audit', {}],
    ] as const) {
      expect((await load(route, url, jar, p)).status, url).toBe(404);
    }
    expect((await post(userNew, '/staff/admin/users/new', jar, newUserFields({ username: `by.${username}` }))).status).toBe(404);
    for (const intent of ['edit', 'deactivate', 'reactivate', 'reset_password', 'unlock']) {
      const response = await post(userPage, userUrl(target), jar, { intent, displayName: 'x', role: 'admin', provinceId: '', email: '' }, params);
      expect(response.status, intent).toBe(404);
    }
    expect(userCount()).toBe(users);
    expect(auditCount()).toBe(audits);
    expect(userByName('officer.ir-19')).toMatchObject({ role: 'province_officer', active: true, mustChangePassword: false });
  });
});

describe('forms without the right CSRF token', () => {
  it('are refused with 403 and change nothing', async () => {
    const admin = await signInAs('admin');
    const target = idOf('officer.ir-20');
    const params = { id: String(target) };
    const users = userCount();
    // No token, a made-up one, and a real token of another user's session.
    const othersToken = await csrfOf(await signInAs('officer.ir-21'));
    const audits = auditCount(); // after that sign-in, which is audited itself
    for (const csrf of ['', 'wrong-token', othersToken]) {
      expect((await post(userNew, '/staff/admin/users/new', admin, { csrf, ...newUserFields({ username: 'csrf.test' }) })).status).toBe(403);
      for (const intent of ['edit', 'deactivate', 'reset_password', 'unlock']) {
        const response = await post(userPage, userUrl(target), admin, { csrf, intent, displayName: 'x', role: 'admin', provinceId: '', email: '' }, params);
        expect(response.status, `${intent} with "${csrf}"`).toBe(403);
      }
      const password = await post(passwordPage, '/staff/password', admin, { csrf, currentPassword: DEMO_PASSWORD, newPassword: 'another long password', confirmPassword: 'another long password' });
      expect(password.status).toBe(403);
    }
    expect(userCount()).toBe(users);
    expect(auditCount()).toBe(audits);
    expect(userByName('officer.ir-20')).toMatchObject({ role: 'province_officer', active: true, mustChangePassword: false });
    expect((await logIn('admin', DEMO_PASSWORD)).status).toBe(302);
  });
});

// ---- the own password ----------------------------------------------------------------------------------------------

describe('changing one’s own password', () => {
  it('refuses a wrong current password, a short one, the username, the same one and a mismatch, field by field', async () => {
    const jar = await signInAs('officer.ir-22');
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ currentPassword: 'not-it-at-all', newPassword: 'a new long password', confirmPassword: 'a new long password' }, { currentPassword: 'admin.errors.current_password_wrong' }],
      [{ currentPassword: DEMO_PASSWORD, newPassword: 'short', confirmPassword: 'short' }, { newPassword: 'admin.errors.password_too_short' }],
      [{ currentPassword: DEMO_PASSWORD, newPassword: 'officer.ir-22', confirmPassword: 'officer.ir-22' }, { newPassword: 'admin.errors.password_is_username' }],
      [{ currentPassword: 'the-same-long-one', newPassword: 'the-same-long-one', confirmPassword: 'the-same-long-one' }, { newPassword: 'admin.errors.password_unchanged' }],
      [{ currentPassword: DEMO_PASSWORD, newPassword: 'a new long password', confirmPassword: 'a new long passwort' }, { confirmPassword: 'admin.errors.password_mismatch' }],
      [{ currentPassword: '', newPassword: '', confirmPassword: '' }, { currentPassword: 'admin.errors.current_password_required', newPassword: 'admin.errors.new_password_required' }],
    ];
    for (const [fields, expected] of cases) {
      const response = await post(passwordPage, '/staff/password', jar, fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect(await errorsOf(response)).toEqual(expected);
    }
    expect(userByName('officer.ir-22')!.passwordChangedAt).toBeNull();
    expect((await logIn('officer.ir-22', DEMO_PASSWORD)).status).toBe(302);
  });

  it('ends the user’s other sessions, keeps this one, sets passwordChangedAt, and is audited', async () => {
    const here = await signInAs('officer.ir-24');
    const elsewhere = await signInAs('officer.ir-24');
    const id = idOf('officer.ir-24');
    const response = await post(passwordPage, '/staff/password', here, { currentPassword: DEMO_PASSWORD, newPassword: 'my own long password', confirmPassword: 'my own long password' });
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/staff/password?done=1');

    expect((await openInbox(here)).status).toBe(200);
    expect((await openInbox(elsewhere)).headers.get('Location')).toMatch(/^\/staff\/login/);
    expect(userByName('officer.ir-24')!.passwordChangedAt).toBeInstanceOf(Date);
    expect((await logIn('officer.ir-24', DEMO_PASSWORD)).status).toBe(401);
    expect((await logIn('officer.ir-24', 'my own long password')).status).toBe(302);

    const [entry] = auditFor(id, 'user.change_password');
    expect(entry!.actorStaffId).toBe(id);
    expect(JSON.parse(entry!.after!)).toMatchObject({ mustChangePassword: false, sessionsRevoked: 1 });
    expectNoSecrets(entry!, 'my own long password', DEMO_PASSWORD);
  });
});

describe('a forced password change', () => {
  it('sends every staff page to /staff/password until the password is changed; signing out still works', async () => {
    const admin = await signInAs('admin');
    const id = idOf('manager.ir-25');
    const { password: temporary } = await json<{ password: string }>(await post(userPage, userUrl(id), admin, { intent: 'reset_password' }, { id: String(id) }));

    const jar = await signInAs('manager.ir-25', temporary);
    for (const response of [await openInbox(jar), await run(() => staffHome.loader(routeArgs(getRequest('/staff', jar))))]) {
      expect(response.status).toBe(302);
      expect(response.headers.get('Location')).toBe('/staff/password');
    }
    const page = await load(passwordPage, '/staff/password', jar);
    expect(page.status).toBe(200);
    expect((await json<{ user: { mustChangePassword: boolean } }>(page)).user.mustChangePassword).toBe(true);

    // Signing out is never blocked.
    const other = await signInAs('manager.ir-25', temporary);
    const out = await post(staffLogout, '/staff/logout', other, {});
    expect(out.status).toBe(302);
    expect(out.headers.get('Location')).toBe('/staff/login');

    const changed = await post(passwordPage, '/staff/password', jar, { currentPassword: temporary, newPassword: 'manager chosen password', confirmPassword: 'manager chosen password' });
    expect(changed.status).toBe(302);
    expect(changed.headers.get('Location')).toBe('/staff/inbox');
    expect(userByName('manager.ir-25')!.mustChangePassword).toBe(false);
    expect((await openInbox(jar)).status).toBe(200);
  });
});

// ---- the audit log ------------------------------------------------------------------------------------------------

describe('the audit log page', () => {
  it('lists newest first, filters by entity, and pages with ?before=', async () => {
    const admin = await signInAs('admin');
    writeTransaction(db(), (tx) => {
      for (let i = 0; i < AUDIT_PAGE_SIZE + 7; i++) {
        recordAudit(tx, { actorStaffId: null, action: 'paging.test', entity: 'paging', entityId: i, before: { n: i }, after: { n: i + 1 } });
      }
    });
    type Page = { entries: { id: number; entity: string; actor: string | null; changes: unknown[] }[]; older: number | null; entities: string[] };
    const first = await json<Page>(await load(adminAudit, '/staff/admin/audit?entity=paging', admin));
    expect(first.entities).toEqual(expect.arrayContaining(['paging', 'user']));
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.entries.every((e) => e.entity === 'paging' && e.actor === null)).toBe(true);
    const ids = first.entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(first.older).toBe(ids.at(-1));
    expect(first.entries[0]!.changes).toEqual([{ field: 'n', before: AUDIT_PAGE_SIZE + 6, after: AUDIT_PAGE_SIZE + 7 }]);

    const second = await json<Page>(await load(adminAudit, `/staff/admin/audit?entity=paging&before=${first.older}`, admin));
    expect(second.entries).toHaveLength(7);
    expect(second.entries.every((e) => e.id < first.older!)).toBe(true);
    expect(second.older).toBeNull();

    const all = await json<Page>(await load(adminAudit, '/staff/admin/audit?before=not-a-number&entity=%3Cscript%3E', admin));
    expect(all.entries.length).toBe(AUDIT_PAGE_SIZE);
    expect(all.entries[0]!.id).toBe(Math.max(...ids));
  });
});

// ---- the command line --------------------------------------------------------------------------------------------

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npx tsx scripts/user-create.ts …` against this file's database, as an operator would run it. */
function userCreate(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/user-create.ts', ...args], {
      cwd: path.resolve('.'),
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'development',
        DATABASE_PATH: process.env.DATABASE_PATH!,
        DATA_DIR: process.env.DATA_DIR!,
        DEMO_DATA: 'on',
        SESSION_SECRET: 'test-session-secret',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run user:create', () => {
  it('creates a user from USER_PASSWORD who can sign in, audited with no actor', { timeout: 60_000 }, async () => {
    const run1 = await userCreate(['--username', 'cli.admin', '--role', 'admin', '--display-name', 'مدیر خط فرمان', '--email', 'ops@example.ir'], { USER_PASSWORD: 'cli chosen password' });
    expect(run1.code, run1.stderr).toBe(0);
    expect(run1.stdout).toContain('created cli.admin');
    expect(run1.stdout).not.toContain('cli chosen password');
    expect(userByName('cli.admin')).toMatchObject({ role: 'admin', provinceId: null, displayName: 'مدیر خط فرمان', email: 'ops@example.ir', mustChangePassword: false });
    const jar = await signInAs('cli.admin', 'cli chosen password');
    // An admin must set up the second factor before anything else (tests/security/second-factor.test.ts).
    expect((await load(adminHome, '/staff/admin', jar)).headers.get('Location')).toBe('/staff/two-factor');
    const [entry] = auditFor(idOf('cli.admin'), 'user.create');
    expect(entry!.actorStaffId).toBeNull();
    expectNoSecrets(entry!, 'cli chosen password');

    const run2 = await userCreate(['--username', 'cli.officer', '--role', 'province_officer', '--province', 'ir-09']);
    expect(run2.code, run2.stderr).toBe(0);
    const generated = /password \(shown once, not stored\): (\S+)/.exec(run2.stdout)?.[1];
    expect(generated).toMatch(/^[A-Za-z2-9]{16}$/);
    await signInAs('cli.officer', generated!);
  });

  it('refuses bad input with a clear message and exit code 2, creating nobody', { timeout: 60_000 }, async () => {
    const users = userCount();
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['--username', 'Bad Name', '--role', 'admin'], {}, /--username: A username is 3 to 40/],
      [['--username', 'no.province', '--role', 'province_officer'], {}, /--province: Choose a province/],
      [['--username', 'short.pass', '--role', 'admin'], { USER_PASSWORD: 'short' }, /USER_PASSWORD: A password has at least 10/],
      [['--username', 'officer.ir-09', '--role', 'province_officer', '--province', 'ir-09'], {}, /--username: This username is already taken/],
      [['--username', 'x.y.z', '--role', 'king'], {}, /--role: Choose a role/],
      [['--nonsense'], {}, /Unknown option '--nonsense'/],
    ];
    const runs = await Promise.all(cases.map(([args, env]) => userCreate(args, env)));
    runs.forEach((r, i) => {
      expect(r.code, `${cases[i]![0].join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(cases[i]![2]);
      expect(r.stderr).toContain('usage: npm run user:create');
    });
    expect(userCount()).toBe(users);
  });
});
