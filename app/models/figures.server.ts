/**
 * The reads behind app/domain/figures.ts (docs/decisions/016-figures.md): tallies per province or per centre over a
 * range of Tehran days — what happened, from the rollups the triggers keep — plus the backlog at the range's end and
 * its ageing, from the items. Every page (centre page, /stats, dashboard, monthly report) reads its figures here.
 *
 * Whose figures: a province's are what the province did (answers it gave, items it holds overdue; received items
 * for the province they arrived with). A centre's are the items about that centre wherever they were handled.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../../db/client';
import { items } from '../../db/schema';
import { endOfTehranDay, startOfTehranDay } from '../domain/calendar';
import { figureSet, lastDaysRange, publicFigures, PUBLIC_CENTRE_DAYS, type PublicFigures, EMPTY_TALLY, emptyAgeing, ageingBand, workingDayCounter, type Ageing, type DayRange, type Tally, NO_TARGETS, type Targets, type UrgentTally } from '../domain/figures';
import { dayKey, type Flow } from '../domain/stats';
import { getCalendar, getWorkflowSettings } from './settings.server';
import { durations, flows } from './stats.server';

type Reader = Pick<AppDatabase, 'select' | 'all'>;

/** Province rows (`owner`: a province id or `national`), centre rows (`center`: a centre id as text), or one total. */
export type TallyGroup = 'owner' | 'center' | 'none';

/** The instant a range's backlog is measured: the end of its last day, or now when that day is not over. */
export const rangeEnd = (range: DayRange, now: Date): Date => {
  const end = endOfTehranDay(range.to);
  return end.getTime() < now.getTime() ? end : now;
};

const ownerKey = sql<string>`coalesce(${items.ownerProvinceId}, 'national')`;
const centerKey = sql<string>`cast(coalesce(${items.centerId}, 0) as text)`;
const keyOf = (group: TallyGroup) => (group === 'owner' ? ownerKey : group === 'center' ? centerKey : sql<string>`'all'`);

/** Items with no answer, redirection, rejection or closing by the instant `at` (received by then). */
function unansweredAt(at: number): SQL {
  return sql`${items.createdAt} <= ${at} AND (${items.answeredAt} IS NULL OR ${items.answeredAt} > ${at}) AND (${items.closedAt} IS NULL OR ${items.closedAt} > ${at})`;
}

/**
 * Not waiting for the citizen at `at` (decision 017): a paused item's deadline does not run, so it is not overdue. A
 * pause that ended moved the deadline, which the comparison with `answer_due_at` already reads.
 */
function notPausedAt(at: number): SQL {
  return sql`(${items.pausedAt} IS NULL OR ${items.pausedAt} > ${at})`;
}

function scopeOf(group: TallyGroup, owner: string | undefined, centerIds: readonly number[] | undefined): SQL | undefined {
  return and(
    owner ? (owner === 'national' ? sql`${items.ownerProvinceId} IS NULL` : eq(items.ownerProvinceId, owner)) : undefined,
    // Centre 0 stands for "no centre".
    centerIds ? (centerIds.length ? sql`coalesce(${items.centerId}, 0) IN (${sql.join(centerIds.map((id) => sql`${id}`), sql`, `)})` : sql`0`) : undefined,
  );
}

/** The backlog at `at`: items past their answer deadline with no answer by then, per group. */
export function overdueUnansweredAt(db: Reader, at: Date, group: TallyGroup, owner?: string, centerIds?: readonly number[]): Map<string, number> {
  const t = at.getTime();
  const rows = db
    .select({ key: keyOf(group), n: sql<number>`count(*)`.mapWith(Number) })
    .from(items)
    .where(and(sql`${items.answerDueAt} <= ${t}`, notPausedAt(t), unansweredAt(t), scopeOf(group, owner, centerIds)))
    .groupBy(keyOf(group))
    .all();
  return new Map(rows.map((r) => [r.key, r.n]));
}

