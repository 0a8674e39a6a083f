/**
 * The paused clock and the reopen rules (issue 23, docs/decisions/017-paused-clock-and-reopen.md), without a
 * database: the time left at a pause counted again from the reply (working days over weekends and holidays, hours for
 * urgent items), what a page reads, and who may reopen a closed item, from which state, until when.
 */
import { describe, expect, it } from 'vitest';
import { addWorkingDays, startOfTehranDay, tehranInstant, type WorkingCalendar } from '~/domain/calendar';
import { remainingTime, reopenWindowOpen, resumedDeadline, workingDaysLeft } from '~/domain/deadlines';
import { decide } from '~/domain/workflow';
import { effectsOf, mirrorEffectsOf, type EffectsItem } from '~/domain/workflow-effects';

const calendar: WorkingCalendar = { weekend: [4, 5], holidays: [] };
const at = (day: string, time = '10:00') => tehranInstant(day, time);
const endOf = (day: string) => startOfTehranDay(new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10));
const DAY = 86_400_000;

describe('the time left at a pause', () => {
  // 2026-12-09 is a Wednesday; Thursday and Friday are the weekend.
  const due = endOf('2026-12-14'); // end of Monday

  it('counts the working days after the pause day, skipping the weekend', () => {
    expect(workingDaysLeft(at('2026-12-09'), due, calendar)).toBe(3); // Saturday, Sunday, Monday
  });

  it('gives them back from the reply: paused on Wednesday, answered on Sunday, due three working days later', () => {
    expect(resumedDeadline(due, at('2026-12-09'), at('2026-12-13', '09:00'), calendar, 'normal')).toEqual(endOf('2026-12-16'));
  });

  it('skips a holiday inside the time left', () => {
    const withHoliday: WorkingCalendar = { weekend: [4, 5], holidays: [{ date: '2026-12-14' }] };
    expect(workingDaysLeft(at('2026-12-09'), due, withHoliday)).toBe(2);
    // Two working days from Sunday: Monday is the holiday, so Tuesday and Wednesday.
    expect(resumedDeadline(due, at('2026-12-09'), at('2026-12-13'), withHoliday, 'normal')).toEqual(endOf('2026-12-16'));
  });

  it('changes nothing when the citizen replies the same day', () => {
    expect(resumedDeadline(due, at('2026-12-09', '09:00'), at('2026-12-09', '17:00'), calendar, 'normal')).toEqual(due);
  });

  it('adds up over several pauses', () => {
    const first = resumedDeadline(due, at('2026-12-09'), at('2026-12-13'), calendar, 'normal')!; // end of Wed 16th
    expect(first).toEqual(endOf('2026-12-16'));
    // Asked again on Monday 14th (Tue, Wed left), answered on Saturday 19th: Sunday and Monday.
    expect(resumedDeadline(first, at('2026-12-14'), at('2026-12-19'), calendar, 'normal')).toEqual(endOf('2026-12-21'));
  });

  it('keeps the same number of working days as the plan gave at submission', () => {
    const sent = at('2026-12-07');
    const planned = addWorkingDays(sent, 10, calendar);
    // Paused the same day the item came, answered a week later: ten working days from the reply.
    expect(resumedDeadline(planned, sent, at('2026-12-14'), calendar, 'normal')).toEqual(addWorkingDays(at('2026-12-14'), 10, calendar));
  });

  it('runs around the clock for an urgent item: the hours left are added to the reply', () => {
    const paused = new Date('2026-12-10T08:00:00Z'); // a Thursday: weekends do not count for urgent items
    const urgentDue = new Date(paused.getTime() + 5 * 3_600_000);
    const reply = new Date('2026-12-12T20:00:00Z');
    expect(resumedDeadline(urgentDue, paused, reply, calendar, 'urgent')).toEqual(new Date(reply.getTime() + 5 * 3_600_000));
  });

  it('leaves a deadline already missed at the pause as it was', () => {
    expect(resumedDeadline(due, at('2026-12-15'), at('2026-12-20'), calendar, 'normal')).toEqual(due);
  });
});

