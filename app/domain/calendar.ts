/**
 * Iran's working-day calendar for deadlines (docs/DESIGN.md §3): a configurable weekend (default Thursday and Friday) and a
 * holiday list, all in Asia/Tehran. Dates come from Intl only (the Solar Hijri month and day of a Tehran civil day,
 * the Tehran offset); nothing here does calendar arithmetic by hand beyond stepping one civil day at a time.
 * It is also the one place that turns typed dates and Tehran wall-clock times into instants.
 */
import { TEHRAN } from './dates';
import { normalizeLine, toAsciiDigits } from './persian';

/** JavaScript weekday numbers: 0 Sunday … 4 Thursday, 5 Friday, 6 Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface Holiday {
  /** A fixed Solar Hijri holiday that recurs every year (e.g. 1 Farvardin)… */
  solarMonth?: number | null;
  solarDay?: number | null;
  /** …or a one-off Tehran civil date, `YYYY-MM-DD` (Gregorian), for lunar holidays the admins enter each year. */
  date?: string | null;
}

export interface WorkingCalendar {
  weekend: readonly Weekday[];
  holidays: readonly Holiday[];
}

export const DEFAULT_WEEKEND: readonly Weekday[] = [4, 5];

/** The fixed solar holidays of Iran's official calendar; lunar holidays move each year and are added by admins. */
export const FIXED_SOLAR_HOLIDAYS = [
  { solarMonth: 1, solarDay: 1, nameFa: 'عید نوروز', nameEn: 'Nowruz' },
  { solarMonth: 1, solarDay: 2, nameFa: 'عید نوروز', nameEn: 'Nowruz' },
  { solarMonth: 1, solarDay: 3, nameFa: 'عید نوروز', nameEn: 'Nowruz' },
  { solarMonth: 1, solarDay: 4, nameFa: 'عید نوروز', nameEn: 'Nowruz' },
  { solarMonth: 1, solarDay: 12, nameFa: 'روز جمهوری اسلامی', nameEn: 'Islamic Republic Day' },
  { solarMonth: 1, solarDay: 13, nameFa: 'روز طبیعت', nameEn: 'Nature Day' },
  { solarMonth: 3, solarDay: 14, nameFa: 'رحلت امام خمینی', nameEn: 'Death of Imam Khomeini' },
  { solarMonth: 3, solarDay: 15, nameFa: 'قیام ۱۵ خرداد', nameEn: '15 Khordad uprising' },
  { solarMonth: 11, solarDay: 22, nameFa: 'پیروزی انقلاب اسلامی', nameEn: 'Revolution Day' },
  { solarMonth: 12, solarDay: 29, nameFa: 'ملی شدن صنعت نفت', nameEn: 'Oil Nationalization Day' },
] as const;

const gregorianParts = new Intl.DateTimeFormat('en-CA', { timeZone: TEHRAN, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' });
const solarParts = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: TEHRAN, month: 'numeric', day: 'numeric' });
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: TEHRAN, timeZoneName: 'longOffset' });
const WEEKDAYS: Record<string, Weekday> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export interface TehranDay {
  /** Gregorian `YYYY-MM-DD` of the Tehran civil day. */
  key: string;
  weekday: Weekday;
  solarMonth: number;
  solarDay: number;
}

/**
 * Intl's formatToParts costs microseconds a call, and deadlines walk day by day through the same few instants (the
 * noon after each day's start), so results are remembered; the maps are emptied when they grow, never stale since
 * Tehran's rules are fixed for the instants asked.
 */
function remembered<T>(compute: (instant: Date) => T, limit = 4096): (instant: Date) => T {
  const known = new Map<number, T>();
  return (instant) => {
    const time = instant.getTime();
    let value = known.get(time);
    if (value === undefined) {
      if (known.size >= limit) known.clear();
      value = compute(instant);
      known.set(time, value);
    }
    return value;
  };
}

export const tehranDay: (instant: Date) => TehranDay = remembered(readTehranDay);

function readTehranDay(instant: Date): TehranDay {
  const parts = Object.fromEntries(gregorianParts.formatToParts(instant).map((p) => [p.type, p.value]));
  const solar = Object.fromEntries(solarParts.formatToParts(instant).map((p) => [p.type, p.value]));
  // Frozen: the remembered value is shared by every caller.
  return Object.freeze({
    key: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday!]!,
    solarMonth: Number(solar.month),
    solarDay: Number(solar.day),
  });
}

