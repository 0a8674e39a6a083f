import { Link, NavLink, useLocation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { AppLocale } from '~/i18n/config';

/** The same page in the other language: the current URL with `lng` set (the server remembers it in a cookie). */
function useOtherLanguageHref(locale: AppLocale) {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.set('lng', locale === 'fa' ? 'en' : 'fa');
  return `${location.pathname}?${params.toString()}`;
}

export function SiteHeader({ locale }: { locale: AppLocale }) {
  const { t } = useTranslation();
  const otherHref = useOtherLanguageHref(locale);
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <div className="site-header__inner">
        <Link to="/" className="brand">
          <BrandMark label={t('app.logo')} />
          <span>
            <span className="brand__name">{t('app.name')}</span>
            <span className="brand__org">{t('app.org')}</span>
          </span>
        </Link>
        <nav aria-label={t('nav.label')} className="site-nav">
          <NavLink to="/centers">{t('nav.centers')}</NavLink>
          <NavLink to="/feedback/new">{t('nav.feedback')}</NavLink>
          <NavLink to="/track">{t('nav.track')}</NavLink>
          <a href={otherHref} lang={locale === 'fa' ? 'en' : 'fa'} hrefLang={locale === 'fa' ? 'en' : 'fa'} aria-label={t('nav.switchLanguageLabel')}>
            {t('nav.switchLanguage')}
          </a>
        </nav>
      </div>
    </header>
  );
}

/**
 * The portal's mark, an open eye (دیده‌بان, "the one who watches") in a disc like the favicon's: inline SVG, so it
 * needs no request and draws offline, in the header's colours; symmetric, so it reads the same in RTL and LTR.
 */
function BrandMark({ label }: { label: string }) {
  return (
    <svg className="brand__mark" viewBox="0 0 32 32" width="32" height="32" role="img" aria-label={label} focusable="false">
      <circle cx="16" cy="16" r="15" className="brand__disc" />
      <path d="M3.5 16 Q16 3.5 28.5 16 Q16 28.5 3.5 16 Z" className="brand__eye" />
      <circle cx="16" cy="16" r="5.2" className="brand__disc" />
      <circle cx="16" cy="16" r="2.4" className="brand__eye" />
    </svg>
  );
}

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <p>
        {t('app.org')} · {t('footer.line')} · <Link to="/services">{t('nav.services')}</Link> · <Link to="/stats">{t('stats.title')}</Link> · <Link to="/privacy">{t('footer.privacy')}</Link> ·{' '}
        <Link to="/staff/login">{t('nav.staff')}</Link>
      </p>
    </footer>
  );
}
