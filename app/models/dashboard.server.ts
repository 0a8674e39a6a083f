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
import { addBuckets, addFlows, averageRating, EMPTY_FLOW, lastDays, medianFromBuckets, MIN_SAMPLE, share, suppressed, trendBuckets, type Flow, type Period } from '../domain/stats';
import { listProvinces } from './catalog.server';
import { durations, flows, overdueNow, receivedSince, stateCounts } from './stats.server';

export interface Figures {
  received: number;
  answers: number;
  /** Share of answers (and redirections or rejections) given within the answer deadline. */
  answeredInTimeShare: number | null;
  firstResponseInTimeShare: number | null;
  medianFirstResponseHours: number | null;
  medianAnswerHours: number | null;
  averageRating: number | null;
  ratings: number;
  appeals: number;
}

export interface DashboardRow extends Figures {
  /** A province id, `national`, or a centre id as text (`0`: items without a centre). */
  key: string;
  open: number;
  overdue: number;
  /** Items now in each state (the live counts). */
  byState: Partial<Record<ItemState, number>>;
}

export interface Dashboard {
  scope: { provinceId: string | null };
  period: Period;
  range: { from: string; to: string };
  totals: Figures & { open: number; overdue: number; received24h: number; received7d: number; received30d: number };
  byState: Partial<Record<ItemState, number>>;
  rows: DashboardRow[];
  trend: { key: string; received: number; answers: number; answersInTime: number }[];
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

function figures(flow: Flow, firstBuckets: ReadonlyMap<number, number> | undefined, answerBuckets: ReadonlyMap<number, number> | undefined): Figures {
  return {
    received: flow.received,
    answers: flow.answers,
    answeredInTimeShare: share(flow.answersInTime, flow.answers),
    firstResponseInTimeShare: share(flow.firstInTime, flow.firstResponses),
    medianFirstResponseHours: firstBuckets ? medianFromBuckets(firstBuckets) : null,
    medianAnswerHours: answerBuckets ? medianFromBuckets(answerBuckets) : null,
    averageRating: averageRating(flow),
    ratings: flow.ratings,
    appeals: flow.appeals,
  };
}

const sumFlows = (values: Iterable<Flow>) => [...values].reduce(addFlows, EMPTY_FLOW);

/**
 * Every figure for the country (`provinceId` null: rows per province and the national queue) or one province
 * (rows per centre of that province's items).
 */
export function dashboard(db: AppDatabase, provinceId: string | null, period: Period, now: Date = new Date()): Dashboard {
  const days = lastDays(now, Math.max(period, 30));
  const periodDays = days.slice(-period);
  const range = { from: periodDays[0]!, to: periodDays[periodDays.length - 1]! };
  const owner = provinceId ?? undefined;
  const group = provinceId ? 'center' : 'owner';

  const byGroup = flows(db, range, group, owner);
  const firstByGroup = durations(db, range, 'first_response', group, owner);
  const answerByGroup = durations(db, range, 'answer', group, owner);
  // The scope's totals are its rows added up: no second query over the same rollup rows.
  const firstAll = addBuckets(firstByGroup.values());
  const answerAll = addBuckets(answerByGroup.values());
  const states = stateCounts(db, group, owner);
  const overdue = overdueNow(db, now, group, owner);

  const openBy = new Map<string, number>();
  const byState: Partial<Record<ItemState, number>> = {};
  const stateBy = new Map<string, Partial<Record<ItemState, number>>>();
  for (const row of states) {
    const state = row.state as ItemState;
    byState[state] = (byState[state] ?? 0) + row.n;
    const ofKey = stateBy.get(row.key) ?? {};
    ofKey[state] = (ofKey[state] ?? 0) + row.n;
    stateBy.set(row.key, ofKey);
    if ((OPEN as string[]).includes(row.state)) openBy.set(row.key, (openBy.get(row.key) ?? 0) + row.n);
  }

  // Rows: every province (and the national queue) for the country; every centre with items for a province.
  const keys = provinceId
    ? [...new Set([...byGroup.keys(), ...stateBy.keys(), ...overdue.keys()])]
    : [...listProvinces(db).map((p) => p.id), 'national'];
  const rows = keys.map((key) => ({
    key,
    open: openBy.get(key) ?? 0,
    overdue: overdue.get(key) ?? 0,
    byState: stateBy.get(key) ?? {},
    ...figures(byGroup.get(key) ?? EMPTY_FLOW, firstByGroup.get(key), answerByGroup.get(key)),
  }));

  const last30 = { from: days[days.length - 30]!, to: range.to };
  const last7 = { from: days[days.length - 7]!, to: range.to };
  const total = sumFlows(byGroup.values());
  const perDay = flows(db, { from: days[0]!, to: range.to }, 'day', owner);
  const trend = trendBuckets(periodDays).map((bucket) => {
    const flow = sumFlows(bucket.days.map((day) => perDay.get(day) ?? EMPTY_FLOW));
    return { key: bucket.key, received: flow.received, answers: flow.answers, answersInTime: flow.answersInTime };
  });
  return {
    scope: { provinceId },
    period,
    range,
    totals: {
      ...figures(total, firstAll, answerAll),
      open: [...openBy.values()].reduce((a, b) => a + b, 0),
      overdue: [...overdue.values()].reduce((a, b) => a + b, 0),
      received24h: receivedSince(db, new Date(now.getTime() - 86_400_000), owner),
      received7d: sumFlows(flows(db, last7, 'none', owner).values()).received,
      received30d: sumFlows(flows(db, last30, 'none', owner).values()).received,
    },
    byState,
    rows,
    trend,
    byChannel: breakdown(flows(db, range, 'channel', owner), CHANNEL_KEYS),
    byArea: breakdown(flows(db, range, 'area', owner), AREA_KEYS),
  };
}

/** Names for a province dashboard's rows: the centres of the province (inactive ones too: their items remain). */
export function centerNames(db: AppDatabase, provinceId: string): Map<string, { nameFa: string; nameEn: string }> {
  const rows = db.select({ id: centers.id, nameFa: centers.nameFa, nameEn: centers.nameEn }).from(centers).where(eq(centers.provinceId, provinceId)).orderBy(asc(centers.id)).all();
  return new Map(rows.map((r) => [String(r.id), { nameFa: r.nameFa, nameEn: r.nameEn }]));
}

/** One row of the public statistics: every figure null below MIN_SAMPLE cases (docs/DESIGN.md §7). */
export interface PublicFigures {
  received: number | null;
  answeredInTimeShare: number | null;
  medianAnswerDays: number | null;
  averageRating: number | null;
}

/** One line of a public breakdown: the count and the share both hidden below MIN_SAMPLE items (the share would tell the count). */
export interface PublicBreakdownRow {
  key: string;
  received: number | null;
  share: number | null;
}

/**
 * A breakdown for `/stats`: figures on fewer than MIN_SAMPLE items are withheld, and such lines come last in their
 * fixed order, so not even their order tells which of them is larger.
 */
function publicBreakdown(byKey: ReadonlyMap<string, Flow>, order: readonly string[]): PublicBreakdownRow[] {
  const rows = breakdown(byKey, order);
  const shown = rows.filter((r) => r.received >= MIN_SAMPLE);
  const withheld = rows.filter((r) => r.received < MIN_SAMPLE).sort((a, b) => rank(order, a.key) - rank(order, b.key));
  // Four decimals are plenty for a percentage with one decimal, and keep long fractions out of the public JSON.
  const rounded = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);
  return [...shown, ...withheld].map((r) => ({ key: r.key, received: suppressed(r.received, r.received), share: suppressed(r.received, rounded(r.share)) }));
}

