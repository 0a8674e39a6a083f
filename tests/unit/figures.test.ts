/**
 * The definitions of docs/decisions/016-figures.md, on numbers worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEEKEND } from '~/domain/calendar';
import {
  ageingBand,
  answeredInTime,
  appealRate,
  compare,
  EMPTY_TALLY,
  figure,
  medianDays,
  MIN_CASES,
  needsAttention,
  parseRange,
  previousRange,
  publicFigures,
  figureSet,
  rankByInTime,
  satisfaction,
  workingDayCounter,
} from '~/domain/figures';

const tally = (over: Partial<typeof EMPTY_TALLY>) => ({ ...EMPTY_TALLY, ...over });

describe('answered in time', () => {
  it('counts the backlog left overdue at the period’s end against the place', () => {
    // 701 overdue and 75 % of 57 answers in time: no longer 75 %, but 43 of 758 cases.
    const f = answeredInTime(tally({ answers: 57, answersInTime: 43, overdueUnanswered: 701 }));
    expect(f.cases).toBe(758);
    expect(f.value).toBeCloseTo(43 / 758, 4);
  });

  it('cannot be improved by leaving old items alone: answering one late keeps the share or raises it', () => {
    const before = answeredInTime(tally({ answers: 10, answersInTime: 8, overdueUnanswered: 5 }));
    const answeredLate = answeredInTime(tally({ answers: 11, answersInTime: 8, overdueUnanswered: 4 }));
    expect(answeredLate.value).toBe(before.value);
    const answeredInTimeInstead = answeredInTime(tally({ answers: 11, answersInTime: 9, overdueUnanswered: 5 }));
    expect(answeredInTimeInstead.value!).toBeGreaterThan(before.value!);
  });

  it('is not shown on fewer than 5 cases, and says how many it rests on', () => {
    expect(answeredInTime(tally({ answers: 3, answersInTime: 3, overdueUnanswered: 1 }))).toEqual({ value: null, cases: 4 });
    expect(answeredInTime(tally({ answers: 4, answersInTime: 3, overdueUnanswered: 1 }))).toEqual({ value: 0.6, cases: 5 });
    expect(answeredInTime(EMPTY_TALLY)).toEqual({ value: null, cases: 0 });
    expect(MIN_CASES).toBe(5);
  });
});

describe('satisfaction, appeal rate and medians', () => {
  it('averages the ratings of the period and rates appeals against answers, each under the rule', () => {
    expect(satisfaction(tally({ ratings: 5, ratingSum: 19 }))).toEqual({ value: 3.8, cases: 5 });
    expect(satisfaction(tally({ ratings: 4, ratingSum: 20 }))).toEqual({ value: null, cases: 4 }); // "60 % of 5" no more
    expect(appealRate(tally({ answers: 20, appeals: 3 }))).toEqual({ value: 0.15, cases: 20 });
    expect(appealRate(tally({ answers: 4, appeals: 1 }))).toEqual({ value: null, cases: 4 });
  });

  it('writes a median in days, interpolated in the bucket holding the middle case', () => {
    // Five answers: two within 24 h, three in the 48–72 h bucket → the middle (2.5th) falls in 48–72 at 1/6.
    expect(medianDays(new Map([[24, 2], [72, 3]]))).toEqual({ value: Math.round(((48 + (0.5 / 3) * 24) / 24) * 10) / 10, cases: 5 });
    expect(medianDays(new Map([[24, 4]]))).toEqual({ value: null, cases: 4 });
    expect(medianDays(undefined)).toEqual({ value: null, cases: 0 });
  });
});

describe('ageing bands', () => {
  it('puts 0–10, 11–20, 21–40 and more than 40 working days in four bands', () => {
    expect([0, 10, 11, 20, 21, 40, 41, 400].map(ageingBand)).toEqual(['0-10', '0-10', '10-20', '10-20', '20-40', '20-40', '40+', '40+']);
  });

  it('counts working days after the day of receipt, skipping the weekend and holidays', () => {
    // 2026-11-21 is a Saturday; Thursday 26 and Friday 27 are the weekend; 2026-11-24 a holiday.
    const open = workingDayCounter('2026-11-21', '2026-12-05', { weekend: DEFAULT_WEEKEND, holidays: [{ date: '2026-11-24' }] });
    expect(open('2026-11-21', '2026-11-21')).toBe(0);
    expect(open('2026-11-21', '2026-11-23')).toBe(2); // Sun, Mon
    expect(open('2026-11-21', '2026-11-28')).toBe(4); // Sun, Mon, (Tue holiday), Wed, (Thu, Fri), Sat
  });
});

describe('periods and comparison', () => {
  it('compares with the previous period of the same length', () => {
    expect(previousRange({ from: '2026-10-23', to: '2026-11-21' })).toEqual({ from: '2026-09-23', to: '2026-10-22' });
    expect(previousRange({ from: '2026-11-21', to: '2026-11-21' })).toEqual({ from: '2026-11-20', to: '2026-11-20' });
  });

  it('reads a custom range in Solar dates, and names what is wrong with each field', () => {
    const today = '2026-12-07';
    expect(parseRange('1405-08-01', '1405-08-30', today)).toEqual({ range: { from: '2026-10-23', to: '2026-11-21' }, errors: {} });
    expect(parseRange('۱۴۰۵/۰۸/۰۱', '1405/8/30', today).range).toEqual({ from: '2026-10-23', to: '2026-11-21' });
    expect(parseRange(null, undefined, today)).toEqual({ range: null, errors: {} });
    expect(parseRange('1405-13-01', '1405-08-30', today).errors).toEqual({ from: 'invalid' });
    expect(parseRange('<script>', '', today).errors).toEqual({ from: 'invalid', to: 'missing' });
    expect(parseRange('1405-08-30', '1405-08-01', today).errors).toEqual({ to: 'order' });
    expect(parseRange('1405-08-01', '1406-01-01', today).errors).toEqual({ to: 'future' });
    expect(parseRange('1402-01-01', '1405-08-01', today).errors).toEqual({ to: 'tooLong' });
    expect(parseRange('x'.repeat(10_000), '1405-08-01', today).errors).toEqual({ from: 'invalid' });
  });

  it('says better or worse by the figure’s own direction, and whether the target is met', () => {
    const shown = (value: number) => figure(value, 50);
    const targets = { answeredInTime: 0.8, satisfaction: null, medianAnswerDays: 5, appealRate: null };
    expect(compare('answeredInTime', shown(0.7), shown(0.6), targets)).toEqual({ change: 0.1, direction: 'better', target: 0.8, meetsTarget: false });
    expect(compare('medianAnswerDays', shown(4), shown(6), targets)).toMatchObject({ direction: 'better', meetsTarget: true });
    expect(compare('appealRate', shown(0.2), shown(0.1))).toMatchObject({ direction: 'worse', target: null, meetsTarget: null });
    expect(compare('satisfaction', figure(4, 2), shown(3))).toMatchObject({ change: null, direction: null });
  });
});

describe('ranking, attention and public figures', () => {
  it('ranks only rows with enough cases, best first, and lists the others after', () => {
    const row = (key: string, answers: number, inTime: number) => ({ key, answeredInTime: answeredInTime(tally({ answers, answersInTime: inTime })) });
    const { ranked, unranked } = rankByInTime([row('a', 5, 3), row('b', 100, 90), row('c', 4, 4), row('d', 10, 9)]);
    expect(ranked.map((r) => r.key)).toEqual(['b', 'd', 'a']);
    expect(unranked.map((r) => r.key)).toEqual(['c']); // 100 % of 4 does not top the ranking
  });

  it('tints a row for a real backlog only, not for one overdue item', () => {
    expect(needsAttention({ answers: 100, overdueUnanswered: 1 })).toBe(false);
    expect(needsAttention({ answers: 1, overdueUnanswered: 4 })).toBe(false);
    expect(needsAttention({ answers: 20, overdueUnanswered: 5 })).toBe(true);
    expect(needsAttention({ answers: 100, overdueUnanswered: 10 })).toBe(false);
  });

  it('hides on public pages every count under 5, the cases of a hidden figure too', () => {
    const set = figureSet(tally({ received: 4, answers: 3, answersInTime: 3, overdueUnanswered: 1, ratings: 2, ratingSum: 10 }));
    expect(publicFigures(set)).toMatchObject({
      received: null,
      overdueUnanswered: null,
      answeredInTime: { value: null, cases: null },
      satisfaction: { value: null, cases: null },
    });
    const big = figureSet(tally({ received: 40, answers: 30, answersInTime: 24, overdueUnanswered: 10, ratings: 6, ratingSum: 24 }));
    expect(publicFigures(big)).toMatchObject({ received: 40, overdueUnanswered: 10, answeredInTime: { value: 0.6, cases: 40 }, satisfaction: { value: 4, cases: 6 } });
  });
});
