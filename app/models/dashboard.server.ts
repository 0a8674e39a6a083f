/**
 * The monitoring view (issue "Real-time monitoring"): one object with every figure of `/staff/dashboard`, for the
 * whole country (rows per province) or one province (rows per centre), over a period of Tehran days. The public
 * `/stats` and the CSV export read the same object.
 */
import { asc, eq } from 'drizzle-orm';
import type { AppDatabase } from '../../db/client';
import { centers } from '../../db/schema';
import { AREAS } from '../domain/areas';
import { CHANNELS, ITEM_STATES, TERMINAL_STATES, type ItemState } from '../domain/workflow';
import { endOfTehranDay } from '../domain/calendar';
import {
  answeredInTime,
  compare,
  EMPTY_TALLY,
  emptyAgeing,
  figureSet,
  lastDaysRange,
  needsAttention,
  previousRange,
  ratingResponseRate,
  type Ageing,
  type Comparison,
  type DayRange,
  type Figure,
  type FigureSet,
  type Targets,
  MIN_CASES,
  publicCount,
  publicFigures,
  publicUrgentFigures,
  urgentFigures,
  type UrgentFigures,
  sumTallies,
  type Tally,
} from '../domain/figures';
import { addBuckets, addFlows, dayKey, EMPTY_FLOW, lastDays, share, trendBuckets, type Flow, type Period } from '../domain/stats';
import { listProvinces } from './catalog.server';
import { overdueAtEach, rangeEnd, readTallies, readTargets, urgentTally } from './figures.server';
import { ratingRequests } from './satisfaction.server';
import { flows, overdueNow, receivedSince, stateCounts } from './stats.server';

/** A row of the dashboard: every figure of docs/decisions/016-figures.md, the previous period's, and live counts. */
export interface DashboardRow extends FigureSet {
  /** A province id, `national`, or a centre id as text (`0`: the province's items without a centre). */
  key: string;
  /** Live counts (now), kept apart from the period's figures on the page. */
  open: number;
  overdue: number;
  /** Items now in each state (the live counts). */
  byState: Partial<Record<ItemState, number>>;
  /** Items unanswered at the period's end, by working days since received. */
  ageing: Ageing;
  /** A real backlog (needsAttention): the only rows the page tints. */
  attention: boolean;
  previous: FigureSet;
}

export type Comparisons = Record<keyof Targets, Comparison>;

export interface Dashboard {
  scope: { provinceId: string | null };
  /** The preset period in days, or null for a custom range. */
  period: Period | null;
  range: DayRange;
  /** The previous period of the same length, which every figure is compared with. */
  previousRange: DayRange;
  /** The instant the backlog and ageing were measured (the end of the range, or now). */
  at: string;
  totals: FigureSet & { open: number; overdue: number; received24h: number; received7d: number; received30d: number; ageing: Ageing; previous: FigureSet; comparisons: Comparisons; urgent: UrgentFigures; ratingResponse: Figure };
  targets: Targets;
  byState: Partial<Record<ItemState, number>>;
  rows: DashboardRow[];
  /** Complete days only (today's unfinished day is left out); each point with its in-time figure. */
  trend: { key: string; received: number; answers: number; answersInTime: number; overdueUnanswered: number; answeredInTime: Figure }[];
  /** Items received in the period per channel (web, phone 1482, …), with each channel's answers. */
  byChannel: BreakdownRow[];
  /** Items received in the period per area (`''`: not known), with each area's answers. */
  byArea: BreakdownRow[];
}

/**
 * One line of a breakdown by channel or by area (docs/DESIGN.md §1: "86 % entered by call-centre staff…; by area:
 * rehabilitation 68 %…"): the items received in the period and their share of all received, and the answers given
 * in the period to items of that channel or area and the share of those in time.
 */
export interface BreakdownRow {
  /** A channel, an area, or `''` for items whose area nobody has set. */
  key: string;
  received: number;
  /** Share of the period's received items, 0–1; null when nothing was received. */
  share: number | null;
  answers: number;
  answersInTime: number;
  answeredInTimeShare: number | null;
}

/** The area key of items without an area (stat_daily keeps `''`). */
export const UNKNOWN_AREA = '';
/** Every channel and every area is listed, even at zero, in this order when counts tie; unknown area last. */
export const CHANNEL_KEYS: readonly string[] = CHANNELS;
export const AREA_KEYS: readonly string[] = [...AREAS, UNKNOWN_AREA];

/**
 * A breakdown from flows grouped by channel or area: every known key (and any other found in the rows), largest
 * first, ties in the given order.
 */
