import type { StaffPageHandle } from '~/routes/staff';
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireStaff } from '~/sessions/staff.server';
import { Breadcrumbs } from '~/components/breadcrumbs';
import { ChannelAndAreaBreakdowns } from '~/components/breakdown';
import { summarySentence } from '~/components/report-summary';
import { Figure } from '~/components/figures';
import { FilterSubmit } from '~/components/form';
import { useHydrated } from '~/components/use-hydrated';
import { db } from '~/platform/db.server';
import { formatDate, formatDateTime, formatNumber, formatShare, type Locale } from '~/domain/dates';
import { formatMonth, monthKey, parseMonthKey } from '~/domain/solar-month';
import { dayNoon } from '~/domain/stats';
import { pageTitle } from '~/i18n/meta';
import { listProvinces } from '~/models/catalog.server';
import { monthlyReport, reportRequest } from '~/models/monthly-report.server';

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
  const { national, provinceId, month, options, complete } = reportRequest(db(), user, new URL(request.url).searchParams, now);
  const report = monthlyReport(db(), provinceId, month);
  const provinces = listProvinces(db()).map((p) => ({ id: p.id, nameFa: p.nameFa, nameEn: p.nameEn }));
  const province = provinceId ? provinces.find((p) => p.id === provinceId) : undefined;
  return json({
    user,
    national,
    province: province ?? null,
    provinces,
    months: options.map(monthKey),
    complete,
    report,
    generatedAt: now.toISOString(),
  });
}

export default function MonthlyReportPage() {
  const { national, province, provinces, months, complete, report, generatedAt } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'fa';
  const hydrated = useHydrated();

  const number = (n: number) => formatNumber(n, locale);
  const percent = (s: number | null) => (s === null ? '—' : formatShare(s, locale));
  const monthName = formatMonth(parseMonthKey(report.month)!, locale);
  const scopeName = province ? (locale === 'fa' ? province.nameFa : province.nameEn) : t('dashboard.country');
  const provinceName = (id: string) => {
    if (id === 'national') return t('province.national');
    const p = provinces.find((x) => x.id === id);
    return p ? (locale === 'fa' ? p.nameFa : p.nameEn) : id;
  };
  const query = new URLSearchParams({ month: report.month, ...(national && province ? { province: province.id } : {}) }).toString();
  const dashboardLink = `/staff/dashboard${national && province ? `?province=${province.id}` : ''}`;

  return (
    <div className="page report-page">
      <Breadcrumbs fromHome={false} trail={[{ label: t('dashboard.title'), to: dashboardLink }, { label: t('report.title') }]} />
      <h1>{t('report.heading', { scope: scopeName, month: monthName })}</h1>
      <p className="muted small" data-testid="report-range">
        {t('dashboard.range', { from: formatDate(dayNoon(report.range.from), locale), to: formatDate(dayNoon(report.range.to), locale) })}{' '}
        {t('report.generated', { at: formatDateTime(new Date(generatedAt), locale) })}
      </p>
      {complete ? null : <p className="notice">{t('report.incomplete')}</p>}

      <Form method="get" className="card filter-row report-controls" aria-label={t('report.choose')}>
        <div className="field">
          <label htmlFor="month">{t('report.month')}</label>
          <select id="month" name="month" defaultValue={report.month}>
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
        <FilterSubmit label={t('dashboard.show')} />
      </Form>
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
          {summarySentence(t, locale, report, monthName)}
        </p>
        <dl className="figures" data-testid="report-figures">
          <Figure label={t('dashboard.received')} value={number(report.totals.received)} name="received" />
          <Figure label={t('report.answers')} value={number(report.totals.answers)} name="answers" />
          <Figure label={t('dashboard.answeredInTime')} value={percent(report.totals.answeredInTimeShare)} name="answeredInTime" />
        </dl>
      </section>

      <ChannelAndAreaBreakdowns testIdPrefix="report" locale={locale} byChannel={report.byChannel} byArea={report.byArea} />

      {report.byProvince ? (
        <section aria-labelledby="provinces-title" className="card" data-testid="report-provinces">
          <h2 id="provinces-title">{t('report.byProvince')}</h2>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('breakdown.tableOf', { title: t('report.byProvince') })}>
            <table className="list">
              <thead>
                <tr>
                  <th scope="col">{t('province.label')}</th>
                  <th scope="col">{t('dashboard.received')}</th>
                  <th scope="col">{t('report.answers')}</th>
                  <th scope="col">{t('dashboard.answeredInTime')}</th>
                </tr>
              </thead>
              <tbody>
                {report.byProvince.map((r) => (
                  <tr key={r.key} data-key={r.key}>
                    <th scope="row">{provinceName(r.key)}</th>
                    <td data-label={t('dashboard.received')}>{number(r.received)}</td>
                    <td data-label={t('report.answers')}>{number(r.answers)}</td>
                    <td data-label={t('dashboard.answeredInTime')}>{percent(r.answeredInTimeShare)}</td>
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
