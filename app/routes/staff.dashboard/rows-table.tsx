import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { DashboardPage } from './page';

/** The figures per province (or centre) as a table, with the CSV export. */
export function RowsTable({ page }: { page: DashboardPage }) {
  const { t } = useTranslation();
  const { province, view, search, rowName, number, percent, duration, rating } = page;
  return (
    <>
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
                <th scope="col">{t('dashboard.open')}</th>
                <th scope="col">{t('dashboard.overdue')}</th>
                <th scope="col">{t('dashboard.received')}</th>
                <th scope="col">{t('dashboard.answeredInTime')}</th>
                <th scope="col">{t('dashboard.medianAnswer')}</th>
                <th scope="col">{t('dashboard.satisfaction')}</th>
                <th scope="col">{t('dashboard.appeals')}</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((r) => (
                <tr key={r.key} data-key={r.key} className={r.overdue > 0 ? 'inbox-overdue' : undefined}>
                  <th scope="row">
                    {!province && r.key !== 'national' ? (
                      <Link to={`/staff/dashboard${search({ province: r.key })}`}>{rowName(r.key)}</Link>
                    ) : province && r.key !== '0' ? (
                      // Down to the centre (issue 25): the centre's month.
                      <Link to={`/staff/centers/${r.key}/month`}>{rowName(r.key)}</Link>
                    ) : (
                      rowName(r.key)
                    )}
                  </th>
                  <td data-label={t('dashboard.open')}>{number(r.open)}</td>
                  <td data-label={t('dashboard.overdue')}>{number(r.overdue)}</td>
                  <td data-label={t('dashboard.received')}>{number(r.received)}</td>
                  <td data-label={t('dashboard.answeredInTime')}>{percent(r.answeredInTimeShare)}</td>
                  <td data-label={t('dashboard.medianAnswer')}>{duration(r.medianAnswerHours)}</td>
                  <td data-label={t('dashboard.satisfaction')}>{rating(r.averageRating)}</td>
                  <td data-label={t('dashboard.appeals')}>{number(r.appeals)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
