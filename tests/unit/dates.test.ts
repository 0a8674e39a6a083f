import { describe, expect, it } from 'vitest';
import { addWorkingDays, DEFAULT_WEEKEND } from '~/domain/calendar';
import { formatDate, formatDateTime, formatDeadline, formatDue } from '~/domain/dates';

describe('dates', () => {
  it('show the Solar Hijri calendar with Persian digits in Tehran time', () => {
    // 20 March 2026 20:30 UTC is 00:00 on 1 Farvardin 1405 in Tehran (UTC+03:30).
    const nowruz = new Date('2026-03-20T20:30:00Z');
    expect(formatDate(nowruz, 'fa')).toBe('۱ فروردین ۱۴۰۵');
    expect(formatDateTime(nowruz, 'fa')).toContain('۰۰:۰۰');
  });

  it('show Gregorian dates with Latin digits in English, still in Tehran time', () => {
    const nowruz = new Date('2026-03-20T20:30:00Z');
    expect(formatDate(nowruz, 'en')).toBe('21 March 2026');
    expect(formatDateTime(nowruz, 'en')).toMatch(/00:00/);
  });
});

describe('formatDeadline', () => {
  // 20 December 2026 00:00 in Tehran (20:30 UTC the day before) is the start of 29 Azar 1405: a deadline stored as that
  // instant allows all of 28 Azar (19 December).
  const due = new Date('2026-12-19T20:30:00Z');

  it('writes a deadline as the end of the last whole day it allows, Persian digits and Solar Hijri in fa', () => {
    expect(formatDeadline(due, 'fa')).toBe('پایان ۲۸ آذر ۱۴۰۵');
    expect(formatDeadline(due, 'fa')).not.toMatch(/[0-9]/);
    expect(formatDeadline(due, 'en')).toBe('end of 19 December 2026');
  });

  it('never promises more time than allowed: a deadline inside a day counts only the days before it', () => {
    expect(formatDeadline(new Date(due.getTime() + 14 * 3_600_000), 'fa')).toBe('پایان ۲۸ آذر ۱۴۰۵');
    expect(formatDeadline(new Date(due.getTime() - 1), 'fa')).toBe('پایان ۲۷ آذر ۱۴۰۵');
    expect(formatDeadline(new Date(due.getTime() + 1), 'en')).toBe('end of 19 December 2026');
  });

  it('agrees with how deadlines are computed: two working days from a Wednesday evening end with Sunday', () => {
    // Wednesday 16 December 2026, 18:00 in Tehran; the default weekend is Thursday and Friday.
    const sent = new Date('2026-12-16T14:30:00Z');
    const deadline = addWorkingDays(sent, 2, { weekend: DEFAULT_WEEKEND, holidays: [] });
    expect(formatDeadline(deadline, 'en')).toBe('end of 20 December 2026');
  });
});

describe('formatDue (outside review, round 9)', () => {
  it('writes an hour deadline (an urgent item, mid-day) as its moment, not the day before; a working-day one as before', () => {
    // 13:03 Tehran on 16 Azar 1405: an urgent first response four hours after 09:03.
    const urgent = new Date('2026-12-07T09:33:00Z');
    expect(formatDue(urgent, 'fa')).toContain('۱۶ آذر ۱۴۰۵');
    expect(formatDue(urgent, 'fa')).toContain('۱۳:۰۳');
    expect(formatDue(urgent, 'en')).toContain('7 December 2026');
    // A working-day deadline: the instant 20 Dec starts in Tehran is the end of 19 Dec, as formatDeadline says.
    const dayStart = new Date('2026-12-19T20:30:00Z');
    expect(formatDue(dayStart, 'en')).toBe(formatDeadline(dayStart, 'en'));
  });
});
