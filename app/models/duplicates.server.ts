/**
 * Possible duplicates (issue "every channel"): open items of the same centre (or, without a centre, the same
 * queue) from the last 30 days whose text shares distinctive words, found through the full-text index. Staff see
 * them within their province scope; a citizen only ever learns how many items about a centre are being handled.
 */
import { and, desc, eq, gte, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { AppDatabase } from '../../db/client';
import { items } from '../../db/schema';
import { OPEN_STATES } from '../domain/inbox-query';
import { similarityQuery } from '../domain/search';
import { canReachItem, type ItemKind, type ItemState, type WorkflowActor } from '../domain/workflow';
import { scopeFor } from './items.server';

const WINDOW_MS = 30 * 86_400_000;

export interface SimilarItem {
  id: number;
  trackingCode: string;
  kind: ItemKind;
  state: ItemState;
  createdAt: Date;
  excerpt: string;
  /** Filed with `about.mobile` (false when no mobile was given): the caller's own item. */
  sameMobile: boolean;
}

export function similarOpenItems(
  db: AppDatabase,
  actor: WorkflowActor,
  about: { text: string; centerId: number | null; ownerProvinceId: string | null; excludeId?: number; mobile?: string | null },
  now: Date = new Date(),
  limit = 5,
): SimilarItem[] {
  const match = similarityQuery(about.text);
  if (!match) return [];
  const rows = db
    .select({
      id: items.id,
      trackingCode: items.trackingCode,
      kind: items.kind,
      state: items.state,
      createdAt: items.createdAt,
      excerpt: sql<string>`substr(${items.body}, 1, 160)`,
      sameMobile: about.mobile ? sql<number>`coalesce(${items.mobile} = ${about.mobile}, 0)` : sql<number>`0`,
    })
    .from(items)
    .innerJoin(sql`item_search`, sql`item_search.rowid = ${items.id}`)
    .where(
      and(
        sql`item_search MATCH ${match}`,
        scopeFor(actor),
        inArray(items.state, [...OPEN_STATES]),
        gte(items.createdAt, new Date(now.getTime() - WINDOW_MS)),
        about.centerId !== null ? eq(items.centerId, about.centerId) : about.ownerProvinceId !== null ? eq(items.ownerProvinceId, about.ownerProvinceId) : isNull(items.ownerProvinceId),
        about.excludeId !== undefined ? ne(items.id, about.excludeId) : undefined,
        // A duplicate is reached through its original.
        isNull(items.duplicateOfItemId),
      ),
    )
    .orderBy(sql`item_search.rank`, desc(items.id))
    .limit(limit)
    .all();
  return rows.map((r) => ({ ...r, kind: r.kind as ItemKind, state: r.state as ItemState, sameMobile: Boolean(r.sameMobile) }));
}

/** How many items about a centre are being handled now: all a citizen learns about others' feedback. */
export function openItemsAtCenter(db: AppDatabase, centerId: number): number {
  return db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(items)
    .where(and(eq(items.centerId, centerId), inArray(items.state, [...OPEN_STATES])))
    .get()!.n;
}

/**
 * The duplicates marked on an item, and the item it duplicates: for the staff page of `actor`. A linked item can sit
 * in another province (a duplicate transferred on its own): it is counted, but its tracking code — for an anonymous
 * item the only key to it on /track — and its id are shown only within the actor's reach.
 */
export function duplicateLinks(db: AppDatabase, actor: WorkflowActor, item: { id: number; duplicateOfItemId: number | null }) {
  const linked = { id: items.id, trackingCode: items.trackingCode, state: items.state, ownerProvinceId: items.ownerProvinceId, safeguarding: items.safeguarding };
  const reachable = <T extends { ownerProvinceId: string | null; safeguarding: boolean }>(row: T) => canReachItem(actor, row.ownerProvinceId, row.safeguarding);
  const originalRow = item.duplicateOfItemId ? (db.select(linked).from(items).where(eq(items.id, item.duplicateOfItemId)).get() ?? null) : null;
  const duplicateRows = db.select(linked).from(items).where(eq(items.duplicateOfItemId, item.id)).orderBy(items.id).all();
  return {
    original: originalRow && reachable(originalRow) ? { id: originalRow.id, trackingCode: originalRow.trackingCode } : null,
    /** The item is a duplicate of one this actor cannot reach. */
    originalElsewhere: originalRow !== null && !reachable(originalRow),
    duplicates: duplicateRows.filter(reachable).map(({ id, trackingCode, state }) => ({ id, trackingCode, state })),
    /** Duplicates of this item now in a province this actor cannot reach. */
    duplicatesElsewhere: duplicateRows.filter((row) => !reachable(row)).length,
  };
}
