import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { db } from '~/db.server';
import { formatDateTime } from '~/domain/dates';
import { normalizeDigits, toPersianDigits } from '~/domain/persian';
import { localeFromMatches } from '~/i18n/meta';
import { translator } from '~/i18n/translate';
import { findCenter, findProvince, servicesOfCenter, upcomingProgrammes } from '~/models/catalog.server';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const locale = localeFromMatches(matches);
  const name = data ? (locale === 'fa' ? data.center.nameFa : data.center.nameEn) : '';
  return [{ title: `${name} | ${translator(locale)('app.name')}` }];
};

export async function loader({ params }: LoaderFunctionArgs) {
  const id = normalizeDigits(params.id ?? '');
  const center = /^\d{1,10}$/.test(id) ? findCenter(db(), Number(id)) : undefined;
  if (!center) throw new Response('Not Found', { status: 404 });
  return json({
    center,
    province: findProvince(db(), center.provinceId)!,
    services: servicesOfCenter(db(), center.id),
    programmes: upcomingProgrammes(db(), center.id),
  });
}

export default function CenterPage() {
  const { center, province, services, programmes } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const fa = locale === 'fa';
  return (
    <div className="page narrow">
      <p className="muted small">
        <Link to={`/centers?province=${province.id}`}>{fa ? province.nameFa : province.nameEn}</Link> · {t(`program.${center.program}`)}
        {center.isDemo ? ` · ${t('centers.demo')}` : ''}
      </p>
      <h1>{fa ? center.nameFa : center.nameEn}</h1>
      <p>
        <Link className="button" to={`/feedback/new?center=${center.id}`}>
          {t('centers.sendFeedback')}
        </Link>
      </p>
      <div className="card">
        <dl className="facts">
          <dt>{t('centers.operator')}</dt>
          <dd>{fa ? center.operatorFa : center.operatorEn}</dd>
          <dt>{t('centers.address')}</dt>
          <dd>{fa ? center.addressFa : center.addressEn}</dd>
          <dt>{t('centers.phone')}</dt>
          <dd>
            <a href={`tel:${center.phone.replace(/[^\d+]/g, '')}`} dir="ltr">
              {fa ? toPersianDigits(center.phone) : center.phone}
            </a>
          </dd>
          <dt>{t('centers.hours')}</dt>
          <dd>{fa ? center.hoursFa : center.hoursEn}</dd>
        </dl>
      </div>
      <section className="card">
        <h2>{t('centers.services')}</h2>
        <ul>
          {services.map((s) => (
            <li key={s.id}>{fa ? s.nameFa : s.nameEn}</li>
          ))}
        </ul>
      </section>
      <section className="card">
        <h2>{t('centers.programmes')}</h2>
        {programmes.length === 0 ? (
          <p>{t('centers.noProgrammes')}</p>
        ) : (
          <ul>
            {programmes.map((p) => (
              <li key={p.id}>
                <strong>{fa ? p.titleFa : p.titleEn}</strong> — {formatDateTime(new Date(p.startsAt), locale)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