/** Tehran's UTC offset at `instant`, in minutes (Intl's "GMT+03:30" → 210). */
export const tehranOffsetMinutes: (instant: Date) => number = remembered(readTehranOffsetMinutes);

function readTehranOffsetMinutes(instant: Date): number {
  const name = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** The instant a Tehran civil day `YYYY-MM-DD` starts. */
export function startOfTehranDay(key: string): Date {
  const utcMidnight = new Date(`${key}T00:00:00Z`);
  return new Date(utcMidnight.getTime() - tehranOffsetMinutes(utcMidnight) * 60_000);
}

const DAY_MS = 86_400_000;
/** A day number (days since 1970-01-01, as `solarToDayNumber` gives) as its `YYYY-MM-DD` key. */
export const dayKeyOf = (dayNumber: number) => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);

/** The instant the Tehran civil day after `key` starts: the exclusive end of a range that ends on `key`. */
export function endOfTehranDay(key: string): Date {
  return startOfTehranDay(dayKeyOf(Math.floor(Date.parse(`${key}T00:00:00Z`) / DAY_MS) + 1));
}

/** The instant of a Tehran wall-clock time `HH:mm` on the civil day `YYYY-MM-DD` (the offset of that moment). */
export function tehranInstant(dateKey: string, time: string): Date {
  const [y, m, d] = dateKey.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const first = wall - tehranOffsetMinutes(new Date(wall)) * 60_000;
  return new Date(wall - tehranOffsetMinutes(new Date(first)) * 60_000);
}

const solarOfUtcDay = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });

/** The Solar Hijri [year, month, day] of a civil day given as days since 1970-01-01. */
function solarOf(dayNumber: number): [number, number, number] {
  const parts = Object.fromEntries(solarOfUtcDay.formatToParts(new Date(dayNumber * DAY_MS + DAY_MS / 2)).map((p) => [p.type, p.value]));
  return [Number(parts.year), Number(parts.month), Number(parts.day)];
}

const compareDates = (a: readonly number[], b: readonly number[]) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;

/**
 * The civil day (days since 1970-01-01) of a Solar Hijri date, or null when no such date exists (1404/07/31,
 * 1404/12/30 in a common year). A binary search that asks Intl for each day's Solar date: the calendar's rules stay
 * in Intl, none are written here.
 */
export function solarToDayNumber(year: number, month: number, day: number): number | null {
  const target = [year, month, day] as const;
  let low = Math.floor(Date.UTC(1900, 0, 1) / DAY_MS);
  let high = Math.floor(Date.UTC(2200, 0, 1) / DAY_MS);
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (compareDates(solarOf(middle), target) < 0) low = middle + 1;
    else high = middle;
  }
  return compareDates(solarOf(low), target) === 0 ? low : null;
}

/**
 * A date as people type it — Solar Hijri `1404/08/30` or Gregorian `2025-11-21` (Persian or Latin digits, `/`, `-`
 * or `.`) — as the Gregorian `YYYY-MM-DD` of that civil day; null when it is not a real date in a sensible range
 * (Solar years 1300–1500, Gregorian 1900–2200).
 */
export function parseTypedDate(input: string): string | null {
  const match = /^(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})$/.exec(toAsciiDigits(normalizeLine(input)));
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year >= 1300 && year <= 1500) {
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    const dayNumber = solarToDayNumber(year, month, day);
    return dayNumber === null ? null : dayKeyOf(dayNumber);
  }
  if (year < 1900 || year > 2200) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return dayKeyOf(Math.floor(date.getTime() / DAY_MS));
}

/** Noon of the Tehran civil day after `key`: stepping from noon never lands on the wrong day. */
function nextDay(key: string): Date {
  return new Date(startOfTehranDay(key).getTime() + 36 * 3_600_000);
}

export function isWorkingDay(day: TehranDay, calendar: WorkingCalendar): boolean {
  if (calendar.weekend.includes(day.weekday)) return false;
  return !calendar.holidays.some((h) =>
    h.date ? h.date === day.key : h.solarMonth === day.solarMonth && h.solarDay === day.solarDay,
  );
}

