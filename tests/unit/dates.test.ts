import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '~/domain/dates';

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
