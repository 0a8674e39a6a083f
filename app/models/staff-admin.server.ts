/**
 * Staff user administration (docs/DESIGN.md §4: admins manage users) and the own-password change. Every change is written
 * with its audit entry (before → after, never a password or hash) in one write transaction, and the rules that
 * keep the back office reachable live here: an admin cannot deactivate or demote themselves, and the last active
 * admin cannot be removed.
 */
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { randomInt } from 'node:crypto';
import { writeTransaction, type AppDatabase, type Transaction } from '../../db/client';
import { auditLog, staffUsers } from '../../db/schema';
import { findProvince } from './catalog.server';
import type { FieldErrors } from '../domain/forms';
import type { UserCreateInput, UserEditInput } from '../domain/staff-admin-schema';
import { listAudit, recordAudit } from './audit.server';
import { accountKey } from '../domain/login-throttle';
import { clearThrottle, throttledKeys } from './login-throttle.server';
import { hashPassword, revokeUserSessions, verifyLogin, type StaffUser } from './staff.server';
import { removeTwoFactor } from './two-factor.server';

export const USER_ENTITY = 'user';

type Row = typeof staffUsers.$inferSelect;
type Reader = Pick<AppDatabase, 'select'>;

export interface StaffUserSummary {
  id: number;
  username: string;
  displayName: string;
  role: Row['role'];
  provinceId: string | null;
  email: string | null;
  /** Where an urgent item's SMS reaches the user (issue 23). */
  mobile: string | null;
  active: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  /** Enrolled in the second factor. */
  twoFactor: boolean;
  isDemo: boolean;
  createdAt: Date;
  passwordChangedAt: Date | null;
}

/** "Locked" is now the progressive delay's wait on the account's name (login-throttle.server.ts). */
function isLocked(db: Reader, row: Pick<Row, 'username'>, now: Date): boolean {
  return throttledKeys(db, now).has(accountKey(row.username));
}

function summarize(row: Row, locked: boolean): StaffUserSummary {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    provinceId: row.provinceId,
    email: row.email,
    mobile: row.mobile,
    active: row.active,
    locked,
    mustChangePassword: row.mustChangePassword,
    twoFactor: row.totpEnabledAt !== null,
    isDemo: row.isDemo,
    createdAt: row.createdAt,
    passwordChangedAt: row.passwordChangedAt,
  };
}

/** What the audit log keeps of a user: the profile and the account flags, never the hash. */
function snapshot(tx: Reader, row: Row, now: Date) {
  const { id: _id, isDemo: _isDemo, createdAt: _createdAt, passwordChangedAt: _passwordChangedAt, ...profile } = summarize(row, isLocked(tx, row, now));
  return profile;
}

export function listStaffUsers(db: AppDatabase, now = new Date()): StaffUserSummary[] {
  const throttled = throttledKeys(db, now);
  return db
    .select()
    .from(staffUsers)
    .orderBy(asc(staffUsers.username))
    .all()
    .map((row) => summarize(row, throttled.has(accountKey(row.username))));
}

export function findStaffUser(db: Reader, id: number, now = new Date()): StaffUserSummary | null {
  const row = db.select().from(staffUsers).where(eq(staffUsers.id, id)).get();
  return row ? summarize(row, isLocked(db, row, now)) : null;
}

/** 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I): about 90 bits, easy to read out. */
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function generatePassword(length = 16): string {
  let out = '';
  for (let i = 0; i < length; i++) out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return out;
}

export type AdminResult<T = object> = ({ ok: true } & T) | { ok: false; status: 400 | 404; errors: FieldErrors };

const notFound = { ok: false, status: 404, errors: { form: 'admin.errors.user_not_found' } } as const;
const invalid = (errors: FieldErrors) => ({ ok: false as const, status: 400 as const, errors });

function usernameTaken(db: Reader, username: string): boolean {
  return db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.username, username)).get() !== undefined;
}