/**
 * The deadline `workingDays` working days after `from`: the end (midnight, Tehran time) of the Nth working day after
 * the day of `from`. An item sent on Wednesday evening with two working days is due at the end of Sunday, with the
 * default weekend; one sent on the first day of Nowruz is due after the holidays.
 */
export function addWorkingDays(from: Date, workingDays: number, calendar: WorkingCalendar): Date {
  let day = tehranDay(from);
  let counted = 0;
  // A year of holidays and weekends cannot hide more than 400 days; the bound only stops a broken calendar.
  for (let guard = 0; counted < workingDays && guard < 400 + workingDays * 7; guard++) {
    day = tehranDay(nextDay(day.key));
    if (isWorkingDay(day, calendar)) counted++;
  }
  return startOfTehranDay(tehranDay(nextDay(day.key)).key);
}

// ---- Deadline plans (issue 23) ------------------------------------------------------------------------------------

const HOUR_MS = 3_600_000;

/** The plan of one kind and priority: working days for a normal item, hours around the clock for an urgent one. */
export type DeadlinePlan =
  | { unit: 'working_days'; firstResponse: number; answer: number }
  | { unit: 'hours'; firstResponse: number; answer: number };

export interface DeadlineSettings {
  deadlines: Record<string, { firstResponseDays: number; answerDays: number }>;
  urgent: { firstResponseHours: number; answerHours: number };
}

/** Which plan an item of `kind` and `priority` follows (admin settings). */
export function planFor(kind: string, priority: 'normal' | 'urgent', settings: DeadlineSettings): DeadlinePlan {
  if (priority === 'urgent') return { unit: 'hours', firstResponse: settings.urgent.firstResponseHours, answer: settings.urgent.answerHours };
  const days = settings.deadlines[kind] ?? { firstResponseDays: 2, answerDays: 10 };
  return { unit: 'working_days', firstResponse: days.firstResponseDays, answer: days.answerDays };
}

/**
 * `hours` after `from`, around the clock: a person at risk does not wait for Saturday, so weekends and holidays do
 * not stop an urgent item's clock (and a clock change is no concern: an hour is 3,600 seconds of real time).
 */
export function addHours(from: Date, hours: number): Date {
  return new Date(from.getTime() + hours * HOUR_MS);
}

/** The first-response and answer deadlines of an item of `kind` and `priority` counted from `from`. */
export function deadlinesFor(
  kind: string,
  priority: 'normal' | 'urgent',
  from: Date,
  calendar: WorkingCalendar,
  settings: DeadlineSettings,
): { firstResponseDueAt: Date; answerDueAt: Date } {
  const plan = planFor(kind, priority, settings);
  const add = plan.unit === 'hours' ? (n: number) => addHours(from, n) : (n: number) => addWorkingDays(from, n, calendar);
  return { firstResponseDueAt: add(plan.firstResponse), answerDueAt: add(plan.answer) };
}

/**
 * The deadlines after a change of priority (staff, with a reason): raised to urgent, the urgent plan counted from the
 * raise, never later than the deadlines the item already had; lowered to normal, the normal plan counted from the
 * item's arrival (the time it already waited counts).
 */
export function deadlinesAfterPriorityChange(
  item: { kind: string; createdAt: Date; firstResponseDueAt: Date | null; answerDueAt: Date | null },
  to: 'normal' | 'urgent',
  now: Date,
  calendar: WorkingCalendar,
  settings: DeadlineSettings,
): { firstResponseDueAt: Date; answerDueAt: Date } {
  if (to === 'normal') return deadlinesFor(item.kind, 'normal', item.createdAt, calendar, settings);
  const urgent = deadlinesFor(item.kind, 'urgent', now, calendar, settings);
  const earlier = (a: Date, b: Date | null) => (b && b.getTime() < a.getTime() ? b : a);
  return { firstResponseDueAt: earlier(urgent.firstResponseDueAt, item.firstResponseDueAt), answerDueAt: earlier(urgent.answerDueAt, item.answerDueAt) };
}

/** Whole hours from `now` to `due`, rounded up (3 h 10 min left reads "4 hours"); negative once it has passed. */
export function hoursUntil(due: Date, now: Date): number {
  const ms = due.getTime() - now.getTime();
  return ms >= 0 ? Math.ceil(ms / HOUR_MS) : -Math.ceil(-ms / HOUR_MS);
}
