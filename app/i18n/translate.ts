/**
 * A translator for code outside React (notification texts, server-side messages). Resources are bundled,
 * so creating one is synchronous.
 */
import { createInstance, type TFunction } from 'i18next';
import { i18nConfig, type AppLocale } from './config';

const translators = new Map<AppLocale, TFunction>();

export function translator(locale: AppLocale): TFunction {
  let t = translators.get(locale);
  if (!t) {
    const instance = createInstance();
    void instance.init({ ...i18nConfig, lng: locale, initImmediate: false });
    t = instance.t.bind(instance) as TFunction;
    translators.set(locale, t);
  }
  return t;
}
