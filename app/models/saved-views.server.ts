/**
 * Saved inbox views (app/domain/saved-views.ts). Every read names the reader: a view is returned only when it is
 * the reader's own or shared within the reader's province, so an id from another province reads as unknown.
 */
import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { AppDatabase } from '../../db/client';
import { savedViews } from '../../db/schema';
import { canShareViews, VIEWS_PER_USER, type ViewReader } from '../domain/saved-views';

export type SavedView = typeof savedViews.$inferSelect;

function visibleTo(reader: ViewReader) {
  return or(
    eq(savedViews.ownerStaffId, reader.id),
    reader.provinceId === null ? undefined : and(eq(savedViews.shared, true), eq(savedViews.provinceId, reader.provinceId)),
  );
}

/** The reader's own views, then those shared with them, by name. */
export function viewsFor(db: AppDatabase, reader: ViewReader): SavedView[] {
  return db
    .select()
    .from(savedViews)
    .where(visibleTo(reader))
    .orderBy(sql`${savedViews.ownerStaffId} <> ${reader.id}`, asc(savedViews.name), asc(savedViews.id))
    .all();
}

export function findView(db: AppDatabase, reader: ViewReader, id: number): SavedView | undefined {
  return db.select().from(savedViews).where(and(eq(savedViews.id, id), visibleTo(reader))).get();
}

/** Saves a view; `shared` holds only for a manager. Null when the user already keeps the most views allowed. */
export function saveView(db: AppDatabase, owner: ViewReader, view: { name: string; query: string; shared: boolean }): SavedView | null {
  const [{ n }] = db.select({ n: sql<number>`count(*)` }).from(savedViews).where(eq(savedViews.ownerStaffId, owner.id)).all() as [{ n: number }];
  if (n >= VIEWS_PER_USER) return null;
  return db
    .insert(savedViews)
    .values({ ownerStaffId: owner.id, provinceId: owner.provinceId, name: view.name, query: view.query, shared: view.shared && canShareViews(owner.role) && owner.provinceId !== null })
    .returning()
    .get();
}

/** Removes one of the owner's own views (a shared view is removed by its owner only); false when there is none. */
export function deleteView(db: AppDatabase, owner: ViewReader, id: number): boolean {
  return db.delete(savedViews).where(and(eq(savedViews.id, id), eq(savedViews.ownerStaffId, owner.id))).run().changes > 0;
}