export function breakdown(byKey: ReadonlyMap<string, Flow>, order: readonly string[]): BreakdownRow[] {
  const total = [...byKey.values()].reduce((sum, flow) => sum + flow.received, 0);
  const keys = [...order, ...[...byKey.keys()].filter((key) => !order.includes(key)).sort()];
  return keys
    .map((key, index) => {
      const flow = byKey.get(key) ?? EMPTY_FLOW;
      const row: BreakdownRow = {
        key,
        received: flow.received,
        share: share(flow.received, total),
        answers: flow.answers,
        answersInTime: flow.answersInTime,
        answeredInTimeShare: share(flow.answersInTime, flow.answers),
      };
      return { row, index };
    })
    .sort((a, b) => b.row.received - a.row.received || a.index - b.index)
    .map(({ row }) => row);
}

const OPEN = ITEM_STATES.filter((s) => !TERMINAL_STATES.includes(s));

export function comparisons(current: FigureSet, previous: FigureSet, targets: Targets): Comparisons {
  return {
    answeredInTime: compare('answeredInTime', current.answeredInTime, previous.answeredInTime, targets),
    satisfaction: compare('satisfaction', current.satisfaction, previous.satisfaction, targets),
    medianAnswerDays: compare('medianAnswerDays', current.medianAnswerDays, previous.medianAnswerDays, targets),
    appealRate: compare('appealRate', current.appealRate, previous.appealRate, targets),
  };
}

/** A period asked for: a preset number of days ending today, or a custom range of Tehran days. */
export function periodRange(period: Period | DayRange, now: Date): DayRange {
  return typeof period === 'number' ? lastDaysRange(dayKey(now), period) : period;
}

/**
 * Figure sets per key for one range: province rows (`provinceId` null), or for one province its centres (centre
 * figures, whoever handled the items) and its own items without a centre (key `0`).
 */
export function figureRows(
  db: AppDatabase,
  range: DayRange,
  provinceId: string | null,
  now: Date,
): { sets: Map<string, FigureSet>; ageing: Map<string, Ageing>; total: FigureSet; totalAgeing: Ageing; urgent: UrgentFigures } {
  const sets = new Map<string, FigureSet>();
  let ageing: Map<string, Ageing>;
  if (!provinceId) {
    const read = readTallies(db, range, 'owner', now);
    for (const [key, tally] of read.tallies) sets.set(key, figureSet(tally, read.answerBuckets.get(key), read.firstBuckets.get(key)));
    ageing = read.ageing;
  } else {
    const centerIds = db.select({ id: centers.id }).from(centers).where(eq(centers.provinceId, provinceId)).all().map((c) => c.id);
    const ofCentres = readTallies(db, range, 'center', now, { centerIds });
    const ownNoCentre = readTallies(db, range, 'center', now, { owner: provinceId, centerIds: [0] });
    ageing = new Map([...ofCentres.ageing, ...ownNoCentre.ageing]);
    for (const read of [ofCentres, ownNoCentre]) for (const [key, tally] of read.tallies) sets.set(key, figureSet(tally, read.answerBuckets.get(key), read.firstBuckets.get(key)));
  }
  // The scope's total is the province's (or the country's) own figure, not the rows added up: a centre's items
  // handled by another province belong to that province's total (docs/decisions/016-figures.md, "Whose figures").
  const whole = readTallies(db, range, 'none', now, { owner: provinceId ?? undefined });
  const tally = whole.tallies.get('all') ?? EMPTY_TALLY;
  const total = figureSet(tally, whole.answerBuckets.get('all'), whole.firstBuckets.get('all'));
  const totalAgeing = whole.ageing.get('all') ?? emptyAgeing();
  // Urgent items apart (issue 23): the scope's own, counted like its total (every page reads them here).
  const urgent = urgentFigures(urgentTally(db, range, now, provinceId ?? undefined));
  return { sets, ageing, total, totalAgeing, urgent };
}

const emptySet = () => figureSet(EMPTY_TALLY);

/**
 * Every figure for the country (`provinceId` null: rows per province and the national queue) or one province
 * (rows per centre), over a preset period or a custom range, beside the previous period of the same length.
 */
