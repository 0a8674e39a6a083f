import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { DefinitionsLink } from '~/components/figure-view';
import { formatDate, formatDateTime } from '~/domain/dates';
import { dayNoon } from '~/domain/stats';
import type { DashboardPage } from './page';

/** The breadcrumb back to the country, the title, when the figures were made, and where they are defined. */
export function DashboardHeading({ page }: { page: DashboardPage }) {
  const { t } = useTranslation();
  const { national, province, search, scopeName, generatedAt, locale, view } = page;
  return (
    <>
      {national && province ? (
        <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
          <Link to={`/staff/dashboard${search({ province: null })}`}>{t('dashboard.country')}</Link> › <span aria-current="page">{scopeName}</span>
        </nav>
      ) : null}
      <h1>
        {t('dashboard.title')}: {scopeName}
      </h1>
      <p className="muted small" data-testid="dashboard-updated">
        {t('dashboard.updated', { at: formatDateTime(new Date(generatedAt), locale) })}{' '}
        <span data-testid="dashboard-range">{t('dashboard.range', { from: formatDate(dayNoon(view.range.from), locale), to: formatDate(dayNoon(view.range.to), locale) })}</span>{' '}
        {t('figures.backlogAt', { at: formatDateTime(new Date(view.at), locale) })}
      </p>
      <DefinitionsLink />
    </>
  );
}
