import { useTranslation } from 'react-i18next';
import { staffStatusKey } from '~/components/status-badge';
import { Figure } from '~/components/figures';
import { ITEM_STATES } from '~/domain/workflow';
import type { DashboardPage } from './page';

/** Open and overdue items now, what came in lately, and the count per state. */
export function NowFigures({ page }: { page: DashboardPage }) {
  const { t } = useTranslation();
  const { totals, view, number } = page;
  return (
    <>
      <section aria-labelledby="now-title">
        <h2 id="now-title">{t('dashboard.now')}</h2>
        <dl className="figures" data-testid="figures-now">
          <Figure label={t('dashboard.open')} value={number(totals.open)} name="open" />
          <Figure label={t('dashboard.overdue')} value={number(totals.overdue)} name="overdue" alert={totals.overdue > 0} />
          <Figure label={t('dashboard.received24h')} value={number(totals.received24h)} name="received24h" />
          <Figure label={t('dashboard.received7d')} value={number(totals.received7d)} name="received7d" />
          <Figure label={t('dashboard.received30d')} value={number(totals.received30d)} name="received30d" />
        </dl>
        <ul className="inbox-states state-counts" aria-label={t('dashboard.byState')}>
          {ITEM_STATES.filter((s) => view.byState[s]).map((s) => (
            <li key={s}>
              {t(staffStatusKey(s))} <span className="count">{number(view.byState[s] ?? 0)}</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
