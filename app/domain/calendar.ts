/**
 * Iran's working-day calendar for deadlines (DESIGN §3): a configurable weekend (default Thursday and Friday) and a
 * holiday list, all in Asia/Tehran. Dates come from Intl only (the Solar Hijri month and day of a Tehran civil day,
 * the Tehran offset); nothing here does calendar arithmetic by hand beyond stepping one civil day at a time.
 */
import { TEHRAN } from './dates';

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

export function tehranDay(instant: Date): TehranDay {
  const parts = Object.fromEntries(gregorianParts.formatToParts(instant).map((p) => [p.type, p.value]));
  const solar = Object.fromEntries(solarParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    key: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday!]!,
    solarMonth: Number(solar.month),
    solarDay: Number(solar.day),
  };
}

/** Tehran's UTC offset at `instant`, in minutes (Intl's "GMT+03:30" → 210). */
function tehranOffsetMinutes(instant: Date): number {
  const name = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** The instant a Tehran civil day `YYYY-MM-DD` starts. */
function startOfTehranDay(key: string): Date {
  const utcMidnight = new Date(`${key}T00:00:00Z`);
  return new Date(utcMidnight.getTime() - tehranOffsetMinutes(utcMidnight) * 60_000);
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
