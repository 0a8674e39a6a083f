/**
 * Staff users and their server-side sessions. Passwords are argon2id hashes (docs/DESIGN.md §7); failed attempts slow the
 * guesser down with a growing wait (domain/login-throttle.ts), so a password cannot be guessed online.
 */
import { hash, verify } from '@node-rs/argon2';
import { and, asc, eq, gt, inArray, isNull, ne, type SQL } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import { writeTransaction, type AppDatabase, type Transaction } from '../../db/client';
import { staffSessions, staffUsers } from '../../db/schema';
import { faultKind } from '../domain/faults';
import { accountKey, ACCOUNT_POLICY, addressKey, ADDRESS_POLICY, type ThrottlePolicy } from '../domain/login-throttle';
import type { StaffRole } from '../domain/workflow';
import { authEntry, recordAudit, recordAuthEvent } from './audit.server';
import { claimAttempt, forgiveAttempt } from './login-throttle.server';

export type StaffUser = Pick<typeof staffUsers.$inferSelect, 'id' | 'username' | 'displayName' | 'role' | 'provinceId' | 'mustChangePassword'> & {
  /** Enrolled in the second factor (TOTP): signing in asks for a code after the password. */
  twoFactorEnabled: boolean;
};

export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;

export function hashPassword(password: string): Promise<string> {
  return hash(password); // @node-rs/argon2 defaults to argon2id
}

export type LoginResult =
  | { ok: true; user: StaffUser }
  /** One answer for an unknown name, an inactive account and a wrong password, so none of them can be told apart. */
  | { ok: false; reason: 'invalid' }
  /** Inside the wait of the progressive delay (the same for every name): try again in `retryAfter` seconds. */
  | { ok: false; reason: 'throttled'; retryAfter: number };

/**
 * Checks a username and password. The attempt is counted under the name (known or not) and the client address
 * before the password is checked; attempts inside a wait are refused without checking it (domain/login-throttle.ts).
 * A failure is audited with the name typed and the address; a refusal inside a wait once per wait.
 * `clientAddress` is the key the address is counted under (IPv6 by /64), `auditAddress` the address as it came.
 */
export async function verifyLogin(
  db: AppDatabase,
  username: string,
  password: string,
  options: { now?: Date; clientAddress?: string | null; auditAddress?: string | null } = {},
): Promise<LoginResult> {
  const now = options.now ?? new Date();
  const name = username.trim().toLowerCase();
  const account = accountKey(name);
  const address = options.clientAddress ? addressKey(options.clientAddress) : null;
  const details = { username: name, address: options.auditAddress ?? options.clientAddress ?? null };
  const keys: [string, ThrottlePolicy][] = [[account, ACCOUNT_POLICY]];
  if (address) keys.push([address, ADDRESS_POLICY]);
  // A wait on the name is kept under the name, a wait on the address under the address group.
  const attempt = claimAttempt(db, keys, now, (key, waitEndsAt) =>
    authEntry('auth.sign_in_throttled', { subject: key === account ? name : options.clientAddress! }, { ...details, waitEndsAt }),
  );
  if (!attempt.ok) return { ok: false, reason: 'throttled', retryAfter: attempt.retryAfter };
  const failed = (): LoginResult => {
    recordAuthEvent(db, authEntry('auth.sign_in_failed', { subject: name }, details), now);
    return attempt.retryAfter > 0 ? { ok: false, reason: 'throttled', retryAfter: attempt.retryAfter } : { ok: false, reason: 'invalid' };
  };
  const user = db.select().from(staffUsers).where(eq(staffUsers.username, name)).get();
  if (!user || !user.active) {
    // Spend the same time as a real check so a response time does not reveal which usernames exist.
    await verify(DUMMY_HASH, password).catch(() => false);
    return failed();
  }
  const valid = await verify(user.passwordHash, password).catch(() => false);
  if (!valid) return failed();
  forgiveAttempt(db, account, address ? [address] : []);
  return { ok: true, user: pickUser(user) };
}

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$d9+V/nx9Mi7JnW9SHBIbGw$TTKWTt15VUZO4xVwiXsiJqd1QrJ5Ifw0thGL6OLgkmM';

function pickUser(user: typeof staffUsers.$inferSelect): StaffUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    provinceId: user.provinceId,
    mustChangePassword: user.mustChangePassword,
    twoFactorEnabled: user.totpEnabledAt !== null,
  };
}