export function dashboard(db: AppDatabase, provinceId: string | null, period: Period | DayRange, now: Date = new Date()): Dashboard {
  const range = periodRange(period, now);
  const before = previousRange(range);
  const owner = provinceId ?? undefined;
  const current = figureRows(db, range, provinceId, now);
  const previous = figureRows(db, before, provinceId, now);
  const targets = readTargets(db);

  const group = provinceId ? 'center' : 'owner';
  const states = provinceId ? stateCounts(db, 'center') : stateCounts(db, 'owner');
  const overdue = overdueNow(db, now, group, provinceId ? undefined : owner);
  const centreIds = provinceId ? new Set(db.select({ id: centers.id }).from(centers).where(eq(centers.provinceId, provinceId)).all().map((c) => String(c.id))) : null;
  const ownStates = provinceId ? stateCounts(db, 'center', provinceId) : [];
  const ownOverdue = provinceId ? overdueNow(db, now, 'center', provinceId) : new Map<string, number>();

  const openBy = new Map<string, number>();
  const stateBy = new Map<string, Partial<Record<ItemState, number>>>();
  // For a province: its centres' live counts whoever holds the items, and its own items without a centre.
  const liveRows = provinceId ? [...states.filter((r) => centreIds!.has(r.key)), ...ownStates.filter((r) => r.key === '0')] : states;
  for (const row of liveRows) {
    const ofKey = stateBy.get(row.key) ?? {};
    ofKey[row.state as ItemState] = (ofKey[row.state as ItemState] ?? 0) + row.n;
    stateBy.set(row.key, ofKey);
    if ((OPEN as string[]).includes(row.state)) openBy.set(row.key, (openBy.get(row.key) ?? 0) + row.n);
  }
  const overdueBy = provinceId ? new Map([...[...overdue].filter(([key]) => centreIds!.has(key)), ['0', ownOverdue.get('0') ?? 0]]) : overdue;
  // The scope's own live counts: what the province (or the country) holds now.
  const byState: Partial<Record<ItemState, number>> = {};
  const scopeStates = provinceId ? ownStates : states;
  for (const row of scopeStates) byState[row.state as ItemState] = (byState[row.state as ItemState] ?? 0) + row.n;
  const scopeOpen = scopeStates.filter((r) => (OPEN as string[]).includes(r.state)).reduce((sum, r) => sum + r.n, 0);
  const scopeOverdue = [...(provinceId ? ownOverdue : overdue).values()].reduce((a, b) => a + b, 0);

  // Rows: every province (and the national queue) for the country; every centre with items for a province.
  const keys = provinceId
    ? [...new Set([...current.sets.keys(), ...previous.sets.keys(), ...stateBy.keys(), ...[...overdueBy].filter(([, n]) => n > 0).map(([k]) => k)])]
    : [...listProvinces(db).map((p) => p.id), 'national'];
  const rows: DashboardRow[] = keys.map((key) => {
    const set = current.sets.get(key) ?? emptySet();
    return {
      key,
      ...set,
      open: openBy.get(key) ?? 0,
      overdue: overdueBy.get(key) ?? 0,
      byState: stateBy.get(key) ?? {},
      ageing: current.ageing.get(key) ?? emptyAgeing(),
      attention: needsAttention(set),
      previous: previous.sets.get(key) ?? emptySet(),
    };
  });

  const today = dayKey(now);
  const days = lastDays(now, 30);
  const last30 = { from: days[0]!, to: today };
  const last7 = { from: days[days.length - 7]!, to: today };
  const rangeDays = daysOf(range).filter((day) => day < today);
  const perDay = flows(db, range, 'day', owner);
  const buckets = trendBuckets(rangeDays);
  const backlogAt = overdueAtEach(db, buckets.map((b) => endOfTehranDay(b.key).getTime()), owner);
  const trend = buckets.map((bucket, i) => {
    const flow = [...bucket.days.map((day) => perDay.get(day) ?? EMPTY_FLOW)].reduce(addFlows, EMPTY_FLOW);
    const overdueUnanswered = backlogAt[i] ?? 0;
    return {
      key: bucket.key,
      received: flow.received,
      answers: flow.answers,
      answersInTime: flow.answersInTime,
      overdueUnanswered,
      answeredInTime: answeredInTime({ ...EMPTY_TALLY, answers: flow.answers, answersInTime: flow.answersInTime, overdueUnanswered }),
    };
  });
  return {
    scope: { provinceId },
    period: typeof period === 'number' ? period : null,
    range,
    previousRange: before,
    at: rangeEnd(range, now).toISOString(),
    totals: {
      ...current.total,
      // Issue 22: of the items asked for a rating by SMS in the period, the share rated (beside satisfaction).
      ratingResponse: ((r) => ratingResponseRate(r.asked, r.rated))(ratingRequests(db, range, owner)),
      open: scopeOpen,
      overdue: scopeOverdue,
      received24h: receivedSince(db, new Date(now.getTime() - 86_400_000), owner),
      received7d: sumFlows(flows(db, last7, 'none', owner).values()).received,
      received30d: sumFlows(flows(db, last30, 'none', owner).values()).received,
      ageing: current.totalAgeing,
      previous: previous.total,
      comparisons: comparisons(current.total, previous.total, targets),
      urgent: current.urgent,
    },
    targets,
    byState,
    rows,
    trend,
    byChannel: breakdown(flows(db, range, 'channel', owner), CHANNEL_KEYS),
    byArea: breakdown(flows(db, range, 'area', owner), AREA_KEYS),
  };
}

