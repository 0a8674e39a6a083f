import { describe, expect, it } from 'vitest';
import { addWorkingDays, DEFAULT_WEEKEND, FIXED_SOLAR_HOLIDAYS, isWorkingDay, tehranDay, type WorkingCalendar } from '~/domain/calendar';

const iran: WorkingCalendar = { weekend: DEFAULT_WEEKEND, holidays: FIXED_SOLAR_HOLIDAYS };
const noHolidays: WorkingCalendar = { weekend: DEFAULT_WEEKEND, holidays: [] };

/** A Tehran wall-clock time as an instant (Tehran is UTC+03:30 all year since 2022). */
const tehran = (local: string) => new Date(`${local}+03:30`);

describe('Tehran civil days', () => {
  it('reads the weekday and the Solar Hijri month and day in Tehran time, not UTC', () => {
    // 23:00 UTC on 20 March 2026 is already 1 Farvardin 1405 (Saturday) in Tehran.
    expect(tehranDay(new Date('2026-03-20T23:00:00Z'))).toEqual({ key: '2026-03-21', weekday: 6, solarMonth: 1, solarDay: 1 });
  });

  it('treats Thursday, Friday and the fixed holidays as non-working days', () => {
    expect(isWorkingDay(tehranDay(tehran('2026-11-26T10:00')), iran)).toBe(false); // Thursday
    expect(isWorkingDay(tehranDay(tehran('2026-11-27T10:00')), iran)).toBe(false); // Friday
    expect(isWorkingDay(tehranDay(tehran('2026-11-28T10:00')), iran)).toBe(true); // Saturday
    expect(isWorkingDay(tehranDay(tehran('2027-02-11T10:00')), iran)).toBe(false); // 22 Bahman 1405
  });

  it('honours a one-off holiday date and a different weekend', () => {
    const calendar: WorkingCalendar = { weekend: [5], holidays: [{ date: '2026-11-28' }] };
    expect(isWorkingDay(tehranDay(tehran('2026-11-26T10:00')), calendar)).toBe(true); // Thursday works now
    expect(isWorkingDay(tehranDay(tehran('2026-11-28T10:00')), calendar)).toBe(false);
  });
});

describe('deadlines in working days', () => {
  it('end at midnight Tehran time after the Nth working day following the day of submission', () => {
    // Saturday 10:00 + 2 working days → end of Monday.
    expect(addWorkingDays(tehran('2026-11-21T10:00'), 2, iran)).toEqual(tehran('2026-11-24T00:00'));
  });

  it('skip the weekend', () => {
    // Wednesday evening + 2 → Saturday, Sunday → end of Sunday.
    expect(addWorkingDays(tehran('2026-11-25T20:00'), 2, iran)).toEqual(tehran('2026-11-30T00:00'));
    // Sent on a Friday: counting starts on Saturday.
    expect(addWorkingDays(tehran('2026-11-27T09:00'), 1, iran)).toEqual(tehran('2026-11-29T00:00'));
  });

  it('skip a holiday in the middle of the week', () => {
    // 14 and 15 Khordad 1405 are 4 and 5 June 2026 (Thursday, Friday) — a weekend anyway; use 22 Bahman 1405
    // (Thursday 11 Feb 2027) with a Saturday–Friday calendar where Thursday is normally a working day.
    const fridayOnly: WorkingCalendar = { weekend: [5], holidays: FIXED_SOLAR_HOLIDAYS };
    expect(addWorkingDays(tehran('2027-02-10T09:00'), 1, fridayOnly)).toEqual(tehran('2027-02-14T00:00'));
  });

  it('wait out Nowruz: an item sent on the eve of the new year is due after the holidays', () => {
    // Friday 20 March 2026 (29 Esfand 1404, itself a holiday). 1–4 Farvardin (21–24 March) are holidays,
    // 26–27 March are Thursday and Friday. Working days: 25 March (Wed), 28 March (Sat).
    expect(addWorkingDays(tehran('2026-03-20T12:00'), 2, iran)).toEqual(tehran('2026-03-29T00:00'));
    // The same without holidays would be Sunday 22 March's end.
    expect(addWorkingDays(tehran('2026-03-20T12:00'), 2, noHolidays)).toEqual(tehran('2026-03-23T00:00'));
  });

  it('give 10 working days as two calendar weeks', () => {
    expect(addWorkingDays(tehran('2026-11-21T10:00'), 10, noHolidays)).toEqual(tehran('2026-12-06T00:00'));
  });

  it('are the end of the same day for zero working days', () => {
    expect(addWorkingDays(tehran('2026-11-21T10:00'), 0, iran)).toEqual(tehran('2026-11-22T00:00'));
  });
});
