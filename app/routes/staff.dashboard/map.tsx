import { useTranslation } from 'react-i18next';
import { ProvinceMap } from '~/components/charts/province-map';
import { measureOf } from './page';
import type { DashboardPage } from './page';

/**
 * The country's map of the chosen measure, each province a link to its own view; none on a province's view. The
 * colour scale runs from the lowest to the highest value shown (not 0–100 %), so the real spread shows.
 */
export function MapSection({ page }: { page: DashboardPage }) {
  const { t } = useTranslation();
  const { province, measure, view, names, locale, search, formatMeasure } = page;
  return (
    <>
      {!province ? (
        <section aria-labelledby="map-title" className="card">
          <h2 id="map-title">{t('dashboard.map')}</h2>
          <ProvinceMap
            title={t('dashboard.mapTitle', { measure: t(`dashboard.measure.${measure}`) })}
            values={Object.fromEntries(view.rows.map((r) => [r.key, measureOf(r, measure)]))}
            format={(n) => formatMeasure(measure, n)}
            hrefFor={(id) => `/staff/dashboard${search({ province: id })}`}
            names={names}
            locale={locale}
            legendLabel={t(`dashboard.measure.${measure}`)}
            labels={{ dataTable: t('dashboard.dataTable'), province: t('province.label'), noDataOrFew: t('dashboard.noData'), mapNote: t('dashboard.mapNote') }}
          />
        </section>
      ) : null}
    </>
  );
}
