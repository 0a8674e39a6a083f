import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

export interface Crumb {
  label: string;
  to?: string;
}

/**
 * Where the page sits, from the home page (or, in the back office, from the first crumb given: `fromHome={false}`);
 * the last crumb is the page itself (not a link).
 */
export function Breadcrumbs({ trail, fromHome = true }: { trail: readonly Crumb[]; fromHome?: boolean }) {
  const { t } = useTranslation();
  const crumbs: Crumb[] = fromHome ? [{ label: t('nav.home'), to: '/' }, ...trail] : [...trail];
  return (
    <nav aria-label={t('nav.breadcrumbs')} className="breadcrumbs">
      <ol>
        {crumbs.map((crumb, index) => (
          <li key={`${index}-${crumb.label}`}>
            {crumb.to && index < crumbs.length - 1 ? <Link to={crumb.to}>{crumb.label}</Link> : <span aria-current="page">{crumb.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
