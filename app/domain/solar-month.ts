/**
 * Solar Hijri months as runs of Tehran civil days, for the monthly performance report (docs/DESIGN.md §1: "in Mehr 1404 it
 * received 2,081 messages"). A month is named `1404-07`; its first and last days are the Gregorian `YYYY-MM-DD` keys
 * the aggregate tables use. Every calendar fact comes from Intl (`fa-IR-u-ca-persian`), through calendar.ts's
 * `solarToDayNumber`: no month lengths or leap rules are written here.
 */
import { dayKeyOf, solarToDayNumber, startOfTehranDay } from './calendar';
import { TEHRAN, type Locale } from './dates';
import { toAsciiDigits } from './persian';

export interface SolarMonth {
  year: number;
  /** 1 Farvardin … 12 Esfand. */
  month: number;
}


/** `1404-07`: how a month travels in addresses and files. */
export function monthKey(month: SolarMonth): string {
  return `${month.year}-${String(month.month).padStart(2, '0')}`;
}

/** Reads `1404-07` (or `1404/7`, Persian digits too); null when it is not a month in Solar years 1300–1500. */
export function parseMonthKey(value: string | null | undefined): SolarMonth | null {
  const match = /^(\d{4})[-/](\d{1,2})$/.exec(toAsciiDigits((value ?? '').trim()));
  if (!match) return null;
  const [year, month] = [Number(match[1]), Number(match[2])];
  if (year < 1300 || year > 1500 || month < 1 || month > 12) return null;
  return { year, month };
}

export const sameMonth = (a: SolarMonth, b: SolarMonth) => a.year === b.year && a.month === b.month;

export function previousMonth({ year, month }: SolarMonth): SolarMonth {
  return month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
}

export function nextMonth({ year, month }: SolarMonth): SolarMonth {
  return month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
}

/**
 * The first and last Tehran days of a Solar month as Gregorian `YYYY-MM-DD` (both inclusive): Mehr 1404 runs from
 * 2025-09-23 to 2025-10-22. The last day is the day before the next month's first, so a 29- or 30-day Esfand needs
 * no rule here.
 */
export function monthDays(month: SolarMonth): { from: string; to: string } {
  const first = solarToDayNumber(month.year, month.month, 1);
  const following = nextMonth(month);
  const next = solarToDayNumber(following.year, following.month, 1);
  if (first === null || next === null) throw new RangeError(`no Solar month ${monthKey(month)}`);
  return { from: dayKeyOf(first), to: dayKeyOf(next - 1) };
}

const solarYearMonth = new Intl.DateTimeFormat('fa-IR-u-ca-persian-nu-latn', { timeZone: TEHRAN, year: 'numeric', month: 'numeric' });

/** The Solar month an instant falls in, in Tehran time. */
export function monthOf(instant: Date): SolarMonth {
  const parts = Object.fromEntries(solarYearMonth.formatToParts(instant).map((p) => [p.type, p.value]));
  return { year: Number(toAsciiDigits(parts.year ?? '')), month: Number(toAsciiDigits(parts.month ?? '')) };
}

/** The last month that has ended by `now` (Tehran time): on 2 Azar 1405 it is Aban 1405. */
export function lastCompleteMonth(now: Date): SolarMonth {
  return previousMonth(monthOf(now));
}

/** The `count` complete months before `now`, newest first: what a monthly report offers to pick from. */
export function recentMonths(now: Date, count = 12): SolarMonth[] {
  const months = [lastCompleteMonth(now)];
  while (months.length < count) months.push(previousMonth(months[months.length - 1]!));
  return months;
}

/** "مهر ۱۴۰۴" / "Mehr 1404": the month's name and year in the Solar calendar, in either language. */
export function formatMonth(month: SolarMonth, locale: Locale): string {
  const { from } = monthDays(month);
  const midday = new Date(startOfTehranDay(from).getTime() + 12 * 3_600_000);
  const format = new Intl.DateTimeFormat(locale === 'fa' ? 'fa-IR-u-ca-persian-nu-arabext' : 'en-GB-u-ca-persian-nu-latn', { timeZone: TEHRAN, year: 'numeric', month: 'long' });
  const parts = Object.fromEntries(format.formatToParts(midday).map((p) => [p.type, p.value]));
  return `${parts.month} ${parts.year}`;
}

const isAfter = (a: SolarMonth, b: SolarMonth) => a.year > b.year || (a.year === b.year && a.month > b.month);

/**
 * The month a report shows for the asked `month=` value, and the months its picker offers (newest first): the
 * twelve complete months before `now`, by default the last complete one. An older month or the month still running,
 * asked for by address (a bookmarked report), is shown too and joins the picker; a later or malformed one falls back
 * to the default. `complete` is false for the month still running.
 */
export function pickReportMonth(asked: string | null | undefined, now: Date): { month: SolarMonth; options: SolarMonth[]; complete: boolean } {
  const options = recentMonths(now);
  const current = monthOf(now);
  const parsed = parseMonthKey(asked);
  const month = parsed && !isAfter(parsed, current) ? parsed : options[0]!;
  if (!options.some((m) => sameMonth(m, month))) {
    options.push(month);
    options.sort((a, b) => (isAfter(a, b) ? -1 : isAfter(b, a) ? 1 : 0));
  }
  return { month, options, complete: !sameMonth(month, current) };
}

/**
 * A day range widened to the whole Solar months it touches (its end no later than `today`). The public `/stats` takes
 * custom ranges only so: with day edges, two ranges a day apart gave away how many items arrived that day, a count
 * under the small-number rule (outside review, round 8). Keys are Gregorian `YYYY-MM-DD` Tehran days.
 */
export function wholeMonthsOf(range: { from: string; to: string }, today: string): { from: string; to: string } {
  const noon = (key: string) => new Date(Date.parse(`${key}T08:30:00Z`));
  const from = monthDays(monthOf(noon(range.from))).from;
  const end = monthDays(monthOf(noon(range.to))).to;
  return { from, to: end < today ? end : today };
}
