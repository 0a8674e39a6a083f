import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireStaff } from '~/sessions/staff.server';
import { FilterSelect } from '~/components/filter-select';
import { AdminCatalogNav } from '~/components/admin-catalog-nav';
import { db } from '~/platform/db.server';
import { PROGRAMS } from '~/domain/directory-query';
import { formatNumber } from '~/domain/dates';
import { normalizeLine, toAsciiDigits } from '~/domain/persian';
import { searchQuery } from '~/domain/search';
import { pageTitle } from '~/i18n/meta';
import { listCentersForAdmin } from '~/models/catalog-admin.server';
import { listProvinces } from '~/models/catalog.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'adminCatalog.centers.title'), { name: 'robots', content: 'noindex' }];

const PAGE_SIZE = 50;
const STATUSES = ['active', 'inactive'] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'admin:manage');
  const params = new URL(request.url).searchParams;
  const provinces = listProvinces(db());
  const provinceParam = (params.get('province') ?? '').trim().toLowerCase();
  const province = provinces.some((p) => p.id === provinceParam) ? provinceParam : undefined;
  const programParam = params.get('program');
  const program = PROGRAMS.find((p) => p === programParam);
  const statusParam = params.get('status');
  const status = STATUSES.find((s) => s === statusParam);
  const q = normalizeLine(params.get('q') ?? '').slice(0, 200);
  const match = q ? searchQuery(q) : null;
  const pageParam = toAsciiDigits(params.get('page') ?? '').trim();
  let page = /^\d{1,6}$/.test(pageParam) ? Math.max(1, Number(pageParam)) : 1;
  const filters = { provinceId: province, program, status, match: match ?? undefined };
  // Punctuation-only search text matches nothing rather than everything.
  const find = (n: number) => (q && !match ? { total: 0, centers: [] } : listCentersForAdmin(db(), filters, n, PAGE_SIZE));
  let result = find(page);
  const pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  // A page past the end (a stale bookmark) shows the last page instead of an empty list.
  if (page > pageCount) {
    page = pageCount;
    result = find(page);
  }
  return json({
    user,
    query: { q, province: province ?? '', program: program ?? '', status: status ?? '', page },
    provinces: provinces.map((p) => ({ id: p.id, nameFa: p.nameFa, nameEn: p.nameEn })),
    total: result.total,
    centers: result.centers,
    pageCount,
  });
}

export default function AdminCenters() {
  const { query, provinces, total, centers, pageCount } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const fa = i18n.language !== 'en';
  const locale = fa ? 'fa' : 'en';
  const provinceName = new Map(provinces.map((p) => [p.id, fa ? p.nameFa : p.nameEn]));
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ q: query.q, province: query.province, program: query.program, status: query.status })) {
      if (value) params.set(key, value);
    }
    if (page > 1) params.set('page', String(page));
    const search = params.toString();
    return `/staff/admin/centers${search ? `?${search}` : ''}`;
  };
  return (
    <div className="page">
      <AdminCatalogNav current="centers" />
      <h1>{t('adminCatalog.centers.title')}</h1>
      <p className="muted">{t('adminCatalog.centers.intro')}</p>
      <p>
        <Link className="button" to="/staff/admin/centers/new">
          {t('adminCatalog.centers.new')}
        </Link>
      </p>
      <Form method="get" className="card filters" role="search" aria-label={t('adminCatalog.centers.search')}>
        <div className="field">
          <label htmlFor="q">{t('adminCatalog.centers.search')}</label>
          <input type="search" id="q" name="q" defaultValue={query.q} maxLength={200} />
        </div>
        <div className="filter-row">
          <FilterSelect
            id="province"
            label={t('adminCatalog.centers.province')}
            value={query.province}
            all={t('adminCatalog.centers.allProvinces')}
            options={provinces.map((p) => ({ value: p.id, label: provinceName.get(p.id) }))}
          />
          <FilterSelect
            id="program"
            label={t('adminCatalog.centers.program')}
            value={query.program}
            all={t('adminCatalog.centers.allPrograms')}
            options={PROGRAMS.map((p) => ({ value: p, label: t(`program.${p}`) }))}
          />
          <FilterSelect
            id="status"
            label={t('adminCatalog.centers.status')}
            value={query.status}
            all={t('adminCatalog.centers.allStatuses')}
            options={STATUSES.map((s) => ({ value: s, label: t(`adminCatalog.centers.${s}`) }))}
          />
        </div>
        <button type="submit">{t('adminCatalog.centers.filter')}</button>
      </Form>
      <p role="status">{t('adminCatalog.centers.count', { n: formatNumber(total, locale) })}</p>
      {centers.length === 0 ? (
        <p>{t('adminCatalog.centers.empty')}</p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">{t('adminCatalog.centers.name')}</th>
              <th scope="col">{t('adminCatalog.centers.province')}</th>
              <th scope="col">{t('adminCatalog.centers.program')}</th>
              <th scope="col">{t('adminCatalog.centers.services')}</th>
              <th scope="col">{t('adminCatalog.centers.items')}</th>
              <th scope="col">{t('adminCatalog.centers.status')}</th>
            </tr>
          </thead>
          <tbody>
            {centers.map((c) => (
              <tr key={c.id} data-testid="admin-center" className={c.active ? undefined : 'admin-inactive'}>
                <td data-label={t('adminCatalog.centers.name')}>
                  <Link to={`/staff/admin/centers/${c.id}`}>{fa ? c.nameFa : c.nameEn}</Link>
                  <div className="muted small">{fa ? c.cityFa : c.cityEn}</div>
                </td>
                <td data-label={t('adminCatalog.centers.province')}>{provinceName.get(c.provinceId)}</td>
                <td data-label={t('adminCatalog.centers.program')}>{t(`program.${c.program}`)}</td>
                <td data-label={t('adminCatalog.centers.services')}>{formatNumber(c.serviceCount, locale)}</td>
                <td data-label={t('adminCatalog.centers.items')}>{formatNumber(c.itemCount, locale)}</td>
                <td data-label={t('adminCatalog.centers.status')}>
                  {c.active ? t('adminCatalog.centers.active') : <strong>{t('adminCatalog.centers.inactive')}</strong>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pageCount > 1 ? (
        <nav className="pagination" aria-label={t('adminCatalog.centers.pageOf', { page: formatNumber(query.page, locale), pages: formatNumber(pageCount, locale) })}>
          {query.page > 1 ? <Link to={pageHref(query.page - 1)}>{t('adminCatalog.centers.previous')}</Link> : null}
          <span>{t('adminCatalog.centers.pageOf', { page: formatNumber(query.page, locale), pages: formatNumber(pageCount, locale) })}</span>
          {query.page < pageCount ? <Link to={pageHref(query.page + 1)}>{t('adminCatalog.centers.next')}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
