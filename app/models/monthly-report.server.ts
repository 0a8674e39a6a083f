/**
 * The monthly performance report (`/staff/reports/monthly`), in the shape of the public report on the running
 * service (docs/DESIGN.md §1): items received in a Solar month, by channel, by area, by province (country scope), and the
 * share answered within the deadline. Like the dashboard it reads only the aggregate tables (`flows`), never items.
 */
import type { AppDatabase } from '../../db/client';
import { EMPTY_FLOW, share, type Flow } from '../domain/stats';
import { monthDays, monthKey, pickReportMonth, type SolarMonth } from '../domain/solar-month';
import type { StaffRole } from '../domain/workflow';
import { findProvince, listProvinces } from './catalog.server';
import { AREA_KEYS, breakdown, CHANNEL_KEYS, type BreakdownRow } from './dashboard.server';
import { flows } from './stats.server';

export interface ReportLine {
  /** A province id, or `national` for the national queue. */
  key: string;
  received: number;
  /** Answers (and reasoned redirections or rejections) given in the month. */
  answers: number;
  answersInTime: number;
  answeredInTimeShare: number | null;
}

export interface MonthlyReport {
  scope: { provinceId: string | null };
  /** `1404-07`. */
  month: string;
  /** The month's first and last Tehran days, Gregorian `YYYY-MM-DD`, both inclusive. */
  range: { from: string; to: string };
  totals: Omit<ReportLine, 'key'>;
  byChannel: BreakdownRow[];
  byArea: BreakdownRow[];
  /** Country scope only: every province in the catalogue's order, then the national queue. */
  byProvince: ReportLine[] | null;
}

const figures = (flow: Flow): Omit<ReportLine, 'key'> => ({
  received: flow.received,
  answers: flow.answers,
  answersInTime: flow.answersInTime,
  answeredInTimeShare: share(flow.answersInTime, flow.answers),
});

/** The report for the country (`provinceId` null) or one province over one Solar month of Tehran days. */
export function monthlyReport(db: AppDatabase, provinceId: string | null, month: SolarMonth): MonthlyReport {
  const range = monthDays(month);
  const owner = provinceId ?? undefined;
  const total = flows(db, range, 'none', owner).get('all') ?? EMPTY_FLOW;
  const totals = figures(total);
  let byProvince: ReportLine[] | null = null;
  if (!provinceId) {
    const byOwner = flows(db, range, 'owner');
    byProvince = [...listProvinces(db).map((p) => p.id), 'national'].map((key) => ({ key, ...figures(byOwner.get(key) ?? EMPTY_FLOW) }));
  }
  return {
    scope: { provinceId },
    month: monthKey(month),
    range,
    totals,
    byChannel: breakdown(flows(db, range, 'channel', owner), CHANNEL_KEYS),
    byArea: breakdown(flows(db, range, 'area', owner), AREA_KEYS),
    byProvince,
  };
}

/**
 * Which report a request asks for (the page and its CSV read it alike): a province manager's own province; for a
 * national supervisor the country, or a province named by `province=ir-09`; and the month (`month=1404-07`, by
 * default the last complete one).
 */
export function reportRequest(db: AppDatabase, user: { role: StaffRole; provinceId: string | null }, params: URLSearchParams, now: Date) {
  const asked = (params.get('province') ?? '').trim().toLowerCase();
  const national = user.role === 'national_supervisor';
  const provinceId = national ? (asked && findProvince(db, asked) ? asked : null) : user.provinceId;
  return { national, provinceId, ...pickReportMonth(params.get('month'), now) };
}