const rank = (order: readonly string[], key: string) => (order.includes(key) ? order.indexOf(key) : order.length);

function publicFigures(flow: Flow, answerBuckets: ReadonlyMap<number, number> | undefined): PublicFigures {
  const median = answerBuckets ? medianFromBuckets(answerBuckets) : null;
  if (flow.received < MIN_SAMPLE && flow.answers < MIN_SAMPLE) return { received: null, answeredInTimeShare: null, medianAnswerDays: null, averageRating: null };
  return {
    received: suppressed(flow.received, flow.received),
    answeredInTimeShare: suppressed(flow.answers, share(flow.answersInTime, flow.answers)),
    medianAnswerDays: suppressed(flow.answers, median === null ? null : Math.round((median / 24) * 10) / 10),
    averageRating: suppressed(flow.ratings, averageRating(flow)),
  };
}

/**
 * The public `/stats`: the country, each province (by the province that handled the items) and each programme, over
 * the last `period` Tehran days; aggregates only, each figure suppressed below MIN_SAMPLE cases.
 */
export function publicStats(db: AppDatabase, period: Period, now: Date = new Date()) {
  const days = lastDays(now, period);
  const range = { from: days[0]!, to: days[days.length - 1]! };
  const byOwner = flows(db, range, 'owner');
  const answersByOwner = durations(db, range, 'answer', 'owner');
  const byProgram = flows(db, range, 'program');
  // Durations are kept per centre; a programme's buckets are its centres' buckets added up.
  const programOf = new Map(db.select({ id: centers.id, program: centers.program }).from(centers).all().map((c) => [String(c.id), c.program as string]));
  const answersByProgram = new Map<string, Map<number, number>>();
  for (const [center, buckets] of durations(db, range, 'answer', 'center')) {
    const program = programOf.get(center) ?? 'none';
    answersByProgram.set(program, addBuckets([answersByProgram.get(program) ?? new Map(), buckets]));
  }
  const allBuckets = addBuckets(answersByOwner.values());
  return {
    period,
    range,
    country: publicFigures(sumFlows(byOwner.values()), allBuckets),
    provinces: listProvinces(db).map((p) => ({ id: p.id, nameFa: p.nameFa, nameEn: p.nameEn, ...publicFigures(byOwner.get(p.id) ?? EMPTY_FLOW, answersByOwner.get(p.id)) })),
    national: publicFigures(byOwner.get('national') ?? EMPTY_FLOW, answersByOwner.get('national')),
    programs: (['mosbat', 'shoq', 'none'] as const).map((program) => ({ program, ...publicFigures(byProgram.get(program) ?? EMPTY_FLOW, answersByProgram.get(program)) })),
    byChannel: publicBreakdown(flows(db, range, 'channel'), CHANNEL_KEYS),
    byArea: publicBreakdown(flows(db, range, 'area'), AREA_KEYS),
  };
}
