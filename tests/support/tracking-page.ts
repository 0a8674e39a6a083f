/** What a citizen's browser gets back from the public forms: the code a submission redirects to, the tracking page as HTML. */
import { createInstance } from 'i18next';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server';
import { expect } from 'vitest';
import { i18nConfig } from '../../app/i18n/config';
import { resources } from '../../app/i18n/resources.server';
import * as trackCode from '../../app/routes/track.$code';
import { CookieJar, getRequest } from './http';

/** The tracking code an accepted submission redirects to (`/feedback/sent/<12 digits>`). */
export function codeOf(response: Response): string {
  expect(response.status).toBe(302);
  const match = /^\/feedback\/sent\/(\d{12})$/.exec(response.headers.get('Location') ?? '');
  expect(match).not.toBeNull();
  return match![1]!;
}

/**
 * The tracking page as HTML, the way a browser without JavaScript gets it: the real loader and the real component,
 * rendered through a static data router (only Remix's document shell is left out).
 */
export async function renderTrackingPage(code: string, jar: CookieJar): Promise<string> {
  const handler = createStaticHandler([
    { id: 'track', path: '/track/:code', loader: (args) => trackCode.loader({ ...args, context: {} }), Component: trackCode.default },
  ]);
  const context = await handler.query(getRequest(`/track/${code}`, jar));
  if (context instanceof Response) throw new Error(`the tracking page answered ${context.status}`);
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, resources, lng: 'fa' });
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(I18nextProvider, { i18n }, createElement(StaticRouterProvider, { router, context, hydrate: false })));
}
