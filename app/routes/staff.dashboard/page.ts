import type { SerializeFrom } from '@remix-run/node';
import { useTranslation } from 'react-i18next';
import { useFigureText } from '~/components/figure-view';
import { formatPercent, type Locale } from '~/domain/dates';
import { rankByInTime } from '~/domain/figures';
import { type MapMeasure } from '~/domain/stats';
import type { DashboardRow } from '~/models/dashboard.server';
import type { dashboardPageData } from '~/routes/staff.dashboard/data.server';

export type DashboardData = SerializeFrom<typeof dashboardPageData>;
type View = DashboardData['view'];

/** The value a map tile or ranking shows for a row, per measure; null when there is nothing to judge (or too few cases). */
export function measureOf(row: DashboardRow | View['rows'][number], measure: MapMeasure): number | null {
  switch (measure) {
    case 'received':
      return row.received;
    case 'answeredInTime':
      return row.answeredInTime.value;
    case 'overdue':
      return row.overdueUnanswered;
    case 'satisfaction':
      return row.satisfaction.value;
    case 'medianAnswer':
      return row.medianAnswerDays.value;
  }
}

/** The dashboard's data with the page's formatting of numbers, shares, durations and names, for its sections. */
export function useDashboardPage(data: DashboardData) {
  const { national, province, period, measure, view, names, rangeInput } = data;
  const { t, i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'fa';
  const text = useFigureText(locale);
  const number = text.number;
  const percent = (share: number | null) => (share === null ? '—' : formatPercent(share, locale));
  const formatMeasure = (m: MapMeasure, value: number) =>
    m === 'answeredInTime' ? text.value('share', value) : m === 'medianAnswer' ? text.value('days', value) : m === 'satisfaction' ? text.value('rating', value) : number(value);
  const scopeName = province ? (locale === 'fa' ? province.nameFa : province.nameEn) : t('dashboard.country');
  const rowName = (key: string) =>
    key === 'national' ? t('province.national') : key === '0' ? t('dashboard.noCenter') : (names[key]?.[locale] ?? `#${key}`);
  const custom = view.period === null;
  const search = (changes: Record<string, string | null>) => {
    const params = new URLSearchParams();
    const values = {
      province: national && province ? province.id : null,
      period: custom ? null : String(period),
      from: custom ? rangeInput.from : null,
      to: custom ? rangeInput.to : null,
      measure,
      ...changes,
    };
    for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
    return `?${params.toString()}`;
  };
  const shown = view.rows.filter((r) => r.received > 0 || r.open > 0 || r.answers > 0 || r.overdueUnanswered > 0);
  const { ranked, unranked } = rankByInTime(shown);
  const totals = view.totals;
  return { ...data, locale, text, number, percent, formatMeasure, scopeName, rowName, search, ranked, unranked, totals, custom };
}
export type DashboardPage = ReturnType<typeof useDashboardPage>;
