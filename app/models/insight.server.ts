/**
 * Reads for the insight pages (issue 25): one fact row per item received in a period, within a scope (the country,
 * one province's items, or one centre), for app/domain/insight.ts to group; the items behind the hotspots; and a
 * centre's month with its public replies. Items are read directly (not the aggregate tables): these pages split by
 * service and by the centres' underserved flag, which the aggregates do not keep, and follow each received item to
 * its outcome.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../../db/client';
import { centers, itemEvents, items, services } from '../../db/schema';
import { lastDays } from '../domain/stats';
import { startOfTehranDay } from '../domain/calendar';
import { AWAITING_STAFF_STATES, OPEN_STATES } from '../domain/inbox-query';
import type { HotspotItem, ItemFact, CentreGroup } from '../domain/insight';
import type { Period } from '../domain/stats';
import { canReachItem, type Channel, type ItemKind, type ItemState, type WorkflowActor } from '../domain/workflow';

/** Which items: a province's (as the current owner; `national` for the national queue), or every item; and one centre. */
export interface FactScope {
  owner?: string | null;
  centerId?: number;
  centres?: CentreGroup;
}

/** A span of instants, `from` inclusive, `to` exclusive (ms). */
export interface Span {
  from: number;
  to: number;
}

/** The last `period` Tehran days up to now, as a span (today's part included: the pages say "received so far"). */
export function periodSpan(period: Period, now: Date): Span & { firstDay: string; lastDay: string } {
  const days = lastDays(now, period);
  return { from: startOfTehranDay(days[0]!).getTime(), to: now.getTime() + 1, firstDay: days[0]!, lastDay: days[days.length - 1]! };
}

function scopeWhere(scope: FactScope): SQL | undefined {
  return and(
    scope.owner === 'national' ? isNull(items.ownerProvinceId) : scope.owner ? eq(items.ownerProvinceId, scope.owner) : undefined,
    scope.centerId !== undefined ? eq(items.centerId, scope.centerId) : undefined,
    scope.centres === 'underserved' ? sql`coalesce(${centers.underserved}, 0) = 1` : scope.centres === 'other' ? sql`coalesce(${centers.underserved}, 0) = 0` : undefined,
  );
}

const ENDED_WITH_REASON = sql`${items.state} IN ('redirected', 'rejected')`;

/** One fact per item received in `span` within `scope`, oldest first. */
export function itemFacts(db: AppDatabase, scope: FactScope, span: Span): ItemFact[] {
  const rows = db
    .select({
      id: items.id,
      owner: sql<string>`coalesce(${items.ownerProvinceId}, 'national')`,
      kind: items.kind,
      channel: items.channel,
      area: items.area,
      serviceId: items.serviceId,
      centerId: items.centerId,
      underserved: sql<number>`coalesce(${centers.underserved}, 0)`,
      state: items.state,
      createdAt: sql<number>`${items.createdAt}`,
      // A redirection or rejection with its reason is the answer staff gave (docs/decisions/016-figures.md).
      answeredAt: sql<number | null>`coalesce(${items.answeredAt}, CASE WHEN ${ENDED_WITH_REASON} THEN ${items.closedAt} END)`,
      answerDueAt: sql<number | null>`${items.answerDueAt}`,
      duplicate: sql<number>`${items.duplicateOfItemId} IS NOT NULL`,
      rating: items.rating,
      appealed: sql<number>`EXISTS (SELECT 1 FROM item_events e WHERE e.item_id = ${items.id} AND e.action = 'appeal' AND e.mirror_of_event_id IS NULL)`,
      appealUpheld: sql<number>`EXISTS (SELECT 1 FROM item_events e WHERE e.item_id = ${items.id} AND e.action = 'reopen' AND e.mirror_of_event_id IS NULL)`,
      appealDecided: sql<number>`EXISTS (SELECT 1 FROM item_events e WHERE e.item_id = ${items.id} AND e.action IN ('reopen', 'final_answer') AND e.mirror_of_event_id IS NULL)`,
    })
    .from(items)
    .leftJoin(centers, eq(centers.id, items.centerId))
    .where(and(gte(items.createdAt, new Date(span.from)), lt(items.createdAt, new Date(span.to)), scopeWhere(scope)))
    .orderBy(asc(items.createdAt))
    .all();
  return rows.map((r) => ({
    ...r,
    kind: r.kind as ItemKind,
    channel: r.channel as Channel,
    state: r.state as ItemState,
    underserved: Boolean(r.underserved),
    duplicate: Boolean(r.duplicate),
    appealed: Boolean(r.appealed),
    appealUpheld: Boolean(r.appealUpheld),
    appealDecided: Boolean(r.appealDecided),
  }));
}

const hotspotColumns = {
  id: items.id,
  owner: sql<string>`coalesce(${items.ownerProvinceId}, 'national')`,
  centerId: items.centerId,
  underserved: sql<number>`coalesce(${centers.underserved}, 0)`,
  createdAt: sql<number>`${items.createdAt}`,
  open: sql<number>`${inArray(items.state, [...OPEN_STATES])}`,
  duplicateOf: items.duplicateOfItemId,
  text: sql<string>`substr(${items.subject} || ' ' || ${items.body}, 1, 2000)`,
};

const toHotspotItem = (r: { underserved: number; open: number } & Omit<HotspotItem, 'underserved' | 'open'>): HotspotItem => ({
  ...r,
  underserved: Boolean(r.underserved),
  open: Boolean(r.open),
});

