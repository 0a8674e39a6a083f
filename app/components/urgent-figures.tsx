/**
 * Urgent items counted apart (issue 23), the same block on /stats, the dashboard and the monthly report: received,
 * answered and answered in time, under the one small-number rule (a public page passes counts already withheld).
 */
import { useTranslation } from 'react-i18next';
import type { Locale } from '~/domain/dates';
import { FigureCell, useFigureText, type ShownFigure } from './figure-view';

export function UrgentFiguresBlock({
  urgent,
  locale,
  testId,
}: {
  urgent: { received: number | null; answers: number | null; answeredInTime: ShownFigure };
  locale: Locale;
  testId: string;
}) {
  const { t } = useTranslation();
  const text = useFigureText(locale);
  return (
    <section aria-labelledby={`${testId}-title`}>
      <h3 id={`${testId}-title`}>{t('safeguarding.figures.urgentTitle')}</h3>
      <dl className="figures" data-testid={testId}>
        <FigureCell label={t('safeguarding.figures.urgentReceived')} name="urgentReceived">
          {text.count(urgent.received)}
        </FigureCell>
        <FigureCell label={t('safeguarding.figures.urgentAnswers')} name="urgentAnswers">
          {text.count(urgent.answers)}
        </FigureCell>
        <FigureCell label={t('safeguarding.figures.urgentInTime')} name="urgentInTime">
          {text.withCases('share', urgent.answeredInTime)}
        </FigureCell>
      </dl>
      <p className="muted small">{t('safeguarding.figures.urgentNote')}</p>
    </section>
  );
}
