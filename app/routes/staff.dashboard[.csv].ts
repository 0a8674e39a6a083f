import type { LoaderFunctionArgs } from '@remix-run/node';
import { staffStatusKey } from '~/components/status-badge';
import { requireStaff } from '~/sessions/staff.server';
import { db } from '~/platform/db.server';
import { csvHeaders, toCsv } from '~/domain/csv';
import { solarDateNumeric } from '~/domain/dates';
import { dayNoon, parsePeriod } from '~/domain/stats';
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
  const view = dashboard(db(), provinceId, parsePeriod(params.get('period')));
  const names = new Map<string, string>();
  if (provinceId) for (const [id, c] of centerNames(db(), provinceId)) names.set(id, locale === 'fa' ? c.nameFa : c.nameEn);
  else for (const p of listProvinces(db())) names.set(p.id, locale === 'fa' ? p.nameFa : p.nameEn);
  const name = (key: string) => (key === 'national' ? t('province.national') : key === '0' ? t('dashboard.noCenter') : (names.get(key) ?? key));
  const round = (n: number | null, digits: number) => (n === null ? '' : Number(n.toFixed(digits)));
  const header = [
    provinceId ? t('staff.center') : t('province.label'),
    'id',
    t('dashboard.open'),
    t('dashboard.overdue'),
    t('dashboard.received'),
    t('dashboard.answered'),
    `${t('dashboard.answeredInTime')} (0–1)`,
    `${t('dashboard.firstInTime')} (0–1)`,
    `${t('dashboard.medianFirst')} (h)`,
    `${t('dashboard.medianAnswer')} (h)`,
    t('dashboard.satisfaction'),
    t('dashboard.appeals'),
    ...ITEM_STATES.map((state) => `${t('dashboard.now')}: ${t(staffStatusKey(state))}`),
    t('csv.fromSolar'),
    t('csv.toSolar'),
    'from',
    'to',
  ];
  const rows = view.rows.map((r) => [
    name(r.key),
    r.key,
    r.open,
    r.overdue,
    r.received,
    r.answers,
    round(r.answeredInTimeShare, 3),
    round(r.firstResponseInTimeShare, 3),
    round(r.medianFirstResponseHours, 1),
    round(r.medianAnswerHours, 1),
    round(r.averageRating, 1),
    r.appeals,
    ...ITEM_STATES.map((state) => r.byState[state] ?? 0),
    solarDateNumeric(dayNoon(view.range.from)),
    solarDateNumeric(dayNoon(view.range.to)),
    view.range.from,
    view.range.to,
  ]);
  return new Response(toCsv(header, rows), { headers: csvHeaders(`didehban-dashboard-${provinceId ?? 'iran'}-${view.range.to}.csv`) });
}