/** The cookie carries the random token; the database keeps only its hash, so a leaked database opens no session. */
function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** How a sign-in was completed, for the audit log. */
export type SignInFactor = 'password' | 'totp' | 'recovery';

/** A new session; with `signIn`, the sign-in is audited (who, how, from where) in the same transaction. */
export function createSession(db: AppDatabase, userId: number, now = new Date(), signIn?: { factor: SignInFactor; address: string | null }): string {
  const token = randomBytes(32).toString('base64url');
  writeTransaction(db, (tx) => {
    tx.insert(staffSessions)
      .values({ id: tokenHash(token), userId, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS) })
      .run();
    if (signIn) recordAudit(tx, authEntry('auth.sign_in', { userId }, { factor: signIn.factor, address: signIn.address }), now);
  });
  return token;
}

/** The signed-in user for a session token, or null when it is unknown, revoked, idle too long or expired. */
export function userForSession(db: AppDatabase, token: string, now = new Date()): StaffUser | null {
  const id = tokenHash(token);
  const row = db
    .select({ session: staffSessions, user: staffUsers })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.userId))
    .where(and(eq(staffSessions.id, id), isNull(staffSessions.revokedAt), gt(staffSessions.expiresAt, now)))
    .get();
  if (!row || !row.user.active) return null;
  if (now.getTime() - row.session.lastSeenAt.getTime() > SESSION_IDLE_MS) return null;
  // Touch at most once a minute: a page view should not always write. The touch is best effort: while another
  // process holds the write lock or the disk is full, reading pages goes on (the next view touches it).
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
    try {
      db.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.id, id)).run();
    } catch (error) {
      if (!faultKind(error)) throw error;
    }
  }
  return pickUser(row.user);
}

/** Ends a session; with `signOut`, audited as the user's sign-out when the session was still open. */
export function revokeSession(db: AppDatabase, token: string, now = new Date(), signOut?: { address: string | null }) {
  writeTransaction(db, (tx) => {
    const session = tx
      .update(staffSessions)
      .set({ revokedAt: now })
      .where(and(eq(staffSessions.id, tokenHash(token)), isNull(staffSessions.revokedAt)))
      .returning({ userId: staffSessions.userId })
      .get();
    if (session && signOut) recordAudit(tx, authEntry('auth.sign_out', { userId: session.userId }, { address: signOut.address }), now);
  });
}

/**
 * Revokes every open session of a user (deactivation, password reset), or every one but `exceptToken`'s (a user
 * changing their own password stays signed in where they did it). Returns how many were revoked.
 */
export function revokeUserSessions(tx: Pick<Transaction, 'update'>, userId: number, options: { exceptToken?: string; now?: Date } = {}): number {
  const result = tx
    .update(staffSessions)
    .set({ revokedAt: options.now ?? new Date() })
    .where(
      and(
        eq(staffSessions.userId, userId),
        isNull(staffSessions.revokedAt),
        options.exceptToken ? ne(staffSessions.id, tokenHash(options.exceptToken)) : undefined,
      ),
    )
    .run();
  return result.changes;
}

export interface NewStaffUser {
  username: string;
  passwordHash: string;
  displayName: string;
  role: StaffRole;
  provinceId: string | null;
  isDemo?: boolean;
}

export function insertStaffUsers(db: AppDatabase, users: NewStaffUser[]) {
  if (users.length === 0) return;
  db.insert(staffUsers).values(users).onConflictDoNothing({ target: staffUsers.username }).run();
}

/** Who handles a queue: a province's active officers and managers, or the national supervisors (`null`). */
export function handlesQueue(ownerProvinceId: string | null): SQL {
  return and(
    eq(staffUsers.active, true),
    ownerProvinceId === null
      ? eq(staffUsers.role, 'national_supervisor')
      : and(eq(staffUsers.provinceId, ownerProvinceId), inArray(staffUsers.role, ['province_officer', 'province_manager'])),
  )!;
}

/** The staff of a queue, by name: the people an item there can be assigned to. */
export function queueStaff(db: Pick<AppDatabase, 'select'>, ownerProvinceId: string | null) {
  return db
    .select({ id: staffUsers.id, displayName: staffUsers.displayName })
    .from(staffUsers)
    .where(handlesQueue(ownerProvinceId))
    .orderBy(asc(staffUsers.displayName), asc(staffUsers.id))
    .all();
}
