import { RemixBrowser } from '@remix-run/react';
import i18next from 'i18next';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { i18nConfig, isLocale, DEFAULT_LOCALE } from './i18n/config';

async function hydrate() {
  // The server already chose the language and wrote it into <html lang>.
  const lang = document.documentElement.lang;
  await i18next.use(initReactI18next).init({ ...i18nConfig, lng: isLocale(lang) ? lang : DEFAULT_LOCALE });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

/**
 * Installs the service worker (public/sw.js: the offline page, never a page's content) where the browser has them,
 * once the page has loaded, and tells it this page's language and build, so that without a connection it shows the
 * offline page in the same language and takes a fresh copy after a new deployment. Pages never depend on it.
 */
function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  const start = () => {
    navigator.serviceWorker
      .register('/sw.js', { scope: '/' })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        const build = (window as { __remixManifest?: { version?: string } }).__remixManifest?.version;
        registration.active?.postMessage({ type: 'page', lang: document.documentElement.lang, build });
      })
      .catch(() => undefined); // no service worker (private mode, blocked by policy): the site works the same
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}

void hydrate().then(registerServiceWorker);
