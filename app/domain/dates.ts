/**
 * User-facing dates (docs/DESIGN.md §6): Asia/Tehran time; Solar Hijri calendar with Persian digits for `fa`,
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
  return formatShareTo(share, locale, 0);
}

/**
 * A share as a percentage in the style of the public report (docs/DESIGN.md §1: "68 %, … 2.5 %, 0.3 %"): whole percents from
 * 10 % up, one decimal below, so a small field does not read as 0 %.
 */
export function formatShare(share: number, locale: Locale): string {
  return formatShareTo(share, locale, share < 0.1 ? 1 : 0);
}

function formatShareTo(share: number, locale: Locale, decimals: number): string {
  return new Intl.NumberFormat(locale === 'fa' ? 'fa-IR' : 'en-GB', { style: 'percent', maximumFractionDigits: decimals }).format(share);
}

const solarNumeric = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: TEHRAN, year: 'numeric', month: '2-digit', day: '2-digit' });

/** A Solar Hijri date as `1405/09/02` with Latin digits: for spreadsheets, where it sorts and filters as text. */
export function solarDateNumeric(date: Date): string {
  const parts = Object.fromEntries(solarNumeric.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}/${parts.month}/${parts.day}`;
}

/** A day as "۲ آذر" / "23 Nov": for chart axes, where the year would crowd the labels. */
export function formatDayMonth(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TEHRAN, month: locale === 'fa' ? 'long' : 'short', day: 'numeric' }).format(date);
}

const tehranClock = new Intl.DateTimeFormat('en-GB', { timeZone: TEHRAN, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/**
 * A deadline, written one way on every page, message and export a person reads (citizen and staff): the last whole
 * Tehran day it allows, as "پایان ۲۹ آذر ۱۴۰۵" / "end of 20 December 2026". Deadlines are stored as the instant the
 * next day starts (app/domain/calendar.ts addWorkingDays), so that instant minus a moment is the day. A deadline in
 * the middle of a day (the appeal window: an answer's time plus N days) is rounded down to the day before, never up,
 * so the page never promises more time than the server allows. Sentences put it after "تا" / "by".
 */
export function formatDeadline(due: Date, locale: Locale): string {
  const day = formatDate(deadlineDay(due), locale);
  return locale === 'fa' ? `پایان ${day}` : `end of ${day}`;
}

/**
 * A deadline as its plan set it: a working-day deadline (the instant a Tehran day starts) as the end of its last day;
 * an hour deadline (an urgent item's, in the middle of a day) as the exact moment, which the day rounding would show a
 * day early (outside review, round 9). Windows rounded down on purpose (appeal, reopen) keep formatDeadline.
 */
export function formatDue(due: Date, locale: Locale): string {
  return deadlineDay(due).getTime() === due.getTime() - 1 ? formatDeadline(due, locale) : formatDateTime(due, locale);
}

/** A moment of the last whole Tehran day a deadline allows (see formatDeadline): the day to show, or to export. */
export function deadlineDay(due: Date): Date {
  const [h, m, s] = tehranClock.format(due).split(':').map(Number) as [number, number, number];
  const intoDay = ((h * 60 + m) * 60 + s) * 1000 + due.getUTCMilliseconds();
  return new Date(due.getTime() - intoDay - 1);
}
