/**
 * The one definition of every figure the portal shows (docs/decisions/016-figures.md): the public centre page,
 * `/stats`, the staff dashboard and its CSV, and the monthly report all compute their figures here, from the same
 * tallies, so that two pages never show two "answered in time" figures for the same place and period.
 *
 * Pure: app/models/figures.server.ts reads the tallies (rollups for what happened in the period, items for the backlog
 * at the period's end) and the pages format the results.
 */
import { isWorkingDay, parseTypedDate, tehranDay, type WorkingCalendar } from './calendar';
import { MIN_SAMPLE } from './scorecard';
import { DURATION_BUCKETS } from './stats';

/**
 * The small-number rule, one for every page, public and staff: a share, an average or a median resting on fewer
 * than MIN_CASES cases is not shown (the page says "fewer than 5 cases"), and its count is always shown beside it.
 * Public pages also never print a count below MIN_CASES (docs/DESIGN.md §7: no single case readable).
 */
export const MIN_CASES = MIN_SAMPLE;

/** An inclusive range of Tehran days, Gregorian `YYYY-MM-DD` keys. */
export interface DayRange {
  from: string;
  to: string;
}

/** What happened in a period (from the rollups) and what was left at its end (from the items). */
export interface Tally {
  /** Items received in the period (counted for the province and centre they arrived with). */
  received: number;
  /** Answers, reasoned redirections and rejections given in the period (for the province that gave them). */
  answers: number;
  /** Of those, given by the answer deadline. */
  answersInTime: number;
  /**
   * Items past their answer deadline at the period's end with no answer, redirection, rejection or closing by then:
   * the backlog, counted against the province that holds the item.
   */
  overdueUnanswered: number;
  ratings: number;
  ratingSum: number;
  /** Appeals made in the period against an answer. */
  appeals: number;
}

export const EMPTY_TALLY: Tally = { received: 0, answers: 0, answersInTime: 0, overdueUnanswered: 0, ratings: 0, ratingSum: 0, appeals: 0 };

export function addTallies(a: Tally, b: Tally): Tally {
  return {
    received: a.received + b.received,
    answers: a.answers + b.answers,
    answersInTime: a.answersInTime + b.answersInTime,
    overdueUnanswered: a.overdueUnanswered + b.overdueUnanswered,
    ratings: a.ratings + b.ratings,
    ratingSum: a.ratingSum + b.ratingSum,
    appeals: a.appeals + b.appeals,
  };
}

export const sumTallies = (tallies: Iterable<Tally>): Tally => [...tallies].reduce(addTallies, EMPTY_TALLY);

/** A figure and the number of cases it rests on; `value` is null when `cases` < MIN_CASES (or there is none). */
export interface Figure {
  value: number | null;
  cases: number;
}

/** Applies the small-number rule. */
export const figure = (value: number | null, cases: number): Figure => ({ value: cases >= MIN_CASES ? value : null, cases });

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/**
 * Answered in time, 0–1: answers given by the deadline in the period, over every case judged in it — the answers
 * given in the period plus the backlog left overdue at its end. Leaving old items alone no longer helps a province.
 */
export function answeredInTime(t: Tally): Figure {
  const cases = t.answers + t.overdueUnanswered;
  return figure(cases > 0 ? round(t.answersInTime / cases, 4) : null, cases);
}

/** Satisfaction, 1–5 with one decimal: the average of the ratings given in the period. */
export function satisfaction(t: Tally): Figure {
  return figure(t.ratings > 0 ? round(t.ratingSum / t.ratings, 1) : null, t.ratings);
}

/**
 * Response rate of the satisfaction SMS (issue 22), 0–1: of the items whose rating was asked for in the period, the
 * share rated by now. Shown beside satisfaction, so a few enthusiastic replies are read for what they are.
 */
export function ratingResponseRate(asked: number, rated: number): Figure {
  return figure(asked > 0 ? round(rated / asked, 4) : null, asked);
}

/** Appeal rate, 0–1: appeals made in the period over answers given in it. */
export function appealRate(t: Tally): Figure {
  return figure(t.answers > 0 ? round(t.appeals / t.answers, 4) : null, t.answers);
}

