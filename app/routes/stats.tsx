import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ChannelAndAreaBreakdowns } from '~/components/breakdown';
import { Breadcrumbs } from '~/components/breadcrumbs';
import { ProvinceMap } from '~/components/charts/province-map';
import { AgeingList, ComparedLine, FigureCell, PreviousRangeNote, RangeFields, useFigureText, type ShownFigure } from '~/components/figure-view';
import { FilterSubmit } from '~/components/form';
import { TableScroll } from '~/components/table-scroll';
import { db } from '~/platform/db.server';
import { formatDate, formatNumber, formatPercent, type Locale } from '~/domain/dates';
import { MIN_CASES, parseRange, type PublicFigures } from '~/domain/figures';
import { dayKey, dayNoon } from '~/domain/stats';
import { wholeMonthsOf } from '~/domain/solar-month';
import { metaTranslator, publicPageMeta } from '~/i18n/meta';
import { publicStats } from '~/models/dashboard.server';
import type { PageScripts } from '~/root';
import { UrgentFiguresBlock } from '~/components/urgent-figures';

// A citizen page: HTML and CSS without the app's bundle (decision 015), and the few helps of public/citizen.js.
export const handle: PageScripts = { hydrate: false, enhance: true };

export const meta: MetaFunction = (args) => {
  const t = metaTranslator(args.matches);
  return publicPageMeta(args, { title: t('stats.title'), description: t('stats.intro') });
};

/** The public periods: a month, a quarter, a year (default: a year, so small provinces reach the minimum sooner). */
const PUBLIC_PERIODS = [30, 90, 365] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const asked = Number(params.get('period'));
  const period = (PUBLIC_PERIODS as readonly number[]).includes(asked) ? (asked as (typeof PUBLIC_PERIODS)[number]) : 365;
  const now = new Date();
  // A custom range (Solar dates) wins over the period; refused dates are named under their fields, the period shown.
  const rangeInput = { from: (params.get('from') ?? '').slice(0, 40), to: (params.get('to') ?? '').slice(0, 40) };
  const custom = parseRange(rangeInput.from, rangeInput.to, dayKey(now));
  // Public figures are for whole months only (decision 016, small numbers): a range is widened to the months it touches.
  const range = custom.range ? wholeMonthsOf(custom.range, dayKey(now)) : null;
  return json(
    { stats: publicStats(db(), range ?? period, now), period, rangeInput, rangeErrors: custom.errors, widened: range !== null },
    { headers: { 'Cache-Control': 'public, max-age=300' } },
  );
}

