import type { MetaFunction } from '@remix-run/node';
import { useTranslation } from 'react-i18next';
import { pageTitle } from '~/i18n/meta';
import type { PageScripts } from '~/root';

/**
 * The page the service worker (public/sw.js) shows when a page cannot load for want of a connection. It keeps a
 * copy of /offline?lng=fa and /offline?lng=en and shows it at the address that failed, so the page is plain HTML
 * and CSS: no scripts at all (its handle says so: PageScripts in root.tsx), links that work without them, and
 * "try again" is a link to the address it is shown at (href="").
 */
export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'offline.title'), { name: 'robots', content: 'noindex' }];

export const handle: PageScripts = { hydrate: false, serviceWorker: false };

export default function Offline() {
  const { t } = useTranslation();
  return (
    <div className="page narrow offline-page" data-testid="offline-page">
      <h1>{t('offline.title')}</h1>
      <p className="lead">{t('offline.intro')}</p>
      <p>
        {/* An empty href is this very address: the page the visitor wanted, wherever the offline page is shown. */}
        <a className="button" href="">
          {t('offline.retry')}
        </a>
      </p>
      <section className="card" aria-labelledby="offline-still">
        <h2 id="offline-still">{t('offline.stillTitle')}</h2>
        <ul>
          <li>
            <a href="tel:1482">{t('offline.call')}</a>
            {t('offline.callWhat')}
          </li>
          <li>{t('offline.keepCode')}</li>
        </ul>
      </section>
      <p>
        <a href="/">{t('offline.home')}</a>
      </p>
    </div>
  );
}
