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
import { dayKey } from '../domain/stats';
import { endOfTehranDay, startOfTehranDay } from '../domain/calendar';
import { lastDaysRange, parseRange, type DayRange } from '../domain/figures';
import { AWAITING_STAFF_STATES, OPEN_STATES } from '../domain/inbox-query';
import type { CentreGroup, HotspotItem, ItemFact, Window } from '../domain/insight';
import { rangeEnd } from './figures.server';
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

/**
 * The period of a page as decision 016 has it: an inclusive range of Tehran days, as a window of instants, its end
 * (for the backlog) the end of the last day or now if that day is not over.
 */
export function windowOf(range: DayRange, now: Date): Window & { range: DayRange } {
  const at = rangeEnd(range, now).getTime();
  return { range, from: startOfTehranDay(range.from).getTime(), to: Math.min(endOfTehranDay(range.to).getTime(), now.getTime() + 1), at };
}

/** The last `period` Tehran days up to today (today included: the figures say "so far"). */
export function periodWindow(period: Period, now: Date) {
  return windowOf(lastDaysRange(dayKey(now), period), now);
}

/**
 * The window a page shows, as on the dashboard: a custom range (`from`, `to`) wins over the preset; refused dates
 * come back as field errors and the preset is shown.
 */
export function pageWindow(query: { period: Period; from: string; to: string }, now: Date) {
  const custom = parseRange(query.from, query.to, dayKey(now));
  return { window: custom.range ? windowOf(custom.range, now) : periodWindow(query.period, now), rangeErrors: custom.errors, custom: custom.range !== null };
}

function scopeWhere(scope: FactScope): SQL | undefined {
  const province = scope.owner === 'national' ? sql`IS NULL` : scope.owner ? sql`= ${scope.owner}` : null;
  return and(
    // An item counts for a province when it arrived there, was answered there or is held there now: each of its
    // events is then counted for its own province (app/domain/insight.ts tallyRows).
    province ? sql`(${items.ownerProvinceId} ${province} OR EXISTS (SELECT 1 FROM item_events s WHERE s.item_id = ${items.id} AND s.owner_province_id ${province}))` : undefined,
    scope.centerId !== undefined ? eq(items.centerId, scope.centerId) : undefined,
    scope.centres === 'underserved' ? sql`coalesce(${centers.underserved}, 0) = 1` : scope.centres === 'other' ? sql`coalesce(${centers.underserved}, 0) = 0` : undefined,
  );
}

const ANSWER_INSTANT = sql<number | null>`coalesce(${items.answeredAt}, CASE WHEN ${items.state} IN ('redirected', 'rejected') THEN ${items.closedAt} END)`;
const ownerAfter = (actions: string) =>
  sql<string | null>`(SELECT coalesce(e.owner_province_id, 'national') FROM item_events e WHERE e.item_id = ${items.id} AND e.action IN (${sql.raw(actions)}) ORDER BY e.id LIMIT 1)`;

/**
 * One fact per item that may count in `window` within `scope`: received by its end and either received, answered or
 * changed (rated, appealed) in it, or still unanswered (the backlog at its end).
 */
