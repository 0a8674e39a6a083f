import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData, useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ChannelAndAreaBreakdowns } from '~/components/breakdown';
import { dashboardPageData } from '~/routes/staff.dashboard/data.server';
import { figure } from '~/domain/figures';
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
  const { locale, view, text } = page;
  // Per channel only answers are known so far (the backlog per channel comes with the breakdowns of issue 25, part
  // 2): the column says so, and keeps the small-number rule.
  const inTimeOf = (r: { answeredInTimeShare: number | null; answers: number }) => text.withCases('share', figure(r.answeredInTimeShare, r.answers));

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