describe('what a page reads', () => {
  const now = at('2026-12-07'); // Monday 10:00

  it('working days left, today counted', () => {
    expect(remainingTime(endOf('2026-12-09'), now, { calendar, priority: 'normal' })).toEqual({ kind: 'left', unit: 'workingDays', amount: 3, paused: false });
  });

  it('hours when under a day, and always for an urgent item', () => {
    expect(remainingTime(new Date(now.getTime() + 5 * 3_600_000), now, { calendar, priority: 'normal' })).toMatchObject({ kind: 'left', unit: 'hours', amount: 5 });
    expect(remainingTime(new Date(now.getTime() + 30 * 3_600_000), now, { calendar, priority: 'urgent' })).toMatchObject({ kind: 'left', unit: 'hours', amount: 30 });
  });

  it('days past the deadline', () => {
    expect(remainingTime(new Date(now.getTime() - 2 * DAY - 60_000), now, { calendar, priority: 'normal' })).toEqual({ kind: 'overdue', unit: 'days', amount: 2, paused: false });
  });

  it('paused: the time left at the pause, frozen however long the citizen takes', () => {
    const pausedAt = at('2026-12-07');
    const later = at('2026-12-30');
    expect(remainingTime(endOf('2026-12-10'), later, { calendar, priority: 'normal', pausedAt })).toEqual({ kind: 'left', unit: 'workingDays', amount: 3, paused: true });
  });
});

describe('reopening', () => {
  const closedAt = new Date('2026-12-01T10:00:00Z');
  const closed = { state: 'closed' as const, ownerProvinceId: 'ir-09', closedAt };
  const settings = { appealWindowDays: 7, reopenWindowDays: 30 };
  const reason = { publicMessage: 'هنوز مشکل پابرجاست.' };

  it('is open until the window ends, to the millisecond', () => {
    expect(reopenWindowOpen(closedAt, new Date(closedAt.getTime() + 30 * DAY), 30)).toBe(true);
    expect(reopenWindowOpen(closedAt, new Date(closedAt.getTime() + 30 * DAY + 1), 30)).toBe(false);
    expect(reopenWindowOpen(null, closedAt, 30)).toBe(false);
  });

  it('is the citizen side only: the citizen and the call-centre agent, with a reason', () => {
    const now = new Date(closedAt.getTime() + DAY);
    expect(decide(closed, 'citizen_reopen', { role: 'citizen' }, reason, now, settings)).toMatchObject({ ok: true, to: 'in_review', ownerProvinceId: 'ir-09' });
    expect(decide(closed, 'citizen_reopen', { role: 'call_center_agent' }, reason, now, settings)).toMatchObject({ ok: true });
    for (const role of ['province_officer', 'province_manager', 'national_supervisor', 'admin', 'system'] as const) {
      expect(decide(closed, 'citizen_reopen', { role, provinceId: 'ir-09' }, reason, now, settings)).toEqual({ ok: false, reason: 'role_not_allowed' });
    }
    expect(decide(closed, 'citizen_reopen', { role: 'citizen' }, { publicMessage: '  ' }, now, settings)).toEqual({ ok: false, reason: 'public_message_required' });
  });

  it('only from closed: not from a rejection, a redirection or an open item', () => {
    const now = new Date(closedAt.getTime() + DAY);
    for (const state of ['rejected', 'redirected', 'answered', 'in_review', 'appealed'] as const) {
      expect(decide({ ...closed, state }, 'citizen_reopen', { role: 'citizen' }, reason, now, settings)).toEqual({ ok: false, reason: 'not_allowed_in_state' });
    }
  });

  it('is refused after the window, with its own reason', () => {
    expect(decide(closed, 'citizen_reopen', { role: 'citizen' }, reason, new Date(closedAt.getTime() + 31 * DAY), settings)).toEqual({ ok: false, reason: 'reopen_window_over' });
    expect(decide(closed, 'citizen_reopen', { role: 'citizen' }, reason, new Date(closedAt.getTime() + 3 * DAY), { ...settings, reopenWindowDays: 2 })).toEqual({ ok: false, reason: 'reopen_window_over' });
  });

  it('returns an item that was appealed to the national queue', () => {
    const decision = decide({ ...closed, appealedBefore: true }, 'citizen_reopen', { role: 'citizen' }, reason, new Date(closedAt.getTime() + DAY), settings);
    expect(decision).toMatchObject({ ok: true, ownerProvinceId: null });
  });
});

