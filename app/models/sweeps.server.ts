/**
 * What the periodic sweeps (docs/DESIGN.md §3) find: answered items the citizen left silent, questions left unanswered, and
 * overdue items; and the retention erasure. The workflow door (the service workflow.server.ts, runSweeps) applies
 * each change as a version-checked transition, so two sweeps running at once (the server's and `npm run worker`)
 * never apply one twice: the second finds the version moved and skips.
 */
import { and, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { writeTransaction, type AppDatabase } from '../../db/client';
import { items, outbox, smsInbound } from '../../db/schema';
import type { WorkflowSettingsValue } from '../domain/settings';
import { TERMINAL_STATES, type ItemState } from '../domain/workflow';
import { NO_NEEDS } from '../domain/carers';
import { deleteAttachmentsOf } from './attachments.server';

const DAY_MS = 86_400_000;
/** What an erased recipient address reads as. */
const ERASED = 'erased';
const AWAITING_STAFF: ItemState[] = ['routed', 'in_review', 'appealed'];

/** Items the citizen left silent past the auto-close time: answered, or asked a question they never answered. */
export function closeableItems(db: AppDatabase, settings: Pick<WorkflowSettingsValue, 'answeredAutoCloseDays' | 'awaitingCitizenAutoCloseDays'>, now: Date) {
  return db
    .select({ id: items.id, version: items.version })
    .from(items)
    .where(
      or(
        and(eq(items.state, 'answered'), lte(items.stateEnteredAt, new Date(now.getTime() - settings.answeredAutoCloseDays * DAY_MS))),
        and(eq(items.state, 'awaiting_citizen'), lte(items.stateEnteredAt, new Date(now.getTime() - settings.awaitingCitizenAutoCloseDays * DAY_MS))),
      ),
    )
    .all();
}

/** Items past a deadline and not yet escalated to its level: 1 first response overdue, 2 answer overdue. */
export function overdueItems(db: AppDatabase, now: Date): { id: number; version: number; level: 1 | 2 }[] {
  return (
    db
      .select({ id: items.id, version: items.version, answerDueAt: items.answerDueAt, answeredAt: items.answeredAt, reopenedAt: items.reopenedAt })
      .from(items)
      // The state test stands in each branch so SQLite can seek each through its own index (items_first_response_due_idx,
      // items_answer_due_idx) rather than reading every item awaiting staff.
      .where(
        or(
          and(inArray(items.state, AWAITING_STAFF), isNull(items.firstRespondedAt), lte(items.firstResponseDueAt, now), lt(items.escalationLevel, 1)),
          and(inArray(items.state, AWAITING_STAFF), isNull(items.answeredAt), lte(items.answerDueAt, now), lt(items.escalationLevel, 2)),
          // Reopened by the citizen (decision 017): its first answer came before the reopening, the new one is due.
          and(inArray(items.state, AWAITING_STAFF), isNotNull(items.reopenedAt), lt(items.answeredAt, items.reopenedAt), lte(items.answerDueAt, now), lt(items.escalationLevel, 2)),
        ),
      )
      .all()
      .map((item) => ({ id: item.id, version: item.version, level: item.answerDueAt && item.answerDueAt <= now && !answeredSince(item) ? 2 : 1 }))
  );
}

/** Whether the item has an answer that still stands: none, or one given before the citizen reopened it, does not. */
function answeredSince(item: { answeredAt: Date | null; reopenedAt: Date | null }): boolean {
  return !!item.answeredAt && !(item.reopenedAt && item.answeredAt < item.reopenedAt);
}

/**
 * Data minimisation (docs/DESIGN.md §7): `retentionDays` after an item was closed, every copy of its submitter's contact data
 * the product keeps is erased: the item's name, mobile, email and national code, its attachments, the addresses its
 * messages went to (the outbox rows, their delivery errors, which may quote the address, and the file transport's
 * log), and the number its texts came from (`sms_inbound`). Texts that never became or joined an item keep their
 * number only as long. The text and its history stay, without anyone's contact data, for supervision and statistics.
 * Not reached: copies outside the product (backups taken, the SMS and mail providers' own records).
 */
export function eraseExpiredContacts(db: AppDatabase, retentionDays: number, now: Date = new Date()): { erased: number; loggedKeys: Set<string> } {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const expired = and(inArray(items.state, [...TERMINAL_STATES]), lte(items.closedAt, cutoff), isNull(items.contactErasedAt));
  const { erased, removeFiles, loggedKeys } = writeTransaction(db, (tx) => {
    const expiredIds = tx.select({ id: items.id }).from(items).where(expired);
    // The attachments go too: photos and letters often carry as much about a person as their contact data.
    const removeFiles = deleteAttachmentsOf(tx, expired);
    // Also the answers to texts that never joined an item (the SMS help, issue 22): kept as long as such texts' numbers.
    const itemless = and(isNull(outbox.itemId), lte(outbox.createdAt, cutoff));
    const citizenMessages = and(eq(outbox.audience, 'citizen'), or(inArray(outbox.itemId, expiredIds), itemless), sql`${outbox.recipient} <> ${ERASED}`);
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
    const erased = tx.update(items).set({ name: null, mobile: null, email: null, nationalCode: null, ...NO_NEEDS, contactErasedAt: now }).where(expired).run().changes;
    return { erased, removeFiles, loggedKeys };
  });
  removeFiles();
  // The caller redacts the file transport's log for `loggedKeys` after this commit (the service workflow.server.ts),
  // once the database no longer holds the addresses either.
  return { erased, loggedKeys };
}
