import { describe, expect, it } from 'vitest';
import { coverWithMonths, dayKey, lastDays, medianFromBuckets, parsePeriod, suppressed, trendBuckets } from '~/domain/stats';

describe('medians from duration buckets', () => {
  it('interpolates inside the bucket that holds the middle case', () => {
    // Four answers within 24 hours: the middle (2nd of 4) sits halfway through the 12–24 h bucket.
    expect(medianFromBuckets(new Map([[24, 4]]))).toBe(18);
    expect(medianFromBuckets(new Map([[1, 1], [2, 1]]))).toBe(1);
    expect(medianFromBuckets(new Map())).toBeNull();
  });
  it('answers the lower bound for the open "more than 60 days" bucket', () => {
    expect(medianFromBuckets(new Map([[100000, 3]]))).toBe(1440);
  });
});

describe('Tehran days', () => {
  it('names the day by Tehran time (UTC+03:30)', () => {
    expect(dayKey(new Date('2026-11-22T20:29:00Z'))).toBe('2026-11-22');
    expect(dayKey(new Date('2026-11-22T20:31:00Z'))).toBe('2026-11-23');
  });
  it('lists the last days oldest first, today last', () => {
    expect(lastDays(new Date('2026-11-22T10:00:00Z'), 3)).toEqual(['2026-11-20', '2026-11-21', '2026-11-22']);
  });
  it('draws up to 30 days per day and longer periods per week ending today', () => {
    const days = lastDays(new Date('2026-11-22T10:00:00Z'), 90);
    const weeks = trendBuckets(days);
    expect(weeks).toHaveLength(13);
    expect(weeks.at(-1)!.key).toBe('2026-11-22');
    expect(weeks.flatMap((w) => w.days)).toEqual(days);
    expect(trendBuckets(days.slice(-30))).toHaveLength(30);
  });
});

describe('periods and suppression', () => {
  it('reads a period leniently', () => {
    expect(parsePeriod('7')).toBe(7);
    expect(parsePeriod('365')).toBe(365);
    expect(parsePeriod('8')).toBe(30);
    expect(parsePeriod(null)).toBe(30);
  });
  it('hides a figure resting on fewer than five cases', () => {
    expect(suppressed(4, 0.5)).toBeNull();
    expect(suppressed(5, 0.5)).toBe(0.5);
  });
});

describe('reading a range from monthly and daily rollups', () => {
  const daysOf = (cover: ReturnType<typeof coverWithMonths>) => {
    const days: string[] = [];
    for (const month of cover.months) {
      const [y, m] = month.split('-').map(Number) as [number, number];
      const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
      for (let d = 1; d <= count; d++) days.push(`${month}-${String(d).padStart(2, '0')}`);
    }
    for (const range of cover.days) {
      for (let t = Date.parse(`${range.from}T00:00:00Z`); t <= Date.parse(`${range.to}T00:00:00Z`); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
    }
    return days.sort();
  };

  it('reads a year as its whole months and the two part-months around them', () => {
    const cover = coverWithMonths({ from: '2025-11-24', to: '2026-11-23' });
    expect(cover.months).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    expect(cover.days).toEqual([
      { from: '2025-11-24', to: '2025-11-30' },
      { from: '2026-11-01', to: '2026-11-23' },
    ]);
  });

  it('covers every day of any range exactly once, leap days and year ends included', () => {
    for (const [end, length] of [['2026-11-23', 365], ['2024-03-01', 90], ['2028-02-29', 30], ['2026-12-31', 7], ['2027-01-31', 31], ['2026-02-28', 28]] as const) {
      const days = lastDays(new Date(`${end}T10:00:00Z`), length);
      const cover = coverWithMonths({ from: days[0]!, to: days.at(-1)! });
      expect(daysOf(cover)).toEqual(days);
    }
  });

  it('reads a range inside one month as days only, and a whole month as that month', () => {
    expect(coverWithMonths({ from: '2026-11-02', to: '2026-11-20' })).toEqual({ months: [], days: [{ from: '2026-11-02', to: '2026-11-20' }] });
    expect(coverWithMonths({ from: '2026-02-01', to: '2026-02-28' })).toEqual({ months: ['2026-02'], days: [] });
  });
});
