/**
 * The monitoring view (issue "Real-time monitoring"): one object with every figure of `/staff/dashboard`, for the
 * whole country (rows per province) or one province (rows per centre), over a period of Tehran days. The public
 * `/stats` and the CSV export read the same object.
 */
import { asc, eq } from 'drizzle-orm';
import type { AppDatabase } from '../../db/client';
import { centers } from '../../db/schema';
import { ITEM_STATES, TERMINAL_STATES, type ItemState } from '../domain/workflow';
import { addFlows, averageRating, EMPTY_FLOW, lastDays, medianFromBuckets, share, trendBuckets, type Flow, type Period } from '../domain/stats';
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
}

export interface Dashboard {
  scope: { provinceId: string | null };
  period: Period;
  range: { from: string; to: string };
  totals: Figures & { open: number; overdue: number; received24h: number; received7d: number; received30d: number };
  byState: Partial<Record<ItemState, number>>;
  rows: DashboardRow[];
  trend: { key: string; received: number; answers: number; answersInTime: number }[];
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
  const firstAll = durations(db, range, 'first_response', 'none', owner).get('all');
  const answerAll = durations(db, range, 'answer', 'none', owner).get('all');
  const states = stateCounts(db, group, owner);
  const overdue = overdueNow(db, now, group, owner);

  const openBy = new Map<string, number>();
  const byState: Partial<Record<ItemState, number>> = {};
  for (const row of states) {
    byState[row.state as ItemState] = (byState[row.state as ItemState] ?? 0) + row.n;
    if ((OPEN as string[]).includes(row.state)) openBy.set(row.key, (openBy.get(row.key) ?? 0) + row.n);
  }

  // Rows: every province (and the national queue) for the country; every centre with items for a province.
  const keys = provinceId
    ? [...new Set([...byGroup.keys(), ...openBy.keys(), ...overdue.keys()])]
    : [...listProvinces(db).map((p) => p.id), 'national'];
  const rows = keys.map((key) => ({
    key,
    open: openBy.get(key) ?? 0,
    overdue: overdue.get(key) ?? 0,
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
  };
}

/** Names for a province dashboard's rows: the centres of the province (inactive ones too: their items remain). */
export function centerNames(db: AppDatabase, provinceId: string): Map<string, { nameFa: string; nameEn: string }> {
  const rows = db.select({ id: centers.id, nameFa: centers.nameFa, nameEn: centers.nameEn }).from(centers).where(eq(centers.provinceId, provinceId)).orderBy(asc(centers.id)).all();
  return new Map(rows.map((r) => [String(r.id), { nameFa: r.nameFa, nameEn: r.nameEn }]));
}
