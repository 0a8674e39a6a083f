/**
 * A translator for code outside React: notification texts, server-side messages, and the routes' meta functions
 * (which run in the browser too). On the server the strings are bundled, so creating one is synchronous.
 */
import i18next, { createInstance, type TFunction } from 'i18next';
import { i18nConfig, type AppLocale } from './config';
import { resources } from './resources.server';

const translators = new Map<AppLocale, TFunction>();

export function translator(locale: AppLocale): TFunction {
  // In the browser `resources` is undefined (an empty module stands for `*.server` files there): the browser's own
  // i18next has the page's language (./browser.ts).
  if (!resources) return i18next.getFixedT(locale);
  let t = translators.get(locale);
  if (!t) {
    const instance = createInstance();
    void instance.init({ ...i18nConfig, resources, lng: locale, initImmediate: false });
    t = instance.t.bind(instance) as TFunction;
    translators.set(locale, t);
  }
  return t;
}