const sumFlows = (values: Iterable<Flow>) => [...values].reduce(addFlows, EMPTY_FLOW);

const DAY_MS = 86_400_000;
function daysOf(range: DayRange): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${range.from}T00:00:00Z`); t <= Date.parse(`${range.to}T00:00:00Z`); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** Names for a province dashboard's rows: the centres of the province (inactive ones too: their items remain). */
export function centerNames(db: AppDatabase, provinceId: string): Map<string, { nameFa: string; nameEn: string }> {
  const rows = db.select({ id: centers.id, nameFa: centers.nameFa, nameEn: centers.nameEn }).from(centers).where(eq(centers.provinceId, provinceId)).orderBy(asc(centers.id)).all();
  return new Map(rows.map((r) => [String(r.id), { nameFa: r.nameFa, nameEn: r.nameEn }]));
}

/** One line of a public breakdown: the count and the share both hidden below MIN_CASES items (the share would tell the count). */
export interface PublicBreakdownRow {
  key: string;
  received: number | null;
  share: number | null;
}

/**
 * A breakdown for `/stats`: figures on fewer than MIN_CASES items are withheld, and such lines come last in their
 * fixed order, so not even their order tells which of them is larger.
 */
function publicBreakdown(byKey: ReadonlyMap<string, Flow>, order: readonly string[]): PublicBreakdownRow[] {
  const rows = breakdown(byKey, order);
  const shown = rows.filter((r) => r.received >= MIN_CASES);
  const withheld = rows.filter((r) => r.received < MIN_CASES).sort((a, b) => rank(order, a.key) - rank(order, b.key));
  // Four decimals are plenty for a percentage with one decimal, and keep long fractions out of the public JSON.
  const rounded = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);
  return [...shown, ...withheld].map((r) => ({ key: r.key, received: publicCount(r.received), share: r.received >= MIN_CASES ? rounded(r.share) : null }));
}

const rank = (order: readonly string[], key: string) => (order.includes(key) ? order.indexOf(key) : order.length);

/** Centre tallies added up per programme (durations are kept per centre; a programme's buckets are its centres'). */
function programSets(db: AppDatabase, range: DayRange, now: Date): Map<string, FigureSet> {
  const read = readTallies(db, range, 'center', now);
  const programOf = new Map(db.select({ id: centers.id, program: centers.program }).from(centers).all().map((c) => [String(c.id), (c.program as string | null) ?? 'none']));
  const tallies = new Map<string, Tally[]>();
  const buckets = new Map<string, Map<number, number>[]>();
  for (const [center, tally] of read.tallies) {
    const program = programOf.get(center) ?? 'none';
    tallies.set(program, [...(tallies.get(program) ?? []), tally]);
  }
  for (const [center, b] of read.answerBuckets) {
    const program = programOf.get(center) ?? 'none';
    buckets.set(program, [...(buckets.get(program) ?? []), b]);
  }
  return new Map([...tallies].map(([program, list]) => [program, figureSet(sumTallies(list), addBuckets(buckets.get(program) ?? []))]));
}

/**
 * The public `/stats`: the country, each province (by the province that handled the items) and each programme, over
 * a preset period or a custom range, beside the previous period of the same length; every figure under the one
 * small-number rule.
 */
export function publicStats(db: AppDatabase, period: Period | DayRange, now: Date = new Date()) {
  const range = periodRange(period, now);
  const before = previousRange(range);
  const current = figureRows(db, range, null, now);
  const previous = figureRows(db, before, null, now);
  const programs = programSets(db, range, now);
  const row = (key: string) => ({ ...publicFigures(current.sets.get(key) ?? emptySet()), previous: publicFigures(previous.sets.get(key) ?? emptySet()) });
  return {
    period: typeof period === 'number' ? period : null,
    range,
    previousRange: before,
    at: rangeEnd(range, now).toISOString(),
    country: { ...publicFigures(current.total), previous: publicFigures(previous.total), ageing: publicAgeing(current.totalAgeing), urgent: publicUrgentFigures(current.urgent) },
    provinces: listProvinces(db).map((p) => ({ id: p.id, nameFa: p.nameFa, nameEn: p.nameEn, ...row(p.id) })),
    national: row('national'),
    programs: (['mosbat', 'shoq', 'none'] as const).map((program) => ({ program, ...publicFigures(programs.get(program) ?? emptySet()) })),
    byChannel: publicBreakdown(flows(db, range, 'channel'), CHANNEL_KEYS),
    byArea: publicBreakdown(flows(db, range, 'area'), AREA_KEYS),
  };
}

const publicAgeing = (ageing: Ageing) => Object.fromEntries(Object.entries(ageing).map(([band, n]) => [band, publicCount(n)])) as Record<keyof Ageing, number | null>;