/** Active admins other than `exceptId`: removing an admin is refused when none would be left. */
function otherActiveAdmins(tx: Reader, exceptId: number): number {
  return (
    tx
      .select({ n: sql<number>`count(*)` })
      .from(staffUsers)
      .where(and(eq(staffUsers.role, 'admin'), eq(staffUsers.active, true), ne(staffUsers.id, exceptId)))
      .get()?.n ?? 0
  );
}

function rowById(tx: Reader, id: number): Row | undefined {
  return tx.select().from(staffUsers).where(eq(staffUsers.id, id)).get();
}

/** Reads, changes and audits one user in a single write transaction. */
function changeUser<T extends object>(
  db: AppDatabase,
  id: number,
  work: (tx: Transaction, row: Row) => NoInfer<AdminResult<T>>,
): AdminResult<T> {
  return writeTransaction(db, (tx) => {
    const row = rowById(tx, id);
    if (!row) return notFound;
    return work(tx, row);
  });
}

/**
 * Creates a staff user. Without an initial password one is generated and returned once (it is stored only as a
 * hash). Users created by an admin must choose their own password at the first sign-in; `mustChangePassword`
 * false is for the command line, where the operator usually creates their own account.
 */
export async function createStaffUser(
  db: AppDatabase,
  actorStaffId: number | null,
  input: UserCreateInput,
  options: { mustChangePassword?: boolean; now?: Date } = {},
): Promise<AdminResult<{ id: number; generatedPassword: string | null }>> {
  const now = options.now ?? new Date();
  if (input.provinceId !== null && !findProvince(db, input.provinceId)) return invalid({ provinceId: 'errors.province_unknown' });
  if (usernameTaken(db, input.username)) return invalid({ username: 'admin.errors.username_taken' });
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  return writeTransaction(db, (tx) => {
    // Checked again under the write lock: two admins creating the same name at once get one account.
    if (usernameTaken(tx, input.username)) return invalid({ username: 'admin.errors.username_taken' });
    const row = tx
      .insert(staffUsers)
      .values({
        username: input.username,
        passwordHash,
        displayName: input.displayName,
        role: input.role,
        provinceId: input.provinceId,
        email: input.email,
        mobile: input.mobile ?? null,
        mustChangePassword: options.mustChangePassword ?? true,
        createdAt: now,
      })
      .returning()
      .get();
    recordAudit(tx, { actorStaffId, action: 'user.create', entity: USER_ENTITY, entityId: row.id, after: snapshot(tx, row, now) }, now);
    return { ok: true, id: row.id, generatedPassword: input.password === null ? password : null };
  });
}

/** Changes a user's display name, role, province and email. */
export function updateStaffUser(db: AppDatabase, actorStaffId: number, id: number, input: UserEditInput, now = new Date()): AdminResult<{ changed: boolean }> {
  if (input.provinceId !== null && !findProvince(db, input.provinceId)) return invalid({ provinceId: 'errors.province_unknown' });
  return changeUser<{ changed: boolean }>(db, id, (tx, row) => {
    if (row.role === 'admin' && input.role !== 'admin') {
      if (row.id === actorStaffId) return invalid({ role: 'admin.errors.self_demote' });
      if (row.active && otherActiveAdmins(tx, row.id) === 0) return invalid({ role: 'admin.errors.last_admin' });
    }
    const changed =
      row.displayName !== input.displayName ||
      row.role !== input.role ||
      row.provinceId !== input.provinceId ||
      row.email !== input.email ||
      row.mobile !== (input.mobile ?? null);
    if (!changed) return { ok: true, changed: false };
    const after = tx
      .update(staffUsers)
      .set({ displayName: input.displayName, role: input.role, provinceId: input.provinceId, email: input.email, mobile: input.mobile ?? null })
      .where(eq(staffUsers.id, id))
      .returning()
      .get();
    recordAudit(tx, { actorStaffId, action: 'user.update', entity: USER_ENTITY, entityId: id, before: snapshot(tx, row, now), after: snapshot(tx, after, now) }, now);
    return { ok: true, changed: true };
  });
}

