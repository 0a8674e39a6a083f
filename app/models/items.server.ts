/**
 * Item reads: look-ups by tracking code (the citizen's, with the mobile), the staff's scoped fetch, and the timelines.
 * Writes live in item-writes.server.ts and are reached only through the workflow door (the service workflow.server.ts).
 */
import { and, asc, eq, notInArray, sql, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../../db/client';
import { itemEvents, items, staffUsers } from '../../db/schema';
import { INTERNAL_ACTIONS, seesSafeguarding, type WorkflowActor } from '../domain/workflow';
import { isLocale, type AppLocale } from '../i18n/config';

export type ItemRow = typeof items.$inferSelect;

export function findByTrackingCode(db: AppDatabase, code: string): ItemRow | undefined {
  return db.select().from(items).where(eq(items.trackingCode, code)).get();
}

/**
 * A citizen's look-up: the code and the mobile the item was filed with; an anonymous item needs the code only.
 * A refusal never tells which part was wrong, except that an item's contact data was erased after closing (it can
 * then no longer be looked up by mobile at all).
 */
export function findForCitizen(
  db: AppDatabase,
  code: string,
  mobile: string | null,
): { item: ItemRow; refused?: never } | { item?: never; refused: 'not_found' | 'contact_erased' } {
  const item = findByTrackingCode(db, code);
  if (!item) return { refused: 'not_found' };
  if (item.anonymous) return { item };
  if (item.contactErasedAt) return { refused: 'contact_erased' };
  // The contact person's mobile opens it too: when one was given, the code went to that number, not the citizen's
  // (app/domain/carers.ts; outside review, round 9: a carer holding the code was told "not found").
  if (mobile !== null && (item.mobile === mobile || item.contactMobile === mobile)) return { item };
  return { refused: 'not_found' };
}

export interface PublicEvent {
  id: number;
  at: Date;
  action: string;
  toState: string;
  ownerProvinceId: string | null;
  publicMessage: string | null;
  /** A citizen's action staff entered for them: `phone` or `counter`; null otherwise. */
  via: 'phone' | 'counter' | null;
}

/** The events the citizen sees: every state change and public reply, never internal notes or staff names. */
export function publicTimeline(db: AppDatabase, itemId: number): PublicEvent[] {
  return db
    .select({
      id: itemEvents.id,
      at: itemEvents.at,
      action: itemEvents.action,
      toState: itemEvents.toState,
      ownerProvinceId: itemEvents.ownerProvinceId,
      publicMessage: itemEvents.publicMessage,
      via: sql<'phone' | 'counter' | null>`${itemEvents.via}`,
    })
    .from(itemEvents)
    .where(and(eq(itemEvents.itemId, itemId), notInArray(itemEvents.action, INTERNAL_ACTIONS)))
    .orderBy(asc(itemEvents.id))
    .all();
}

export interface StaffEvent extends PublicEvent {
  internalNote: string | null;
  actorType: string;
  actorName: string | null;
}

export function fullTimeline(db: AppDatabase, itemId: number): StaffEvent[] {
  return db
    .select({
      id: itemEvents.id,
      at: itemEvents.at,
      action: itemEvents.action,
      toState: itemEvents.toState,
      ownerProvinceId: itemEvents.ownerProvinceId,
      publicMessage: itemEvents.publicMessage,
      via: sql<'phone' | 'counter' | null>`${itemEvents.via}`,
      internalNote: itemEvents.internalNote,
      actorType: itemEvents.actorType,
      actorName: staffUsers.displayName,
    })
    .from(itemEvents)
    .leftJoin(staffUsers, eq(staffUsers.id, itemEvents.actorStaffId))
    .where(eq(itemEvents.itemId, itemId))
    .orderBy(asc(itemEvents.id))
    .all();
}

/**
 * The staff scope as part of the query (docs/DESIGN.md §9): staff never fetch an item they may not see. The SQL twin of
 * `canReachItem` (app/domain/workflow.ts): the province, and safeguarding items (issue 23) only for those who
 * `seesSafeguarding`. Every staff read of items goes through it (or, for rows already read, `canReachItem`).
 */
export function scopeFor(actor: WorkflowActor): SQL | undefined {
  const hidden = seesSafeguarding(actor.role) ? undefined : eq(items.safeguarding, false);
  if (actor.role === 'national_supervisor') return hidden;
  if ((actor.role === 'province_officer' || actor.role === 'province_manager') && actor.provinceId) {
    return and(eq(items.ownerProvinceId, actor.provinceId), hidden);
  }
  return sql`0`;
}

/** The safeguarding half of the scope alone, for reads that are not province-scoped (the call centre's look-up). */
export function safeguardingScope(actor: Pick<WorkflowActor, 'role'>): SQL | undefined {
  return seesSafeguarding(actor.role) ? undefined : eq(items.safeguarding, false);
}

export function findForStaff(db: AppDatabase, actor: WorkflowActor, itemId: number): ItemRow | undefined {
  return db
    .select()
    .from(items)
    .where(and(eq(items.id, itemId), scopeFor(actor)))
    .get();
}

export function itemLocale(item: Pick<ItemRow, 'locale'>): AppLocale {
  return isLocale(item.locale) ? item.locale : 'fa';
}
