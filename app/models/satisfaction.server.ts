/**
 * Satisfaction by SMS (issue 22): how many items had the rating request sent in a period, and how many of those were
 * rated by now; the dashboard shows the response rate beside satisfaction (app/domain/figures.ts,
 * `ratingResponseRate`). Read from the items (`rating_asked_at`), like the backlog, not from the rollups.
 */
import { and, count, eq, gte, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { AppDatabase } from '../../db/client';
import { items } from '../../db/schema';
import { endOfTehranDay, startOfTehranDay } from '../domain/calendar';
import type { DayRange } from '../domain/figures';

/** `owner`: a province id, `national` for the national queue, or undefined for the whole country. */
export function ratingRequests(db: Pick<AppDatabase, 'select'>, range: DayRange, owner?: string): { asked: number; rated: number } {
  const ownerIs = owner === undefined ? undefined : owner === 'national' ? isNull(items.ownerProvinceId) : eq(items.ownerProvinceId, owner);
  const row = db
    .select({ asked: count(), rated: sql<number>`count(${items.rating})`.mapWith(Number) })
    .from(items)
    .where(and(isNotNull(items.ratingAskedAt), gte(items.ratingAskedAt, startOfTehranDay(range.from)), lt(items.ratingAskedAt, endOfTehranDay(range.to)), ownerIs))
    .get();
  return { asked: row?.asked ?? 0, rated: row?.rated ?? 0 };
}