export function itemFacts(db: AppDatabase, scope: FactScope, window: Window): ItemFact[] {
  const rows = db
    .select({
      id: items.id,
      kind: items.kind,
      channel: items.channel,
      area: items.area,
      serviceId: items.serviceId,
      centerId: items.centerId,
      underserved: sql<number>`coalesce(${centers.underserved}, 0)`,
      state: items.state,
      duplicate: sql<number>`${items.duplicateOfItemId} IS NOT NULL`,
      createdAt: sql<number>`${items.createdAt}`,
      answeredAt: ANSWER_INSTANT,
      answerDueAt: sql<number | null>`${items.answerDueAt}`,
      pausedAt: sql<number | null>`${items.pausedAt}`,
      closedAt: sql<number | null>`${items.closedAt}`,
      rating: items.rating,
      ratedAt: sql<number | null>`(SELECT max(e.at) FROM item_events e WHERE e.item_id = ${items.id} AND e.action = 'confirm')`,
      // The province it arrived with: the owner its routing at submission gave it (the submit event names none).
      receivedOwner: ownerAfter(`'route'`),
      // The first answer is the one the statistics count (trigger stat_items_answer); mirrored copies included.
      answerOwner: ownerAfter(`'answer', 'redirect', 'reject'`),
      ratingOwner: ownerAfter(`'confirm'`),
      owner: sql<string>`coalesce(${items.ownerProvinceId}, 'national')`,
    })
    .from(items)
    .leftJoin(centers, eq(centers.id, items.centerId))
    .where(
      and(
        lt(items.createdAt, new Date(window.to)),
        sql`(${items.createdAt} >= ${window.from} OR ${items.updatedAt} >= ${window.from} OR ${ANSWER_INSTANT} IS NULL OR ${ANSWER_INSTANT} >= ${window.from})`,
        scopeWhere(scope),
      ),
    )
    .orderBy(asc(items.id))
    .all();
  // Appeals and their decisions in the window, with the province each counts for (the event's own).
  const appeals = new Map<number, { at: number; action: string; owner: string }[]>();
  const events = db
    .select({ itemId: itemEvents.itemId, at: sql<number>`${itemEvents.at}`, action: itemEvents.action, owner: sql<string>`coalesce(${itemEvents.ownerProvinceId}, 'national')` })
    .from(itemEvents)
    .where(and(inArray(itemEvents.action, ['appeal', 'reopen', 'final_answer']), isNull(itemEvents.mirrorOfEventId), gte(itemEvents.at, new Date(window.from)), lt(itemEvents.at, new Date(window.to))))
    .all();
  for (const e of events) appeals.set(e.itemId, [...(appeals.get(e.itemId) ?? []), e]);
  return rows.map((r) => {
    const own = appeals.get(r.id) ?? [];
    return {
      id: r.id,
      kind: r.kind as ItemKind,
      channel: r.channel as Channel,
      area: r.area,
      serviceId: r.serviceId,
      centerId: r.centerId,
      underserved: Boolean(r.underserved),
      state: r.state as ItemState,
      duplicate: Boolean(r.duplicate),
      createdAt: r.createdAt,
      answeredAt: r.answeredAt,
      answerDueAt: r.answerDueAt,
      pausedAt: r.pausedAt,
      closedAt: r.closedAt,
      rating: r.rating,
      ratedAt: r.ratedAt,
      owners: { received: r.receivedOwner ?? r.owner, answer: r.answerOwner, rating: r.ratingOwner, now: r.owner },
      appeals: own.filter((e) => e.action === 'appeal').map(({ at, owner }) => ({ at, owner })),
      decisions: own.filter((e) => e.action !== 'appeal').map(({ at, owner, action }) => ({ at, owner, upheld: action === 'reopen' })),
    };
  });
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
  // A province sees an item counted where it passed through, but "still open" only for what it holds now: an item it
  // transferred away is another province's business from then on (outside review, round 8).
  const owner = scope.owner === 'national' ? sql`IS NULL` : scope.owner ? sql`= ${scope.owner}` : null;
  const columns = owner
    ? { ...hotspotColumns, open: sql<number>`(${inArray(items.state, [...OPEN_STATES])} AND ${items.ownerProvinceId} ${owner})` }
    : hotspotColumns;
  const list = db
    .select(columns)
    .from(items)
    .leftJoin(centers, eq(centers.id, items.centerId))
    .where(and(gte(items.createdAt, new Date(span.from)), lt(items.createdAt, new Date(span.to)), scopeWhere(scope)))
    .all()
    .map(toHotspotItem);
  const have = new Set(list.map((i) => i.id));
  const missing = [...new Set(list.flatMap((i) => (i.duplicateOf !== null && !have.has(i.duplicateOf) ? [i.duplicateOf] : [])))];
  const originals = new Map<number, HotspotItem>();
  for (let start = 0; start < missing.length; start += 500) {
    const rows = db.select(columns).from(items).leftJoin(centers, eq(centers.id, items.centerId)).where(inArray(items.id, missing.slice(start, start + 500))).all();
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
      safeguarding: items.safeguarding,
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
  const reachable = rows.filter((r) => canReachItem(actor, r.ownerProvinceId, r.safeguarding));
  return {
    replies: reachable.slice(0, REPLIES_LIMIT).map(({ ownerProvinceId: _owner, safeguarding: _hidden, ...r }) => r),
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
