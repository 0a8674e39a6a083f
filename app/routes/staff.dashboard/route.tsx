import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ChannelAndAreaBreakdowns } from '~/components/breakdown';
import { dashboardPageData } from '~/routes/staff.dashboard/data.server';
import { pageTitle } from '~/i18n/meta';
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
export function loader(args: LoaderFunctionArgs) {
  return dashboardPageData(args);
}

export default function Dashboard() {
  const page = useDashboardPage(useLoaderData<typeof loader>());
  const { t } = useTranslation();
  useAutoRefresh();
  const { locale, view } = page;
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
        // In time per channel follows decision 016 (the backlog counted) on the comparison page, not a second formula here.
        channelNote={
          <>
            {t('breakdown.channelCompare')} <Link to={`/staff/dashboard/compare${page.search({ by: 'channel', measure: null })}`}>{t('breakdown.channelCompareLink')}</Link>
          </>
        }
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
