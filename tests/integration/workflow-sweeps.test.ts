import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { itemEvents, outbox } from '../../db/schema';
import { feedbackSchema } from '~/domain/feedback-schema';
import { DEFAULT_SETTINGS } from '~/domain/settings';
import { findByTrackingCode, publicTimeline } from '~/models/items.server';
import { runSweeps, submitItem, transition } from '~/services/workflow.server';
import { saveWorkflowSettings } from '~/models/settings.server';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const DAY = 86_400_000;
/** Tehran wall-clock time as an instant. */
const tehran = (local: string) => new Date(`${local}+03:30`);
const officer = { role: 'province_officer' as const, provinceId: 'ir-09', staffId: null };

function submit(now: Date, kind: 'complaint' | 'suggestion' = 'complaint', mobile = '09121234567') {
  const form = feedbackSchema.parse({
    kind,
    provinceId: 'ir-09',
    body: 'مددکار مرکز سه هفته است برای بازدید منزل نیامده و تلفن هم جواب نمی‌دهد.',
    mobile,
    consent: 'on',
  });
  return submitItem(db(), form, { channel: 'web', locale: 'fa', actor: { role: 'citizen' }, now });
}

const eventsOf = (itemId: number, action: string) =>
  db().select().from(itemEvents).where(and(eq(itemEvents.itemId, itemId), eq(itemEvents.action, action))).all();

describe('deadlines fixed at submission', () => {
  it('are 2 and 10 working days by default, on the Thursday–Friday weekend', () => {
    const item = submit(tehran('2026-11-21T10:00')); // a Saturday
    expect(item.firstResponseDueAt).toEqual(tehran('2026-11-24T00:00'));
    expect(item.answerDueAt).toEqual(tehran('2026-12-06T00:00'));
  });

  it('follow the configured days per kind', () => {
    saveWorkflowSettings(db(), { ...DEFAULT_SETTINGS, deadlines: { ...DEFAULT_SETTINGS.deadlines, complaint: { firstResponseDays: 1, answerDays: 3 } } });
    const complaint = submit(tehran('2026-11-21T10:00'), 'complaint');
    const suggestion = submit(tehran('2026-11-21T10:00'), 'suggestion');
    expect(complaint.firstResponseDueAt).toEqual(tehran('2026-11-23T00:00'));
    expect(complaint.answerDueAt).toEqual(tehran('2026-11-25T00:00'));
    expect(suggestion.answerDueAt).toEqual(tehran('2026-12-06T00:00'));
    saveWorkflowSettings(db(), DEFAULT_SETTINGS);
  });
});

describe('the sweeps', () => {
  it('close an answer the citizen left silent for the configured days, and tell the citizen', () => {
    const answeredAt = new Date('2026-10-01T08:00:00Z');
    const item = submit(answeredAt);
    transition(db(), item.id, 'accept', officer, {}, answeredAt);
    transition(db(), item.id, 'answer', officer, { publicMessage: 'مددکار فردا مراجعه می‌کند.' }, answeredAt);

    runSweeps(db(), new Date(answeredAt.getTime() + 6 * DAY));
    expect(findByTrackingCode(db(), item.trackingCode)?.state).toBe('answered');

    runSweeps(db(), new Date(answeredAt.getTime() + 7 * DAY + 1));
    const closed = findByTrackingCode(db(), item.trackingCode)!;
    expect(closed.state).toBe('closed');
    const [event] = eventsOf(item.id, 'auto_close');
    expect(event).toMatchObject({ actorType: 'system', fromState: 'answered', toState: 'closed' });
    expect(db().select().from(outbox).where(eq(outbox.eventId, event!.id)).all()).toHaveLength(1);
  });

  it('close an item whose question the citizen never answered', () => {
    const askedAt = new Date('2026-10-01T08:00:00Z');
    const item = submit(askedAt);
    transition(db(), item.id, 'accept', officer, {}, askedAt);
    transition(db(), item.id, 'ask_citizen', officer, { publicMessage: 'نشانی دقیق را بفرستید.' }, askedAt);
    runSweeps(db(), new Date(askedAt.getTime() + 14 * DAY + 1));
    expect(findByTrackingCode(db(), item.trackingCode)?.state).toBe('closed');
  });

  it('escalate an overdue item once per deadline, telling the province manager and national supervisors', () => {
    const sentAt = tehran('2026-11-21T10:00');
    const item = submit(sentAt);
    runSweeps(db(), tehran('2026-11-23T23:59')); // before the first-response deadline
    expect(eventsOf(item.id, 'escalate')).toHaveLength(0);

    runSweeps(db(), tehran('2026-11-24T00:01'));
    runSweeps(db(), tehran('2026-11-24T00:02')); // a second sweep changes nothing
    const [first] = eventsOf(item.id, 'escalate');
    expect(eventsOf(item.id, 'escalate')).toHaveLength(1);
    expect(first).toMatchObject({ internalNote: 'first_response_overdue', toState: 'routed' });
    const staffMail = db().select().from(outbox).where(eq(outbox.eventId, first!.id)).all();
    expect(staffMail.map((m) => m.recipient).sort()).toEqual(['manager.ir-09@demo.didehban.invalid', 'national@demo.didehban.invalid']);
    expect(staffMail.every((m) => m.audience === 'staff' && m.channel === 'email')).toBe(true);
    expect(staffMail[0]!.body).toContain('مهلت پاسخ اولیه');
    // The item's number, never its tracking code, which opens an anonymous item's page (outside review, round 9).
    const persian = (digits: string) => digits.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    expect(staffMail[0]!.body).toContain(`شمارهٔ ${persian(String(item.id))}`);
    expect(staffMail[0]!.body.replace(/\D/g, '')).not.toContain(item.trackingCode.slice(0, 6));
    expect(staffMail[0]!.body).not.toContain(persian(item.trackingCode.slice(0, 4)));

    runSweeps(db(), tehran('2026-12-06T00:01')); // the answer deadline
    expect(eventsOf(item.id, 'escalate').map((e) => e.internalNote)).toEqual(['first_response_overdue', 'answer_overdue']);
    expect(findByTrackingCode(db(), item.trackingCode)?.escalationLevel).toBe(2);
  });

  it('does not escalate an item answered in time, and keeps escalations off the citizen timeline', () => {
    const sentAt = tehran('2026-11-21T10:00');
    const item = submit(sentAt);
    transition(db(), item.id, 'accept', officer, {}, tehran('2026-11-22T10:00'));
    transition(db(), item.id, 'answer', officer, { publicMessage: 'پاسخ' }, tehran('2026-11-22T11:00'));
    runSweeps(db(), tehran('2026-11-25T00:00'));
    expect(eventsOf(item.id, 'escalate')).toHaveLength(0);

    const late = submit(sentAt);
    runSweeps(db(), tehran('2026-11-24T01:00'));
    expect(publicTimeline(db(), late.id).map((e) => e.action)).toEqual(['submit', 'route']);
  });
});
