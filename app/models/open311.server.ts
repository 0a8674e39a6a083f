/**
 * What the Open311 API reads: the public columns of items, with their service, owning province and centre. The
 * citizen's text, name, mobile, email and attachments are never selected (docs/DESIGN.md §7), nor the tracking code, which
 * unlocks an item: items are found and shown by their public reference only, so none of these can leak.
 */
import { and, desc, eq, gte, inArray, isNull, lt, notInArray, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { AppDatabase } from '../../db/client';
import { centers, items, provinces, services } from '../../db/schema';
import { addWorkingDays } from '../domain/calendar';
import { getCalendar, getWorkflowSettings } from './settings.server';
import { FINAL_STATES, GENERAL_SERVICE_CODE, REQUESTS_MAX_RESULTS, type PublicRequestRow, type RequestQuery } from '../domain/open311';

const owner = alias(provinces, 'owner');

function publicRequestsQuery(db: AppDatabase, where: SQL | undefined, limit: number) {
  return db
    .select({
      publicRef: items.publicRef,
      state: items.state,
      createdAt: items.createdAt,
      updatedAt: items.updatedAt,
      answerDueAt: items.answerDueAt,
      priority: items.priority,
      kind: items.kind,
      serviceSlug: services.slug,
      serviceNameFa: services.nameFa,
      serviceNameEn: services.nameEn,
      ownerNameFa: owner.nameFa,
      ownerNameEn: owner.nameEn,
      centerId: items.centerId,
      centerNameFa: centers.nameFa,
      centerNameEn: centers.nameEn,
      centerCityFa: centers.cityFa,
      centerCityEn: centers.cityEn,
    })
    .from(items)
    // A deactivated service is not in services.json: its items show the general service instead.
    .leftJoin(services, and(eq(services.id, items.serviceId), eq(services.active, true)))
    .leftJoin(owner, eq(owner.id, items.ownerProvinceId))
    .leftJoin(centers, eq(centers.id, items.centerId))
    .where(where)
    .orderBy(desc(items.createdAt), desc(items.id))
    .limit(limit);
}

function publicRequests(db: AppDatabase, where: SQL | undefined, limit: number): PublicRequestRow[] {
  const rows = publicRequestsQuery(db, where, limit).all();
  if (!rows.some((row) => row.priority === 'urgent')) return rows.map(({ priority: _p, kind: _k, ...row }) => row);
  // An urgent item's own deadline (hours after it came) would tell a stranger that someone at a named centre was
  // judged at risk (outside review, round 9): the public API gives the ordinary plan's date, which it never passes.
  const { deadlines } = getWorkflowSettings(db);
  const calendar = getCalendar(db);
  return rows.map(({ priority, kind, ...row }) =>
    priority === 'urgent' ? { ...row, answerDueAt: addWorkingDays(row.createdAt, deadlines[kind].answerDays, calendar) } : row,
  );
}

/** The condition of a search (the service is matched by id, so no join filters); null when nothing can match. */
function requestSearchCondition(db: AppDatabase, query: Extract<RequestQuery, { by: 'search' }>): SQL | undefined | null {
  let serviceCondition: SQL | undefined;
  if (query.serviceCode === GENERAL_SERVICE_CODE) {
    // What requestEntry shows as the general service: no service, or one since deactivated.
    const inactive = db.select({ id: services.id }).from(services).where(eq(services.active, false));
    serviceCondition = or(isNull(items.serviceId), inArray(items.serviceId, inactive));
  } else if (query.serviceCode !== null) {
    const service = db
      .select({ id: services.id })
      .from(services)
      .where(and(eq(services.slug, query.serviceCode), eq(services.active, true)))
      .get();
    if (!service) return null;
    serviceCondition = eq(items.serviceId, service.id);
  }
  const states = query.statuses?.length === 1 ? query.statuses[0] : null;
  return and(
    gte(items.createdAt, query.from),
    lt(items.createdAt, query.to),
    serviceCondition,
    states === 'closed' ? inArray(items.state, [...FINAL_STATES]) : states === 'open' ? notInArray(items.state, [...FINAL_STATES]) : undefined,
  );
}

/**
 * GET requests: by public references, or a window of creation dates (read along the index on `created_at`), newest
 * first, at most REQUESTS_MAX_RESULTS.
 */
export function findPublicRequests(db: AppDatabase, query: RequestQuery): PublicRequestRow[] {
  if (query.by === 'ids') {
    if (query.refs.length === 0) return [];
    return publicRequests(db, inArray(items.publicRef, query.refs), REQUESTS_MAX_RESULTS);
  }
  const condition = requestSearchCondition(db, query);
  // An unknown service code matches nothing.
  if (condition === null) return [];
  return publicRequests(db, condition, REQUESTS_MAX_RESULTS);
}

export function findPublicRequest(db: AppDatabase, ref: string): PublicRequestRow | undefined {
  return publicRequests(db, eq(items.publicRef, ref), 1)[0];
}

/** SQLite's plan for a search, e.g. to check that it reads the index on `created_at` instead of every item. */
export function requestSearchPlan(db: AppDatabase, query: Extract<RequestQuery, { by: 'search' }>): string[] {
  const condition = requestSearchCondition(db, query);
  const { sql, params } = publicRequestsQuery(db, condition ?? undefined, REQUESTS_MAX_RESULTS).toSQL();
  return (db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as unknown[])) as { detail: string }[]).map((row) => row.detail);
}