export default function PublicStats() {
  const { stats, period, rangeInput, rangeErrors, widened } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'fa';
  const text = useFigureText(locale);
  const n = formatNumber(MIN_CASES, locale);
  const names = Object.fromEntries(stats.provinces.map((p) => [p.id, { fa: p.nameFa, en: p.nameEn }]));
  const country = stats.country;
  return (
    <div className="page">
      <Breadcrumbs trail={[{ label: t('stats.title') }]} />
      <h1>{t('stats.title')}</h1>
      <p className="lead">{t('stats.intro')}</p>
      <Form method="get" className="card filter-row">
        <div className="field">
          <label htmlFor="period">{t('dashboard.period')}</label>
          <select id="period" name="period" defaultValue={String(period)}>
            {PUBLIC_PERIODS.map((p) => (
              <option key={p} value={p}>
                {t('dashboard.lastDays', { days: formatNumber(p, locale) })}
              </option>
            ))}
          </select>
        </div>
        <RangeFields from={rangeInput.from} to={rangeInput.to} errors={rangeErrors} />
        <FilterSubmit label={t('dashboard.show')} />
      </Form>
      {Object.keys(rangeErrors).length ? (
        <p className="notice" role="status" data-testid="range-refused">
          {t('figures.range.refused')}
        </p>
      ) : null}
      <p className="muted small" data-testid="stats-range">
        {t('dashboard.range', { from: formatDate(dayNoon(stats.range.from), locale), to: formatDate(dayNoon(stats.range.to), locale) })}{' '}
        <PreviousRangeNote range={stats.previousRange} locale={locale} />
        {widened ? <> {t('stats.wholeMonths')}</> : null}
      </p>
      <p className="small figures-definitions-link">
        <a href="#definitions">{t('figures.definitionsLink')}</a>
      </p>

      <section aria-labelledby="country-title">
        <h2 id="country-title">{t('dashboard.country')}</h2>
        <dl className="figures" data-testid="stats-country">
          <FigureCell label={t('dashboard.received')} name="received" compared={t('figures.previous', { value: text.count(country.previous.received) })}>
            {text.count(country.received)}
          </FigureCell>
          <FigureCell label={t('figures.inTime')} name="answeredInTime" compared={<ComparedLine kind="share" previous={country.previous.answeredInTime} locale={locale} />}>
            {text.withCases('share', country.answeredInTime)}
          </FigureCell>
          <FigureCell label={t('figures.overdue')} name="overdueUnanswered" compared={t('figures.previous', { value: text.count(country.previous.overdueUnanswered) })}>
            {text.count(country.overdueUnanswered)}
          </FigureCell>
          <FigureCell label={t('figures.medianAnswer')} name="medianAnswer" compared={<ComparedLine kind="days" previous={country.previous.medianAnswerDays} locale={locale} />}>
            {text.withCases('days', country.medianAnswerDays)}
          </FigureCell>
          <FigureCell label={t('figures.satisfaction')} name="satisfaction" compared={<ComparedLine kind="rating" previous={country.previous.satisfaction} locale={locale} />}>
            {text.withCases('rating', country.satisfaction)}
          </FigureCell>
          <FigureCell label={t('figures.appealRate')} name="appealRate" compared={<ComparedLine kind="share" previous={country.previous.appealRate} locale={locale} />}>
            {text.withCases('share', country.appealRate)}
          </FigureCell>
        </dl>
        <UrgentFiguresBlock urgent={country.urgent} locale={locale} testId="stats-urgent" />
        <h3>{t('figures.ageing')}</h3>
        <AgeingList ageing={country.ageing} locale={locale} testId="stats-ageing" />
        <p className="muted small">{t('stats.howRead', { n })}</p>
      </section>

      <section aria-labelledby="map-title" className="card">
        <h2 id="map-title">{t('stats.mapHeading')}</h2>
        <ProvinceMap
          title={t('dashboard.mapTitle', { measure: t('dashboard.measure.answeredInTime') })}
          values={Object.fromEntries(stats.provinces.map((p) => [p.id, p.answeredInTime.value]))}
          format={(v) => formatPercent(v, locale)}
          hrefFor={(id) => `#province-${id}`}
          names={names}
          locale={locale}
          legendLabel={t('dashboard.measure.answeredInTime')}
          labels={{ dataTable: t('dashboard.dataTable'), province: t('province.label'), noDataOrFew: t('dashboard.noData'), mapNote: t('dashboard.mapNote') }}
        />
      </section>

      {/* A count below the minimum is withheld with its share (the share would tell the count). */}
      <ChannelAndAreaBreakdowns testIdPrefix="stats" locale={locale} byChannel={stats.byChannel} byArea={stats.byArea} missing={text.few} />

      <section aria-labelledby="programs-title">
        <h2 id="programs-title">{t('stats.byProgram')}</h2>
        <StatsTable
          first={t('stats.program')}
          rows={stats.programs.map((p) => ({ key: p.program, name: p.program === 'none' ? t('stats.noProgram') : t(`program.${p.program}`), figures: p }))}
          locale={locale}
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
            ...stats.provinces.map((p) => ({ key: p.id, name: locale === 'fa' ? p.nameFa : p.nameEn, figures: p, previous: p.previous })),
            { key: 'national', name: t('province.national'), figures: stats.national, previous: stats.national.previous },
          ]}
          locale={locale}
          testId="stats-provinces"
          labelledBy="provinces-title"
          caption={t('stats.byProvince')}
        />
      </section>

      <section aria-labelledby="definitions-title" id="definitions" className="card definitions" data-testid="definitions">
        <h2 id="definitions-title">{t('figures.definitions.title')}</h2>
        <p>{t('figures.definitions.intro')}</p>
        <ul>
          {(['inTime', 'overdue', 'ageing', 'satisfaction', 'appealRate', 'median', 'small', 'compare'] as const).map((key) => (
            <li key={key}>{t(`figures.definitions.${key}`, { n })}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}

type Row = { key: string; name: string; figures: PublicFiguresJson; previous?: PublicFiguresJson };
type PublicFiguresJson = Pick<PublicFigures, 'received' | 'overdueUnanswered'> & Record<'answeredInTime' | 'medianAnswerDays' | 'satisfaction', ShownFigure>;

function StatsTable({
  first,
  rows,
  locale,
  testId,
  labelledBy,
  caption,
}: {
  labelledBy: string;
  /** What the table holds, for those who move from table to table with a screen reader. */
  caption: string;
  first: string;
  rows: Row[];
  locale: Locale;
  testId: string;
}) {
  const { t } = useTranslation();
  const text = useFigureText(locale);
  const withPrevious = rows.some((r) => r.previous);
  return (
    <TableScroll labelledBy={labelledBy}>
      <table className="list" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            <th scope="col">{t('dashboard.received')}</th>
            <th scope="col">{t('figures.inTime')}</th>
            {withPrevious ? <th scope="col">{t('figures.previousInTime')}</th> : null}
            <th scope="col">{t('figures.overdue')}</th>
            <th scope="col">{t('figures.medianAnswer')}</th>
            <th scope="col">{t('figures.satisfaction')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} id={`province-${r.key}`} data-key={r.key}>
              <th scope="row">{r.name}</th>
              <td data-label={t('dashboard.received')}>{text.count(r.figures.received)}</td>
              <td data-label={t('figures.inTime')} data-cell="inTime">
                {text.withCases('share', r.figures.answeredInTime)}
              </td>
              {withPrevious ? <td data-label={t('figures.previousInTime')}>{r.previous ? text.bare('share', r.previous.answeredInTime) : '—'}</td> : null}
              <td data-label={t('figures.overdue')}>{text.count(r.figures.overdueUnanswered)}</td>
              <td data-label={t('figures.medianAnswer')}>{text.withCases('days', r.figures.medianAnswerDays)}</td>
              <td data-label={t('figures.satisfaction')}>{text.withCases('rating', r.figures.satisfaction)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
