import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { requireStaff } from '~/sessions/staff.server';
import { ChannelAndAreaBreakdowns } from '~/components/breakdown';
import { BarList } from '~/components/charts/bar-list';
import { ProvinceMap } from '~/components/charts/province-map';
import { TrendChart } from '~/components/charts/trend-chart';
import { Figure } from '~/components/figures';
import { FilterSubmit } from '~/components/form';
import { db } from '~/platform/db.server';
import { formatDate, formatDateTime, formatDayMonth, formatNumber, formatPercent, type Locale } from '~/domain/dates';
import { ITEM_STATES } from '~/domain/workflow';
import { dayNoon, durationReading, MAP_MEASURES, parseMapMeasure, parsePeriod, PERIODS, type MapMeasure } from '~/domain/stats';
import { pageTitle } from '~/i18n/meta';
import { findProvince, listProvinces } from '~/models/catalog.server';
import { centerNames, dashboard, type DashboardRow } from '~/models/dashboard.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'dashboard.title'), { name: 'robots', content: 'noindex' }];

/**
 * Monitoring: national supervisors see the country (rows and map per province, a province's own view one click
 * away); a province manager sees their province, row per centre. The figures come from the aggregate tables.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'dashboard:read');
  const params = new URL(request.url).searchParams;
  const national = user.role === 'national_supervisor';
  const asked = (params.get('province') ?? '').trim().toLowerCase();
  const province = national ? (asked ? findProvince(db(), asked) : undefined) : user.provinceId ? findProvince(db(), user.provinceId) : undefined;
  const provinceId = national ? (province?.id ?? null) : user.provinceId;
  const period = parsePeriod(params.get('period'));
  const measure = parseMapMeasure(params.get('measure'));
  const now = new Date();
  const view = dashboard(db(), provinceId, period, now);
  const names: Record<string, { fa: string; en: string }> = {};
  if (provinceId) for (const [id, c] of centerNames(db(), provinceId)) names[id] = { fa: c.nameFa, en: c.nameEn };
  else for (const p of listProvinces(db())) names[p.id] = { fa: p.nameFa, en: p.nameEn };
  return json({
    user,
    national,
    province: province ? { id: province.id, nameFa: province.nameFa, nameEn: province.nameEn } : null,
    period,
    measure,
    view,
    names,
    generatedAt: now.toISOString(),
  });
}

type View = ReturnType<typeof useLoaderData<typeof loader>>['view'];

/** The value a map tile or ranking shows for a row, per measure; null when there is nothing to judge. */
function measureOf(row: DashboardRow | View['rows'][number], measure: MapMeasure): number | null {
  switch (measure) {
    case 'received':
      return row.received;
    case 'answeredInTime':
      return row.answeredInTimeShare;
    case 'overdue':
      return row.overdue;
    case 'satisfaction':
      return row.averageRating;
    case 'medianAnswer':
      return row.medianAnswerHours;
  }
}

