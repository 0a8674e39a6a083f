import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Breadcrumbs } from '~/components/breadcrumbs';
import { db } from '~/platform/db.server';
import { formatNumber } from '~/domain/dates';
import { sortByName } from '~/domain/names';
import { localeFromMatches, metaTranslator, publicPageMeta } from '~/i18n/meta';
import { getLocale } from '~/platform/locale.server';
import { centersOfferingService, findServiceBySlug, listProvinces } from '~/models/catalog.server';
import type { PageScripts } from '~/root';

// A citizen page: HTML and CSS without the app's bundle (decision 015).
export const handle: PageScripts = { hydrate: false };

export const meta: MetaFunction<typeof loader> = (args) => {
  const t = metaTranslator(args.matches);
  const service = args.data?.service;
  if (!service) return publicPageMeta(args, { title: t('errorPage.notFoundTitle') });
  const fa = localeFromMatches(args.matches) === 'fa';
  return publicPageMeta(args, { title: fa ? service.nameFa : service.nameEn, description: fa ? service.summaryFa : service.summaryEn });
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = (params.slug ?? '').toLowerCase();
  const service = /^[a-z0-9-]{1,60}$/.test(slug) ? findServiceBySlug(db(), slug) : undefined;
  if (!service) throw new Response('Not Found', { status: 404 });
  // Grouped by province, the provinces in alphabetical order of the page's language: a citizen looks for their own.
  const sorted = sortByName(listProvinces(db()), await getLocale(request));
  // How many in each province, each a link to the directory filtered by the service and the province: the centres
  // themselves, up to ~2,900 of them at a national catalogue, made this page 1 MB (issue 21).
  const byProvince = new Map<string, number>();
  for (const center of centersOfferingService(db(), service.id)) byProvince.set(center.provinceId, (byProvince.get(center.provinceId) ?? 0) + 1);
  return json({
    service,
    provinces: sorted.filter((p) => byProvince.has(p.id)).map((p) => ({ id: p.id, nameFa: p.nameFa, nameEn: p.nameEn, count: byProvince.get(p.id)! })),
  });
}

export default function ServicePage() {
  const { service, provinces } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const fa = i18n.language !== 'en';
  const name = fa ? service.nameFa : service.nameEn;
  const total = provinces.reduce((sum, p) => sum + p.count, 0);
  return (
    <div className="page narrow">
      <Breadcrumbs trail={[{ label: t('services.title'), to: '/services' }, { label: name }]} />
      <h1>{name}</h1>
      <p className="lead">{fa ? service.summaryFa : service.summaryEn}</p>
      <p>
        <Link className="button" to={`/feedback/new?service=${service.slug}`}>
          {t('services.sendFeedback')}
        </Link>
      </p>
      <div className="card">
        <dl className="facts">
          <dt>{t('services.audience')}</dt>
          <dd>{fa ? service.audienceFa : service.audienceEn}</dd>
          <dt>{t('services.how')}</dt>
          <dd>{fa ? service.howFa : service.howEn}</dd>
        </dl>
      </div>
      <section className="card" aria-labelledby="offered-title">
        <h2 id="offered-title">{t('services.offeredBy', { formatted: formatNumber(total, fa ? 'fa' : 'en') })}</h2>
        {provinces.length === 0 ? (
          <p>{t('services.noCenters')}</p>
        ) : (
          provinces.map((province) => (
            <details key={province.id}>
              <summary>
                {fa ? province.nameFa : province.nameEn} ({formatNumber(province.count, fa ? 'fa' : 'en')})
              </summary>
              <p>
                <Link to={`/centers?service=${service.slug}&province=${province.id}`}>
                  {t('services.inProvince', { count: province.count, n: formatNumber(province.count, fa ? 'fa' : 'en'), province: fa ? province.nameFa : province.nameEn })}
                </Link>
              </p>
            </details>
          ))
        )}
        <p>
          <Link to={`/centers?service=${service.slug}`}>{t('services.searchWith')}</Link>
        </p>
      </section>
    </div>
  );
}
