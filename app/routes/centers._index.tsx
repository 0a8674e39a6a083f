import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { db } from '~/db.server';
import { formatNumber } from '~/domain/dates';
import { pageTitle } from '~/i18n/meta';
import { listCenterOptions, listProvinces } from '~/models/catalog.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'centers.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const requested = (new URL(request.url).searchParams.get('province') ?? '').trim().toLowerCase();
  const provinces = listProvinces(db());
  const province = provinces.find((p) => p.id === requested)?.id ?? '';
  return json({ provinces, province, centers: listCenterOptions(db(), province || undefined) });
}

export default function Centers() {
  const { provinces, province, centers } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const fa = i18n.language !== 'en';
  const provinceName = new Map(provinces.map((p) => [p.id, fa ? p.nameFa : p.nameEn]));
  return (
    <div className="page">
      <h1>{t('centers.title')}</h1>
      <p className="lead">{t('centers.intro')}</p>
      <Form method="get" className="card">
        <div className="field">
          <label htmlFor="province">{t('centers.province')}</label>
          <select id="province" name="province" defaultValue={province}>
            <option value="">{t('centers.allProvinces')}</option>
            {provinces.map((p) => (
              <option key={p.id} value={p.id}>
                {provinceName.get(p.id)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('centers.show')}</button>
      </Form>
      <p role="status">{t('centers.count', { formatted: formatNumber(centers.length, fa ? 'fa' : 'en') })}</p>
      {centers.length === 0 ? (
        <p>{t('centers.empty')}</p>
      ) : (
        <ul className="center-list">
          {centers.map((c) => (
            <li key={c.id} className="card">
              <Link to={`/centers/${c.id}`}>
                <strong>{fa ? c.nameFa : c.nameEn}</strong>
              </Link>
              <div className="muted small">
                {t(`program.${c.program}`)} · {fa ? c.cityFa : c.cityEn} · {provinceName.get(c.provinceId)}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
