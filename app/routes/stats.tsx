import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ChannelAndAreaBreakdowns } from '~/components/breakdown';
import { Breadcrumbs } from '~/components/breadcrumbs';
import { ProvinceMap } from '~/components/charts/province-map';
import { Figure } from '~/components/figures';
import { FilterSubmit } from '~/components/form';
import { TableScroll } from '~/components/table-scroll';
import { db } from '~/platform/db.server';
import { formatDate, formatNumber, formatPercent, type Locale } from '~/domain/dates';
import { dayNoon, MIN_SAMPLE } from '~/domain/stats';
import { metaTranslator, publicPageMeta } from '~/i18n/meta';
import { publicStats, type PublicFigures } from '~/models/dashboard.server';
import type { PageScripts } from '~/root';

// A citizen page: HTML and CSS without the app's bundle (decision 015), and the few helps of public/citizen.js.
export const handle: PageScripts = { hydrate: false, enhance: true };

export const meta: MetaFunction = (args) => {
  const t = metaTranslator(args.matches);
  return publicPageMeta(args, { title: t('stats.title'), description: t('stats.intro') });
};

/** The public periods: a month, a quarter, a year (default: a year, so small provinces reach the minimum sooner). */
const PUBLIC_PERIODS = [30, 90, 365] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const asked = Number(new URL(request.url).searchParams.get('period'));
  const period = (PUBLIC_PERIODS as readonly number[]).includes(asked) ? (asked as (typeof PUBLIC_PERIODS)[number]) : 365;
  return json({ stats: publicStats(db(), period) }, { headers: { 'Cache-Control': 'public, max-age=300' } });
}

export default function PublicStats() {
  const { stats } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'fa';
  const few = t('stats.few', { n: formatNumber(MIN_SAMPLE, locale) });
  const show = {
    received: (f: PublicFigures) => (f.received === null ? few : formatNumber(f.received, locale)),
    share: (f: PublicFigures) => (f.answeredInTimeShare === null ? few : formatPercent(f.answeredInTimeShare, locale)),
    median: (f: PublicFigures) => (f.medianAnswerDays === null ? few : t('stats.days', { value: formatNumber(f.medianAnswerDays, locale) })),
    rating: (f: PublicFigures) => (f.averageRating === null ? few : t('dashboard.ratingOf5', { value: formatNumber(f.averageRating, locale) })),
  };
  const names = Object.fromEntries(stats.provinces.map((p) => [p.id, { fa: p.nameFa, en: p.nameEn }]));
  return (
    <div className="page">
      <Breadcrumbs trail={[{ label: t('stats.title') }]} />
      <h1>{t('stats.title')}</h1>
      <p className="lead">{t('stats.intro')}</p>
      <Form method="get" className="card filter-row">
        <div className="field">
          <label htmlFor="period">{t('dashboard.period')}</label>
          <select id="period" name="period" defaultValue={String(stats.period)}>
            {PUBLIC_PERIODS.map((p) => (
              <option key={p} value={p}>
                {t('dashboard.lastDays', { days: formatNumber(p, locale) })}
              </option>
            ))}
          </select>
        </div>
        <FilterSubmit label={t('dashboard.show')} />
      </Form>
      <p className="muted small">{t('dashboard.range', { from: formatDate(dayNoon(stats.range.from), locale), to: formatDate(dayNoon(stats.range.to), locale) })}</p>

      <section aria-labelledby="country-title">
        <h2 id="country-title">{t('dashboard.country')}</h2>
        <dl className="figures" data-testid="stats-country">
          <Figure label={t('dashboard.received')} value={show.received(stats.country)} />
          <Figure label={t('dashboard.answeredInTime')} value={show.share(stats.country)} />
          <Figure label={t('stats.medianAnswer')} value={show.median(stats.country)} />
          <Figure label={t('dashboard.satisfaction')} value={show.rating(stats.country)} />
        </dl>
        <p className="muted small">{t('stats.howRead', { n: formatNumber(MIN_SAMPLE, locale) })}</p>
      </section>

      <section aria-labelledby="map-title" className="card">
        <h2 id="map-title">{t('stats.mapHeading')}</h2>
        <ProvinceMap
          title={t('dashboard.mapTitle', { measure: t('dashboard.measure.answeredInTime') })}
          values={Object.fromEntries(stats.provinces.map((p) => [p.id, p.answeredInTimeShare]))}
          format={(n) => formatPercent(n, locale)}
          hrefFor={(id) => `#province-${id}`}
          names={names}
          locale={locale}
          legendLabel={t('dashboard.measure.answeredInTime')}
          domain={[0, 1]}
          labels={{ dataTable: t('dashboard.dataTable'), province: t('province.label'), noDataOrFew: t('dashboard.noData'), mapNote: t('dashboard.mapNote') }}
        />
      </section>

      {/* A count below the minimum is withheld with its share (the share would tell the count). */}
      <ChannelAndAreaBreakdowns testIdPrefix="stats" locale={locale} byChannel={stats.byChannel} byArea={stats.byArea} missing={few} />

      <section aria-labelledby="programs-title">
        <h2 id="programs-title">{t('stats.byProgram')}</h2>
        <StatsTable
          first={t('stats.program')}
          rows={stats.programs.map((p) => ({ key: p.program, name: p.program === 'none' ? t('stats.noProgram') : t(`program.${p.program}`), figures: p }))}
          show={show}
          testId="stats-programs"
          labelledBy="programs-title"
          caption={t('stats.byProgram')}
        />
      </section>

      <section aria-labelledby="provinces-title">
        <h2 id="provinces-title">{t('stats.byProvince')}</h2>
        <StatsTable
          first={t('province.label')}
          rows={[
            ...stats.provinces.map((p) => ({ key: p.id, name: locale === 'fa' ? p.nameFa : p.nameEn, figures: p as PublicFigures })),
            { key: 'national', name: t('province.national'), figures: stats.national },
          ]}
          show={show}
          testId="stats-provinces"
          labelledBy="provinces-title"
          caption={t('stats.byProvince')}
        />
      </section>
    </div>
  );
}

function StatsTable({
  first,
  rows,
  show,
  testId,
  labelledBy,
  caption,
}: {
  labelledBy: string;
  /** What the table holds, for those who move from table to table with a screen reader. */
  caption: string;
  first: string;
  rows: { key: string; name: string; figures: PublicFigures }[];
  show: Record<'received' | 'share' | 'median' | 'rating', (f: PublicFigures) => string>;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <TableScroll labelledBy={labelledBy}>
      <table className="list" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            <th scope="col">{t('dashboard.received')}</th>
            <th scope="col">{t('dashboard.answeredInTime')}</th>
            <th scope="col">{t('stats.medianAnswer')}</th>
            <th scope="col">{t('dashboard.satisfaction')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} id={`province-${r.key}`} data-key={r.key}>
              <th scope="row">{r.name}</th>
              <td data-label={t('dashboard.received')}>{show.received(r.figures)}</td>
              <td data-label={t('dashboard.answeredInTime')}>{show.share(r.figures)}</td>
              <td data-label={t('stats.medianAnswer')}>{show.median(r.figures)}</td>
              <td data-label={t('dashboard.satisfaction')}>{show.rating(r.figures)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
