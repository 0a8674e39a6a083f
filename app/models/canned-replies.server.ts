/**
 * Canned replies per province (docs/DESIGN.md §4: managers keep them; a national supervisor keeps the ones offered in every
 * province). Every change is audited.
 */
import { and, asc, eq, isNull, or } from 'drizzle-orm';
import { writeTransaction, type AppDatabase } from '../../db/client';
import { cannedReplies } from '../../db/schema';
import type { CannedReplyInput } from '../domain/canned-reply';
import { recordAudit } from './audit.server';

export type CannedReply = typeof cannedReplies.$inferSelect;

/** The replies offered to staff handling an item of `provinceId`: that province's own and the national ones. */
export function repliesFor(db: AppDatabase, provinceId: string | null): CannedReply[] {
  return db
    .select()
    .from(cannedReplies)
    .where(and(eq(cannedReplies.active, true), provinceId ? or(eq(cannedReplies.provinceId, provinceId), isNull(cannedReplies.provinceId)) : isNull(cannedReplies.provinceId)))
    .orderBy(asc(cannedReplies.title))
    .all();
}

/** The replies a keeper manages: a manager those of the province, a national supervisor the national ones. */
export function repliesKeptBy(db: AppDatabase, provinceId: string | null): CannedReply[] {
  return db
    .select()
    .from(cannedReplies)
    .where(provinceId ? eq(cannedReplies.provinceId, provinceId) : isNull(cannedReplies.provinceId))
    .orderBy(asc(cannedReplies.title))
    .all();
}

export function createReply(db: AppDatabase, keeper: { staffId: number; provinceId: string | null }, input: CannedReplyInput, now = new Date()) {
  return writeTransaction(db, (tx) => {
    const row = tx.insert(cannedReplies).values({ ...input, provinceId: keeper.provinceId, updatedAt: now }).returning().get();
    recordAudit(tx, { actorStaffId: keeper.staffId, action: 'canned_reply.create', entity: 'canned_reply', entityId: row.id, after: row }, now);
    return row;
  });
}

/** Edits or (de)activates a reply the keeper owns; false when it is not theirs (another province's, or gone). */
export function updateReply(
  db: AppDatabase,
  keeper: { staffId: number; provinceId: string | null },
  id: number,
  change: Partial<CannedReplyInput> & { active?: boolean },
  now = new Date(),
): boolean {
  return writeTransaction(db, (tx) => {
    const before = tx
      .select()
      .from(cannedReplies)
      .where(and(eq(cannedReplies.id, id), keeper.provinceId ? eq(cannedReplies.provinceId, keeper.provinceId) : isNull(cannedReplies.provinceId)))
      .get();
    if (!before) return false;
    const after = tx.update(cannedReplies).set({ ...change, updatedAt: now }).where(eq(cannedReplies.id, id)).returning().get();
    recordAudit(tx, { actorStaffId: keeper.staffId, action: 'canned_reply.update', entity: 'canned_reply', entityId: id, before, after }, now);
    return true;
  });
}
