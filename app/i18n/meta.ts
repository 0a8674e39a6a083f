import type { MetaDescriptor } from '@remix-run/node';
import { isLocale, type AppLocale } from './config';
import { translator } from './translate';

interface MatchLike {
  id: string;
  data: unknown;
}

export function localeFromMatches(matches: readonly MatchLike[]): AppLocale {
  const root = matches.find((m) => m.id === 'root')?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : 'fa';
}

/** `<title>` for a page: its translated heading, then the site name. */
export function pageTitle(matches: readonly MatchLike[], key: string, options?: Record<string, string>): MetaDescriptor[] {
  const t = translator(localeFromMatches(matches));
  return [{ title: `${t(key, options)} | ${t('app.name')}` }, { name: 'description', content: t('app.tagline') }];
}
