import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '~/domain/dates';
import type { InboxPage } from './page';

/**
 * The way to the urgent view (issue 23) with how many urgent items are open in the user's scope: for national
 * supervisors, every province's. Shown while any is open, and always on the urgent view itself.
 */
export function UrgentLink({ page }: { page: InboxPage }) {
  const { t } = useTranslation();
  const { urgent, query, locale } = page;
  if (urgent.count === 0 && query.priority !== 'urgent') return null;
  return (
    <p className="urgent-link" data-testid="urgent-link">
      {urgent.count === 0 ? (
        t('urgent.inbox.none')
      ) : (
        <Link to={urgent.href} className="badge-urgent">
          {t('urgent.inbox.view', { n: formatNumber(urgent.count, locale) })}
        </Link>
      )}
    </p>
  );
}
