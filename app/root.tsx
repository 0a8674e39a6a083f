import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorPage } from './components/error-page';
import { SiteFooter, SiteHeader } from './components/site-chrome';
import { useNonce } from './components/nonce';
import { getConfig } from './platform/config.server';
import { useLanguage } from './i18n/browser';
import { directionOf, isLocale, type AppLocale } from './i18n/config';
import { pageTitle } from './i18n/meta';
import { i18next, localeCookie } from './platform/i18next.server';
import styles from './styles/app.css';

export const links: LinksFunction = () => [
  { rel: 'preload', href: '/fonts/v33/Vazirmatn-NL-Regular.woff2', as: 'font', type: 'font/woff2', crossOrigin: 'anonymous' },
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  { rel: 'manifest', href: '/manifest.webmanifest' },
  { rel: 'apple-touch-icon', href: '/icons/apple-touch-icon.png' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = (await i18next.getLocale(request)) as AppLocale;
  const chosen = new URL(request.url).searchParams.get('lng');
  const headers = new Headers();
  if (isLocale(chosen)) headers.append('Set-Cookie', await localeCookie.serialize(chosen));
  // The build tells the service worker when to take a fresh copy of the offline page (public/sw-register.js).
  return json({ locale, demo: getConfig().demoData, publicUrl: getConfig().publicUrl, build: context.buildVersion ?? null }, { headers });
}

export const handle = { i18n: 'common' };

/**
 * What a route's `handle` may say about its page's scripts (Remix's pattern for pages without JavaScript):
 *  - `hydrate: false`: the page is HTML and CSS only, without the app's bundle: it works the same without it (the
 *    home page: text and links, ~150 KB less on a first visit; the offline page);
 *  - `serviceWorker: false`: not even the service worker's installer (the offline page, which the worker itself shows).
 * A page reached by a link inside the running app keeps the app running; only a page loaded as a whole goes without.
 */
export interface PageScripts {
  hydrate?: false;
  serviceWorker?: false;
  /**
   * A page without the app that still has a few small browser helps (the form's checks, the centre finder, the copy
   * button, the table's scroll shadows): `public/citizen.js`, plain script of a few KB, found by its `data-*`
   * attributes in the HTML (decision 015).
   */
  enhance?: true;
}

/** The default title, and the error page's own (a route that throws shows this boundary, never its own meta). */
export const meta: MetaFunction = ({ error, matches }) => {
  if (!error) return pageTitle(matches, 'app.fullName');
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return pageTitle(matches, notFound ? 'errorPage.notFoundTitle' : 'errorPage.errorTitle');
};

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root');
  const { i18n } = useTranslation();
  const locale: AppLocale = data?.locale ?? (isLocale(i18n.language) ? i18n.language : 'fa');
  const nonce = useNonce();
  const handles = useMatches().map((m) => (m.handle ?? {}) as PageScripts);
  const hydrate = !handles.some((h) => h.hydrate === false);
  const installServiceWorker = !handles.some((h) => h.serviceWorker === false);
  const enhance = !hydrate && handles.some((h) => h.enhance === true);
  // The build in the address: public/ files are cached for an hour, a new deployment must not meet an old script.
  const build = data?.build ? `?v=${data.build}` : '';
  return (
    <html lang={locale} dir={directionOf(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b5d57" />
        <Meta />
        <Links />
      </head>
      <body>
        <SiteHeader locale={locale} />
        {data?.demo ? <DemoBanner /> : null}
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
        {hydrate ? <ScrollRestoration nonce={nonce} /> : null}
        {hydrate ? <Scripts nonce={nonce} /> : null}
        {enhance ? <script src={`/citizen.js${build}`} defer /> : null}
        {installServiceWorker ? <script src="/sw-register.js" defer data-build={data?.build ?? undefined} /> : null}
      </body>
    </html>
  );
}

function DemoBanner() {
  const { t } = useTranslation();
  return (
    <p className="demo-banner" role="note">
      {t('demo.banner')}
    </p>
  );
}

export default function App() {
  const data = useRouteLoaderData<typeof loader>('root');
  useLanguage(data?.locale ?? 'fa');
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // 503 is a storage fault (app/services/faults.server.ts), already logged once there; 413 a body past the limits.
  if (status !== 404 && status !== 503 && status !== 413) console.error(error);
  return <ErrorPage kind={status === 404 ? 'notFound' : status === 503 ? 'busy' : status === 413 ? 'tooLarge' : 'error'} />;
}
