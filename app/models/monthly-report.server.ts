/**
 * The monthly performance report (`/staff/reports/monthly`), in the shape of the public report on the running
 * service (docs/DESIGN.md §1): items received in a Solar month, by channel, by area, by province (country scope), and the
 * share answered within the deadline. Like the dashboard it reads only the aggregate tables (`flows`), never items.
 */
import type { AppDatabase } from '../../db/client';
import { emptyAgeing, figureSet, EMPTY_TALLY, parseRange, previousRange, rankByInTime, needsAttention, type Ageing, type DayRange, type FigureSet, type RangeProblem, type Targets, type UrgentFigures } from '../domain/figures';
import { dayKey } from '../domain/stats';
import { monthDays, monthKey, pickReportMonth, previousMonth, type SolarMonth } from '../domain/solar-month';
import type { StaffRole } from '../domain/workflow';
import { findProvince, listProvinces } from './catalog.server';
import { AREA_KEYS, breakdown, CHANNEL_KEYS, comparisons, figureRows, type BreakdownRow, type Comparisons } from './dashboard.server';
import { rangeEnd, readTargets } from './figures.server';
import { flows } from './stats.server';

export interface ReportLine extends FigureSet {
  /** A province id, or `national` for the national queue. */
  key: string;
  ageing: Ageing;
  attention: boolean;
  previous: FigureSet;
}

export interface MonthlyReport {
  scope: { provinceId: string | null };
  /** `1404-07`; null for a custom range. */
  month: string | null;
  /** The report's first and last Tehran days, Gregorian `YYYY-MM-DD`, both inclusive. */
  range: DayRange;
  /** The previous Solar month (or, for a custom range, the previous period of the same length). */
  previousRange: DayRange;
  /** The instant the backlog and ageing were measured. */
  at: string;
  totals: FigureSet & { ageing: Ageing; previous: FigureSet; comparisons: Comparisons; urgent: UrgentFigures };
  targets: Targets;
  byChannel: BreakdownRow[];
  byArea: BreakdownRow[];
  /** Country scope only: provinces and the national queue by answered in time, best first; those under the small-number rule last. */
  byProvince: ReportLine[] | null;
}

const emptySet = () => figureSet(EMPTY_TALLY);

/** The report for the country (`provinceId` null) or one province over one Solar month, or a custom range. */
export function monthlyReport(db: AppDatabase, provinceId: string | null, month: SolarMonth | DayRange, now: Date = new Date()): MonthlyReport {
  const isMonth = 'year' in month;
  const range = isMonth ? monthDays(month) : month;
  const before = isMonth ? monthDays(previousMonth(month)) : previousRange(range);
  const owner = provinceId ?? undefined;
  const current = figureRows(db, range, provinceId, now);
  const previous = figureRows(db, before, provinceId, now);
  const targets = readTargets(db);
  let byProvince: ReportLine[] | null = null;
  if (!provinceId) {
    const lines = [...listProvinces(db).map((p) => p.id), 'national'].map((key) => {
      const set = current.sets.get(key) ?? emptySet();
      return { key, ...set, ageing: current.ageing.get(key) ?? emptyAgeing(), attention: needsAttention(set), previous: previous.sets.get(key) ?? emptySet() };
    });
    const { ranked, unranked } = rankByInTime(lines);
    byProvince = [...ranked, ...unranked];
  }
  return {
    scope: { provinceId },
    month: isMonth ? monthKey(month) : null,
    range,
    previousRange: before,
    at: rangeEnd(range, now).toISOString(),
    totals: { ...current.total, ageing: current.totalAgeing, previous: previous.total, comparisons: comparisons(current.total, previous.total, targets), urgent: current.urgent },
    targets,
    byChannel: breakdown(flows(db, range, 'channel', owner), CHANNEL_KEYS),
    byArea: breakdown(flows(db, range, 'area', owner), AREA_KEYS),
    byProvince,
  };
}

/**
 * Which report a request asks for (the page and its CSV read it alike): a province manager's own province; for a
 * national supervisor the country, or a province named by `province=ir-09`; the month (`month=1404-07`, by default
 * the last complete one), or a custom range (`from=1405-08-01&to=1405-08-30`, Solar) which wins over the month. A
 * bad range is reported per field and the month is shown.
 */
export function reportRequest(db: AppDatabase, user: { role: StaffRole; provinceId: string | null }, params: URLSearchParams, now: Date) {
  const asked = (params.get('province') ?? '').trim().toLowerCase();
  const national = user.role === 'national_supervisor';
  const provinceId = national ? (asked && findProvince(db, asked) ? asked : null) : user.provinceId;
  const custom = parseRange(params.get('from'), params.get('to'), dayKey(now));
  return { national, provinceId, ...pickReportMonth(params.get('month'), now), range: custom.range, rangeErrors: custom.errors as Partial<Record<'from' | 'to', RangeProblem>> };
}
