/**
 * What the Open311 API reads: the public columns of items, with their service, owning province and centre. The
 * citizen's text, name, mobile, email and attachments are never selected (DESIGN §7), so they cannot leak.
 */
import { and, desc, eq, gte, inArray, lt, notInArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { AppDatabase } from '../../db/client';
import { centers, items, provinces, services } from '../../db/schema';
import { FINAL_STATES, REQUESTS_MAX_RESULTS, type PublicRequestRow, type RequestQuery } from '../domain/open311';

const owner = alias(provinces, 'owner');

function publicRequestsQuery(db: AppDatabase, where: SQL | undefined, limit: number) {
  return db
    .select({
      trackingCode: items.trackingCode,
      state: items.state,
      createdAt: items.createdAt,
      updatedAt: items.updatedAt,
      answerDueAt: items.answerDueAt,
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
    .leftJoin(services, eq(services.id, items.serviceId))
    .leftJoin(owner, eq(owner.id, items.ownerProvinceId))
    .leftJoin(centers, eq(centers.id, items.centerId))
    .where(where)
    .orderBy(desc(items.createdAt), desc(items.id))
    .limit(limit);
}

function publicRequests(db: AppDatabase, where: SQL | undefined, limit: number): PublicRequestRow[] {
  return publicRequestsQuery(db, where, limit).all();
}

/** The condition of a search (the service is matched by id, so no join filters); null when nothing can match. */
function requestSearchCondition(db: AppDatabase, query: Extract<RequestQuery, { by: 'search' }>): SQL | undefined | null {
  let serviceId: number | undefined;
  if (query.serviceCode !== null) {
    const service = db.select({ id: services.id }).from(services).where(eq(services.slug, query.serviceCode)).get();
    if (!service) return null;
    serviceId = service.id;
  }
  const states = query.statuses?.length === 1 ? query.statuses[0] : null;
  return and(
    gte(items.createdAt, query.from),
    lt(items.createdAt, query.to),
    serviceId !== undefined ? eq(items.serviceId, serviceId) : undefined,
    states === 'closed' ? inArray(items.state, [...FINAL_STATES]) : states === 'open' ? notInArray(items.state, [...FINAL_STATES]) : undefined,
  );
}

/**
 * GET requests: by tracking codes, or a window of creation dates (read along the index on `created_at`), newest
 * first, at most REQUESTS_MAX_RESULTS.
 */
export function findPublicRequests(db: AppDatabase, query: RequestQuery): PublicRequestRow[] {
  if (query.by === 'ids') {
    if (query.codes.length === 0) return [];
    return publicRequests(db, inArray(items.trackingCode, query.codes), REQUESTS_MAX_RESULTS);
  }
  const condition = requestSearchCondition(db, query);
  // An unknown service code matches nothing.
  if (condition === null) return [];
  return publicRequests(db, condition, REQUESTS_MAX_RESULTS);
}

export function findPublicRequest(db: AppDatabase, code: string): PublicRequestRow | undefined {
  return publicRequests(db, eq(items.trackingCode, code), 1)[0];
}

/** SQLite's plan for a search, e.g. to check that it reads the index on `created_at` instead of every item. */
export function requestSearchPlan(db: AppDatabase, query: Extract<RequestQuery, { by: 'search' }>): string[] {
  const condition = requestSearchCondition(db, query);
  const { sql, params } = publicRequestsQuery(db, condition ?? undefined, REQUESTS_MAX_RESULTS).toSQL();
  return (db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as unknown[])) as { detail: string }[]).map((row) => row.detail);
}
