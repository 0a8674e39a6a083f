import { useTranslation } from 'react-i18next';
import { Figure } from '~/components/figures';
import { formatNumber } from '~/domain/dates';
import type { DashboardPage } from './page';

/** The chosen period's figures: received, answered (in time), medians, satisfaction, appeals. */
export function PeriodFigures({ page }: { page: DashboardPage }) {
  const { t } = useTranslation();
  const { totals, period, locale, number, percent, duration, rating } = page;
  return (
    <>
      <section aria-labelledby="period-title">
        <h2 id="period-title">{t('dashboard.inPeriod', { days: formatNumber(period, locale) })}</h2>
        <dl className="figures" data-testid="figures-period">
          <Figure label={t('dashboard.received')} value={number(totals.received)} name="received" />
          <Figure label={t('dashboard.answered')} value={number(totals.answers)} name="answers" />
          <Figure label={t('dashboard.answeredInTime')} value={percent(totals.answeredInTimeShare)} name="answeredInTime" />
          <Figure label={t('dashboard.firstInTime')} value={percent(totals.firstResponseInTimeShare)} name="firstInTime" />
          <Figure label={t('dashboard.medianFirst')} value={duration(totals.medianFirstResponseHours)} name="medianFirst" />
          <Figure label={t('dashboard.medianAnswer')} value={duration(totals.medianAnswerHours)} name="medianAnswer" />
          <Figure label={t('dashboard.satisfaction')} value={totals.ratings ? `${rating(totals.averageRating)} (${t('dashboard.ratings', { n: number(totals.ratings) })})` : '—'} name="satisfaction" />
          <Figure label={t('dashboard.appeals')} value={number(totals.appeals)} name="appeals" />
        </dl>
        <p className="muted small">{t('dashboard.medianNote')}</p>
      </section>
    </>
  );
}