/**
 * The items the hotspots are found among (received in `span`, within `scope`), and the originals of their duplicates
 * received earlier (a duplicate group counts its original wherever it falls in time).
 */
export function hotspotItems(db: AppDatabase, scope: FactScope, span: Span): { list: HotspotItem[]; originals: Map<number, HotspotItem> } {
  const list = db
    .select(hotspotColumns)
    .from(items)
    .leftJoin(centers, eq(centers.id, items.centerId))
    .where(and(gte(items.createdAt, new Date(span.from)), lt(items.createdAt, new Date(span.to)), scopeWhere(scope)))
    .all()
    .map(toHotspotItem);
  const have = new Set(list.map((i) => i.id));
  const missing = [...new Set(list.flatMap((i) => (i.duplicateOf !== null && !have.has(i.duplicateOf) ? [i.duplicateOf] : [])))];
  const originals = new Map<number, HotspotItem>();
  for (let start = 0; start < missing.length; start += 500) {
    const rows = db.select(hotspotColumns).from(items).leftJoin(centers, eq(centers.id, items.centerId)).where(inArray(items.id, missing.slice(start, start + 500))).all();
    for (const row of rows) originals.set(row.id, toHotspotItem(row));
  }
  return { list, originals };
}

/** Names of the centres given, with their province and flag (inactive ones too: their items remain). */
export function centreNames(db: AppDatabase, ids: readonly number[]) {
  const names = new Map<number, { nameFa: string; nameEn: string; provinceId: string; underserved: boolean }>();
  for (let start = 0; start < ids.length; start += 500) {
    const rows = db
      .select({ id: centers.id, nameFa: centers.nameFa, nameEn: centers.nameEn, provinceId: centers.provinceId, underserved: centers.underserved })
      .from(centers)
      .where(inArray(centers.id, ids.slice(start, start + 500)))
      .all();
    for (const { id, ...rest } of rows) names.set(id, rest);
  }
  return names;
}

/** Every service's name, for the comparison by service (inactive ones too). */
export function serviceNames(db: AppDatabase) {
  return new Map(db.select({ id: services.id, nameFa: services.nameFa, nameEn: services.nameEn }).from(services).all().map(({ id, ...names }) => [String(id), names]));
}

/** A centre for its month page: the row, or undefined when there is none. */
export function findCentre(db: AppDatabase, id: number) {
  return db
    .select({ id: centers.id, nameFa: centers.nameFa, nameEn: centers.nameEn, provinceId: centers.provinceId, underserved: centers.underserved, active: centers.active })
    .from(centers)
    .where(eq(centers.id, id))
    .get();
}

/** The staff actions whose public message is a reply to the citizen (a transfer's or route's note is not). */
const REPLY_ACTIONS = ['reply', 'ask_citizen', 'answer', 'redirect', 'reject', 'final_answer', 'reopen'] as const;

/** At most this many public replies are listed on a centre's month (newest first); the page says how many more. */
export const REPLIES_LIMIT = 50;

/**
 * The public replies staff gave in `span` on items of a centre (not the copies mirrored onto duplicates), newest
 * first: those on items `actor` can reach, with the count of the others (a transferred item's replies stay counted).
 */
export function publicReplies(db: AppDatabase, actor: WorkflowActor, centerId: number, span: Span) {
  const rows = db
    .select({
      eventId: itemEvents.id,
      itemId: items.id,
      trackingCode: items.trackingCode,
      ownerProvinceId: items.ownerProvinceId,
      at: itemEvents.at,
      action: itemEvents.action,
      message: sql<string>`substr(${itemEvents.publicMessage}, 1, 2000)`,
    })
    .from(itemEvents)
    .innerJoin(items, eq(items.id, itemEvents.itemId))
    .where(
      and(
        eq(items.centerId, centerId),
        eq(itemEvents.actorType, 'staff'),
        inArray(itemEvents.action, [...REPLY_ACTIONS]),
        isNotNull(itemEvents.publicMessage),
        isNull(itemEvents.mirrorOfEventId),
        gte(itemEvents.at, new Date(span.from)),
        lt(itemEvents.at, new Date(span.to)),
      ),
    )
    .orderBy(desc(itemEvents.at), desc(itemEvents.id))
    .all();
  const reachable = rows.filter((r) => canReachItem(actor, r.ownerProvinceId));
  return {
    replies: reachable.slice(0, REPLIES_LIMIT).map(({ ownerProvinceId: _owner, ...r }) => r),
    total: rows.length,
    more: Math.max(0, reachable.length - REPLIES_LIMIT),
    elsewhere: rows.length - reachable.length,
  };
}

/** A centre's items open now and, of those waiting for staff, how many are past a deadline (its backlog today). */
export function centreNow(db: AppDatabase, centerId: number, now: Date) {
  const at = now.getTime();
  const row = db
    .select({
      open: sql<number>`count(*)`.mapWith(Number),
      overdue: sql<number>`sum(CASE WHEN ${inArray(items.state, [...AWAITING_STAFF_STATES])} AND ((${items.firstRespondedAt} IS NULL AND ${items.firstResponseDueAt} <= ${at}) OR ${items.answerDueAt} <= ${at}) THEN 1 ELSE 0 END)`.mapWith(Number),
    })
    .from(items)
    .where(and(eq(items.centerId, centerId), inArray(items.state, [...OPEN_STATES])))
    .get();
  return { open: row?.open ?? 0, overdue: row?.overdue ?? 0 };
}
