/**
 * A centre's public scorecard (issue "Centres and services directory"): how many items it received, the share
 * answered within the deadline, the median days to answer and the average satisfaction. Every figure rests on at
 * least MIN_SAMPLE items, or is shown as "not enough data yet", so that no single citizen's rating or case can be
 * read off the page. Pure: the model gathers the rows.
 */

export const MIN_SAMPLE = 5;
const DAY_MS = 86_400_000;

export interface ScorecardItem {
  createdAt: Date;
  answerDueAt: Date | null;
  answeredAt: Date | null;
  rating: number | null;
}

export interface Scorecard {
  /** Null when fewer than MIN_SAMPLE items were received: then nothing else is shown either. */
  received: number | null;
  /** 0–1, among items answered or past their deadline. */
  answeredInTimeShare: number | null;
  medianDaysToAnswer: number | null;
  /** 1–5. */
  averageRating: number | null;
  ratings: number | null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const enough = <T>(count: number, value: () => T): T | null => (count >= MIN_SAMPLE ? value() : null);

export function scorecard(items: readonly ScorecardItem[], now: Date): Scorecard {
  if (items.length < MIN_SAMPLE) return { received: null, answeredInTimeShare: null, medianDaysToAnswer: null, averageRating: null, ratings: null };
  const answered = items.filter((item) => item.answeredAt !== null);
  // An item still unanswered after its deadline counts against the centre; one not yet due does not count at all.
  const judged = items.filter((item) => item.answeredAt !== null || (item.answerDueAt !== null && item.answerDueAt <= now));
  const inTime = judged.filter((item) => item.answeredAt !== null && item.answerDueAt !== null && item.answeredAt <= item.answerDueAt);
  const ratings = items.flatMap((item) => (item.rating === null ? [] : [item.rating]));
  return {
    received: items.length,
    answeredInTimeShare: enough(judged.length, () => inTime.length / judged.length),
    medianDaysToAnswer: enough(answered.length, () => Math.round((median(answered.map((item) => (item.answeredAt!.getTime() - item.createdAt.getTime()) / DAY_MS)) ?? 0) * 10) / 10),
    averageRating: enough(ratings.length, () => Math.round((ratings.reduce((sum, r) => sum + r, 0) / ratings.length) * 10) / 10),
    ratings: enough(ratings.length, () => ratings.length),
  };
}
