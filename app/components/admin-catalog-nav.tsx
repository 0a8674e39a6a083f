import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

const LINKS = [
  { key: 'admin', to: '/staff/admin' },
  { key: 'centers', to: '/staff/admin/centers' },
  { key: 'services', to: '/staff/admin/services' },
  { key: 'settings', to: '/staff/admin/settings' },
] as const;

/** The links between the catalogue's admin pages; `current` is the page shown (none on a single centre's page). */
export function AdminCatalogNav({ current }: { current?: 'centers' | 'services' | 'settings' }) {
  const { t } = useTranslation();
  return (
    <nav className="admin-catalog-nav" aria-label={t('adminCatalog.nav.admin')}>
      {LINKS.map((link) => (
        <Link key={link.key} to={link.to} aria-current={link.key === current ? 'page' : undefined}>
          {t(`adminCatalog.nav.${link.key}`)}
        </Link>
      ))}
    </nav>
  );
}