describe('the effects on the item', () => {
  const base: EffectsItem = {
    id: 1, trackingCode: '100000000001', locale: 'fa', priority: 'normal', state: 'in_review', ownerProvinceId: 'ir-09', version: 2,
    updatedAt: at('2026-12-07'), stateEnteredAt: at('2026-12-07'), firstRespondedAt: at('2026-12-07'), answeredAt: null, closedAt: null,
    assignedStaffId: null, escalationLevel: 0, rating: null, ratingComment: null, redirectedOrgId: null, area: null, kind: 'complaint',
    duplicateOfItemId: null, firstResponseDueAt: endOf('2026-12-08'), answerDueAt: endOf('2026-12-14'), pausedAt: null, reopenedAt: null, safeguarding: false,
  };
  const t = (key: string) => key;
  const apply = (item: EffectsItem, action: 'ask_citizen' | 'citizen_reply' | 'auto_close' | 'citizen_reopen', actor: Parameters<typeof decide>[2], now: Date, refs = {}) => {
    const decision = decide(item, action, actor, { publicMessage: 'x' }, now);
    if (!decision.ok) throw new Error(decision.reason);
    const result = effectsOf(item, decision, actor, { publicMessage: 'x' }, { t, calendar, ...refs }, now);
    if (!result.ok) throw new Error(result.reason);
    return result.effects.fields;
  };

  it('a question pauses; the reply resumes with the deadline moved; a silent close only ends the pause', () => {
    const asked = apply(base, 'ask_citizen', { role: 'province_officer', provinceId: 'ir-09' }, at('2026-12-09'));
    expect(asked.pausedAt).toEqual(at('2026-12-09'));
    expect(asked.answerDueAt).toEqual(base.answerDueAt);
    const replied = apply({ ...base, ...asked }, 'citizen_reply', { role: 'citizen' }, at('2026-12-13'));
    expect(replied).toMatchObject({ state: 'in_review', pausedAt: null, answerDueAt: endOf('2026-12-16') });
    const closed = apply({ ...base, ...asked }, 'auto_close', { role: 'system' }, at('2026-12-30'));
    expect(closed).toMatchObject({ state: 'closed', pausedAt: null, answerDueAt: base.answerDueAt });
  });

  it('a duplicate following its original pauses and resumes with it', () => {
    const duplicate = { ...base, id: 2 };
    const paused = mirrorEffectsOf(duplicate, { state: 'awaiting_citizen', ownerProvinceId: 'ir-09' }, false, at('2026-12-09'), { calendar, priority: 'normal' })!;
    expect(paused).toMatchObject({ state: 'awaiting_citizen', pausedAt: at('2026-12-09') });
    const back = mirrorEffectsOf({ ...duplicate, ...paused }, { state: 'in_review', ownerProvinceId: 'ir-09' }, false, at('2026-12-13'), { calendar, priority: 'normal' })!;
    expect(back).toMatchObject({ state: 'in_review', pausedAt: null, answerDueAt: endOf('2026-12-16') });
  });

  it('a reopening sets the new deadlines, clears the closing and the escalations', () => {
    const closedItem = { ...base, state: 'closed' as const, closedAt: at('2026-12-10'), answeredAt: at('2026-12-09'), escalationLevel: 2 };
    const fresh = { firstResponseDueAt: endOf('2026-12-22'), answerDueAt: endOf('2027-01-03') };
    const reopened = apply(closedItem, 'citizen_reopen', { role: 'citizen' }, at('2026-12-20'), { reopenDeadlines: fresh });
    expect(reopened).toMatchObject({ state: 'in_review', closedAt: null, escalationLevel: 0, ...fresh, answeredAt: at('2026-12-09'), reopenedAt: at('2026-12-20') });
  });
});
