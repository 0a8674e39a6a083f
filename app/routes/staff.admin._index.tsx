import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireStaff } from '~/sessions/staff.server';
import { pageTitle } from '~/i18n/meta';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'admin.title'), { name: 'robots', content: 'noindex' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'admin:manage');
  return json({ user });
}

/** The admin's landing page: where users, centres, settings, Open311 API keys, the audit log and undelivered messages are kept. */
const SECTIONS = [
  { to: '/staff/admin/users', key: 'users' },
  { to: '/staff/admin/centers', key: 'centers' },
  { to: '/staff/admin/settings', key: 'settings' },
  { to: '/staff/admin/organizations', key: 'organizations' },
  { to: '/staff/admin/api-keys', key: 'apiKeys' },
  { to: '/staff/admin/audit', key: 'audit' },
  { to: '/staff/outbox', key: 'outbox' },
] as const;

export default function AdminHome() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('admin.title')}</h1>
      <p className="muted">{t('admin.intro')}</p>
      <div className="starts">
        {SECTIONS.map((s) => (
          <Link key={s.key} to={s.to} className="start">
            <strong>{t(`admin.sections.${s.key}`)}</strong>
            <span>{t(`admin.sections.${s.key}Hint`)}</span>
          </Link>
        ))}
      </div>
    </div>
  );
}
