import { type AppLoadContext, type EntryContext } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { createInstance } from 'i18next';
import { isbot } from 'isbot';
// The web-stream renderer, not `renderToPipeableStream`: React 18.3's Node encoder sends its whole 2 KB buffer when a
// multi-byte letter does not fit at its end, NUL padding included, which broke Persian pages at every 2 KB boundary
// (a city option "جیرفت" reached the browser corrupted). The web-stream build only ever enqueues the bytes it wrote.
// tests/integration/page-bytes.test.ts reads every page's bytes.
import { renderToReadableStream } from 'react-dom/server.browser';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { NonceContext } from './components/nonce';
import { FAULT_RETRY_AFTER_SECONDS } from './domain/faults';
import { i18nConfig } from './i18n/config';
import { resources } from './i18n/resources.server';
import { i18next } from './platform/i18next.server';

const ABORT_DELAY_MS = 5_000;

/**
 * Pages that show one person's data (a citizen's item, the back office, a form's answer) are never stored by the
 * browser or a proxy: on a shared family phone the next user must not get them back from the cache, not even
 * offline (the service worker's network attempt would otherwise be answered from the HTTP cache).
 */
const PRIVATE_PAGES = /^\/(?:track|staff|feedback)(?:[/.]|$)/;

function keepPrivate(request: Request, headers: Headers) {
  if (PRIVATE_PAGES.test(new URL(request.url).pathname)) headers.set('Cache-Control', 'private, no-store');
}

/** Loader and action data of the same pages (client-side navigation) is kept out of caches the same way. */
export function handleDataRequest(response: Response, { request }: { request: Request }) {
  keepPrivate(request, response.headers);
  return response;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === 'string' ? loadContext.cspNonce : '';
  // A 503 page is a storage fault (app/services/faults.server.ts): say when to try again. A thrown response's own
  // headers do not reach a document's response in Remix, so it is set here.
  if (responseStatusCode === 503 && !responseHeaders.has('Retry-After')) responseHeaders.set('Retry-After', String(FAULT_RETRY_AFTER_SECONDS));
  const instance = createInstance();
  const lng = await i18next.getLocale(request);
  await instance.use(initReactI18next).init({ ...i18nConfig, resources, lng });

  let shellRendered = false;
  // Rendering still unfinished after the delay is aborted; the timer goes once rendering is done (or was cancelled by a
  // client that went away), since aborting a finished render writes into a closed stream and logs a stack trace.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ABORT_DELAY_MS);
  let body: Awaited<ReturnType<typeof renderToReadableStream>>;
  try {
    body = await renderToReadableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} nonce={nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        signal: controller.signal,
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged; before it, the promise rejects and Remix's error boundary renders.
          if (shellRendered) console.error(error);
        },
      },
    );
  } catch (error) {
    clearTimeout(timer);
    throw error;
  }
  shellRendered = true;
  body.allReady.then(
    () => clearTimeout(timer),
    () => clearTimeout(timer),
  );
  // Crawlers and JavaScript-less clients get the whole page at once; browsers get the shell as soon as it is ready.
  if (isbot(request.headers.get('user-agent'))) await body.allReady;

  responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
  keepPrivate(request, responseHeaders);
  return new Response(body, { headers: responseHeaders, status: responseStatusCode });
}
