import type { SerializeFrom } from '@remix-run/node';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent, type Locale } from '~/domain/dates';
import { durationReading, type MapMeasure } from '~/domain/stats';
import type { DashboardRow } from '~/models/dashboard.server';
import type { dashboardPageData } from '~/routes/staff.dashboard/data.server';

export type DashboardData = SerializeFrom<typeof dashboardPageData>;
type View = DashboardData['view'];

/** The value a map tile or ranking shows for a row, per measure; null when there is nothing to judge. */
export function measureOf(row: DashboardRow | View['rows'][number], measure: MapMeasure): number | null {
  switch (measure) {
    case 'received':
      return row.received;
    case 'answeredInTime':
      return row.answeredInTimeShare;
    case 'overdue':
      return row.overdue;
    case 'satisfaction':
      return row.averageRating;
    case 'medianAnswer':
      return row.medianAnswerHours;
  }
}

/** The dashboard's data with the page's formatting of numbers, shares, durations and names, for its sections. */
export function useDashboardPage(data: DashboardData) {
  const { national, province, period, measure, view, names } = data;
  const { t, i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'fa';
  const number = (n: number) => formatNumber(n, locale);
  const percent = (share: number | null) => (share === null ? '—' : formatPercent(share, locale));
  const duration = (hours: number | null) => {
    if (hours === null) return '—';
    const reading = durationReading(hours);
    return t(`dashboard.${reading.unit}`, { value: formatNumber(reading.value, locale) });
  };
  const inTimeOf = (r: { answeredInTimeShare: number | null; answers: number }) =>
    r.answeredInTimeShare === null ? t('dashboard.noAnswers') : t('dashboard.inTimeOf', { share: percent(r.answeredInTimeShare), n: number(r.answers) });
  const rating = (value: number | null) => (value === null ? '—' : t('dashboard.ratingOf5', { value: formatNumber(value, locale) }));
  const formatMeasure = (m: MapMeasure, value: number) =>
    m === 'answeredInTime' ? percent(value) : m === 'medianAnswer' ? duration(value) : m === 'satisfaction' ? rating(value) : number(value);
  const scopeName = province ? (locale === 'fa' ? province.nameFa : province.nameEn) : t('dashboard.country');
  const rowName = (key: string) =>
    key === 'national' ? t('province.national') : key === '0' ? t('dashboard.noCenter') : (names[key]?.[locale] ?? `#${key}`);
  const search = (changes: Record<string, string | null>) => {
    const params = new URLSearchParams();
    const values = { province: national && province ? province.id : null, period: String(period), measure, ...changes };
    for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
    return `?${params.toString()}`;
  };
  const ranked = [...view.rows].filter((r) => r.received > 0 || r.open > 0).sort((a, b) => (b.answeredInTimeShare ?? -1) - (a.answeredInTimeShare ?? -1) || b.received - a.received);
  const totals = view.totals;
  return { ...data, locale, number, percent, duration, inTimeOf, rating, formatMeasure, scopeName, rowName, search, ranked, totals };
}

export type DashboardPage = ReturnType<typeof useDashboardPage>;
