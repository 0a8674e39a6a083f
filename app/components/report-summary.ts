import type { TFunction } from 'i18next';
import { areaLabel } from './breakdown';
import { formatNumber, formatShare, type Locale } from '~/domain/dates';

/**
 * What the summary reads of a breakdown line (`BreakdownRow` in app/models/dashboard.server.ts has these and more),
 * stated here because a component does not import models (README, "Walls").
 */
export interface SummaryRow {
  /** A channel, an area, or `''` for items whose area nobody has set. */
  key: string;
  received: number;
  /** Share of the period's received items, 0–1; null when nothing was received. */
  share: number | null;
}

/** The figures a monthly report's summary speaks of (app/models/monthly-report.server.ts). */
export interface SummaryFigures {
  /** Answered in time under docs/decisions/016-figures.md: null below the small-number rule, with its cases. */
  totals: { received: number; answers: number; answeredInTime: { value: number | null; cases: number } };
  byChannel: readonly SummaryRow[];
  byArea: readonly SummaryRow[];
}

/** Items joined as a sentence says them: "a، b و c" in Persian, "a, b and c" in English. */
export function joinList(parts: string[], locale: Locale): string {
  if (locale === 'en') return new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(parts);
  return parts.length < 2 ? (parts[0] ?? '') : `${parts.slice(0, -1).join('، ')} و ${parts[parts.length - 1]}`;
}

/**
 * The report's opening in the style of the published one (docs/DESIGN.md §1): "در مهر ۱۴۰۴، ۲٬۰۸۱ پیام دریافت شد که ۸۶٪ آن
 * را کارشناسان مرکز تماس ثبت کردند…", then the areas and the share answered in time.
 */
export function summarySentence(t: TFunction, locale: Locale, report: SummaryFigures, month: string, options: { range?: boolean } = {}): string {
  const { totals } = report;
  // A custom range says "in the period", not "in the month" (its sentences use the `range` context).
  const context = options.range ? 'range' : undefined;
  const sentences: string[] = [];
  if (totals.received === 0) {
    sentences.push(t('report.sentence.none', { context, month }));
  } else {
    const channels = report.byChannel
      .filter((r) => r.received > 0)
      .map((r) => t(`report.sentence.channel.${r.key}`, { share: formatShare(r.share ?? 0, locale), defaultValue: `{{share}} (${r.key})` }));
    sentences.push(t('report.sentence.received', { context, month, count: totals.received, n: formatNumber(totals.received, locale), channels: joinList(channels, locale) }));
    const areas = report.byArea.filter((r) => r.received > 0).map((r) => t('report.sentence.areaShare', { area: areaLabel(t, r.key), share: formatShare(r.share ?? 0, locale) }));
    sentences.push(t('report.sentence.areas', { areas: areas.join(locale === 'fa' ? '، ' : ', ') }));
  }
  sentences.push(
    totals.answeredInTime.value !== null
      ? t('report.sentence.answered', {
          context,
          count: totals.answers,
          n: formatNumber(totals.answers, locale),
          share: formatShare(totals.answeredInTime.value, locale),
          cases: formatNumber(totals.answeredInTime.cases, locale),
        })
      : totals.answers > 0
        ? t('report.sentence.answeredFew', { context, count: totals.answers, n: formatNumber(totals.answers, locale) })
        : t('report.sentence.noAnswers', { context }),
  );
  return sentences.join(' ');
}
