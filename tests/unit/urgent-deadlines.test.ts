/**
 * Deadline plans (issue 23): an urgent item's deadlines run in hours around the clock (weekends and holidays do not
 * stop them), a normal item's in working days per kind; raising and lowering an item moves its deadlines.
 */
import { describe, expect, it } from 'vitest';
import { addHours, addWorkingDays, deadlinesAfterPriorityChange, deadlinesFor, hoursUntil, planFor, type WorkingCalendar } from '~/domain/calendar';
import { DEFAULT_SETTINGS, parseWorkflowSettings } from '~/domain/settings';

/** Tehran wall-clock time as an instant (Iran keeps +03:30 all year since 2022). */
const tehran = (local: string) => new Date(`${local}+03:30`);
const HOUR = 3_600_000;
const calendar: WorkingCalendar = {
  weekend: [4, 5],
  holidays: [
    { solarMonth: 1, solarDay: 1 },
    { solarMonth: 1, solarDay: 2 },
    { solarMonth: 1, solarDay: 3 },
    { solarMonth: 1, solarDay: 4 },
    { date: '2026-11-23' }, // a one-off holiday, a Monday
  ],
};

describe('the urgent plan', () => {
  it('defaults to a first response in 4 hours and an answer in 72, and falls back to them for a broken value', () => {
    expect(DEFAULT_SETTINGS.urgent).toEqual({ firstResponseHours: 4, answerHours: 72 });
    expect(parseWorkflowSettings({ urgent: { firstResponseHours: 'soon', answerHours: -3 } }).urgent).toEqual({ firstResponseHours: 4, answerHours: 72 });
    expect(parseWorkflowSettings({ urgent: 'x' }).urgent).toEqual({ firstResponseHours: 4, answerHours: 72 });
    expect(parseWorkflowSettings({ urgent: { firstResponseHours: 2, answerHours: 48 } }).urgent).toEqual({ firstResponseHours: 2, answerHours: 48 });
  });

  it('is chosen by priority; normal items keep their kind’s working days', () => {
    expect(planFor('complaint', 'urgent', DEFAULT_SETTINGS)).toEqual({ unit: 'hours', firstResponse: 4, answer: 72 });
    const settings = { ...DEFAULT_SETTINGS, deadlines: { ...DEFAULT_SETTINGS.deadlines, suggestion: { firstResponseDays: 5, answerDays: 20 } } };
    expect(planFor('suggestion', 'normal', settings)).toEqual({ unit: 'working_days', firstResponse: 5, answer: 20 });
    expect(planFor('suggestion', 'urgent', settings)).toEqual({ unit: 'hours', firstResponse: 4, answer: 72 });
  });
});

describe('hour deadlines run around the clock', () => {
  it('across midnight', () => {
    const sent = tehran('2026-11-21T22:30');
    expect(deadlinesFor('complaint', 'urgent', sent, calendar, DEFAULT_SETTINGS)).toEqual({
      firstResponseDueAt: tehran('2026-11-22T02:30'),
      answerDueAt: tehran('2026-11-24T22:30'),
    });
  });

  it('through the weekend: sent on Wednesday evening, due in the night, not after Friday', () => {
    const wednesday = tehran('2026-11-25T21:00');
    const urgent = deadlinesFor('complaint', 'urgent', wednesday, calendar, DEFAULT_SETTINGS);
    expect(urgent.firstResponseDueAt).toEqual(tehran('2026-11-26T01:00')); // Thursday, a weekend day
    expect(urgent.answerDueAt).toEqual(tehran('2026-11-28T21:00')); // Saturday evening, weekend included
    const normal = deadlinesFor('complaint', 'normal', wednesday, calendar, DEFAULT_SETTINGS);
    expect(normal.firstResponseDueAt).toEqual(addWorkingDays(wednesday, 2, calendar));
    expect(normal.firstResponseDueAt.getTime()).toBeGreaterThan(urgent.answerDueAt.getTime());
  });

  it('through holidays: on the first day of Nowruz, 4 hours are 4 hours', () => {
    const nowruz = tehran('2027-03-21T10:00'); // 1 Farvardin 1406
    const urgent = deadlinesFor('criticism', 'urgent', nowruz, calendar, DEFAULT_SETTINGS);
    expect(urgent.firstResponseDueAt).toEqual(tehran('2027-03-21T14:00'));
    expect(urgent.answerDueAt).toEqual(tehran('2027-03-24T10:00'));
    // The working-day plan waits for the holidays and the weekend to pass.
    expect(deadlinesFor('criticism', 'normal', nowruz, calendar, DEFAULT_SETTINGS).firstResponseDueAt.getTime()).toBeGreaterThan(tehran('2027-03-25T00:00').getTime());
  });

  it('through a one-off holiday too, and in the hours the admins set', () => {
    const settings = { ...DEFAULT_SETTINGS, urgent: { firstResponseHours: 1, answerHours: 30 } };
    const sunday = tehran('2026-11-22T23:30');
    expect(deadlinesFor('complaint', 'urgent', sunday, calendar, settings)).toEqual({ firstResponseDueAt: tehran('2026-11-23T00:30'), answerDueAt: tehran('2026-11-24T05:30') });
  });

  it('addHours is real time; hoursUntil rounds up what is left and counts what is over', () => {
    const from = tehran('2026-11-21T10:00');
    expect(addHours(from, 72).getTime() - from.getTime()).toBe(72 * HOUR);
    expect(hoursUntil(tehran('2026-11-21T14:00'), tehran('2026-11-21T10:50'))).toBe(4);
    expect(hoursUntil(tehran('2026-11-21T14:00'), tehran('2026-11-21T14:00'))).toBe(0);
    expect(hoursUntil(tehran('2026-11-21T14:00'), tehran('2026-11-21T15:10'))).toBe(-2);
  });
});

describe('a change of priority', () => {
  const arrived = tehran('2026-11-21T10:00'); // a Saturday
  const normal = deadlinesFor('complaint', 'normal', arrived, calendar, DEFAULT_SETTINGS);
  const item = { kind: 'complaint', createdAt: arrived, ...normal };

  it('raised: the urgent plan counted from the raise', () => {
    const raisedAt = tehran('2026-11-22T09:00');
    expect(deadlinesAfterPriorityChange(item, 'urgent', raisedAt, calendar, DEFAULT_SETTINGS)).toEqual({
      firstResponseDueAt: tehran('2026-11-22T13:00'),
      answerDueAt: tehran('2026-11-25T09:00'),
    });
  });

  it('raised: never later than the deadlines the item already had', () => {
    // Raised late in its life: 72 hours from now would be after the answer deadline it had.
    const raisedAt = new Date(normal.answerDueAt.getTime() - 10 * HOUR);
    const raised = deadlinesAfterPriorityChange(item, 'urgent', raisedAt, calendar, DEFAULT_SETTINGS);
    expect(raised.answerDueAt).toEqual(normal.answerDueAt);
    expect(raised.firstResponseDueAt).toEqual(normal.firstResponseDueAt);
  });

  it('lowered: the normal plan counted from the item’s arrival', () => {
    const urgentItem = { kind: 'complaint', createdAt: arrived, ...deadlinesFor('complaint', 'urgent', arrived, calendar, DEFAULT_SETTINGS) };
    expect(deadlinesAfterPriorityChange(urgentItem, 'normal', tehran('2026-11-21T12:00'), calendar, DEFAULT_SETTINGS)).toEqual(normal);
  });
});
