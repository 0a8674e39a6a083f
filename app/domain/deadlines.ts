/**
 * The paused clock and the time left (issue 23, docs/decisions/017-paused-clock-and-reopen.md). Pure: the write
 * module hands in the item's deadlines, the instants and the calendar; pages hand in a deadline and "now".
 *
 * A deadline is the instant a Tehran civil day starts (calendar.ts addWorkingDays) for a normal item, or any instant
 * for an urgent one (hours around the clock). While an item waits for the citizen its deadlines do not run: at the
 * reply they move by the time that was left at the pause.
 */
import { addWorkingDays, isWorkingDay, startOfTehranDay, tehranDay, type WorkingCalendar } from './calendar';
import type { ItemPriority } from './workflow';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Noon of the Tehran civil day after `key` (stepping from noon never lands on the wrong day). */
const dayAfter = (key: string) => tehranDay(new Date(startOfTehranDay(key).getTime() + 36 * HOUR_MS));

/**
 * Working days left at `at` before `due`, as addWorkingDays counts them: the working days after the day of `at` that
 * start before `due`. The day of `at` itself is never counted (as the day an item arrives is not), so a pause and a
 * reply on the same day give the same deadline back.
 */
export function workingDaysLeft(at: Date, due: Date, calendar: WorkingCalendar): number {
  let day = tehranDay(at);
  let left = 0;
  // Bounded like addWorkingDays: a broken calendar cannot loop for ever.
  for (let guard = 0; guard < 5000; guard++) {
    day = dayAfter(day.key);
    if (startOfTehranDay(day.key).getTime() >= due.getTime()) break;
    if (isWorkingDay(day, calendar)) left++;
  }
  return left;
}

/**
 * A deadline after a pause from `pausedAt` to `resumedAt`: the time left at the pause, counted again from the reply —
 * working days for a normal item, wall-clock time for an urgent one. A deadline already passed at the pause stays as
 * it was: it was missed before the citizen was asked, and the pause does not undo that.
 */
export function resumedDeadline(due: Date | null, pausedAt: Date, resumedAt: Date, calendar: WorkingCalendar, priority: ItemPriority): Date | null {
  if (!due || due.getTime() <= pausedAt.getTime()) return due;
  if (resumedAt.getTime() <= pausedAt.getTime()) return due;
  if (priority === 'urgent' || !isDayStart(due)) return new Date(resumedAt.getTime() + (due.getTime() - pausedAt.getTime()));
  return addWorkingDays(resumedAt, workingDaysLeft(pausedAt, due, calendar), calendar);
}

/** Whether `instant` is the start of a Tehran civil day (a working-day deadline), not an hour deadline. */
function isDayStart(instant: Date): boolean {
  return startOfTehranDay(tehranDay(instant).key).getTime() === instant.getTime();
}

/** What a page says of a deadline now: time left (in working days or in hours) or time past it; paused or running. */
export type Remaining =
  | { kind: 'left'; unit: 'workingDays' | 'hours'; amount: number; paused: boolean }
  | { kind: 'overdue'; unit: 'days' | 'hours'; amount: number; paused: boolean };

/**
 * The time left before `due` at `now`. Urgent items and anything due within a working day read in hours (rounded up:
 * "1 hour left" until the last minute); others in working days, counting today as one when it is a working day (the
 * item is due at the end of that many working days). Paused: the time that was left at the pause, frozen.
 */
export function remainingTime(due: Date, now: Date, options: { calendar: WorkingCalendar; priority: ItemPriority; pausedAt?: Date | null }): Remaining {
  const paused = !!options.pausedAt;
  const at = options.pausedAt ?? now;
  const ms = due.getTime() - at.getTime();
  if (ms <= 0) {
    const late = -ms;
    return late < DAY_MS ? { kind: 'overdue', unit: 'hours', amount: Math.max(1, Math.ceil(late / HOUR_MS)), paused } : { kind: 'overdue', unit: 'days', amount: Math.floor(late / DAY_MS), paused };
  }
  // Urgent items run around the clock, and anything due within a day reads in hours: "5 hours left", rounded up.
  if (options.priority === 'urgent' || ms < DAY_MS) return { kind: 'left', unit: 'hours', amount: Math.max(1, Math.ceil(ms / HOUR_MS)), paused };
  const days = workingDaysLeft(at, due, options.calendar) + (isWorkingDay(tehranDay(at), options.calendar) ? 1 : 0);
  return { kind: 'left', unit: 'workingDays', amount: Math.max(1, days), paused };
}

// ---- Reopening ----------------------------------------------------------------------------------------------------

/** Whether a closed item may still be reopened at `now`: within `windowDays` days of its closing. */
export function reopenWindowOpen(closedAt: Date | null | undefined, now: Date, windowDays: number): boolean {
  if (!closedAt) return false;
  return now.getTime() - closedAt.getTime() <= windowDays * DAY_MS;
}

/** The last instant a closed item may be reopened, for the page to say. */
export function reopenUntil(closedAt: Date, windowDays: number): Date {
  return new Date(closedAt.getTime() + windowDays * DAY_MS);
}
