import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FilterSubmit } from '~/components/form';
import { formatNumber } from '~/domain/dates';
import { MAP_MEASURES, PERIODS } from '~/domain/stats';
import type { DashboardPage } from './page';

/** The period (and, for the country, the map measure) to show, and the link to the monthly report. */
export function DashboardFilters({ page }: { page: DashboardPage }) {
  const { t } = useTranslation();
  const { national, province, period, measure, locale } = page;
  return (
    <>
      <Form method="get" className="card filter-row" aria-label={t('dashboard.choose')}>
        {national && province ? <input type="hidden" name="province" value={province.id} /> : null}
        <div className="field">
          <label htmlFor="period">{t('dashboard.period')}</label>
          <select id="period" name="period" defaultValue={String(period)}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t('dashboard.lastDays', { days: formatNumber(p, locale) })}
              </option>
            ))}
          </select>
        </div>
        {!province ? (
          <div className="field">
            <label htmlFor="measure">{t('dashboard.mapMeasure')}</label>
            <select id="measure" name="measure" defaultValue={measure}>
              {MAP_MEASURES.map((m) => (
                <option key={m} value={m}>
                  {t(`dashboard.measure.${m}`)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <FilterSubmit label={t('dashboard.show')} />
      </Form>

      <p className="small" data-testid="report-link">
        <Link to={`/staff/reports/monthly${national && province ? `?province=${province.id}` : ''}`}>{t('report.link')}</Link>
      </p>
    </>
  );
}