/**
 * Median days (one decimal) from duration buckets in hours (the rollups keep durations only as buckets): found in
 * the bucket holding the middle case and interpolated inside it, so an estimate at the buckets' resolution. Always
 * in days, on every page (no hours beside days).
 */
export function medianDays(buckets: ReadonlyMap<number, number> | undefined): Figure {
  const counts = buckets ?? new Map<number, number>();
  const cases = [...counts.values()].reduce((sum, n) => sum + n, 0);
  if (cases === 0) return figure(null, 0);
  const middle = cases / 2;
  let seen = 0;
  let lower = 0;
  let hours = 0;
  for (const upper of DURATION_BUCKETS) {
    const n = counts.get(upper) ?? 0;
    if (n > 0 && seen + n >= middle) {
      hours = upper === DURATION_BUCKETS[DURATION_BUCKETS.length - 1] ? lower : lower + ((middle - seen) / n) * (upper - lower);
      break;
    }
    seen += n;
    lower = upper;
  }
  return figure(round(hours / 24, 1), cases);
}

/** A count as a public page may print it: null (shown as "fewer than 5") below MIN_CASES. Staff see every count. */
export const publicCount = (n: number): number | null => (n >= MIN_CASES ? n : null);

/** A figure as a public page may show it: its count hidden below MIN_CASES too. */
export interface PublicFigure {
  value: number | null;
  cases: number | null;
}

export const publicFigure = (f: Figure): PublicFigure => ({ value: f.value, cases: publicCount(f.cases) });

/** Every figure of a place over a period. */
export interface FigureSet {
  received: number;
  answers: number;
  answersInTime: number;
  overdueUnanswered: number;
  appeals: number;
  answeredInTime: Figure;
  satisfaction: Figure;
  appealRate: Figure;
  medianAnswerDays: Figure;
  medianFirstResponseDays: Figure;
}

export function figureSet(t: Tally, answerBuckets?: ReadonlyMap<number, number>, firstBuckets?: ReadonlyMap<number, number>): FigureSet {
  return {
    received: t.received,
    answers: t.answers,
    answersInTime: t.answersInTime,
    overdueUnanswered: t.overdueUnanswered,
    appeals: t.appeals,
    answeredInTime: answeredInTime(t),
    satisfaction: satisfaction(t),
    appealRate: appealRate(t),
    medianAnswerDays: medianDays(answerBuckets),
    medianFirstResponseDays: medianDays(firstBuckets),
  };
}

/** One row of public statistics: the small-number rule applied to every count and figure (docs/DESIGN.md §7). */
export interface PublicFigures {
  received: number | null;
  overdueUnanswered: number | null;
  answeredInTime: PublicFigure;
  medianAnswerDays: PublicFigure;
  satisfaction: PublicFigure;
  appealRate: PublicFigure;
}

export function publicFigures(set: FigureSet): PublicFigures {
  return {
    received: publicCount(set.received),
    overdueUnanswered: publicCount(set.overdueUnanswered),
    answeredInTime: publicFigure(set.answeredInTime),
    medianAnswerDays: publicFigure(set.medianAnswerDays),
    satisfaction: publicFigure(set.satisfaction),
    appealRate: publicFigure(set.appealRate),
  };
}

// ---- Urgent items, counted apart (issue 23) ------------------------------------------------------------------------

/**
 * Urgent items (a person at risk) in a period: received, and the answers given to them with how many in time. They
 * are inside every total above too; pages show them apart so a fast queue of urgent cases is not hidden in the mass.
 */
export interface UrgentTally {
  received: number;
  answers: number;
  answersInTime: number;
}

export const EMPTY_URGENT: UrgentTally = { received: 0, answers: 0, answersInTime: 0 };

export interface UrgentFigures extends UrgentTally {
  /** Urgent answers given by their deadline over urgent answers given (the small-number rule applies). */
  answeredInTime: Figure;
}

