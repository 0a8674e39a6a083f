/**
 * Reading the monitoring figures. Everything but two counts comes from the aggregate tables the triggers of
 * migrations 0006 and 0010 keep: flows and durations rolled up per day and per month along one dimension, read as
 * whole months plus the days around them, so a dashboard costs about the same with ten thousand items as with a
 * million. The two exceptions use indexes over a bounded set: items received in
 * the last 24 hours (items_created_idx) and items overdue now (open items only, items_owner_state_idx).
 */
import { and, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../../db/client';
import { centers, items, outbox, statCurrent, statDurationRollup, statFlowRollup } from '../../db/schema';
import { AWAITING_STAFF_STATES } from '../domain/inbox-query';
import { coverWithMonths, EMPTY_FLOW, type Flow, type RollupCover } from '../domain/stats';

type Reader = Pick<AppDatabase, 'select'>;

/** Whose figures: every province (undefined), one province, or the national queue (`national`). */
export type OwnerScope = string | undefined;

/** How flow rows are grouped. */
export type FlowGroup = 'owner' | 'center' | 'day' | 'channel' | 'area' | 'program' | 'none';

const flowColumns = {
  received: sql<number>`sum(${statFlowRollup.received})`.mapWith(Number),
  firstResponses: sql<number>`sum(${statFlowRollup.firstResponses})`.mapWith(Number),
  firstInTime: sql<number>`sum(${statFlowRollup.firstInTime})`.mapWith(Number),
  answers: sql<number>`sum(${statFlowRollup.answers})`.mapWith(Number),
  answersInTime: sql<number>`sum(${statFlowRollup.answersInTime})`.mapWith(Number),
  ratings: sql<number>`sum(${statFlowRollup.ratings})`.mapWith(Number),
  ratingSum: sql<number>`sum(${statFlowRollup.ratingSum})`.mapWith(Number),
  appeals: sql<number>`sum(${statFlowRollup.appeals})`.mapWith(Number),
};

/** Which rollup dimension a grouping reads, and the key it groups by. */
function flowGrouping(group: FlowGroup): { dimension: 'all' | 'center' | 'channel' | 'area'; key: SQL<string> } {
  switch (group) {
    case 'owner':
      return { dimension: 'all', key: sql<string>`${statFlowRollup.owner}` };
    case 'center':
      return { dimension: 'center', key: sql<string>`${statFlowRollup.value}` };
    case 'day':
      return { dimension: 'all', key: sql<string>`${statFlowRollup.period}` };
    case 'channel':
    case 'area':
      return { dimension: group, key: sql<string>`${statFlowRollup.value}` };
    case 'program':
      return { dimension: 'center', key: sql<string>`coalesce(${centers.program}, 'none')` };
    case 'none':
      return { dimension: 'all', key: sql<string>`'all'` };
  }
}

/**
 * Rows of a rollup table that together hold exactly the days of `range`: whole months, then the days around them.
 * `prefix` (the dimension, the measure) is repeated inside each branch so SQLite seeks each through the primary key
 * (a multi-index OR) instead of reading the whole dimension.
 */
function coveringRows(table: typeof statFlowRollup | typeof statDurationRollup, prefix: SQL | undefined, range: { from: string; to: string }, byDay: boolean): SQL | undefined {
  const cover: RollupCover = byDay ? { months: [], days: [range] } : coverWithMonths(range);
  return or(
    cover.months.length ? and(prefix, eq(table.grain, 'month'), inArray(table.period, cover.months)) : undefined,
    ...cover.days.map((days) => and(prefix, eq(table.grain, 'day'), gte(table.period, days.from), lte(table.period, days.to))),
  );
}

/** Sums of what happened between two Tehran days (inclusive), grouped; keys are strings (`0` = no centre). */
export function flows(db: Reader, range: { from: string; to: string }, group: FlowGroup, owner?: OwnerScope): Map<string, Flow> {
  const { dimension, key } = flowGrouping(group);
  const base = db.select({ key, ...flowColumns }).from(statFlowRollup);
  const query = group === 'program' ? base.leftJoin(centers, sql`${centers.id} = cast(${statFlowRollup.value} as integer)`) : base;
  const rows = query
    .where(
      and(
        coveringRows(statFlowRollup, eq(statFlowRollup.dimension, dimension), range, group === 'day'),
        owner ? eq(statFlowRollup.owner, owner) : undefined,
      ),
    )
    .groupBy(key)
    .all();
  return new Map(rows.map(({ key: k, ...flow }) => [k, { ...EMPTY_FLOW, ...flow }]));
}

/** Counts per duration bucket, per group, for one measure. */
export function durations(
  db: Reader,
  range: { from: string; to: string },
  measure: 'first_response' | 'answer',
  group: 'owner' | 'center',
  owner?: OwnerScope,
): Map<string, Map<number, number>> {
  const key = group === 'owner' ? sql<string>`${statDurationRollup.owner}` : sql<string>`${statDurationRollup.value}`;
  const rows = db
    .select({ key, bucket: statDurationRollup.bucketHours, n: sql<number>`sum(${statDurationRollup.n})`.mapWith(Number) })
    .from(statDurationRollup)
    .where(
      and(
        coveringRows(
          statDurationRollup,
          and(eq(statDurationRollup.dimension, group === 'center' ? 'center' : 'all'), eq(statDurationRollup.measure, measure)),
          range,
          false,
        ),
        owner ? eq(statDurationRollup.owner, owner) : undefined,
      ),
    )
    .groupBy(key, statDurationRollup.bucketHours)
    .all();
  const result = new Map<string, Map<number, number>>();
  for (const row of rows) {
    const buckets = result.get(row.key) ?? new Map<number, number>();
    buckets.set(row.bucket, row.n);
    result.set(row.key, buckets);
  }
  return result;
}

/** Items now in each state, per owner (province id or `national`) or per centre of one owner. */
export function stateCounts(db: Reader, group: 'owner' | 'center', owner?: OwnerScope): { key: string; state: string; n: number }[] {
  const key = group === 'owner' ? sql<string>`${statCurrent.owner}` : sql<string>`cast(${statCurrent.centerId} as text)`;
  return db
    .select({ key, state: statCurrent.state, n: sql<number>`sum(${statCurrent.n})`.mapWith(Number) })
    .from(statCurrent)
    .where(and(owner ? eq(statCurrent.owner, owner) : undefined, sql`${statCurrent.n} <> 0`))
    .groupBy(key, statCurrent.state)
    .all();
}

const ownerColumn = sql<string>`coalesce(${items.ownerProvinceId}, 'national')`;
const ownerIs = (owner: string) => (owner === 'national' ? sql`${items.ownerProvinceId} IS NULL` : eq(items.ownerProvinceId, owner));

/** Items waiting for staff past a deadline right now, per owner or per centre (open items only are read). */
export function overdueNow(db: Reader, now: Date, group: 'owner' | 'center', owner?: OwnerScope): Map<string, number> {
  const at = now.getTime();
  const key = group === 'owner' ? ownerColumn : sql<string>`cast(coalesce(${items.centerId}, 0) as text)`;
  const rows = db
    .select({ key, n: sql<number>`count(*)`.mapWith(Number) })
    .from(items)
    .where(
      and(
        inArray(items.state, [...AWAITING_STAFF_STATES]),
        owner ? ownerIs(owner) : undefined,
        sql`((${items.firstRespondedAt} IS NULL AND ${items.firstResponseDueAt} <= ${at}) OR ${items.answerDueAt} <= ${at})`,
      ),
    )
    .groupBy(key)
    .all();
  return new Map(rows.map((r) => [r.key, r.n]));
}

/**
 * Items received since an instant (the last 24 hours), through the creation-time index. Counted for the province the
 * item arrived with (`province_id`, never changed after submission), not the one holding it now: decision 016
 * ("items received by the province they arrived with"), the same basis as the rollups the 7- and 30-day counts read.
 */
export function receivedSince(db: Reader, since: Date, owner?: OwnerScope): number {
  const arrivedWith = (p: string) => (p === 'national' ? sql`${items.provinceId} IS NULL` : eq(items.provinceId, p));
  return db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(items)
    .where(and(gte(items.createdAt, since), owner ? arrivedWith(owner) : undefined))
    .get()!.n;
}

/** Items now in each state, over the whole country (from the live counts). */
export function itemsByState(db: Reader): Map<string, number> {
  const rows = db.select({ state: statCurrent.state, n: sql<number>`sum(${statCurrent.n})`.mapWith(Number) }).from(statCurrent).groupBy(statCurrent.state).all();
  return new Map(rows.map((r) => [r.state, r.n]));
}

/** Messages waiting to go out and messages given up on, and the age of the oldest waiting one (outbox_due_idx). */
export function outboxHealth(db: Reader, now: Date): { pending: number; dead: number; oldestPendingSeconds: number } {
  const count = (status: 'pending' | 'dead') => db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(outbox).where(eq(outbox.status, status)).get()!.n;
  const oldest = db.select({ at: sql<number | null>`min(${outbox.createdAt})` }).from(outbox).where(eq(outbox.status, 'pending')).get()?.at ?? null;
  return { pending: count('pending'), dead: count('dead'), oldestPendingSeconds: oldest === null ? 0 : Math.max(0, (now.getTime() - Number(oldest)) / 1000) };
}
