import { json, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Breadcrumbs } from '~/components/breadcrumbs';
import { db } from '~/platform/db.server';
import { metaTranslator, publicPageMeta } from '~/i18n/meta';
import { listServices } from '~/models/catalog.server';
import type { PageScripts } from '~/root';

// A citizen page: HTML and CSS without the app's bundle (decision 015).
export const handle: PageScripts = { hydrate: false };

export const meta: MetaFunction = (args) => {
  const t = metaTranslator(args.matches);
  return publicPageMeta(args, { title: t('services.title'), description: t('services.intro') });
};

export async function loader() {
  return json({ services: listServices(db()) });
}

export default function Services() {
  const { services } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const fa = i18n.language !== 'en';
  return (
    <div className="page">
      <Breadcrumbs trail={[{ label: t('services.title') }]} />
      <h1>{t('services.title')}</h1>
      <p className="lead">{t('services.intro')}</p>
      <ul className="center-list">
        {services.map((s) => (
          <li key={s.id} className="card">
            <h2 className="card-title">
              <Link to={`/services/${s.slug}`}>{fa ? s.nameFa : s.nameEn}</Link>
            </h2>
            <p>{fa ? s.summaryFa : s.summaryEn}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
