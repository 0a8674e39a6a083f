import { formatNumber, type Locale } from '~/domain/dates';
import { toPersianDigits } from '~/domain/persian';

/**
 * Shared text helpers for the chart components. The components are presentational: every visible string can be
 * passed in by the route (from i18next); the defaults below only keep them usable without it.
 */

export type ChartLocale = Locale;

/** A number formatter whose output always uses the locale's digits (Persian digits for `fa`). */
export function localFormatter(locale: ChartLocale, format?: (n: number) => string): (n: number) => string {
  const base = format ?? ((n: number) => formatNumber(n, locale));
  return locale === 'fa' ? (n) => toPersianDigits(base(n)) : base;
}

/** Text supplied by the caller (time labels), with Persian digits in the Persian interface. */
export function localDigits(locale: ChartLocale, text: string): string {
  return locale === 'fa' ? toPersianDigits(text) : text;
}

export const DEFAULT_CHART_LABELS = {
  fa: {
    dataTable: 'جدول داده‌ها',
    period: 'دوره',
    noData: 'بدون داده',
    noValue: 'بدون مقدار',
    seeTable: 'اعداد در جدول داده‌ها پس از نمودار آمده است.',
    province: 'استان',
    noDataOrFew: 'بدون داده یا کمتر از ۵ مورد',
    mapNote: 'هر استان یک خانهٔ هم‌اندازه است و جای خانه‌ها تقریبی است، نه مرز واقعی.',
  },
  en: {
    dataTable: 'Data table',
    period: 'Period',
    noData: 'No data',
    noValue: 'no value',
    seeTable: 'The numbers are in the data table after the chart.',
    province: 'Province',
    noDataOrFew: 'No data, or fewer than 5 items',
    mapNote: 'Each province is one equal tile placed roughly where it lies; these are not real borders.',
  },
} as const satisfies Record<ChartLocale, Record<string, string>>;

/** Rough width of a label in SVG user units, for thinning and fitting; generous so labels never collide. */
export function estimateTextWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * 0.58;
}

/** Coordinates written into SVG attributes: finite, at most two decimals (no NaN/Infinity ever reaches markup). */
export function coord(n: number): number {
  return Number.isFinite(n) ? Math.round(n * 100) / 100 : 0;
}
