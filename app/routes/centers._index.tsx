import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Breadcrumbs } from '~/components/breadcrumbs';
import { FilterActions, FilterSelect } from '~/components/filter-select';
import { db } from '~/platform/db.server';
import { formatNumber } from '~/domain/dates';
import { directoryHref, PAGE_SIZE, parseDirectoryQuery, PROGRAMS } from '~/domain/directory-query';
import { metaTranslator, publicPageMeta } from '~/i18n/meta';
import { listCities, listProvinces, listServices, searchCenters } from '~/models/catalog.server';
import type { PageScripts } from '~/root';

// A citizen page: HTML and CSS without the app's bundle (decision 015).
export const handle: PageScripts = { hydrate: false };

export const meta: MetaFunction = (args) => {
  const t = metaTranslator(args.matches);
  return publicPageMeta(args, { title: t('centers.title'), description: t('centers.intro') });
};

export async function loader({ request }: LoaderFunctionArgs) {
  const query = parseDirectoryQuery(new URL(request.url).searchParams);
  const provinces = listProvinces(db());
  const province = provinces.some((p) => p.id === query.province) ? query.province : undefined;
  const filters = { provinceId: province, city: query.city, program: query.program, serviceSlug: query.service, match: query.match ?? undefined };
  // Punctuation-only search text matches nothing rather than everything.
  const nothingToSearch = query.q !== '' && query.match === null;
  const find = (n: number) => (nothingToSearch ? { total: 0, centers: [] } : searchCenters(db(), filters, n, PAGE_SIZE));
  let result = find(query.page);
  const pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  // A page past the end (a stale bookmark) shows the last page instead of an empty list.
  const page = Math.min(query.page, pageCount);
  if (page !== query.page) result = find(page);
  return json({
    query: { ...query, province, page },
    provinces,
    cities: listCities(db(), province),
    services: listServices(db()).map((s) => ({ slug: s.slug, nameFa: s.nameFa, nameEn: s.nameEn })),
    total: result.total,
    centers: result.centers,
    pageCount,
  });
}

export default function Centers() {
  const { query, provinces, cities, services, total, centers, pageCount } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const fa = i18n.language !== 'en';
  const locale = fa ? 'fa' : 'en';
  const provinceName = new Map(provinces.map((p) => [p.id, fa ? p.nameFa : p.nameEn]));
  const filtered = Boolean(query.q || query.province || query.city || query.program || query.service);
  return (
    <div className="page">
      <Breadcrumbs trail={[{ label: t('centers.title') }]} />
      <h1>{t('centers.title')}</h1>
      <p className="lead">{t('centers.intro')}</p>
      <Form method="get" className="card filters" role="search" aria-label={t('centers.filters')}>
        <div className="field">
          <label htmlFor="q">{t('centers.search')}</label>
          <span className="hint" id="q-hint">
            {t('centers.searchHint')}
          </span>
          <input type="search" id="q" name="q" defaultValue={query.q} maxLength={200} aria-describedby="q-hint" />
        </div>
        <div className="filter-row">
          <FilterSelect
            id="province"
            label={t('centers.province')}
            value={query.province ?? ''}
            all={t('centers.allProvinces')}
            options={provinces.map((p) => ({ value: p.id, label: provinceName.get(p.id) }))}
          />
          <FilterSelect
            id="city"
            label={t('centers.city')}
            value={query.city ?? ''}
            all={t('centers.allCities')}
            options={cities.map((c) => ({
              key: `${c.provinceId}-${c.cityFa}`,
              value: c.cityFa,
              label: `${fa ? c.cityFa : c.cityEn}${query.province ? '' : ` (${provinceName.get(c.provinceId)})`}`,
            }))}
          />
          <FilterSelect
            id="program"
            label={t('centers.program')}
            value={query.program ?? ''}
            all={t('centers.allPrograms')}
            options={PROGRAMS.map((program) => ({ value: program, label: t(`program.${program}`) }))}
          />
          <FilterSelect
            id="service"
            label={t('centers.service')}
            value={query.service ?? ''}
            all={t('centers.allServices')}
            options={services.map((s) => ({ value: s.slug, label: fa ? s.nameFa : s.nameEn }))}
          />
        </div>
        <FilterActions show={t('centers.show')} clear={t('centers.clear')} clearTo="/centers" filtered={filtered} />
      </Form>

      <p role="status" data-testid="result-count">
        {t('centers.count', { formatted: formatNumber(total, locale) })}
      </p>
      {centers.length === 0 ? (
        <div className="card">
          <p>{t('centers.empty')}</p>
          <ul>
            {filtered ? (
              <li>
                <Link to="/centers">{t('centers.emptyClear')}</Link>
              </li>
            ) : null}
            <li>
              <Link to="/feedback/new">{t('centers.emptyFeedback')}</Link>
            </li>
            <li>{t('centers.emptyCall')}</li>
          </ul>
        </div>
      ) : (
        <ul className="center-list">
          {centers.map((c) => (
            <li key={c.id} className="card">
              <Link to={`/centers/${c.id}`}>
                <strong>{fa ? c.nameFa : c.nameEn}</strong>
              </Link>
              <div className="muted small">
                {t(`program.${c.program}`)} · {[fa ? c.neighbourhoodFa : c.neighbourhoodEn, fa ? c.cityFa : c.cityEn].filter(Boolean).join(fa ? '، ' : ', ')} ·{' '}
                {provinceName.get(c.provinceId)}
              </div>
            </li>
          ))}
        </ul>
      )}
      {pageCount > 1 ? (
        <nav aria-label={t('centers.pages')} className="pagination">
          {query.page > 1 ? (
            <Link to={directoryHref(query, query.page - 1)} rel="prev">
              {t('centers.previous')}
            </Link>
          ) : null}
          <span aria-current="page">{t('centers.pageOf', { page: formatNumber(query.page, locale), pages: formatNumber(pageCount, locale) })}</span>
          {query.page < pageCount ? (
            <Link to={directoryHref(query, query.page + 1)} rel="next">
              {t('centers.next')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
