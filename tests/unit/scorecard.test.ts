import { describe, expect, it } from 'vitest';
import { median, MIN_SAMPLE, scorecard, type ScorecardItem } from '~/domain/scorecard';

const DAY = 86_400_000;
const now = new Date('2026-11-23T08:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);

/** An item sent `sent` days ago with a deadline `due` days after, answered `answered` days after sending. */
function item(sent: number, due: number, answered: number | null, rating: number | null = null): ScorecardItem {
  return {
    createdAt: daysAgo(sent),
    answerDueAt: new Date(daysAgo(sent).getTime() + due * DAY),
    answeredAt: answered === null ? null : new Date(daysAgo(sent).getTime() + answered * DAY),
    rating,
  };
}

describe('a centre scorecard', () => {
  it(`says nothing at all below ${MIN_SAMPLE} items, so no one citizen can be singled out`, () => {
    const few = Array.from({ length: MIN_SAMPLE - 1 }, () => item(30, 14, 2, 1));
    expect(scorecard(few, now)).toEqual({ received: null, answeredInTimeShare: null, medianDaysToAnswer: null, averageRating: null, ratings: null });
  });

  it('shows the count, the share answered in time, the median days and the average rating', () => {
    const items = [item(40, 14, 2, 5), item(40, 14, 4, 4), item(40, 14, 6, 4), item(40, 14, 20, 2), item(40, 14, 3, 5)];
    expect(scorecard(items, now)).toEqual({ received: 5, answeredInTimeShare: 0.8, medianDaysToAnswer: 4, averageRating: 4, ratings: 5 });
  });

  it('counts an unanswered item past its deadline as late, and leaves out one not yet due', () => {
    const items = [item(40, 14, 2), item(40, 14, 3), item(40, 14, 4), item(40, 14, 5), item(40, 14, null), item(1, 14, null)];
    const card = scorecard(items, now);
    expect(card.received).toBe(6);
    expect(card.answeredInTimeShare).toBe(0.8); // 4 of the 5 that are answered or due
  });

  it('hides the rating while fewer than the minimum have rated, even when enough items arrived', () => {
    const items = [item(40, 14, 2, 5), item(40, 14, 2, 1), item(40, 14, 2), item(40, 14, 2), item(40, 14, 2)];
    const card = scorecard(items, now);
    expect(card.received).toBe(5);
    expect(card.averageRating).toBeNull();
    expect(card.ratings).toBeNull();
  });

  it('hides the speed figures while too few items were answered or due', () => {
    const items = Array.from({ length: 6 }, () => item(1, 14, null));
    const card = scorecard(items, now);
    expect(card.received).toBe(6);
    expect(card.answeredInTimeShare).toBeNull();
    expect(card.medianDaysToAnswer).toBeNull();
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
