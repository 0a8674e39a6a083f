/**
 * What the insight pages (issue 25: comparison, hotspots, a centre's month) share: the links between them, the
 * filter form (period as on the dashboard, province for national supervisors, underserved centres or the others),
 * and how a figure reads with the count it rests on.
 */
import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { RangeFields } from '~/components/figure-view';
import { FilterSubmit } from '~/components/form';
import { formatNumber, formatShare, type Locale } from '~/domain/dates';
import type { Figure } from '~/domain/figures';
import { CENTRE_GROUPS, MIN_CASES, type InsightQuery } from '~/domain/insight';
import { PERIODS } from '~/domain/stats';

export function useInsightFormat() {
  const { t, i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'fa';
  const number = (n: number) => formatNumber(n, locale);
  // Decision 016's small-number rule: below MIN_CASES cases the figure is not shown; the count always is.
  // Nothing to judge reads as a dash, not as "fewer than 5 cases (0)" on every empty row.
  const tooFew = (f: Figure) => (f.cases === 0 ? '—' : t('insight.tooFew', { n: number(f.cases), min: number(MIN_CASES) }));
  /** "62 % of 40", or "fewer than 5 cases (3)". */
  const share = (f: Figure) => (f.value === null ? tooFew(f) : t('insight.shareOf', { share: formatShare(f.value, locale), n: number(f.cases) }));
  const days = (f: Figure) => (f.value === null ? tooFew(f) : t('insight.daysOf', { days: number(f.value), n: number(f.cases) }));
  const rating = (f: Figure) => (f.value === null ? tooFew(f) : t('insight.ratingOf', { value: number(f.value), n: number(f.cases) }));
  return { t, locale, number, share, days, rating };
}

/** The address of an insight page with the same filters; `changes` replace some (null removes one). */
export function insightHref(path: string, query: InsightQuery, changes: Partial<Record<'period' | 'province' | 'by' | 'centres' | 'from' | 'to', string | null>> = {}): string {
  const values: Record<string, string | null> = {
    period: String(query.period),
    province: query.province,
    by: query.by,
    centres: query.centres === 'all' ? null : query.centres,
    from: query.from || null,
    to: query.to || null,
    ...changes,
  };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export function InsightNav({ current, query }: { current: 'compare' | 'hotspots'; query: InsightQuery }) {
  const { t } = useTranslation();
  const link = (page: 'compare' | 'hotspots', label: string) =>
    page === current ? (
      <span aria-current="page">{label}</span>
    ) : (
      <Link to={insightHref(`/staff/dashboard/${page}`, query, { by: null })}>{label}</Link>
    );
  return (
    <nav className="insight-nav small" aria-label={t('insight.nav')}>
      <Link to={insightHref('/staff/dashboard', query, { by: null, centres: null })}>{t('dashboard.title')}</Link>
      {' · '}
      {link('compare', t('insight.compare.title'))}
      {' · '}
      {link('hotspots', t('insight.hotspots.title'))}
    </nav>
  );
}

export function InsightFilters({
  query,
  national,
  provinces,
  by,
  rangeErrors,
}: {
  query: InsightQuery;
  rangeErrors: Partial<Record<'from' | 'to', string>>;
  national: boolean;
  provinces: { id: string; nameFa: string; nameEn: string }[];
  /** The dimensions offered (the comparison page only). */
  by?: { value: string; options: readonly string[] };
}) {
  const { t, locale, number } = useInsightFormat();
  return (
    <Form method="get" className="card filter-row" aria-label={t('insight.choose')}>
      <div className="field">
        <label htmlFor="period">{t('dashboard.period')}</label>
        <select id="period" name="period" defaultValue={String(query.period)}>
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {t('dashboard.lastDays', { days: number(p) })}
            </option>
          ))}
        </select>
      </div>
      {national ? (
        <div className="field">
          <label htmlFor="province">{t('province.label')}</label>
          <select id="province" name="province" defaultValue={query.province ?? ''}>
            <option value="">{t('dashboard.country')}</option>
            {provinces.map((p) => (
              <option key={p.id} value={p.id}>
                {locale === 'fa' ? p.nameFa : p.nameEn}
              </option>
            ))}
            <option value="national">{t('province.national')}</option>
          </select>
        </div>
      ) : null}
      {by ? (
        <div className="field">
          <label htmlFor="by">{t('insight.by')}</label>
          <select id="by" name="by" defaultValue={by.value}>
            {by.options.map((d) => (
              <option key={d} value={d}>
                {t(`insight.dimension.${d}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="centres">{t('insight.centres')}</label>
        <select id="centres" name="centres" defaultValue={query.centres}>
          {CENTRE_GROUPS.map((g) => (
            <option key={g} value={g}>
              {t(`insight.group.${g}`)}
            </option>
          ))}
        </select>
      </div>
      <RangeFields from={query.from} to={query.to} errors={rangeErrors} />
      <FilterSubmit label={t('dashboard.show')} />
    </Form>
  );
}

/** Where every figure is defined for readers (decision 016): the pages cite it in one line. */
export function DefinitionsLink() {
  const { t } = useTranslation();
  return <Link to="/stats#definitions">{t('insight.definitions')}</Link>;
}

/** A key figure card; a figure withheld by the small-number rule reads in a smaller type than a number. */
export function InsightFigure({ label, value, name, alert = false, withheld = false }: { label: string; value: string; name?: string; alert?: boolean; withheld?: boolean }) {
  return (
    <div className={alert ? 'figure figure-alert' : 'figure'} data-figure={name}>
      <dt>{label}</dt>
      <dd className={withheld ? 'insight-withheld' : undefined}>{value}</dd>
    </div>
  );
}
