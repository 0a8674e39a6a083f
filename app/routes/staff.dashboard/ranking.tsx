import { useTranslation } from 'react-i18next';
import { BarList } from '~/components/charts/bar-list';
import { MIN_CASES } from '~/domain/figures';
import type { DashboardPage } from './page';

/**
 * Provinces (or centres) ranked by answered in time (the backlog counted); rows resting on fewer than MIN_CASES
 * cases are listed after, not ranked.
 */
export function RankingSection({ page }: { page: DashboardPage }) {
  const { t } = useTranslation();
  const { province, ranked, unranked, locale, rowName, text, search, number } = page;
  return (
    <section aria-labelledby="ranking-title" className="card">
      <h2 id="ranking-title">{province ? t('dashboard.rankingCenters') : t('dashboard.rankingProvinces')}</h2>
      {ranked.length === 0 && unranked.length === 0 ? (
        <p>{t('dashboard.nothingYet')}</p>
      ) : (
        <BarList
          labelledBy="ranking-title"
          locale={locale}
          max={1}
          rows={ranked.map((r) => ({
            key: r.key,
            label: rowName(r.key),
            value: r.answeredInTime.value,
            display: text.withCases('share', r.answeredInTime),
            href: !province && r.key !== 'national' ? `/staff/dashboard${search({ province: r.key })}` : undefined,
          }))}
        />
      )}
      {unranked.length ? (
        <p className="muted small" data-testid="not-ranked">
          {t('figures.notRanked', { n: number(MIN_CASES) })} {unranked.map((r) => rowName(r.key)).join(locale === 'fa' ? '، ' : ', ')}
        </p>
      ) : null}
    </section>
  );
}
