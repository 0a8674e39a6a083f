import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData, useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { requireStaff } from '~/sessions/staff.server';
import { ChannelAndAreaBreakdowns } from '~/components/breakdown';
import { db } from '~/platform/db.server';
import { parseMapMeasure, parsePeriod } from '~/domain/stats';
import { pageTitle } from '~/i18n/meta';
import { findProvince, listProvinces } from '~/models/catalog.server';
import { centerNames, dashboard } from '~/models/dashboard.server';
import { DashboardFilters } from '~/routes/staff.dashboard/filters';
import { DashboardHeading } from '~/routes/staff.dashboard/heading';
import { MapSection } from '~/routes/staff.dashboard/map';
import { NowFigures } from '~/routes/staff.dashboard/now';
import { useDashboardPage } from '~/routes/staff.dashboard/page';
import { PeriodFigures } from '~/routes/staff.dashboard/period';
import { RankingSection } from '~/routes/staff.dashboard/ranking';
import { RowsTable } from '~/routes/staff.dashboard/rows-table';
import { TrendSection } from '~/routes/staff.dashboard/trend';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'dashboard.title'), { name: 'robots', content: 'noindex' }];

/**
 * Monitoring: national supervisors see the country (rows and map per province, a province's own view one click
 * away); a province manager sees their province, row per centre. The figures come from the aggregate tables.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'dashboard:read');
  const params = new URL(request.url).searchParams;
  const national = user.role === 'national_supervisor';
  const asked = (params.get('province') ?? '').trim().toLowerCase();
  const province = national ? (asked ? findProvince(db(), asked) : undefined) : user.provinceId ? findProvince(db(), user.provinceId) : undefined;
  const provinceId = national ? (province?.id ?? null) : user.provinceId;
  const period = parsePeriod(params.get('period'));
  const measure = parseMapMeasure(params.get('measure'));
  const now = new Date();
  const view = dashboard(db(), provinceId, period, now);
  const names: Record<string, { fa: string; en: string }> = {};
  if (provinceId) for (const [id, c] of centerNames(db(), provinceId)) names[id] = { fa: c.nameFa, en: c.nameEn };
  else for (const p of listProvinces(db())) names[p.id] = { fa: p.nameFa, en: p.nameEn };
  return json({
    user,
    national,
    province: province ? { id: province.id, nameFa: province.nameFa, nameEn: province.nameEn } : null,
    period,
    measure,
    view,
    names,
    generatedAt: now.toISOString(),
  });
}

export default function Dashboard() {
  const page = useDashboardPage(useLoaderData<typeof loader>());
  const { t } = useTranslation();
  useAutoRefresh();
  const { locale, view, inTimeOf } = page;

  return (
    <div className="page dashboard">
      <DashboardHeading page={page} />

      <DashboardFilters page={page} />

      <NowFigures page={page} />

      <PeriodFigures page={page} />

      <TrendSection page={page} />

      <ChannelAndAreaBreakdowns
        testIdPrefix="breakdown"
        locale={locale}
        byChannel={view.byChannel}
        byArea={view.byArea}
        channelExtra={{ column: t('dashboard.answeredInTime'), cell: inTimeOf }}
        channelNote={t('breakdown.channelNote')}
      />

      <MapSection page={page} />

      <RankingSection page={page} />

      <RowsTable page={page} />
    </div>
  );
}

/** Where JavaScript runs, the figures refresh every minute while the tab is visible (no full page reload). */
function useAutoRefresh() {
  const revalidator = useRevalidator();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && revalidator.state === 'idle') revalidator.revalidate();
    }, 60_000);
    return () => clearInterval(timer);
  }, [revalidator]);
}
