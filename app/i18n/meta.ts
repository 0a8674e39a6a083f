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

interface MetaArgsLike {
  matches: readonly MatchLike[];
  location: { pathname: string; search: string };
}

/**
 * The head of a public page: title, description, and the canonical and `hreflang` links of its Persian and English
 * versions (the same address; English adds `lng=en`). Filters and page numbers stay in the address: each is a page.
 */
export function publicPageMeta({ matches, location }: MetaArgsLike, page: { title: string; description?: string }): MetaDescriptor[] {
  const locale = localeFromMatches(matches);
  const t = translator(locale);
  const base = (matches.find((m) => m.id === 'root')?.data as { publicUrl?: string } | undefined)?.publicUrl ?? '';
  const params = new URLSearchParams(location.search);
  params.delete('lng');
  const query = params.toString();
  const faUrl = `${base}${location.pathname}${query ? `?${query}` : ''}`;
  params.set('lng', 'en');
  const enUrl = `${base}${location.pathname}?${params}`;
  return [
    { title: `${page.title} | ${t('app.name')}` },
    { name: 'description', content: page.description ?? t('app.tagline') },
    { tagName: 'link', rel: 'canonical', href: locale === 'en' ? enUrl : faUrl },
    { tagName: 'link', rel: 'alternate', hrefLang: 'fa', href: faUrl },
    { tagName: 'link', rel: 'alternate', hrefLang: 'en', href: enUrl },
    { tagName: 'link', rel: 'alternate', hrefLang: 'x-default', href: faUrl },
  ];
}

/** The translator of the page's language, for meta functions that build their own title. */
export function metaTranslator(matches: readonly MatchLike[]) {
  return translator(localeFromMatches(matches));
}
