/**
 * The strings in the browser: only the page's language. Each language is a chunk of its own, imported before
 * hydration (app/entry.client.tsx), so a visitor never downloads the other language's strings; the other one is
 * imported only if the language changes without a page load (useLanguage). The language switch itself is a link:
 * a new page, in the new language.
 */
import i18next from 'i18next';
import { useEffect } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import { i18nConfig, type AppLocale } from './config';

// One explicit import() per language, so that esbuild splits each into a chunk of its own, named after it
// (`_shared/fa-HASH.js`, `_shared/en-HASH.js`: bench/first-visit.ts finds the page's by that name).
const importStrings: Record<AppLocale, () => Promise<{ default: object }>> = {
  fa: () => import('./strings/fa'),
  en: () => import('./strings/en'),
};

/** Sets up the browser's i18next (the one React and the meta functions read) with the page's language alone. */
export async function startI18n(locale: AppLocale) {
  const { default: strings } = await importStrings[locale]();
  await i18next.use(initReactI18next).init({ ...i18nConfig, lng: locale, resources: { [locale]: { common: strings } } });
}

/** Follows the root loader's language when it changes without a page load (another tab chose the other one). */
export function useLanguage(locale: AppLocale) {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (i18n.language === locale) return;
    let current = true;
    void (async () => {
      if (!i18n.hasResourceBundle(locale, 'common')) i18n.addResourceBundle(locale, 'common', (await importStrings[locale]()).default);
      if (current) await i18n.changeLanguage(locale);
    })();
    return () => {
      current = false;
    };
  }, [i18n, locale]);
}