/** Deactivating signs the user out everywhere at once; a deactivated user cannot sign in. */
export function setStaffUserActive(db: AppDatabase, actorStaffId: number, id: number, active: boolean, now = new Date()): AdminResult<{ changed: boolean }> {
  return changeUser<{ changed: boolean }>(db, id, (tx, row) => {
    if (!active && row.id === actorStaffId) return invalid({ form: 'admin.errors.self_deactivate' });
    if (!active && row.role === 'admin' && row.active && otherActiveAdmins(tx, row.id) === 0) return invalid({ form: 'admin.errors.last_admin' });
    if (row.active === active) return { ok: true, changed: false };
    const after = tx.update(staffUsers).set({ active }).where(eq(staffUsers.id, id)).returning().get();
    const sessionsRevoked = active ? 0 : revokeUserSessions(tx, id, { now });
    recordAudit(
      tx,
      {
        actorStaffId,
        action: active ? 'user.reactivate' : 'user.deactivate',
        entity: USER_ENTITY,
        entityId: id,
        before: snapshot(tx, row, now),
        after: { ...snapshot(tx, after, now), ...(active ? {} : { sessionsRevoked }) },
      },
      now,
    );
    return { ok: true, changed: true };
  });
}

/**
 * Sets a new temporary password (returned once, for the admin to pass on), which the user must change at the next
 * sign-in; signs the user out everywhere and lifts a lock.
 */
export async function resetStaffPassword(db: AppDatabase, actorStaffId: number, id: number, now = new Date()): Promise<AdminResult<{ password: string }>> {
  const existing = findStaffUser(db, id, now);
  if (!existing) return notFound;
  if (existing.id === actorStaffId) return invalid({ form: 'admin.errors.self_reset' });
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return changeUser<{ password: string }>(db, id, (tx, row) => {
    const after = tx
      .update(staffUsers)
      .set({ passwordHash, mustChangePassword: true })
      .where(eq(staffUsers.id, id))
      .returning()
      .get();
    clearThrottle(tx, accountKey(row.username));
    const sessionsRevoked = revokeUserSessions(tx, id, { now });
    recordAudit(
      tx,
      { actorStaffId, action: 'user.reset_password', entity: USER_ENTITY, entityId: id, before: snapshot(tx, row, now), after: { ...snapshot(tx, after, now), sessionsRevoked } },
      now,
    );
    return { ok: true, password };
  });
}

/** Lifts the wait that failed sign-ins put on an account's name, so its owner can sign in at once. */
export function unlockStaffUser(db: AppDatabase, actorStaffId: number, id: number, now = new Date()): AdminResult<{ changed: boolean }> {
  return changeUser<{ changed: boolean }>(db, id, (tx, row) => {
    const before = snapshot(tx, row, now);
    if (!clearThrottle(tx, accountKey(row.username))) return { ok: true, changed: false };
    recordAudit(tx, { actorStaffId, action: 'user.unlock', entity: USER_ENTITY, entityId: id, before, after: snapshot(tx, row, now) }, now);
    return { ok: true, changed: true };
  });
}

/**
 * Removes a user's second factor (lost phone and recovery codes), audited like a password reset: the user is signed
 * out everywhere, and a role that requires the factor must enrol again at the next sign-in.
 */
export function resetStaffTwoFactor(db: AppDatabase, actorStaffId: number, id: number, now = new Date()): AdminResult<{ changed: boolean }> {
  return changeUser<{ changed: boolean }>(db, id, (tx, row) => {
    if (row.id === actorStaffId) return invalid({ form: 'admin.errors.self_reset_two_factor' });
    if (row.totpEnabledAt === null) return { ok: true, changed: false };
    removeTwoFactor(tx, id);
    const sessionsRevoked = revokeUserSessions(tx, id, { now });
    const after = rowById(tx, id)!;
    recordAudit(
      tx,
      { actorStaffId, action: 'user.reset_two_factor', entity: USER_ENTITY, entityId: id, before: snapshot(tx, row, now), after: { ...snapshot(tx, after, now), sessionsRevoked } },
      now,
    );
    return { ok: true, changed: true };
  });
}

