/**
 * Monitoring figures from the aggregate tables (stat_current, stat_daily, stat_durations), kept by triggers in
 * migration 0006: sums, shares, medians from duration buckets, periods in Tehran days, and the small-count
 * suppression of public figures. Pure: app/models/stats.server.ts reads the rows.
 */
import { MIN_SAMPLE } from './scorecard';

export { MIN_SAMPLE };

/**
 * Upper bounds (hours) of the duration buckets; the last one stands for "longer than 60 days". The CASE expression
 * of the triggers in db/migrations/0006_monitoring.sql has the same list (tests/integration/figures-consistency.test.ts).
 */
export const DURATION_BUCKETS = [1, 2, 4, 8, 12, 24, 48, 72, 120, 168, 240, 336, 504, 720, 1440, 100000] as const;

/** The periods a dashboard or /stats may show, in Tehran days counted back from today (today included). */
export const PERIODS = [7, 30, 90, 365] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = 30;

export function parsePeriod(value: string | null | undefined): Period {
  const n = Number(value);
  return (PERIODS as readonly number[]).includes(n) ? (n as Period) : DEFAULT_PERIOD;
}

/** What happened in a period, summed over stat_daily rows. */
export interface Flow {
  received: number;
  firstResponses: number;
  firstInTime: number;
  answers: number;
  answersInTime: number;
  ratings: number;
  ratingSum: number;
  appeals: number;
}

export const EMPTY_FLOW: Flow = { received: 0, firstResponses: 0, firstInTime: 0, answers: 0, answersInTime: 0, ratings: 0, ratingSum: 0, appeals: 0 };

export function addFlows(a: Flow, b: Flow): Flow {
  return {
    received: a.received + b.received,
    firstResponses: a.firstResponses + b.firstResponses,
    firstInTime: a.firstInTime + b.firstInTime,
    answers: a.answers + b.answers,
    answersInTime: a.answersInTime + b.answersInTime,
    ratings: a.ratings + b.ratings,
    ratingSum: a.ratingSum + b.ratingSum,
    appeals: a.appeals + b.appeals,
  };
}

/** A share 0–1, or null without any case to judge. */
export const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Average satisfaction 1–5, one decimal. */
export const averageRating = (flow: Flow): number | null => (flow.ratings > 0 ? Math.round((flow.ratingSum / flow.ratings) * 10) / 10 : null);

/** Duration buckets added up (e.g. a programme's centres, or every row of a table for its total). */
export function addBuckets(parts: Iterable<ReadonlyMap<number, number>>): Map<number, number> {
  const sum = new Map<number, number>();
  for (const buckets of parts) for (const [bucket, n] of buckets) sum.set(bucket, (sum.get(bucket) ?? 0) + n);
  return sum;
}

/**
 * The median of durations counted per bucket, in hours: found in the bucket holding the middle case and
 * interpolated linearly inside it (so it is an estimate at the buckets' resolution). The open last bucket answers
 * with its lower bound.
 */
export function medianFromBuckets(counts: ReadonlyMap<number, number>): number | null {
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const middle = total / 2;
  let seen = 0;
  let lower = 0;
  for (const upper of DURATION_BUCKETS) {
    const n = counts.get(upper) ?? 0;
    if (n > 0 && seen + n >= middle) {
      if (upper === DURATION_BUCKETS[DURATION_BUCKETS.length - 1]) return lower;
      return Math.round((lower + ((middle - seen) / n) * (upper - lower)) * 10) / 10;
    }
    seen += n;
    lower = upper;
  }
  return lower;
}

/** Keeps a public figure only when it rests on at least MIN_SAMPLE cases (docs/DESIGN.md §7: no single case readable). */
export const suppressed = <T>(cases: number, value: T | null): T | null => (cases >= MIN_SAMPLE ? value : null);

// ---- Tehran days --------------------------------------------------------------------------------------------------

/**
 * Iran has kept UTC+03:30 all year since 2022. The one copy of that offset in TypeScript; the statistics triggers
 * (migrations 0006, 0008) name a day with the same number, checked by tests/integration/figures-consistency.test.ts.
 */
export const TEHRAN_OFFSET_MS = 3.5 * 3_600_000;
const DAY_MS = 86_400_000;

/** The Tehran day of an instant as `YYYY-MM-DD` (Gregorian; shown in the Solar calendar by the page). */
export function dayKey(instant: Date): string {
  return new Date(instant.getTime() + TEHRAN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The `days` Tehran days ending today, oldest first. */
export function lastDays(now: Date, days: number): string[] {
  const today = Date.parse(`${dayKey(now)}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

/**
 * The buckets a trend is drawn in: days for up to 30 days, weeks (7 days ending on the last day of each) beyond, so
 * a chart never has more than about 53 points. Each bucket lists its days.
 */
export function trendBuckets(days: readonly string[]): { key: string; days: string[] }[] {
  if (days.length <= 30) return days.map((day) => ({ key: day, days: [day] }));
  const buckets: { key: string; days: string[] }[] = [];
  for (let end = days.length; end > 0; end -= 7) {
    const slice = days.slice(Math.max(0, end - 7), end);
    buckets.unshift({ key: slice[slice.length - 1]!, days: slice });
  }
  return buckets;
}

/** Noon of a Tehran day, for formatting it with the Solar calendar without any risk of slipping a day. */
export const dayNoon = (key: string): Date => new Date(Date.parse(`${key}T12:00:00Z`) - TEHRAN_OFFSET_MS);

/** The measures the map can colour provinces by. */
export const MAP_MEASURES = ['received', 'answeredInTime', 'overdue', 'satisfaction', 'medianAnswer'] as const;
export type MapMeasure = (typeof MAP_MEASURES)[number];

export function parseMapMeasure(value: string | null | undefined): MapMeasure {
  return (MAP_MEASURES as readonly string[]).includes(value ?? '') ? (value as MapMeasure) : 'answeredInTime';
}

/** Day keys (`YYYY-MM-DD`) read from the rollups: whole months, and the days before and after them. */
export interface RollupCover {
  months: string[];
  days: { from: string; to: string }[];
}

/**
 * Covers an inclusive range of day keys with as many whole months (`YYYY-MM`) as fit inside it and day ranges for
 * the part-months at its ends, so a year is read as about twelve month rows and at most two months of day rows.
 */
export function coverWithMonths(range: { from: string; to: string }): RollupCover {
  if (range.from > range.to) return { months: [], days: [] };
  const months: string[] = [];
  // The first month that starts on or after `from`.
  let [year, month] = range.from.slice(0, 7).split('-').map(Number) as [number, number];
  if (!range.from.endsWith('-01')) [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  let firstDay: string | null = null;
  let lastDay: string | null = null;
  for (;;) {
    const start = `${year}-${String(month).padStart(2, '0')}-01`;
    const end = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10); // day 0 of the next month
    if (end > range.to) break;
    months.push(start.slice(0, 7));
    firstDay ??= start;
    lastDay = end;
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  if (!firstDay || !lastDay) return { months, days: [{ ...range }] };
  const shift = (key: string, days: number) => new Date(Date.parse(`${key}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
  const days: { from: string; to: string }[] = [];
  if (range.from < firstDay) days.push({ from: range.from, to: shift(firstDay, -1) });
  if (lastDay < range.to) days.push({ from: shift(lastDay, 1), to: range.to });
  return { months, days };
}
