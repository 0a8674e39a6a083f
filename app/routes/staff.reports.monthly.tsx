import type { StaffPageHandle } from '~/routes/staff';
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireStaff } from '~/sessions/staff.server';
import { Breadcrumbs } from '~/components/breadcrumbs';
import { ChannelAndAreaBreakdowns } from '~/components/breakdown';
import { summarySentence } from '~/components/report-summary';
import { AgeingList, ComparedLine, DefinitionsLink, FigureCell, PreviousRangeNote, RangeFields, useFigureText } from '~/components/figure-view';
import { FilterSubmit } from '~/components/form';
import { useHydrated } from '~/components/use-hydrated';
import { db } from '~/platform/db.server';
import { formatDate, formatDateTime, formatNumber, type Locale } from '~/domain/dates';
import { formatMonth, monthKey, parseMonthKey } from '~/domain/solar-month';
import { dayKey, dayNoon } from '~/domain/stats';
import { pageTitle } from '~/i18n/meta';
import { listProvinces } from '~/models/catalog.server';
import { monthlyReport, reportRequest } from '~/models/monthly-report.server';
import { UrgentFiguresBlock } from '~/components/urgent-figures';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'report.title'), { name: 'robots', content: 'noindex' }];

/** The bar lines up with this page's box (app/routes/staff.tsx). */
export const handle: StaffPageHandle = { pageClass: 'page report-page' };

