import { describe, expect, it } from 'vitest';
import { formatMonth, lastCompleteMonth, monthDays, monthKey, monthOf, nextMonth, parseMonthKey, pickReportMonth, previousMonth, recentMonths } from '~/domain/solar-month';

/** A Tehran wall-clock time as an instant (Tehran is UTC+03:30 all year since 2022). */
const tehran = (local: string) => new Date(`${local}+03:30`);

describe('a Solar month as Tehran days', () => {
  it('knows the first and last Gregorian day of a month (Mehr 1404, the public report’s month)', () => {
    expect(monthDays({ year: 1404, month: 7 })).toEqual({ from: '2025-09-23', to: '2025-10-22' });
  });

  it('gives the first six months 31 days, the next five 30, and Esfand 29 or 30 as the year has it', () => {
    expect(monthDays({ year: 1404, month: 1 })).toEqual({ from: '2025-03-21', to: '2025-04-20' }); // 31
    expect(monthDays({ year: 1405, month: 6 })).toEqual({ from: '2026-08-23', to: '2026-09-22' }); // 31
    expect(monthDays({ year: 1405, month: 8 })).toEqual({ from: '2026-10-23', to: '2026-11-21' }); // 30
    expect(monthDays({ year: 1403, month: 12 })).toEqual({ from: '2025-02-19', to: '2025-03-20' }); // 30: 1403 is a leap year
    expect(monthDays({ year: 1404, month: 12 })).toEqual({ from: '2026-02-20', to: '2026-03-20' }); // 29
  });

  it('leaves no gap and no overlap between one month and the next, across a year’s end', () => {
    let month = { year: 1403, month: 1 };
    for (let i = 0; i < 30; i++) {
      const following = nextMonth(month);
      const end = Date.parse(`${monthDays(month).to}T00:00:00Z`);
      expect(Date.parse(`${monthDays(following).from}T00:00:00Z`) - end).toBe(86_400_000);
      month = following;
    }
  });
});

describe('which month an instant falls in, in Tehran time', () => {
  it('turns at Tehran midnight, not UTC midnight', () => {
    expect(monthOf(tehran('2025-10-22T23:59'))).toEqual({ year: 1404, month: 7 });
    expect(monthOf(tehran('2025-10-23T00:00'))).toEqual({ year: 1404, month: 8 });
    // 21:00 UTC on 22 October is already 23 October (1 Aban) in Tehran.
    expect(monthOf(new Date('2025-10-22T21:00:00Z'))).toEqual({ year: 1404, month: 8 });
  });

  it('offers the twelve complete months before today, newest first, the last complete one first', () => {
    const now = tehran('2026-11-23T10:00'); // 2 Azar 1405
    expect(lastCompleteMonth(now)).toEqual({ year: 1405, month: 8 });
    const months = recentMonths(now).map(monthKey);
    expect(months).toHaveLength(12);
    expect(months[0]).toBe('1405-08');
    expect(months).toContain('1405-01');
    expect(months.at(-1)).toBe('1404-09');
    // On the first day of a year the last complete month is last year's Esfand.
    expect(lastCompleteMonth(tehran('2026-03-21T08:00'))).toEqual({ year: 1404, month: 12 });
  });

  it('steps across the year’s end both ways', () => {
    expect(previousMonth({ year: 1405, month: 1 })).toEqual({ year: 1404, month: 12 });
    expect(nextMonth({ year: 1404, month: 12 })).toEqual({ year: 1405, month: 1 });
  });
});

describe('month keys and names', () => {
  it('reads and writes `1404-07`, Persian digits and a slash too, and refuses the rest', () => {
    expect(parseMonthKey('1404-07')).toEqual({ year: 1404, month: 7 });
    expect(parseMonthKey('۱۴۰۴/۷')).toEqual({ year: 1404, month: 7 });
    expect(monthKey({ year: 1404, month: 7 })).toBe('1404-07');
    for (const bad of ['', '1404-13', '1404-00', '2025-10', '1404', '1404-07-01', null, undefined]) expect(parseMonthKey(bad)).toBeNull();
  });

  it('names a month in the Solar calendar in both languages', () => {
    expect(formatMonth({ year: 1404, month: 7 }, 'fa')).toBe('مهر ۱۴۰۴');
    expect(formatMonth({ year: 1404, month: 7 }, 'en')).toBe('Mehr 1404');
    expect(formatMonth({ year: 1403, month: 12 }, 'fa')).toBe('اسفند ۱۴۰۳');
  });
});

describe('the month a report shows', () => {
  const now = tehran('2026-11-23T10:00'); // 2 Azar 1405

  it('is the last complete month unless another is asked for', () => {
    expect(pickReportMonth(null, now)).toMatchObject({ month: { year: 1405, month: 8 }, complete: true });
    expect(pickReportMonth('1405-03', now).month).toEqual({ year: 1405, month: 3 });
    expect(pickReportMonth('1405-03', now).options).toHaveLength(12);
  });

  it('shows an older bookmarked month or the month still running, and adds it to the picker in order', () => {
    const old = pickReportMonth('1404-07', now);
    expect(old.month).toEqual({ year: 1404, month: 7 });
    expect(old.options.map(monthKey).at(-1)).toBe('1404-07');
    const running = pickReportMonth('1405-09', now);
    expect(running).toMatchObject({ month: { year: 1405, month: 9 }, complete: false });
    expect(running.options.map(monthKey)[0]).toBe('1405-09');
  });

  it('falls back to the default for a month to come or nonsense', () => {
    expect(pickReportMonth('1405-10', now).month).toEqual({ year: 1405, month: 8 });
    expect(pickReportMonth('next', now).month).toEqual({ year: 1405, month: 8 });
  });
});
