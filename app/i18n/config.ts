/**
 * i18next settings shared by the server, the browser and plain modules (notifications, workers). The strings are not
 * here: the server has both languages (./resources.server.ts), the browser only its page's (./browser.ts).
 */
export const SUPPORTED_LOCALES = ['fa', 'en'] as const;
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = 'fa';

export const i18nConfig = {
  supportedLngs: [...SUPPORTED_LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: 'common',
  ns: ['common'],
  interpolation: { escapeValue: false }, // React escapes; plain-text messages must not get HTML entities
  react: { useSuspense: false },
};

export function isLocale(value: unknown): value is AppLocale {
  return value === 'fa' || value === 'en';
}

export function directionOf(locale: AppLocale): 'rtl' | 'ltr' {
  return locale === 'fa' ? 'rtl' : 'ltr';
}
