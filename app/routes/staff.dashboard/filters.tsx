import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { RangeFields } from '~/components/figure-view';
import { FilterSubmit } from '~/components/form';
import { formatNumber } from '~/domain/dates';
import { MAP_MEASURES, PERIODS } from '~/domain/stats';
import type { DashboardPage } from './page';

/** The period — a preset or custom Solar dates — (and, for the country, the map measure), and the monthly report. */
export function DashboardFilters({ page }: { page: DashboardPage }) {
  const { t } = useTranslation();
  const { national, province, period, measure, locale, rangeInput, rangeErrors } = page;
  const refused = Object.keys(rangeErrors).length > 0;
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
        <RangeFields from={rangeInput.from} to={rangeInput.to} errors={rangeErrors} />
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
      {refused ? (
        <p className="notice" role="status" data-testid="range-refused">
          {t('figures.range.refused')}
        </p>
      ) : null}

      <p className="small" data-testid="report-link">
        <Link to={`/staff/reports/monthly${national && province ? `?province=${province.id}` : ''}`}>{t('report.link')}</Link>
      </p>
    </>
  );
}
