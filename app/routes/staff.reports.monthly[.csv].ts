import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireStaff } from '~/sessions/staff.server';
import { db } from '~/platform/db.server';
import { csvHeaders, toCsv } from '~/domain/csv';
import { solarDateNumeric } from '~/domain/dates';
import { AGEING_BANDS } from '~/domain/figures';
import { dayNoon } from '~/domain/stats';
import { translator } from '~/i18n/translate';
import { getLocale } from '~/platform/locale.server';
import { listProvinces } from '~/models/catalog.server';
import { monthlyReport, reportRequest, type ReportLine } from '~/models/monthly-report.server';

/**
 * The monthly report as one spreadsheet: a line for the month's total, then one per channel, per area and (country
 * scope) per province, each with its received count and share, answers and the share answered in time. Aggregates
 * only; the same scope and month rules as the page.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'dashboard:read');
  const locale = await getLocale(request);
  const t = translator(locale);
  const now = new Date();
  const { provinceId, month, range } = reportRequest(db(), user, new URL(request.url).searchParams, now);
  const report = monthlyReport(db(), provinceId, range ?? month, now);
  const provinceNames = new Map(listProvinces(db()).map((p) => [p.id, locale === 'fa' ? p.nameFa : p.nameEn]));
  const round = (n: number | null) => (n === null ? '' : Number(n.toFixed(3)));
  const header = [
    t('report.csv.section'),
    'id',
    t('report.csv.name'),
    t('dashboard.received'),
    `${t('breakdown.share')} (0–1)`,
    t('report.answers'),
    t('dashboard.answeredInTimeCount'),
    // Channel and area lines: answers only (their backlog is not split yet); total and provinces: the 016 definition.
    `${t('figures.inTime')} (0–1)`,
    `${t('figures.inTime')}: n`,
    t('figures.overdue'),
    ...AGEING_BANDS.map((band) => `${t('figures.ageing')}: ${t(`figures.band.${band.key}`)}`),
    t('figures.medianAnswer'),
    t('figures.satisfaction'),
    `${t('figures.satisfaction')}: n`,
    `${t('figures.appealRate')} (0–1)`,
    t('figures.appeals'),
    `${t('figures.previousInTime')} (0–1)`,
    `${t('figures.previousInTime')}: n`,
    t('report.month'),
    t('csv.fromSolar'),
    t('csv.toSolar'),
    'from',
    'to',
  ];
  const period = [report.month ?? '', solarDateNumeric(dayNoon(report.range.from)), solarDateNumeric(dayNoon(report.range.to)), report.range.from, report.range.to];
  const total = report.totals;
  const blank = Array.from({ length: 9 + AGEING_BANDS.length }, () => '');
  const full = (r: ReportLine | typeof total) => [
    round(r.answeredInTime.value),
    r.answeredInTime.cases,
    r.overdueUnanswered,
    ...AGEING_BANDS.map((band) => r.ageing[band.key]),
    r.medianAnswerDays.value ?? '',
    r.satisfaction.value ?? '',
    r.satisfaction.cases,
    round(r.appealRate.value),
    r.appeals,
    round(r.previous.answeredInTime.value),
    r.previous.answeredInTime.cases,
  ];
  const rows: (string | number)[][] = [
    ['total', provinceId ?? 'iran', provinceId ? (provinceNames.get(provinceId) ?? provinceId) : t('dashboard.country'), total.received, total.received > 0 ? 1 : '', total.answers, total.answersInTime, ...full(total), ...period],
    ...report.byChannel.map((r) => ['channel', r.key, t(`channel.${r.key}`, { defaultValue: r.key }), r.received, round(r.share), r.answers, r.answersInTime, round(r.answeredInTimeShare), ...blank, ...period]),
    ...report.byArea.map((r) => ['area', r.key || 'unknown', r.key ? t(`area.${r.key}`, { defaultValue: r.key }) : t('breakdown.unknownArea'), r.received, round(r.share), r.answers, r.answersInTime, round(r.answeredInTimeShare), ...blank, ...period]),
    ...(report.byProvince ?? []).map((r) => [
      'province',
      r.key,
      r.key === 'national' ? t('province.national') : (provinceNames.get(r.key) ?? r.key),
      r.received,
      round(total.received > 0 ? r.received / total.received : null),
      r.answers,
      r.answersInTime,
      ...full(r),
      ...period,
    ]),
  ];
  // Urgent items counted apart (issue 23): their own line, with their share of the received and their in-time figure.
  const urgent = total.urgent;
  rows.splice(1, 0, [
    'urgent',
    provinceId ?? 'iran',
    t('safeguarding.figures.urgentTitle'),
    urgent.received,
    round(total.received > 0 ? urgent.received / total.received : null),
    urgent.answers,
    urgent.answersInTime,
    round(urgent.answeredInTime.value),
    urgent.answeredInTime.cases,
    ...Array.from({ length: 8 + AGEING_BANDS.length }, () => ''),
    ...period,
  ]);
  return new Response(toCsv(header, rows), { headers: csvHeaders(`didehban-monthly-${provinceId ?? 'iran'}-${report.month ?? `${report.range.from}_${report.range.to}`}.csv`) });
}
