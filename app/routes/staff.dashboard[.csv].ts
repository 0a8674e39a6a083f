import type { LoaderFunctionArgs } from '@remix-run/node';
import { staffStatusKey } from '~/components/status-badge';
import { requireStaff } from '~/sessions/staff.server';
import { db } from '~/platform/db.server';
import { csvHeaders, toCsv } from '~/domain/csv';
import { solarDateNumeric } from '~/domain/dates';
import { AGEING_BANDS, parseRange } from '~/domain/figures';
import { dayKey, dayNoon, parsePeriod } from '~/domain/stats';
import { ITEM_STATES } from '~/domain/workflow';
import { translator } from '~/i18n/translate';
import { getLocale } from '~/platform/locale.server';
import { findProvince, listProvinces } from '~/models/catalog.server';
import { centerNames, dashboard } from '~/models/dashboard.server';

/** The dashboard's table (per province, or per centre of one province) as a spreadsheet; aggregates only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'dashboard:read');
  const params = new URL(request.url).searchParams;
  const locale = await getLocale(request);
  const t = translator(locale);
  const asked = (params.get('province') ?? '').trim().toLowerCase();
  const provinceId = user.role === 'national_supervisor' ? (asked && findProvince(db(), asked) ? asked : null) : user.provinceId;
  const now = new Date();
  // The same period as the page: custom dates when both are valid, otherwise the preset (the page shows why).
  const custom = parseRange(params.get('from'), params.get('to'), dayKey(now));
  const view = dashboard(db(), provinceId, custom.range ?? parsePeriod(params.get('period')), now);
  const names = new Map<string, string>();
  if (provinceId) for (const [id, c] of centerNames(db(), provinceId)) names.set(id, locale === 'fa' ? c.nameFa : c.nameEn);
  else for (const p of listProvinces(db())) names.set(p.id, locale === 'fa' ? p.nameFa : p.nameEn);
  const name = (key: string) => (key === 'national' ? t('province.national') : key === '0' ? t('dashboard.noCenter') : (names.get(key) ?? key));
  const round = (n: number | null, digits: number) => (n === null ? '' : Number(n.toFixed(digits)));
  // Figures under the small-number rule are empty cells; each share has its count of cases beside it. One time base
  // per column group: the period (and its end), then the previous period, then the live counts (now).
  const header = [
    provinceId ? t('staff.center') : t('province.label'),
    'id',
    t('dashboard.received'),
    t('dashboard.answered'),
    `${t('figures.inTime')} (0–1)`,
    `${t('figures.inTime')}: n`,
    t('figures.overdue'),
    ...AGEING_BANDS.map((band) => `${t('figures.ageing')}: ${t(`figures.band.${band.key}`)}`),
    `${t('figures.medianAnswer')}`,
    `${t('figures.medianAnswer')}: n`,
    `${t('figures.medianFirst')}`,
    t('figures.satisfaction'),
    `${t('figures.satisfaction')}: n`,
    `${t('figures.appealRate')} (0–1)`,
    t('figures.appeals'),
    `${t('figures.previousInTime')} (0–1)`,
    `${t('figures.previousInTime')}: n`,
    `${t('dashboard.now')}: ${t('dashboard.open')}`,
    `${t('dashboard.now')}: ${t('dashboard.overdue')}`,
    ...ITEM_STATES.map((state) => `${t('dashboard.now')}: ${t(staffStatusKey(state))}`),
    t('csv.fromSolar'),
    t('csv.toSolar'),
    'from',
    'to',
  ];
  const rows = view.rows.map((r) => [
    name(r.key),
    r.key,
    r.received,
    r.answers,
    round(r.answeredInTime.value, 3),
    r.answeredInTime.cases,
    r.overdueUnanswered,
    ...AGEING_BANDS.map((band) => r.ageing[band.key]),
    round(r.medianAnswerDays.value, 1),
    r.medianAnswerDays.cases,
    round(r.medianFirstResponseDays.value, 1),
    round(r.satisfaction.value, 1),
    r.satisfaction.cases,
    round(r.appealRate.value, 3),
    r.appeals,
    round(r.previous.answeredInTime.value, 3),
    r.previous.answeredInTime.cases,
    r.open,
    r.overdue,
    ...ITEM_STATES.map((state) => r.byState[state] ?? 0),
    solarDateNumeric(dayNoon(view.range.from)),
    solarDateNumeric(dayNoon(view.range.to)),
    view.range.from,
    view.range.to,
  ]);
  // Urgent items counted apart (issue 23): one line for the scope's total (id `urgent`), the same figures as the page.
  const urgent = view.totals.urgent;
  rows.push([
    t('safeguarding.figures.urgentTitle'),
    'urgent',
    urgent.received,
    urgent.answers,
    round(urgent.answeredInTime.value, 3),
    urgent.answeredInTime.cases,
    ...Array.from({ length: header.length - 10 }, () => ''),
    solarDateNumeric(dayNoon(view.range.from)),
    solarDateNumeric(dayNoon(view.range.to)),
    view.range.from,
    view.range.to,
  ]);
  return new Response(toCsv(header, rows), { headers: csvHeaders(`didehban-dashboard-${provinceId ?? 'iran'}-${view.range.to}.csv`) });
}