/**
 * The printable monthly performance report, in the shape of the public report on the running service (docs/DESIGN.md §1):
 * a sentence summary, the items received by channel and by area, and for the country each province. A province
 * manager sees their province; a national supervisor the country or one province.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'dashboard:read');
  const now = new Date();
  const params = new URL(request.url).searchParams;
  const { national, provinceId, month, options, complete, range, rangeErrors } = reportRequest(db(), user, params, now);
  // A custom range wins over the month; refused dates are named under their fields and the month is shown.
  const report = monthlyReport(db(), provinceId, range ?? month, now);
  const provinces = listProvinces(db()).map((p) => ({ id: p.id, nameFa: p.nameFa, nameEn: p.nameEn }));
  const province = provinceId ? provinces.find((p) => p.id === provinceId) : undefined;
  return json({
    user,
    national,
    province: province ?? null,
    provinces,
    months: options.map(monthKey),
    complete: range ? range.to < dayKey(now) : complete,
    rangeInput: { from: (params.get('from') ?? '').slice(0, 40), to: (params.get('to') ?? '').slice(0, 40) },
    rangeErrors,
    report,
    generatedAt: now.toISOString(),
  });
}

export default function MonthlyReportPage() {
  const { national, province, provinces, months, complete, report, generatedAt, rangeInput, rangeErrors } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'fa';
  const hydrated = useHydrated();

  const text = useFigureText(locale);
  const number = (n: number) => formatNumber(n, locale);
  // A custom range is named as the range it is (in the page's calendar), never as a month (outside review, round 8).
  const rangeName = t('report.rangeName', { from: formatDate(dayNoon(report.range.from), locale), to: formatDate(dayNoon(report.range.to), locale) });
  const monthName = report.month ? formatMonth(parseMonthKey(report.month)!, locale) : rangeName;
  const totals = report.totals;
  const c = totals.comparisons;
  const scopeName = province ? (locale === 'fa' ? province.nameFa : province.nameEn) : t('dashboard.country');
  const provinceName = (id: string) => {
    if (id === 'national') return t('province.national');
    const p = provinces.find((x) => x.id === id);
    return p ? (locale === 'fa' ? p.nameFa : p.nameEn) : id;
  };
  const query = new URLSearchParams({
    ...(report.month ? { month: report.month } : { from: rangeInput.from, to: rangeInput.to }),
    ...(national && province ? { province: province.id } : {}),
  }).toString();
  const dashboardLink = `/staff/dashboard${national && province ? `?province=${province.id}` : ''}`;

  return (
    <div className="page report-page">
      <Breadcrumbs fromHome={false} trail={[{ label: t('dashboard.title'), to: dashboardLink }, { label: t('report.title') }]} />
      <h1>{report.month ? t('report.heading', { scope: scopeName, month: monthName }) : t('report.headingRange', { scope: scopeName, range: rangeName })}</h1>
      <p className="muted small" data-testid="report-range">
        {t('dashboard.range', { from: formatDate(dayNoon(report.range.from), locale), to: formatDate(dayNoon(report.range.to), locale) })}{' '}
        {t('report.generated', { at: formatDateTime(new Date(generatedAt), locale) })} {t('figures.backlogAt', { at: formatDateTime(new Date(report.at), locale) })}
      </p>
      <DefinitionsLink />
      {complete ? null : <p className="notice">{t(report.month ? 'report.incomplete' : 'report.incompleteRange')}</p>}

      <Form method="get" className="card filter-row report-controls" aria-label={t('report.choose')}>
        <div className="field">
          <label htmlFor="month">{t('report.month')}</label>
          <select id="month" name="month" defaultValue={report.month ?? months[0]}>
            {months.map((key) => (
              <option key={key} value={key}>
                {formatMonth(parseMonthKey(key)!, locale)}
              </option>
            ))}
          </select>
        </div>
        {national ? (
          <div className="field">
            <label htmlFor="province">{t('province.label')}</label>
            <select id="province" name="province" defaultValue={province?.id ?? ''}>
              <option value="">{t('dashboard.country')}</option>
              {provinces.map((p) => (
                <option key={p.id} value={p.id}>
                  {locale === 'fa' ? p.nameFa : p.nameEn}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <RangeFields from={rangeInput.from} to={rangeInput.to} errors={rangeErrors} />
        <FilterSubmit label={t('dashboard.show')} />
      </Form>
      {Object.keys(rangeErrors).length ? (
        <p className="notice" role="status" data-testid="range-refused">
          {t('figures.range.refused')}
        </p>
      ) : null}
      <p className="small report-actions">
        <a href={`/staff/reports/monthly.csv?${query}`} download>
          {t('report.exportCsv')}
        </a>
        {hydrated ? (
          <>
            {' · '}
            <button type="button" className="secondary" onClick={() => window.print()}>
              {t('report.print')}
            </button>
          </>
        ) : null}
      </p>

      <section aria-labelledby="summary-title" className="report-summary">
        <h2 id="summary-title">{t('report.summary')}</h2>
        <p className="lead" data-testid="report-summary">
          {summarySentence(t, locale, report, monthName, { range: !report.month })}
        </p>
        <dl className="figures" data-testid="report-figures">
          <FigureCell label={t('dashboard.received')} name="received" compared={t('figures.previous', { value: number(totals.previous.received) })}>
            {number(totals.received)}
          </FigureCell>
          <FigureCell label={t('report.answers')} name="answers" compared={t('figures.previous', { value: number(totals.previous.answers) })}>
            {number(totals.answers)}
          </FigureCell>
          <FigureCell label={t('figures.inTime')} name="answeredInTime" compared={<ComparedLine kind="share" previous={totals.previous.answeredInTime} comparison={c.answeredInTime} locale={locale} />}>
            {text.withCases('share', totals.answeredInTime)}
          </FigureCell>
          <FigureCell label={t('figures.overdue')} name="overdueUnanswered" compared={t('figures.previous', { value: number(totals.previous.overdueUnanswered) })}>
            {number(totals.overdueUnanswered)}
          </FigureCell>
          <FigureCell label={t('figures.medianAnswer')} name="medianAnswer" compared={<ComparedLine kind="days" previous={totals.previous.medianAnswerDays} comparison={c.medianAnswerDays} locale={locale} />}>
            {text.withCases('days', totals.medianAnswerDays)}
          </FigureCell>
          <FigureCell label={t('figures.satisfaction')} name="satisfaction" compared={<ComparedLine kind="rating" previous={totals.previous.satisfaction} comparison={c.satisfaction} locale={locale} />}>
            {text.withCases('rating', totals.satisfaction)}
          </FigureCell>
          <FigureCell label={t('figures.appealRate')} name="appealRate" compared={<ComparedLine kind="share" previous={totals.previous.appealRate} comparison={c.appealRate} locale={locale} />}>
            {text.withCases('share', totals.appealRate)}
          </FigureCell>
          <FigureCell label={t('figures.appeals')} name="appeals" compared={t('figures.previous', { value: number(totals.previous.appeals) })}>
            {number(totals.appeals)}
          </FigureCell>
        </dl>
        <UrgentFiguresBlock urgent={totals.urgent} locale={locale} testId="report-urgent" />
        <h3>{t('figures.ageing')}</h3>
        <AgeingList ageing={totals.ageing} locale={locale} testId="report-ageing" />
        <p className="muted small">
          <PreviousRangeNote range={report.previousRange} locale={locale} />
        </p>
      </section>

      <ChannelAndAreaBreakdowns testIdPrefix="report" locale={locale} byChannel={report.byChannel} byArea={report.byArea} />

      {report.byProvince ? (
        <section aria-labelledby="provinces-title" className="card" data-testid="report-provinces">
          <h2 id="provinces-title">{t('report.byProvince')}</h2>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('breakdown.tableOf', { title: t('report.byProvince') })}>
            <table className="list dashboard-table">
              <thead>
                <tr>
                  <th scope="col">{t('province.label')}</th>
                  <th scope="col">{t('figures.inTime')}</th>
                  <th scope="col">{t('dashboard.received')}</th>
                  <th scope="col">{t('report.answers')}</th>
                  <th scope="col">{t('figures.previousInTime')}</th>
                  <th scope="col">{t('figures.overdue')}</th>
                  <th scope="col">{t('figures.band.40+')}</th>
                  <th scope="col">{t('figures.medianAnswer')}</th>
                  <th scope="col">{t('figures.satisfaction')}</th>
                  <th scope="col">{t('figures.appealRate')}</th>
                </tr>
              </thead>
              <tbody>
                {report.byProvince.map((r) => (
                  <tr key={r.key} data-key={r.key} className={r.attention ? 'row-attention' : undefined}>
                    <th scope="row">{provinceName(r.key)}</th>
                    <td data-label={t('figures.inTime')} data-cell="inTime">
                      {text.withCases('share', r.answeredInTime)}
                    </td>
                    <td data-label={t('dashboard.received')}>{number(r.received)}</td>
                    <td data-label={t('report.answers')}>{number(r.answers)}</td>
                    <td data-label={t('figures.previousInTime')}>{text.bare('share', r.previous.answeredInTime)}</td>
                    <td data-label={t('figures.overdue')}>{number(r.overdueUnanswered)}</td>
                    <td data-label={t('figures.band.40+')}>{number(r.ageing['40+'])}</td>
                    <td data-label={t('figures.medianAnswer')}>{text.withCases('days', r.medianAnswerDays)}</td>
                    <td data-label={t('figures.satisfaction')}>{text.withCases('rating', r.satisfaction)}</td>
                    <td data-label={t('figures.appealRate')}>{text.withCases('share', r.appealRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <p className="muted small">{t('report.howRead')}</p>
    </div>
  );
}
