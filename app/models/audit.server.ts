/**
 * The back-office audit trail (docs/DESIGN.md §7): every admin change with its before → after, and every reveal of a
 * citizen's contact data. Write it in the same transaction as the change it records.
 */
import { and, desc, eq, gte, lt } from 'drizzle-orm';
import { writeTransaction, type AppDatabase, type Transaction } from '../../db/client';
import { auditLog, staffUsers } from '../../db/schema';

export interface AuditEntry {
  /** Null for a change made from the command line. */
  actorStaffId: number | null;
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/** Never store secrets: password hashes and session ids are dropped from before/after. */
function scrub(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, v) => (key === 'passwordHash' || key === 'password' || key === 'token' ? undefined : v));
}

export function recordAudit(tx: Pick<Transaction, 'insert'>, entry: AuditEntry, now: Date = new Date()) {
  tx.insert(auditLog)
    .values({
      at: now,
      actorStaffId: entry.actorStaffId,
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      before: scrub(entry.before),
      after: scrub(entry.after),
    })
    .run();
}

/**
 * Sign-in events (ASVS 5.0 16.3.1): who, from which address, and what happened — never the password or a code.
 * Events of a known account are kept under the user (its history on the user's page); a failed password is kept
 * under the name as typed (`sign_in`), whether or not such an account exists, with no actor.
 */
export type AuthAction =
  | 'auth.sign_in'
  | 'auth.sign_in_failed'
  | 'auth.sign_in_throttled'
  | 'auth.second_factor_failed'
  | 'auth.second_factor_throttled'
  | 'auth.sign_out';

export function authEntry(action: AuthAction, who: { userId: number } | { subject: string }, details: Record<string, unknown>): AuditEntry {
  return 'userId' in who
    ? { actorStaffId: who.userId, action, entity: 'user', entityId: who.userId, after: details }
    : { actorStaffId: null, action, entity: 'sign_in', entityId: who.subject, after: details };
}

/** Records a sign-in event on its own (outside any other change). */
export function recordAuthEvent(db: AppDatabase, entry: AuditEntry, now: Date = new Date()) {
  writeTransaction(db, (tx) => recordAudit(tx, entry, now));
}

/** Whether `entry`'s action was already recorded for its record since `since` (e.g. once per sign-in wait). */
export function recordedSince(tx: Pick<Transaction, 'select'>, entry: Pick<AuditEntry, 'action' | 'entity' | 'entityId'>, since: Date): boolean {
  return (
    tx
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.entity, entry.entity), eq(auditLog.entityId, String(entry.entityId)), eq(auditLog.action, entry.action), gte(auditLog.at, since)))
      .limit(1)
      .get() !== undefined
  );
}

/** The newest entries first, optionally of one entity, with keyset paging on the id. */
export function listAudit(db: AppDatabase, options: { entity?: string; entityId?: string; beforeId?: number; limit?: number } = {}) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      actor: staffUsers.username,
    })
    .from(auditLog)
    .leftJoin(staffUsers, eq(staffUsers.id, auditLog.actorStaffId))
    .where(
      and(
        options.entity ? eq(auditLog.entity, options.entity) : undefined,
        options.entityId ? eq(auditLog.entityId, options.entityId) : undefined,
        options.beforeId ? lt(auditLog.id, options.beforeId) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(options.limit ?? 50)
    .all();
}