export default function Dashboard() {
  const { national, province, period, measure, view, names, generatedAt } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'fa';
  useAutoRefresh();

  const number = (n: number) => formatNumber(n, locale);
  const percent = (share: number | null) => (share === null ? '—' : formatPercent(share, locale));
  const duration = (hours: number | null) => {
    if (hours === null) return '—';
    const reading = durationReading(hours);
    return t(`dashboard.${reading.unit}`, { value: formatNumber(reading.value, locale) });
  };
  const inTimeOf = (r: { answeredInTimeShare: number | null; answers: number }) =>
    r.answeredInTimeShare === null ? t('dashboard.noAnswers') : t('dashboard.inTimeOf', { share: percent(r.answeredInTimeShare), n: number(r.answers) });
  const rating = (value: number | null) => (value === null ? '—' : t('dashboard.ratingOf5', { value: formatNumber(value, locale) }));
  const formatMeasure = (m: MapMeasure, value: number) =>
    m === 'answeredInTime' ? percent(value) : m === 'medianAnswer' ? duration(value) : m === 'satisfaction' ? rating(value) : number(value);
  const scopeName = province ? (locale === 'fa' ? province.nameFa : province.nameEn) : t('dashboard.country');
  const rowName = (key: string) =>
    key === 'national' ? t('province.national') : key === '0' ? t('dashboard.noCenter') : (names[key]?.[locale] ?? `#${key}`);
  const search = (changes: Record<string, string | null>) => {
    const params = new URLSearchParams();
    const values = { province: national && province ? province.id : null, period: String(period), measure, ...changes };
    for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
    return `?${params.toString()}`;
  };
  const ranked = [...view.rows].filter((r) => r.received > 0 || r.open > 0).sort((a, b) => (b.answeredInTimeShare ?? -1) - (a.answeredInTimeShare ?? -1) || b.received - a.received);
  const totals = view.totals;

  return (
    <div className="page dashboard">
      {national && province ? (
        <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
          <Link to={`/staff/dashboard${search({ province: null })}`}>{t('dashboard.country')}</Link> › <span aria-current="page">{scopeName}</span>
        </nav>
      ) : null}
      <h1>
        {t('dashboard.title')}: {scopeName}
      </h1>
      <p className="muted small" data-testid="dashboard-updated">
        {t('dashboard.updated', { at: formatDateTime(new Date(generatedAt), locale) })} {t('dashboard.range', { from: formatDate(dayNoon(view.range.from), locale), to: formatDate(dayNoon(view.range.to), locale) })}
      </p>

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

      <section aria-labelledby="now-title">
        <h2 id="now-title">{t('dashboard.now')}</h2>
        <dl className="figures" data-testid="figures-now">
          <Figure label={t('dashboard.open')} value={number(totals.open)} name="open" />
          <Figure label={t('dashboard.overdue')} value={number(totals.overdue)} name="overdue" alert={totals.overdue > 0} />
          <Figure label={t('dashboard.received24h')} value={number(totals.received24h)} name="received24h" />
          <Figure label={t('dashboard.received7d')} value={number(totals.received7d)} name="received7d" />
          <Figure label={t('dashboard.received30d')} value={number(totals.received30d)} name="received30d" />
        </dl>
        <ul className="inbox-states state-counts" aria-label={t('dashboard.byState')}>
          {ITEM_STATES.filter((s) => view.byState[s]).map((s) => (
            <li key={s}>
              {t(`status.${s}`)} <span className="count">{number(view.byState[s] ?? 0)}</span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="period-title">
        <h2 id="period-title">{t('dashboard.inPeriod', { days: formatNumber(period, locale) })}</h2>
        <dl className="figures" data-testid="figures-period">
          <Figure label={t('dashboard.received')} value={number(totals.received)} name="received" />
          <Figure label={t('dashboard.answered')} value={number(totals.answers)} name="answers" />
          <Figure label={t('dashboard.answeredInTime')} value={percent(totals.answeredInTimeShare)} name="answeredInTime" />
          <Figure label={t('dashboard.firstInTime')} value={percent(totals.firstResponseInTimeShare)} name="firstInTime" />
          <Figure label={t('dashboard.medianFirst')} value={duration(totals.medianFirstResponseHours)} name="medianFirst" />
          <Figure label={t('dashboard.medianAnswer')} value={duration(totals.medianAnswerHours)} name="medianAnswer" />
          <Figure label={t('dashboard.satisfaction')} value={totals.ratings ? `${rating(totals.averageRating)} (${t('dashboard.ratings', { n: number(totals.ratings) })})` : '—'} name="satisfaction" />
          <Figure label={t('dashboard.appeals')} value={number(totals.appeals)} name="appeals" />
        </dl>
        <p className="muted small">{t('dashboard.medianNote')}</p>
      </section>

      <section aria-labelledby="trend-title" className="card">
        <h2 id="trend-title">{t('dashboard.trend')}</h2>
        <TrendChart
          title={t('dashboard.trendTitle', { scope: scopeName })}
          description={t(period > 30 ? 'dashboard.trendWeekly' : 'dashboard.trendDaily')}
          locale={locale}
          points={view.trend.map((p) => ({ iso: p.key, label: formatDayMonth(dayNoon(p.key), locale) }))}
          series={[
            { name: t('dashboard.received'), values: view.trend.map((p) => p.received) },
            { name: t('dashboard.answered'), values: view.trend.map((p) => p.answers) },
            { name: t('dashboard.answeredInTimeCount'), values: view.trend.map((p) => p.answersInTime) },
          ]}
          labels={{ dataTable: t('dashboard.dataTable'), period: t('dashboard.day') }}
        />
      </section>

      <ChannelAndAreaBreakdowns
        testIdPrefix="breakdown"
        locale={locale}
        byChannel={view.byChannel}
        byArea={view.byArea}
        channelExtra={{ column: t('dashboard.answeredInTime'), cell: inTimeOf }}
        channelNote={t('breakdown.channelNote')}
      />

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
            domain={measure === 'answeredInTime' ? [0, 1] : measure === 'satisfaction' ? [1, 5] : undefined}
            labels={{ dataTable: t('dashboard.dataTable'), province: t('province.label'), noDataOrFew: t('dashboard.noData'), mapNote: t('dashboard.mapNote') }}
          />
        </section>
      ) : null}

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

      <section aria-labelledby="table-title">
        <h2 id="table-title">{province ? t('dashboard.byCenter') : t('dashboard.byProvince')}</h2>
        <p className="small">
          <a href={`/staff/dashboard.csv${search({})}`} download>
            {t('dashboard.exportCsv')}
          </a>
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
                  <th scope="row">{!province && r.key !== 'national' ? <Link to={`/staff/dashboard${search({ province: r.key })}`}>{rowName(r.key)}</Link> : rowName(r.key)}</th>
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
    </div>
  );
}

/** Where JavaScript runs, the figures refresh every minute while the tab is visible (no full page reload). */
function useAutoRefresh() {
  const revalidator = useRevalidator();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && revalidator.state === 'idle') revalidator.revalidate();
    }, 60_000);
    return () => clearInterval(timer);
  }, [revalidator]);
}
