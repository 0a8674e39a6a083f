import { describe, expect, it } from 'vitest';
import { dayKey, lastDays, medianFromBuckets, parsePeriod, suppressed, trendBuckets } from '~/domain/stats';

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
