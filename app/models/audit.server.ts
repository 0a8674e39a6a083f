/**
 * The back-office audit trail (DESIGN §7): every admin change with its before → after, and every reveal of a
 * citizen's contact data. Write it in the same transaction as the change it records.
 */
import { and, desc, eq, lt } from 'drizzle-orm';
import type { AppDatabase, Transaction } from '../../db/client';
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
