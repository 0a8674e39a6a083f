import { Form, Link } from '@remix-run/react';
import { staffStatusKey } from '~/components/status-badge';
import { useTranslation } from 'react-i18next';
import { CsrfInput } from '~/components/staff-session';
import { TrackingCode } from '~/components/tracking-code';
import { RemainingTime } from '~/components/remaining-time';
import { useHydrated } from '~/components/use-hydrated';
import { formatDateTime, formatDue, formatNumber } from '~/domain/dates';
import { groupTrackingCode } from '~/domain/tracking-code';
import { toPersianDigits } from '~/domain/persian';
import { BulkControls } from './bulk-controls';
import type { InboxPage } from './page';

/**
 * How many items match, the CSV export, and the page of items as a table whose rows can be ticked for a bulk action
 * (one form around the table and its controls: it works without JavaScript).
 */
export function InboxResults({ page }: { page: InboxPage }) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const { data, total, items, national, provinceName, fa, locale } = page;
  const codeFor = (code: string) => (fa ? toPersianDigits(groupTrackingCode(code)) : groupTrackingCode(code));
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
        <Form method="post" action="/staff/inbox/bulk" className="inbox-bulk" aria-label={t('bulk.formLabel')}>
          <CsrfInput />
          <input type="hidden" name="returnTo" value={data.here} />
          <table className="list inbox-list">
            <thead>
              <tr>
                <th scope="col" className="inbox-pick">
                  {hydrated ? (
                    <input
                      type="checkbox"
                      aria-label={t('bulk.pickPage')}
                      onChange={(event) => {
                        for (const box of event.currentTarget.form?.querySelectorAll<HTMLInputElement>('input[name="item"]') ?? []) box.checked = event.currentTarget.checked;
                      }}
                    />
                  ) : (
                    <span className="visually-hidden">{t('bulk.pickColumn')}</span>
                  )}
                </th>
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
                <tr
                  key={item.id}
                  data-testid="inbox-row"
                  data-priority={item.priority}
                  className={[item.overdue ? 'inbox-overdue' : '', item.urgentHoursLeft !== null ? 'inbox-urgent' : ''].filter(Boolean).join(' ') || undefined}
                >
                  <td className="inbox-pick">
                    <input type="checkbox" name="item" value={`${item.id}.${item.version}`} id={`pick-${item.id}`} />
                    <label htmlFor={`pick-${item.id}`} className="visually-hidden">
                      {t('bulk.pick', { code: codeFor(item.trackingCode) })}
                    </label>
                  </td>
                  <td data-label={t('staff.code')}>
                    <Link to={`/staff/items/${item.id}`}>
                      <TrackingCode code={item.trackingCode} locale={locale} large={false} testId={false} />
                    </Link>
                  </td>
                  <td data-label={t('staff.kind')}>
                    {item.priority === 'urgent' ? (
                      <>
                        <span className="badge-urgent">{t('urgent.badge')}</span>{' '}
                      </>
                    ) : null}
                    {t(`kind.${item.kind}`)}
                  </td>
                  <td data-label={t('staff.status')}>
                    {t(staffStatusKey(item.state))}
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
                  <td data-label={t('staff.dueBy')}>
                    {item.urgentHoursLeft !== null ? (
                      <span data-testid="urgent-hours">
                        {t(item.urgentHoursLeft >= 0 ? 'urgent.hoursLeft' : 'urgent.hoursOver', { hours: formatNumber(Math.abs(item.urgentHoursLeft), locale) })}
                      </span>
                    ) : item.dueAt && item.remaining ? (
                      <RemainingTime remaining={item.remaining} due={item.dueAt} who="citizen" />
                    ) : item.dueAt ? (
                      formatDue(new Date(item.dueAt), locale)
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <BulkControls choices={{ canAssign: data.canAssign, assignees: data.bulkAssignees, provinces: data.transferTargets }} values={{}} />
          <div className="actions">
            <button type="submit">{t('bulk.apply')}</button>
          </div>
          <p className="hint">{t('bulk.applyHint')}</p>
        </Form>
      )}
    </>
  );
}
