import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireStaff } from '~/sessions/staff.server';
import { Breadcrumbs } from '~/components/breadcrumbs';
import { FilterSubmit } from '~/components/form';
import { db } from '~/platform/db.server';
import { auditFieldLabelKeys, auditNoActorKey, auditValueKind } from '~/domain/audit-labels';
import { formatDateTime, formatNumber } from '~/domain/dates';
import { auditQuerySchema } from '~/domain/staff-admin-schema';
import { pageTitle } from '~/i18n/meta';
import { listAllServices } from '~/models/catalog-admin.server';
import { listProvinces } from '~/models/catalog.server';
import { auditEntities, auditPage } from '~/models/staff-admin.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'admin.audit.title'), { name: 'robots', content: 'noindex' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'admin:manage');
  const params = new URL(request.url).searchParams;
  const query = auditQuerySchema.parse({ entity: params.get('entity') ?? '', id: params.get('id') ?? '', before: params.get('before') ?? '' });
  const page = auditPage(db(), query);
  const provinces = listProvinces(db()).map((p) => ({ id: p.id, nameFa: p.nameFa, nameEn: p.nameEn }));
  const services = listAllServices(db()).map((s) => ({ id: s.id, nameFa: s.nameFa, nameEn: s.nameEn }));
  return json({ user, query, entities: auditEntities(db()), provinces, services, ...page });
}

export default function AuditLog() {
  const { query, entities, provinces, services, entries, older } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const provinceName = new Map(provinces.map((p) => [p.id, locale === 'en' ? p.nameEn : p.nameFa]));
  const serviceName = new Map(services.map((s) => [s.id, locale === 'en' ? s.nameEn : s.nameFa]));
  const list = (values: string[]) => values.join(locale === 'en' ? ', ' : '، ');
  /** A before/after value in words: roles, provinces, programmes, weekdays and services by name, dates in the locale's calendar. */
  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'boolean') return value ? t('admin.yes') : t('admin.no');
    const kind = auditValueKind(field);
    if (Array.isArray(value)) {
      if (value.length === 0) return '—';
      if (kind === 'weekdays') return list(value.map((d) => t(`adminCatalog.weekday.${d}`, { defaultValue: String(d) })));
      if (kind === 'services') return list(value.map((id) => serviceName.get(Number(id)) ?? `#${id}`));
      return list(value.map((v) => (typeof v === 'number' ? formatNumber(v, locale) : String(v))));
    }
    if (typeof value === 'number') return formatNumber(value, locale);
    if (typeof value !== 'string') return JSON.stringify(value);
    if (kind === 'role') return t(`role.${value}`, { defaultValue: value });
    if (kind === 'province') return provinceName.get(value) ?? value;
    if (kind === 'program') return t(`program.${value}`, { defaultValue: value });
    if (kind === 'factor') return t(`admin.audit.factors.${value}`, { defaultValue: value });
    if (field.endsWith('At') && !Number.isNaN(Date.parse(value))) return formatDateTime(new Date(value), locale);
    return value;
  };
  /** A changed field's name; nested settings read as their parts, e.g. "complaint › final answer". */
  const label = (entity: string, field: string) =>
    auditFieldLabelKeys(entity, field)
      .map((keys, i) => t(keys, { defaultValue: field.split('.')[i] }))
      .join(' › ');
  const olderParams = new URLSearchParams();
  if (query.entity) olderParams.set('entity', query.entity);
  if (query.entity && query.id) olderParams.set('id', query.id);
  if (older !== null) olderParams.set('before', String(older));
  return (
    <div className="page">
      <Breadcrumbs fromHome={false} trail={[{ label: t('admin.title'), to: '/staff/admin' }, { label: t('admin.audit.title') }]} />
      <h1>{t('admin.audit.title')}</h1>
      <p className="muted">{t('admin.audit.intro')}</p>
      <Form method="get" className="card filter-row">
        <div className="field">
          <label htmlFor="entity">{t('admin.audit.entity')}</label>
          <select id="entity" name="entity" defaultValue={query.entity}>
            <option value="">{t('admin.audit.allEntities')}</option>
            {entities.map((e) => (
              <option key={e} value={e}>
                {t(`admin.audit.entities.${e}`, { defaultValue: e })}
              </option>
            ))}
          </select>
        </div>
        <FilterSubmit label={t('admin.audit.filter')} />
      </Form>
      {query.entity && query.id ? (
        <p className="notice" role="status">
          {t('admin.audit.oneRecord', { entity: t(`admin.audit.entities.${query.entity}`, { defaultValue: query.entity }), id: query.id })}{' '}
          <Link to={`/staff/admin/audit?entity=${encodeURIComponent(query.entity)}`}>{t('admin.audit.showAll')}</Link>
        </p>
      ) : null}
      {entries.length === 0 ? (
        <p>{t('admin.audit.empty')}</p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">{t('admin.audit.at')}</th>
              <th scope="col">{t('admin.audit.actor')}</th>
              <th scope="col">{t('admin.audit.action')}</th>
              <th scope="col">{t('admin.audit.entity')}</th>
              <th scope="col">{t('admin.audit.changes')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="audit-entry">
                <td data-label={t('admin.audit.at')}>{formatDateTime(new Date(e.at), locale)}</td>
                <td data-label={t('admin.audit.actor')}>{e.actor ? <bdi dir="ltr">{e.actor}</bdi> : t(auditNoActorKey(e.action))}</td>
                <td data-label={t('admin.audit.action')}>{t(`admin.audit.actions.${e.action}`, { defaultValue: e.action })}</td>
                <td data-label={t('admin.audit.entity')}>
                  {t(`admin.audit.entities.${e.entity}`, { defaultValue: e.entity })}{' '}
                  {e.entity === 'user' ? (
                    <Link to={`/staff/admin/users/${encodeURIComponent(e.entityId)}`}>
                      <bdi dir="ltr">#{e.entityId}</bdi>
                    </Link>
                  ) : (
                    <bdi dir="ltr">#{e.entityId}</bdi>
                  )}
                </td>
                <td data-label={t('admin.audit.changes')}>
                  {e.changes.length === 0 ? (
                    '—'
                  ) : (
                    <ul className="audit-changes">
                      {e.changes.map((c) => (
                        <li key={c.field}>
                          {label(e.entity, c.field)}: <bdi>{show(c.field, c.before)}</bdi> {t('admin.audit.arrow')} <bdi>{show(c.field, c.after)}</bdi>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {older !== null ? (
        <nav className="pagination" aria-label={t('admin.audit.paging')}>
          <Link to={`/staff/admin/audit?${olderParams.toString()}`} rel="next">
            {t('admin.audit.older')}
          </Link>
        </nav>
      ) : null}
    </div>
  );
}