export function urgentFigures(t: UrgentTally): UrgentFigures {
  return { ...t, answeredInTime: figure(t.answers > 0 ? round(t.answersInTime / t.answers, 4) : null, t.answers) };
}

/** As a public page may print them: counts below MIN_CASES hidden, the share only on MIN_CASES answers or more. */
export interface PublicUrgentFigures {
  received: number | null;
  answers: number | null;
  answeredInTime: PublicFigure;
}

export const publicUrgentFigures = (u: UrgentFigures): PublicUrgentFigures => ({
  received: publicCount(u.received),
  answers: publicCount(u.answers),
  answeredInTime: publicFigure(u.answeredInTime),
});

// ---- Ageing ---------------------------------------------------------------------------------------------------------

/** Ageing bands of the open, unanswered items at the period's end, by whole working days since received. */
export const AGEING_BANDS = [
  { key: '0-10', upTo: 10 },
  { key: '10-20', upTo: 20 },
  { key: '20-40', upTo: 40 },
  { key: '40+', upTo: Number.POSITIVE_INFINITY },
] as const;
export type AgeingBand = (typeof AGEING_BANDS)[number]['key'];

/** 0–10 holds up to 10 working days (the default answer deadline), 10–20 from 11 to 20, and so on. */
export function ageingBand(workingDaysOpen: number): AgeingBand {
  return AGEING_BANDS.find((band) => workingDaysOpen <= band.upTo)!.key;
}

export type Ageing = Record<AgeingBand, number>;
export const emptyAgeing = (): Ageing => ({ '0-10': 0, '10-20': 0, '20-40': 0, '40+': 0 });

