import { Link } from '@remix-run/react';
import { staffStatusKey } from '~/components/status-badge';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '~/domain/dates';
import { ITEM_STATES } from '~/domain/workflow';
import type { InboxPage } from './page';

/** The count per state, each a link to the inbox filtered by it. */
export function StateTabs({ page }: { page: InboxPage }) {
  const { t } = useTranslation();
  const { data, query, counts, locale } = page;
  return (
    <>
      <nav aria-label={t('inbox.byState')} className="inbox-states">
        <ul>
          <li>
            <Link to={data.todoHref} aria-current={query.state || query.all ? undefined : 'true'} data-testid="state-count" data-state="todo">
              {t('inbox.todo')} <span className="count">{formatNumber(data.todo, locale)}</span>
            </Link>
          </li>
          <li>
            {/* The one link to everything, whatever the state. */}
            <Link to={data.stateHrefs['']} aria-current={!query.state && query.all ? 'true' : undefined} data-testid="state-count" data-state="">
              {t('inbox.allStates')} <span className="count">{formatNumber(data.all, locale)}</span>
            </Link>
          </li>
          {ITEM_STATES.map((s) => (
            <li key={s}>
              <Link to={data.stateHrefs[s]} aria-current={query.state === s ? 'true' : undefined} data-testid="state-count" data-state={s}>
                {t(staffStatusKey(s))} <span className="count">{formatNumber(counts[s] ?? 0, locale)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
