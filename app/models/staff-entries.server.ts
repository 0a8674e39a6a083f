/**
 * Items staff entered for callers and visitors (docs/DESIGN.md §1: most items come in by phone). The `submit` event names the
 * staff member who entered the item; that is what lets the confirmation page show the code to them and nobody else.
 */
import { and, eq, gte } from 'drizzle-orm';
import type { AppDatabase } from '../../db/client';
import { itemEvents, items } from '../../db/schema';
import type { ItemRow } from './items.server';

/** The item `itemId` if staff member `staffId` entered it at `since` or later; else undefined. */
export function findEnteredBy(db: AppDatabase, itemId: number, staffId: number, since: Date): ItemRow | undefined {
  const row = db
    .select({ item: items })
    .from(items)
    .innerJoin(itemEvents, and(eq(itemEvents.itemId, items.id), eq(itemEvents.action, 'submit')))
    .where(and(eq(items.id, itemId), eq(itemEvents.actorStaffId, staffId), gte(itemEvents.at, since)))
    .get();
  return row?.item;
}
