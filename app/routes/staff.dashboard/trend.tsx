import { useTranslation } from 'react-i18next';
import { TrendChart } from '~/components/charts/trend-chart';
import { formatDayMonth } from '~/domain/dates';
import { dayNoon } from '~/domain/stats';
import type { DashboardPage } from './page';

/** Received, answered and answered-in-time over the period, day by day or week by week. */
export function TrendSection({ page }: { page: DashboardPage }) {
  const { t } = useTranslation();
  const { period, view, scopeName, locale } = page;
  return (
    <>
      <section aria-labelledby="trend-title" className="card">
        <h2 id="trend-title">{t('dashboard.trend')}</h2>
        <TrendChart
          title={t('dashboard.trendTitle', { scope: scopeName })}
          description={t(period > 30 ? 'dashboard.trendWeekly' : 'dashboard.trendDaily')}
          locale={locale}
          points={view.trend.map((p) => ({ iso: p.key, label: formatDayMonth(dayNoon(p.key), locale) }))}
          series={[
            { name: t('dashboard.received'), values: view.trend.map((p) => p.received) },
            { name: t('dashboard.answered'), values: view.trend.map((p) => p.answers) },
            { name: t('dashboard.answeredInTimeCount'), values: view.trend.map((p) => p.answersInTime) },
          ]}
          labels={{ dataTable: t('dashboard.dataTable'), period: t('dashboard.day') }}
        />
      </section>
    </>
  );
}
