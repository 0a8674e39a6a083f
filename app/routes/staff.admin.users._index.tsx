import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireStaff } from '~/sessions/staff.server';
import { Breadcrumbs } from '~/components/breadcrumbs';
import { db } from '~/platform/db.server';
import { pageTitle } from '~/i18n/meta';
import { listProvinces } from '~/models/catalog.server';
import { listStaffUsers } from '~/models/staff-admin.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'admin.users.title'), { name: 'robots', content: 'noindex' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'admin:manage');
  const provinces = listProvinces(db()).map((p) => ({ id: p.id, nameFa: p.nameFa, nameEn: p.nameEn }));
  const users = listStaffUsers(db()).map(({ createdAt: _c, passwordChangedAt: _p, ...u }) => u);
  return json({ user, users, provinces });
}

export default function AdminUsers() {
  const { users, provinces } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const provinceName = new Map(provinces.map((p) => [p.id, en ? p.nameEn : p.nameFa]));
  return (
    <div className="page">
      <Breadcrumbs fromHome={false} trail={[{ label: t('admin.title'), to: '/staff/admin' }, { label: t('admin.users.title') }]} />
      <h1>{t('admin.users.title')}</h1>
      <p className="actions">
        <Link to="/staff/admin/users/new" className="button">
          {t('admin.users.new')}
        </Link>
      </p>
      <table className="list">
        <thead>
          <tr>
            <th scope="col">{t('admin.fields.username')}</th>
            <th scope="col">{t('admin.fields.displayName')}</th>
            <th scope="col">{t('admin.fields.role')}</th>
            <th scope="col">{t('admin.fields.provinceId')}</th>
            <th scope="col">{t('admin.fields.active')}</th>
            <th scope="col">{t('admin.fields.locked')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid="staff-user">
              <td data-label={t('admin.fields.username')}>
                <Link to={`/staff/admin/users/${u.id}`} dir="ltr" className="code-inline">
                  {u.username}
                </Link>
              </td>
              <td data-label={t('admin.fields.displayName')}>{u.displayName}</td>
              <td data-label={t('admin.fields.role')}>{t(`role.${u.role}`)}</td>
              <td data-label={t('admin.fields.provinceId')}>{u.provinceId ? provinceName.get(u.provinceId) ?? u.provinceId : '—'}</td>
              <td data-label={t('admin.fields.active')}>{u.active ? t('admin.yes') : <strong>{t('admin.users.inactive')}</strong>}</td>
              <td data-label={t('admin.fields.locked')}>{u.locked ? <strong>{t('admin.users.locked')}</strong> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
