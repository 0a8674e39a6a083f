import { useTranslation } from 'react-i18next';
import { TrendChart } from '~/components/charts/trend-chart';
import { formatDayMonth, formatNumber, formatPercent } from '~/domain/dates';
import { MIN_CASES, rangeLength } from '~/domain/figures';
import { dayNoon } from '~/domain/stats';
import type { DashboardPage } from './page';

/**
 * Received, answered and the backlog over the period, and the share answered in time at each point (same definition
 * as every other figure), day by day or week by week; today's unfinished day is left out.
 */
export function TrendSection({ page }: { page: DashboardPage }) {
  const { t } = useTranslation();
  const { view, scopeName, locale } = page;
  const weekly = rangeLength(view.range) > 30;
  const points = view.trend.map((p) => ({ iso: p.key, label: formatDayMonth(dayNoon(p.key), locale) }));
  const labels = { dataTable: t('dashboard.dataTable'), period: t('dashboard.day') };
  // A point with fewer than 5 cases is not shown (decision 016's small-number rule): when no point is, the chart says
  // that and points to the period's figure, rather than "No data" beside a card showing a share (outside review, round 8).
  const anyCases = view.trend.some((p) => p.answeredInTime.cases > 0);
  const inTimeLabels = {
    ...labels,
    noValue: t('figures.trendInTimeFew', { n: formatNumber(MIN_CASES, locale) }),
    ...(anyCases ? { noData: t(weekly ? 'figures.trendInTimeFewWeekly' : 'figures.trendInTimeFewDaily', { n: formatNumber(MIN_CASES, locale) }) } : {}),
  };
  return (
    <section aria-labelledby="trend-title" className="card">
      <h2 id="trend-title">{t('dashboard.trend')}</h2>
      <p className="muted small">{t('figures.trendNoToday')}</p>
      <TrendChart
        title={t('dashboard.trendTitle', { scope: scopeName })}
        description={t(weekly ? 'dashboard.trendWeekly' : 'dashboard.trendDaily')}
        locale={locale}
        points={points}
        series={[
          { name: t('dashboard.received'), values: view.trend.map((p) => p.received) },
          { name: t('dashboard.answered'), values: view.trend.map((p) => p.answers) },
          { name: t('figures.trendBacklog'), values: view.trend.map((p) => p.overdueUnanswered) },
        ]}
        labels={labels}
      />
      <TrendChart
        title={t('figures.trendInTime')}
        description={t(weekly ? 'dashboard.trendWeekly' : 'dashboard.trendDaily')}
        locale={locale}
        points={points}
        format={(n) => formatPercent(n / 100, locale)}
        series={[{ name: t('figures.inTime'), values: view.trend.map((p) => (p.answeredInTime.value === null ? null : Math.round(p.answeredInTime.value * 100))) }]}
        labels={inTimeLabels}
      />
    </section>
  );
}
