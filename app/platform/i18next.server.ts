import { createCookie } from '@remix-run/node';
import { RemixI18Next } from 'remix-i18next/server';
import { DEFAULT_LOCALE, i18nConfig, SUPPORTED_LOCALES } from '../i18n/config';
import { resources } from '../i18n/resources.server';

/** Remembers the language chosen with `?lng=`; not HttpOnly-sensitive, but kept HttpOnly anyway. */
export const localeCookie = createCookie('lng', { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LOCALES],
    fallbackLanguage: DEFAULT_LOCALE,
    cookie: localeCookie,
    // Persian first: the browser's Accept-Language is not consulted, only an explicit choice.
    order: ['searchParams', 'cookie'],
  },
  i18next: { ...i18nConfig, resources },
});
