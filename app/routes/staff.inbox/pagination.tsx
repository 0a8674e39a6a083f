import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { InboxPage } from './page';

/** Back to the first page, on to the next. */
export function InboxPagination({ page }: { page: InboxPage }) {
  const { t } = useTranslation();
  const { data } = page;
  return (
    <>
      {data.nextHref || data.firstHref ? (
        <nav aria-label={t('inbox.pages')} className="pagination">
          {data.firstHref ? <Link to={data.firstHref}>{t('inbox.firstPage')}</Link> : null}
          {data.nextHref ? (
            <Link to={data.nextHref} rel="next">
              {t('inbox.nextPage')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
