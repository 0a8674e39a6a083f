import { useTranslation } from 'react-i18next';
import { BarList } from '~/components/charts/bar-list';
import type { DashboardPage } from './page';

/** Provinces (or centres) ranked by their share of answers in time. */
export function RankingSection({ page }: { page: DashboardPage }) {
  const { t } = useTranslation();
  const { province, ranked, locale, rowName, inTimeOf, search } = page;
  return (
    <>
      <section aria-labelledby="ranking-title" className="card">
        <h2 id="ranking-title">{province ? t('dashboard.rankingCenters') : t('dashboard.rankingProvinces')}</h2>
        {ranked.length === 0 ? (
          <p>{t('dashboard.nothingYet')}</p>
        ) : (
          <BarList
            labelledBy="ranking-title"
            locale={locale}
            max={1}
            rows={ranked.map((r) => ({
              key: r.key,
              label: rowName(r.key),
              value: r.answeredInTimeShare,
              display: inTimeOf(r),
              href: !province && r.key !== 'national' ? `/staff/dashboard${search({ province: r.key })}` : undefined,
            }))}
          />
        )}
      </section>
    </>
  );
}
