/**
 * User-facing dates (DESIGN §6): Asia/Tehran time; Solar Hijri calendar with Persian digits for `fa`,
 * Gregorian with Latin digits for `en`. Only Intl: no hand-written calendar arithmetic.
 */
export const TEHRAN = 'Asia/Tehran';

export type Locale = 'fa' | 'en';

const intlLocale = (locale: Locale) => (locale === 'fa' ? 'fa-IR-u-ca-persian-nu-arabext' : 'en-GB-u-ca-gregory');

export function formatDateTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: TEHRAN,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

export function formatDate(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: TEHRAN,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(date);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fa' ? 'fa-IR' : 'en-GB').format(value);
}

/** A share (0–1) as a whole percentage, with the locale's digits and percent sign. */
export function formatPercent(share: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fa' ? 'fa-IR' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(share);
}
