/**
 * Storage of `/track/recover`'s one-time codes (table `recovery_codes`) and the items a proven mobile may see. The
 * rules (life, tries, hashing) are app/domain/recovery.ts; the flow app/services/recovery.server.ts.
 */
import { and, desc, eq, gt, isNull, like, lt, ne, or, sql } from 'drizzle-orm';
import type { AppDatabase, Transaction } from '../../db/client';
import { items, outbox, recoveryCodes } from '../../db/schema';
import { judgeOtp, OTP_TTL_MS, RECENTLY_CLOSED_MS, type OtpVerdict } from '../domain/recovery';
import type { AppLocale } from '../i18n/config';
import { ERASED_RECIPIENT } from './outbox.server';

export interface RecoveredItem {
  trackingCode: string;
  kind: string;
  state: string;
  subject: string;
  createdAt: Date;
  closedAt: Date | null;
}

/**
 * The items of `mobile` a citizen may be shown: open ones and those closed within RECENTLY_CLOSED_MS, newest first.
 * Anonymous items carry no mobile, and items whose contact data was erased no longer carry it, so neither can appear;
 * both conditions are still written out, so a later change of the erasure cannot widen this list.
 */
export function itemsOfMobile(db: Pick<AppDatabase, 'select'>, mobile: string, now: Date): RecoveredItem[] {
  return db
    .select({ trackingCode: items.trackingCode, kind: items.kind, state: items.state, subject: items.subject, createdAt: items.createdAt, closedAt: items.closedAt })
    .from(items)
    .where(
      and(
        eq(items.mobile, mobile),
        eq(items.anonymous, false),
        isNull(items.contactErasedAt),
        or(isNull(items.closedAt), gt(items.closedAt, new Date(now.getTime() - RECENTLY_CLOSED_MS))),
      ),
    )
    .orderBy(desc(items.createdAt), desc(items.id))
    .limit(50)
    .all();
}

/**
 * Stores a new code and, only when the mobile has items, queues its SMS, in one transaction. Both paths read the
 * items and write a row, so the work done (and its time) hardly differs; the SMS itself is sent later by the
 * delivery loop, never during the request. Old rows (a day past their expiry) are cleared on the way, and so are the
 * number and the text of recovery SMS done with for a day: they belong to no item, so item retention never erases them.
 */
export function storeCode(
  tx: Transaction,
  code: { ticket: string; mobile: string; codeHash: string; smsText: string; locale: AppLocale; now: Date },
): { sent: boolean } {
  const { now } = code;
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60_000);
  tx.delete(recoveryCodes).where(lt(recoveryCodes.expiresAt, dayAgo)).run();
  tx.update(outbox)
    .set({ recipient: ERASED_RECIPIENT, body: '' })
    .where(and(like(outbox.idempotencyKey, 'recover-%'), lt(outbox.createdAt, dayAgo), ne(outbox.status, 'pending'), ne(outbox.recipient, ERASED_RECIPIENT)))
    .run();
  const hasItems = itemsOfMobile(tx, code.mobile, now).length > 0;
  const row = tx
    .insert(recoveryCodes)
    .values({ ticket: code.ticket, mobile: code.mobile, codeHash: code.codeHash, expiresAt: new Date(now.getTime() + OTP_TTL_MS), createdAt: now })
    .returning({ id: recoveryCodes.id })
    .get();
  if (hasItems) {
    // About no single item: itemId stays null, as for a staff digest; the key is unique per code.
    tx.insert(outbox)
      .values({ itemId: null, eventId: null, channel: 'sms', audience: 'citizen', recipient: code.mobile, locale: code.locale, body: code.smsText, idempotencyKey: `recover-${row.id}`, nextAttemptAt: now })
      .run();
  }
  return { sent: hasItems };
}

/**
 * Checks a typed code against the ticket's row and counts the try, in the caller's write transaction (BEGIN
 * IMMEDIATE): two guesses posted at the same moment are counted one after the other, never both against the same
 * count. A right code is marked used there too, so it opens once.
 */
export function checkCode(tx: Transaction, ticket: string, typedHash: string, now: Date): { verdict: OtpVerdict | 'unknown'; mobile?: string } {
  const row = tx.select().from(recoveryCodes).where(eq(recoveryCodes.ticket, ticket)).get();
  if (!row) return { verdict: 'unknown' };
  const verdict = judgeOtp(row, typedHash, now);
  if (verdict === 'ok') {
    tx.update(recoveryCodes).set({ usedAt: now, attempts: sql`${recoveryCodes.attempts} + 1` }).where(eq(recoveryCodes.id, row.id)).run();
    return { verdict, mobile: row.mobile };
  }
  if (verdict === 'wrong' || verdict === 'dead') {
    // A try at a live code is counted even when it is the one that kills it.
    if (row.attempts < 1_000) tx.update(recoveryCodes).set({ attempts: sql`${recoveryCodes.attempts} + 1` }).where(eq(recoveryCodes.id, row.id)).run();
  }
  return { verdict };
}
