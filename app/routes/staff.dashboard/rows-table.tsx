import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { DashboardPage } from './page';

/**
 * The period's figures per province (or centre) as a table, with the CSV export: one time base (the period, backlog
 * at its end); live counts stay in "Right now". A row is tinted only for a real backlog (needsAttention).
 */
export function RowsTable({ page }: { page: DashboardPage }) {
  const { t } = useTranslation();
  const { province, view, search, rowName, number, text } = page;
  const column = {
    received: t('dashboard.received'),
    inTime: t('figures.inTime'),
    previous: t('figures.previousInTime'),
    overdue: t('figures.overdue'),
    median: t('figures.medianAnswer'),
    satisfaction: t('figures.satisfaction'),
    appealRate: t('figures.appealRate'),
  };
  return (
    <section aria-labelledby="table-title">
      <h2 id="table-title">{province ? t('dashboard.byCenter') : t('dashboard.byProvince')}</h2>
      <p className="small">
        <a href={`/staff/dashboard.csv${search({})}`} download>
          {t('dashboard.exportCsv')}
        </a>
        {' · '}
        <Link to={`/staff/dashboard/compare${search({ measure: null })}`}>{t('insight.compare.title')}</Link>
        {' · '}
        <Link to={`/staff/dashboard/hotspots${search({ measure: null })}`}>{t('insight.hotspots.title')}</Link>
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="table-title">
        <table className="list dashboard-table" data-testid="dashboard-rows">
          <thead>
            <tr>
              <th scope="col">{province ? t('staff.center') : t('province.label')}</th>
              <th scope="col">{column.inTime}</th>
              <th scope="col">{column.received}</th>
              <th scope="col">{column.previous}</th>
              <th scope="col">{column.overdue}</th>
              <th scope="col">{column.median}</th>
              <th scope="col">{column.satisfaction}</th>
              <th scope="col">{column.appealRate}</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map((r) => (
              <tr key={r.key} data-key={r.key} className={r.attention ? 'row-attention' : undefined}>
                <th scope="row">
                  {!province && r.key !== 'national' ? (
                    <Link to={`/staff/dashboard${search({ province: r.key })}`}>{rowName(r.key)}</Link>
                  ) : province && r.key !== '0' ? (
                    // Down to the centre (issue 25): the centre's month.
                    <Link to={`/staff/centers/${r.key}/month`}>{rowName(r.key)}</Link>
                  ) : (
                    rowName(r.key)
                  )}
                  {r.attention ? <span className="badge">{t('figures.attention')}</span> : null}
                </th>
                {/* In time first after the name: on a phone it stays in view beside the sticky name column. */}
                <td data-label={column.inTime} data-cell="inTime">
                  {text.withCases('share', r.answeredInTime)}
                </td>
                <td data-label={column.received}>{number(r.received)}</td>
                <td data-label={column.previous}>{text.bare('share', r.previous.answeredInTime)}</td>
                <td data-label={column.overdue}>{number(r.overdueUnanswered)}</td>
                <td data-label={column.median}>{text.withCases('days', r.medianAnswerDays)}</td>
                <td data-label={column.satisfaction}>{text.withCases('rating', r.satisfaction)}</td>
                <td data-label={column.appealRate}>{text.withCases('share', r.appealRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
