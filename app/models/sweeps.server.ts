/**
 * The periodic sweeps of the workflow (DESIGN §3): auto-close answered items the citizen left silent, close items
 * whose question went unanswered, and escalate overdue items. Every change goes through the same version-checked
 * transaction as a staff action, so two sweeps running at once (the server's and `npm run worker`) never apply a
 * transition twice: the second finds the version moved and skips.
 */
import { and, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { writeTransaction, type AppDatabase } from '../../db/client';
import { itemEvents, items, outbox, smsInbound } from '../../db/schema';
import { outboxLogPath, redactOutboxLog } from '../services/notify.server';
import { decide, TERMINAL_STATES, type ItemState } from '../domain/workflow';
import { transition } from './items.server';
import { deleteAttachmentsOf } from './attachments.server';
import { queueEscalation } from './outbox.server';
import { getWorkflowSettings } from './settings.server';

const DAY_MS = 86_400_000;
/** What an erased recipient address reads as. */
const ERASED = 'erased';
const SYSTEM = { role: 'system' as const };
const AWAITING_STAFF: ItemState[] = ['routed', 'in_review', 'appealed'];

export interface SweepResult {
  autoClosed: number;
  escalated: number;
  contactsErased: number;
}

export function runSweeps(db: AppDatabase, now: Date = new Date()): SweepResult {
  const settings = getWorkflowSettings(db);
  let autoClosed = 0;
  const closeable = db
    .select({ id: items.id, version: items.version })
    .from(items)
    .where(
      or(
        and(eq(items.state, 'answered'), lte(items.stateEnteredAt, new Date(now.getTime() - settings.answeredAutoCloseDays * DAY_MS))),
        and(eq(items.state, 'awaiting_citizen'), lte(items.stateEnteredAt, new Date(now.getTime() - settings.awaitingCitizenAutoCloseDays * DAY_MS))),
      ),
    )
    .all();
  for (const item of closeable) {
    if (transition(db, item.id, 'auto_close', SYSTEM, { expectedVersion: item.version }, now).ok) autoClosed++;
  }

  let escalated = 0;
  const overdue = db
    .select()
    .from(items)
    // The state test stands in each branch so SQLite can seek each through its own index (items_first_response_due_idx,
    // items_answer_due_idx) rather than reading every item awaiting staff.
    .where(
      or(
        and(inArray(items.state, AWAITING_STAFF), isNull(items.firstRespondedAt), lte(items.firstResponseDueAt, now), lt(items.escalationLevel, 1)),
        and(inArray(items.state, AWAITING_STAFF), isNull(items.answeredAt), lte(items.answerDueAt, now), lt(items.escalationLevel, 2)),
      ),
    )
    .all();
  for (const item of overdue) {
    const level: 1 | 2 = item.answerDueAt && item.answerDueAt <= now && !item.answeredAt ? 2 : 1;
    if (escalate(db, item.id, item.version, level, now)) escalated++;
  }
  return { autoClosed, escalated, contactsErased: eraseExpiredContacts(db, settings.contactRetentionDays, now) };
}

/**
 * Data minimisation (DESIGN §7): `retentionDays` after an item was closed, every copy of its submitter's contact data
 * the product keeps is erased: the item's name, mobile, email and national code, its attachments, the addresses its
 * messages went to (the outbox rows, their delivery errors, which may quote the address, and the file transport's
 * log), and the number its texts came from (`sms_inbound`). Texts that never became or joined an item keep their
 * number only as long. The text and its history stay, without anyone's contact data, for supervision and statistics.
 * Not reached: copies outside the product (backups taken, the SMS and mail providers' own records).
 */
export function eraseExpiredContacts(db: AppDatabase, retentionDays: number, now: Date = new Date()): number {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const expired = and(inArray(items.state, [...TERMINAL_STATES]), lte(items.closedAt, cutoff), isNull(items.contactErasedAt));
  const { erased, removeFiles, loggedKeys } = writeTransaction(db, (tx) => {
    const expiredIds = tx.select({ id: items.id }).from(items).where(expired);
    // The attachments go too: photos and letters often carry as much about a person as their contact data.
    const removeFiles = deleteAttachmentsOf(tx, expired);
    const citizenMessages = and(eq(outbox.audience, 'citizen'), inArray(outbox.itemId, expiredIds), sql`${outbox.recipient} <> ${ERASED}`);
    const loggedKeys = new Set(tx.select({ key: outbox.idempotencyKey }).from(outbox).where(citizenMessages).all().map((row) => row.key));
    // Messages still pending for such an item have nobody left to reach: they end with the erasure.
    tx.update(outbox)
      .set({ recipient: ERASED, lastError: null, status: sql`case when ${outbox.status} = 'pending' then 'dead' else ${outbox.status} end` })
      .where(citizenMessages)
      .run();
    tx.update(smsInbound)
      .set({ fromNumber: ERASED })
      .where(and(sql`${smsInbound.fromNumber} <> ${ERASED}`, or(inArray(smsInbound.itemId, expiredIds), and(isNull(smsInbound.itemId), lte(smsInbound.receivedAt, cutoff)))))
      .run();
    const erased = tx.update(items).set({ name: null, mobile: null, email: null, nationalCode: null, contactErasedAt: now }).where(expired).run().changes;
    return { erased, removeFiles, loggedKeys };
  });
  removeFiles();
  // After the commit: the log line is only redacted once the database no longer holds the address either.
  redactOutboxLog(outboxLogPath(), loggedKeys);
  return erased;
}

/** Raises the item's escalation level, records an internal event and tells the managers, in one transaction. */
function escalate(db: AppDatabase, itemId: number, version: number, level: 1 | 2, now: Date): boolean {
  return writeTransaction(db, (tx) => {
    const item = tx.select().from(items).where(eq(items.id, itemId)).get();
    if (!item || item.version !== version || item.escalationLevel >= level) return false;
    const decision = decide({ state: item.state as ItemState, ownerProvinceId: item.ownerProvinceId }, 'escalate', SYSTEM, {}, now);
    if (!decision.ok) return false;
    const updated = tx
      .update(items)
      .set({ escalationLevel: level, version: item.version + 1, updatedAt: now })
      .where(and(eq(items.id, item.id), eq(items.version, item.version)))
      .returning()
      .get();
    if (!updated) return false;
    const event = tx
      .insert(itemEvents)
      .values({
        itemId: item.id,
        at: now,
        action: 'escalate',
        fromState: item.state,
        toState: item.state,
        actorType: 'system',
        ownerProvinceId: item.ownerProvinceId,
        internalNote: level === 1 ? 'first_response_overdue' : 'answer_overdue',
      })
      .returning()
      .get();
    queueEscalation(tx, updated, event, level, now);
    return true;
  });
}