/** The backlog of the scope at each of several instants (a trend's points), in one statement. */
export function overdueAtEach(db: Reader, instants: readonly number[], owner?: string): number[] {
  if (instants.length === 0) return [];
  const values = sql.join(instants.map((t) => sql`(${t})`), sql`, `);
  const rows = db.all<{ at: number; n: number }>(sql`
    WITH instants(at) AS (VALUES ${values})
    SELECT instants.at AS at, count(${items.id}) AS n FROM instants
    LEFT JOIN ${items} ON ${items.answerDueAt} <= instants.at AND ${items.createdAt} <= instants.at
      AND (${items.pausedAt} IS NULL OR ${items.pausedAt} > instants.at)
      AND (${items.answeredAt} IS NULL OR ${items.answeredAt} > instants.at) AND (${items.closedAt} IS NULL OR ${items.closedAt} > instants.at)
      ${owner ? (owner === 'national' ? sql`AND ${items.ownerProvinceId} IS NULL` : sql`AND ${items.ownerProvinceId} = ${owner}`) : sql``}
    GROUP BY instants.at`);
  const byInstant = new Map(rows.map((r) => [Number(r.at), Number(r.n)]));
  return instants.map((t) => byInstant.get(t) ?? 0);
}

/** Ageing of the items still unanswered at `at`, by working days since they were received, per group. */
export function ageingAt(db: Reader, at: Date, group: TallyGroup, owner?: string, centerIds?: readonly number[]): Map<string, Ageing> {
  const t = at.getTime();
  // Grouped by Tehran day of receipt in SQL, so a large backlog is a few hundred rows, not one per item.
  const day = sql<string>`date((${items.createdAt} + 12600000) / 1000, 'unixepoch')`;
  const rows = db
    .select({ key: keyOf(group), day, n: sql<number>`count(*)`.mapWith(Number) })
    .from(items)
    .where(and(unansweredAt(t), scopeOf(group, owner, centerIds)))
    .groupBy(keyOf(group), day)
    .all();
  const result = new Map<string, Ageing>();
  if (rows.length === 0) return result;
  const endDay = dayKey(at);
  const first = rows.reduce((min, r) => (r.day < min ? r.day : min), endDay);
  const open = workingDayCounter(first, endDay, getCalendar(db));
  for (const row of rows) {
    const ageing = result.get(row.key) ?? emptyAgeing();
    ageing[ageingBand(open(row.day, endDay))] += row.n;
    result.set(row.key, ageing);
  }
  return result;
}

const tallyOf = (flow: Flow | undefined, overdue: number): Tally => ({
  ...EMPTY_TALLY,
  ...(flow ? { received: flow.received, answers: flow.answers, answersInTime: flow.answersInTime, ratings: flow.ratings, ratingSum: flow.ratingSum, appeals: flow.appeals } : {}),
  overdueUnanswered: overdue,
});

export interface Tallies {
  range: DayRange;
  /** The instant the backlog was measured. */
  at: Date;
  tallies: Map<string, Tally>;
  answerBuckets: Map<string, Map<number, number>>;
  firstBuckets: Map<string, Map<number, number>>;
  ageing: Map<string, Ageing>;
}

/**
 * Everything a page needs for one range: tallies, answer and first-response durations and ageing, per group.
 * `owner` narrows province figures to one province (and its own items without a centre); `centerIds` narrows centre
 * figures to those centres, whoever handled their items.
 */
