import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { TrackingCode } from '~/components/tracking-code';
import { formatDateTime, formatDeadline, formatNumber } from '~/domain/dates';
import type { InboxPage } from './page';

/** How many items match, the CSV export, and the page of items as a table. */
export function InboxResults({ page }: { page: InboxPage }) {
  const { t } = useTranslation();
  const { data, total, items, national, provinceName, fa, locale } = page;
  return (
    <>
      <p role="status" data-testid="result-count">
        {t('inbox.count', { formatted: formatNumber(total, locale) })}
      </p>
      {total > 0 ? (
        <p className="small">
          {/* A plain link: the browser downloads the file (the same filters, every page). */}
          <a href={`/staff/inbox.csv${data.exportSearch}`} download>
            {t('inbox.exportCsv')}
          </a>
        </p>
      ) : null}
      {items.length === 0 ? (
        <p>{t('inbox.empty')}</p>
      ) : (
        <table className="list inbox-list">
          <thead>
            <tr>
              <th scope="col">{t('staff.code')}</th>
              <th scope="col">{t('staff.kind')}</th>
              <th scope="col">{t('staff.status')}</th>
              <th scope="col">{t('staff.center')}</th>
              {national ? <th scope="col">{t('inbox.province')}</th> : null}
              <th scope="col">{t('inbox.assignee')}</th>
              <th scope="col">{t('staff.subject')}</th>
              <th scope="col">{t('staff.received')}</th>
              <th scope="col">{t('staff.dueBy')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-testid="inbox-row" className={item.overdue ? 'inbox-overdue' : undefined}>
                <td data-label={t('staff.code')}>
                  <Link to={`/staff/items/${item.id}`}>
                    <TrackingCode code={item.trackingCode} locale={locale} large={false} testId={false} />
                  </Link>
                </td>
                <td data-label={t('staff.kind')}>{t(`kind.${item.kind}`)}</td>
                <td data-label={t('staff.status')}>
                  {t(`status.${item.state}`)}
                  {item.overdue ? (
                    <>
                      {' '}
                      <span className="badge-overdue">{t('staff.overdue')}</span>
                    </>
                  ) : null}
                </td>
                <td data-label={t('staff.center')}>{(fa ? item.centerNameFa : item.centerNameEn) ?? '—'}</td>
                {national ? (
                  <td data-label={t('inbox.province')}>{item.ownerProvinceId ? provinceName.get(item.ownerProvinceId) : t('inbox.nationalQueue')}</td>
                ) : null}
                <td data-label={t('inbox.assignee')}>{item.assigneeName ?? t('inbox.unassigned')}</td>
                <td data-label={t('staff.subject')} className="prewrap inbox-subject">
                  <div dir="auto">{item.subject || item.body}</div>
                </td>
                <td data-label={t('staff.received')}>{formatDateTime(new Date(item.createdAt), locale)}</td>
                <td data-label={t('staff.dueBy')}>{item.dueAt ? formatDeadline(new Date(item.dueAt), locale) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
