import { isLocale, type AppLocale } from '../i18n/config';
import { i18next } from './i18next.server';

/** The request's language: `?lng=`, else the remembered cookie, else Persian. */
export async function getLocale(request: Request): Promise<AppLocale> {
  const locale = await i18next.getLocale(request);
  return isLocale(locale) ? locale : 'fa';
}