export function readTallies(db: Reader, range: DayRange, group: TallyGroup, now: Date, scope: { owner?: string; centerIds?: readonly number[] } = {}): Tallies {
  const at = rangeEnd(range, now);
  const { owner, centerIds } = scope;
  const flowGroup = group === 'owner' ? 'owner' : group === 'center' ? 'center' : 'none';
  const flowOwner = owner;
  const byKey = flows(db, range, flowGroup, flowOwner);
  const durationGroup = group === 'center' ? 'center' : 'owner';
  let answerBuckets = durations(db, range, 'answer', durationGroup, flowOwner);
  let firstBuckets = durations(db, range, 'first_response', durationGroup, flowOwner);
  if (group === 'none') {
    answerBuckets = new Map([['all', merge(answerBuckets.values())]]);
    firstBuckets = new Map([['all', merge(firstBuckets.values())]]);
  }
  const overdue = overdueUnansweredAt(db, at, group, owner, centerIds);
  const keep = (key: string) => group !== 'center' || !centerIds || centerIds.map(String).includes(key);
  const tallies = new Map<string, Tally>();
  for (const key of new Set([...byKey.keys(), ...overdue.keys()])) if (keep(key)) tallies.set(key, tallyOf(byKey.get(key), overdue.get(key) ?? 0));
  return { range, at, tallies, answerBuckets, firstBuckets, ageing: ageingAt(db, at, group, owner, centerIds) };
}

function merge(parts: Iterable<ReadonlyMap<number, number>>): Map<number, number> {
  const sum = new Map<number, number>();
  for (const buckets of parts) for (const [bucket, n] of buckets) sum.set(bucket, (sum.get(bucket) ?? 0) + n);
  return sum;
}

/** The targets an admin set (admin settings), as the figures module reads them. */
export function readTargets(db: Reader): Targets {
  return { ...NO_TARGETS, ...getWorkflowSettings(db).targets };
}

/** A centre's public figures (its page): the last 365 Tehran days, items about the centre wherever handled. */
export function centerFigures(db: Reader, centerId: number, now: Date): { range: DayRange; figures: PublicFigures } {
  const range = lastDaysRange(dayKey(now), PUBLIC_CENTRE_DAYS);
  const read = readTallies(db, range, 'center', now, { centerIds: [centerId] });
  const key = String(centerId);
  return { range, figures: publicFigures(figureSet(read.tallies.get(key) ?? EMPTY_TALLY, read.answerBuckets.get(key), read.firstBuckets.get(key))) };
}

/**
 * Urgent items of a range (issue 23), for the scope's total: received in it (for the province they arrived with, as
 * the rollups count received items) and answered in it (the first answer, redirection or rejection, for the province
 * that gave it), with how many by their answer deadline. Read from the items (the rollups keep no priority): one
 * bounded scan through the creation-time index for receipts, one over the answer instants.
 */
export function urgentTally(db: Reader, range: DayRange, now: Date, owner?: string): UrgentTally {
  const from = startOfTehranDay(range.from).getTime();
  const to = Math.min(endOfTehranDay(range.to).getTime(), now.getTime() + 1);
  const ownerOf = (actions: string) =>
    sql`(SELECT coalesce(e.owner_province_id, 'national') FROM item_events e WHERE e.item_id = ${items.id} AND e.action IN (${sql.raw(actions)}) ORDER BY e.id LIMIT 1)`;
  const answerAt = sql`coalesce(${items.answeredAt}, CASE WHEN ${items.state} IN ('redirected', 'rejected') THEN ${items.closedAt} END)`;
  const received = db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(items)
    .where(and(eq(items.priority, 'urgent'), sql`${items.createdAt} >= ${from} AND ${items.createdAt} < ${to}`, owner ? sql`coalesce(${ownerOf(`'route'`)}, coalesce(${items.ownerProvinceId}, 'national')) = ${owner}` : undefined))
    .get();
  const answered = db
    .select({
      n: sql<number>`count(*)`.mapWith(Number),
      inTime: sql<number>`coalesce(sum(CASE WHEN ${items.answerDueAt} IS NULL OR ${answerAt} <= ${items.answerDueAt} THEN 1 ELSE 0 END), 0)`.mapWith(Number),
    })
    .from(items)
    .where(and(eq(items.priority, 'urgent'), sql`${answerAt} >= ${from} AND ${answerAt} < ${to}`, owner ? sql`${ownerOf(`'answer', 'redirect', 'reject'`)} = ${owner}` : undefined))
    .get();
  return { received: received?.n ?? 0, answers: answered?.n ?? 0, answersInTime: answered?.inTime ?? 0 };
}