/**
 * A signed-in user changes their own password. The current one is checked like a sign-in (wrong guesses count
 * towards the account's wait); on success every other session of the user is revoked and the forced change is cleared.
 */
export async function changeOwnPassword(
  db: AppDatabase,
  user: Pick<StaffUser, 'id' | 'username'>,
  input: { currentPassword: string; newPassword: string },
  keepSessionToken: string | null,
  now = new Date(),
): Promise<AdminResult<{ sessionsRevoked: number }>> {
  const check = await verifyLogin(db, user.username, input.currentPassword, { now });
  if (!check.ok) {
    return invalid(check.reason === 'throttled' ? { form: 'errors.login_throttled_wait' } : { currentPassword: 'admin.errors.current_password_wrong' });
  }
  if (check.user.id !== user.id) return notFound;
  const passwordHash = await hashPassword(input.newPassword);
  return changeUser<{ sessionsRevoked: number }>(db, user.id, (tx, row) => {
    tx.update(staffUsers).set({ passwordHash, mustChangePassword: false, passwordChangedAt: now }).where(eq(staffUsers.id, user.id)).run();
    const sessionsRevoked = revokeUserSessions(tx, user.id, { exceptToken: keepSessionToken ?? undefined, now });
    recordAudit(
      tx,
      {
        actorStaffId: user.id,
        action: 'user.change_password',
        entity: USER_ENTITY,
        entityId: user.id,
        before: { mustChangePassword: row.mustChangePassword, passwordChangedAt: row.passwordChangedAt?.toISOString() ?? null },
        after: { mustChangePassword: false, passwordChangedAt: now.toISOString(), sessionsRevoked },
      },
      now,
    );
    return { ok: true, sessionsRevoked };
  });
}

// ---- the audit log page -----------------------------------------------------------------------------------------

export const AUDIT_PAGE_SIZE = 50;

export interface AuditChange {
  field: string;
  before: unknown;
  after: unknown;
}

function parseJson(value: string | null): Record<string, unknown> | null {
  if (value === null) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { value: parsed };
  } catch {
    return { value };
  }
}

/** Nested records become dotted fields (`deadlines.complaint.answerDays`), so a change shows only what moved. */
function flatten(record: Record<string, unknown> | null, prefix = ''): Record<string, unknown> | null {
  if (record === null) return null;
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) Object.assign(flat, flatten(value as Record<string, unknown>, `${prefix}${key}.`));
    else flat[`${prefix}${key}`] = value;
  }
  return flat;
}

/** The fields that differ between before and after (all of them when one side is missing), in a stable order. */
export function auditChanges(before: string | null, after: string | null): AuditChange[] {
  const b = flatten(parseJson(before));
  const a = flatten(parseJson(after));
  const fields = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return fields
    .map((field) => ({ field, before: b?.[field] ?? null, after: a?.[field] ?? null }))
    .filter((c) => (b === null || a === null ? c.before !== null || c.after !== null : JSON.stringify(c.before) !== JSON.stringify(c.after)));
}

/** One page of the audit log, newest first; `older` is the id to page on from, when there is more. */
export function auditPage(db: AppDatabase, query: { entity?: string; id?: string; before?: number }) {
  const rows = listAudit(db, {
    entity: query.entity || undefined,
    entityId: query.entity && query.id ? query.id : undefined,
    beforeId: query.before,
    limit: AUDIT_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      changes: auditChanges(r.before, r.after),
    })),
    older: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1]!.id : null,
  };
}

/** The entities the log holds entries for (the filter's choices). */
export function auditEntities(db: AppDatabase): string[] {
  return db
    .selectDistinct({ entity: auditLog.entity })
    .from(auditLog)
    .orderBy(asc(auditLog.entity))
    .all()
    .map((r) => r.entity);
}