const DAY_MS = 86_400_000;
const shiftDay = (key: string, days: number) => new Date(Date.parse(`${key}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const noonOf = (key: string) => new Date(Date.parse(`${key}T12:00:00Z`) - 3.5 * 3_600_000);

/**
 * Counts working days between Tehran days: `workingDaysOpen(received, end)` is the working days after the day of
 * receipt up to and including `end` (an item received today is 0 days open). Built once per page for the whole span
 * so each item costs a lookup, not a walk through the calendar.
 */
export function workingDayCounter(firstDay: string, lastDay: string, calendar: WorkingCalendar): (receivedDay: string, endDay: string) => number {
  const ordinal = new Map<string, number>();
  let n = 0;
  for (let key = firstDay, guard = 0; key <= lastDay && guard < 20_000; key = shiftDay(key, 1), guard++) {
    if (isWorkingDay(tehranDay(noonOf(key)), calendar)) n++;
    ordinal.set(key, n);
  }
  return (receivedDay, endDay) => Math.max(0, (ordinal.get(endDay) ?? n) - (ordinal.get(receivedDay) ?? 0));
}

// ---- Periods --------------------------------------------------------------------------------------------------------

export const rangeLength = (range: DayRange): number => Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / DAY_MS) + 1;

/** The period of the same length just before `range`: what every figure is compared with. */
export function previousRange(range: DayRange): DayRange {
  return { from: shiftDay(range.from, -rangeLength(range)), to: shiftDay(range.from, -1) };
}

/** The last `days` Tehran days ending on `today` (today included: the figures say "so far"). */
export function lastDaysRange(today: string, days: number): DayRange {
  return { from: shiftDay(today, -(days - 1)), to: today };
}

/** The public centre page shows its centre over the last year (more centres reach the small-number minimum). */
export const PUBLIC_CENTRE_DAYS = 365;

/** A custom range is at most this long (two Solar years): the rollups answer it quickly, and longer says little. */
export const MAX_RANGE_DAYS = 731;

export type RangeProblem = 'invalid' | 'future' | 'order' | 'tooLong' | 'missing';

/**
 * A custom range from `?from=1405-08-01&to=1405-08-30` (Solar dates as people type them; Gregorian accepted too).
 * Both absent: no custom range (null). Otherwise a range, or a message key per field; the range may end today at
 * the latest.
 */
export function parseRange(from: string | null | undefined, to: string | null | undefined, today: string): { range: DayRange | null; errors: Partial<Record<'from' | 'to', RangeProblem>> } {
  const rawFrom = (from ?? '').trim();
  const rawTo = (to ?? '').trim();
  if (!rawFrom && !rawTo) return { range: null, errors: {} };
  const errors: Partial<Record<'from' | 'to', RangeProblem>> = {};
  const fromKey = rawFrom ? parseTypedDate(rawFrom.slice(0, 40)) : null;
  const toKey = rawTo ? parseTypedDate(rawTo.slice(0, 40)) : null;
  if (!rawFrom) errors.from = 'missing';
  else if (!fromKey) errors.from = 'invalid';
  else if (fromKey > today) errors.from = 'future';
  if (!rawTo) errors.to = 'missing';
  else if (!toKey) errors.to = 'invalid';
  else if (toKey > today) errors.to = 'future';
  if (!errors.from && !errors.to && fromKey && toKey) {
    if (fromKey > toKey) errors.to = 'order';
    else if (rangeLength({ from: fromKey, to: toKey }) > MAX_RANGE_DAYS) errors.to = 'tooLong';
  }
  if (errors.from || errors.to || !fromKey || !toKey) return { range: null, errors };
  return { range: { from: fromKey, to: toKey }, errors };
}

// ---- Comparison, targets, ranking ------------------------------------------------------------------------------------

/** Targets an admin may set (admin settings); a figure without a target is compared with the previous period only. */
export interface Targets {
  /** 0–1. */
  answeredInTime: number | null;
  /** 1–5. */
  satisfaction: number | null;
  /** Days. */
  medianAnswerDays: number | null;
  /** 0–1. */
  appealRate: number | null;
}

export const NO_TARGETS: Targets = { answeredInTime: null, satisfaction: null, medianAnswerDays: null, appealRate: null };

/** For each figure whether more is better (a median or an appeal rate is better lower). */
export const HIGHER_IS_BETTER: Record<keyof Targets, boolean> = { answeredInTime: true, satisfaction: true, medianAnswerDays: false, appealRate: false };

export interface Comparison {
  /** current − previous, in the figure's unit; null unless both are shown. */
  change: number | null;
  /** 'better' | 'worse' | 'same' than the previous period; null unless both are shown. */
  direction: 'better' | 'worse' | 'same' | null;
  target: number | null;
  /** Null without a target or without a shown figure. */
  meetsTarget: boolean | null;
}

export function compare(name: keyof Targets, current: Figure, previous: Figure, targets: Targets = NO_TARGETS): Comparison {
  const higher = HIGHER_IS_BETTER[name];
  const change = current.value !== null && previous.value !== null ? round(current.value - previous.value, 4) : null;
  const direction = change === null ? null : change === 0 ? 'same' : change > 0 === higher ? 'better' : 'worse';
  const target = targets[name];
  const meetsTarget = target === null || current.value === null ? null : higher ? current.value >= target : current.value <= target;
  return { change, direction, target, meetsTarget };
}

/**
 * Rows ranked by answered in time, best first; rows whose figure rests on fewer than MIN_CASES cases are not ranked
 * and come last in their given order (a "60 % of 5 answers" no longer ranks a province).
 */
export function rankByInTime<T extends { answeredInTime: Figure }>(rows: readonly T[]): { ranked: T[]; unranked: T[] } {
  const ranked = rows.filter((r) => r.answeredInTime.value !== null).sort((a, b) => b.answeredInTime.value! - a.answeredInTime.value! || b.answeredInTime.cases - a.answeredInTime.cases);
  return { ranked, unranked: rows.filter((r) => r.answeredInTime.value === null) };
}

/**
 * A row is marked for attention (tinted) only when its backlog is real: at least MIN_CASES items overdue and at least
 * a fifth of its judged cases — not for one overdue item.
 */
export const ATTENTION_SHARE = 0.2;
export function needsAttention(set: Pick<FigureSet, 'overdueUnanswered' | 'answers'>): boolean {
  const judged = set.answers + set.overdueUnanswered;
  return set.overdueUnanswered >= MIN_CASES && set.overdueUnanswered / judged >= ATTENTION_SHARE;
}
