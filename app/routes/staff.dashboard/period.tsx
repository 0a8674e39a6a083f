import { useTranslation } from 'react-i18next';
import { AgeingList, ComparedLine, FigureCell, PreviousRangeNote } from '~/components/figure-view';
import { UrgentFiguresBlock } from '~/components/urgent-figures';
import { formatNumber } from '~/domain/dates';
import type { DashboardPage } from './page';

/**
 * The chosen period's figures (docs/decisions/016-figures.md), each beside the previous period of the same length
 * and its target: received, answered in time (the backlog counted), overdue and ageing at the period's end,
 * medians in days, satisfaction and appeals — one time base, the period.
 */
export function PeriodFigures({ page }: { page: DashboardPage }) {
  const { t } = useTranslation();
  const { totals, period, locale, text, number, view, custom } = page;
  const previous = totals.previous;
  const c = totals.comparisons;
  return (
    <section aria-labelledby="period-title">
      <h2 id="period-title">{custom ? t('figures.range.custom') : t('dashboard.inPeriod', { days: formatNumber(period ?? 0, locale) })}</h2>
      <dl className="figures" data-testid="figures-period">
        <FigureCell label={t('dashboard.received')} name="received" compared={t('figures.previous', { value: number(previous.received) })}>
          {number(totals.received)}
        </FigureCell>
        <FigureCell label={t('dashboard.answered')} name="answers" compared={t('figures.previous', { value: number(previous.answers) })}>
          {number(totals.answers)}
        </FigureCell>
        <FigureCell label={t('figures.inTime')} name="answeredInTime" compared={<ComparedLine kind="share" previous={previous.answeredInTime} comparison={c.answeredInTime} locale={locale} />}>
          {text.withCases('share', totals.answeredInTime)}
        </FigureCell>
        <FigureCell label={t('figures.overdue')} name="overdueUnanswered" alert={totals.overdueUnanswered > 0 && totals.answeredInTime.value !== null && totals.overdueUnanswered >= 5} compared={t('figures.previous', { value: number(previous.overdueUnanswered) })}>
          {number(totals.overdueUnanswered)}
        </FigureCell>
        <FigureCell label={t('figures.medianAnswer')} name="medianAnswer" compared={<ComparedLine kind="days" previous={previous.medianAnswerDays} comparison={c.medianAnswerDays} locale={locale} />}>
          {text.withCases('days', totals.medianAnswerDays)}
        </FigureCell>
        <FigureCell label={t('figures.medianFirst')} name="medianFirst" compared={<ComparedLine kind="days" previous={previous.medianFirstResponseDays} locale={locale} />}>
          {text.withCases('days', totals.medianFirstResponseDays)}
        </FigureCell>
        <FigureCell label={t('figures.satisfaction')} name="satisfaction" compared={<ComparedLine kind="rating" previous={previous.satisfaction} comparison={c.satisfaction} locale={locale} />}>
          {text.withCases('rating', totals.satisfaction)}
        </FigureCell>
        <FigureCell label={t('smsTalk.responseRate')} name="ratingResponse" compared={t('smsTalk.responseRateNote')}>
          {text.withCases('share', totals.ratingResponse)}
        </FigureCell>
        <FigureCell label={t('figures.appealRate')} name="appealRate" compared={<ComparedLine kind="share" previous={previous.appealRate} comparison={c.appealRate} locale={locale} />}>
          {text.withCases('share', totals.appealRate)}
        </FigureCell>
        <FigureCell label={t('figures.appeals')} name="appeals" compared={t('figures.previous', { value: number(previous.appeals) })}>
          {number(totals.appeals)}
        </FigureCell>
      </dl>
      <UrgentFiguresBlock urgent={totals.urgent} locale={locale} testId="figures-urgent" />
      <h3 id="ageing-title">{t('figures.ageing')}</h3>
      <AgeingList ageing={totals.ageing} locale={locale} testId="figures-ageing" />
      <p className="muted small">
        <PreviousRangeNote range={view.previousRange} locale={locale} /> {t('dashboard.medianNote')}
      </p>
    </section>
  );
}
