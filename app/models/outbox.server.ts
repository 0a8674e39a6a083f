/**
 * The notification outbox's rows (docs/DESIGN.md §3, §8): feedback to the submitter is written in the same transaction as the
 * event that causes it; the delivery loop (the service notify.server.ts) sends it at least once, with the row's
 * idempotency key, through the rows' claim and mark functions here.
 */
import { smsRecipientOf } from '../domain/carers';
import { and, asc, desc, eq, gte, inArray, isNotNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { AppDatabase, Transaction as Tx } from '../../db/client';
import { itemEvents, items, outbox, provinces, staffUsers } from '../../db/schema';
import { getConfig } from '../platform/config.server';
import { maskMobile, toPersianDigits } from '../domain/persian';
import { provinceRolesToTell } from '../domain/workflow';
import { RECEIPT_WINDOW_MS, receiptOverCap } from '../domain/receipt-cap';
import { groupTrackingCode } from '../domain/tracking-code';
import { isLocale, type AppLocale } from '../i18n/config';
import { translator } from '../i18n/translate';

type ItemRow = typeof items.$inferSelect;
type EventRow = typeof itemEvents.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;

const OUTBOX_COLUMNS = ['itemId', 'eventId', 'channel', 'audience', 'recipient', 'locale', 'body', 'idempotencyKey', 'nextAttemptAt', 'status'] as const;
type OutboxInsert = { [K in (typeof OUTBOX_COLUMNS)[number]]: NonNullable<(typeof outbox.$inferInsert)[K]> };

const prepared = new WeakMap<AppDatabase, ReturnType<typeof prepareInsert>>();

/** One message row, prepared once per connection (a write on the hot path of every submission and action). */
function prepareInsert(db: AppDatabase) {
  return db
    .insert(outbox)
    .values(Object.fromEntries(OUTBOX_COLUMNS.map((name) => [name, sql.placeholder(name)])) as unknown as typeof outbox.$inferInsert)
    .prepare();
}

function insertMessage(db: AppDatabase, row: OutboxInsert) {
  let insert = prepared.get(db);
  if (!insert) prepared.set(db, (insert = prepareInsert(db)));
  insert.run(row);
}

/**
 * Queues the feedback message of one public event: one row per (event, channel) the submitter can be reached on.
 * `db` is the connection whose write transaction is open (better-sqlite3: one synchronous connection).
 * `capped`: a receipt for a submission nobody confirmed the contact data of (app/domain/receipt-cap.ts); when the
 * recipient already had their receipts for the day, the row is written `skipped` (never sent, shown to staff).
 */
export function queueFeedback(db: AppDatabase, item: ItemRow, event: EventRow, now: Date, options: { capped?: boolean; askRating?: boolean } = {}): { ratingAsked: boolean } {
  // The SMS goes to the contact person when one was given, and to nobody when the citizen cannot read it or asked
  // to be called instead (app/domain/carers.ts): the call list reaches them then.
  const smsTo = smsRecipientOf(item);
  if (!smsTo && !item.email) return { ratingAsked: false };
  const locale: AppLocale = isLocale(item.locale) ? item.locale : 'fa';
  // Satisfaction by SMS (issue 22): the question rides on this event's messages (one text for every channel, as the
  // staff preview shows it); a reply digit to the SMS rates. Never a message of its own.
  // Only to the citizen's own number: a reply is matched to the item by the number it comes from, so a contact
  // person's digit would find nothing.
  const askRating = !!options.askRating && !!smsTo && smsTo === item.mobile;
  const base = feedbackText(db, item, event, locale);
  const text = askRating ? withRatingQuestion(base, item, locale) : base;
  const message = (channel: 'sms' | 'email', recipient: string, body: string): OutboxInsert => ({
    itemId: item.id,
    eventId: event.id,
    channel,
    audience: 'citizen',
    recipient,
    locale,
    body,
    idempotencyKey: `event-${event.id}-${channel}`,
    nextAttemptAt: now,
    status: options.capped && receiptOverCap(recentMessagesTo(db, recipient, now)) ? 'skipped' : 'pending',
  });
  let ratingAsked = false;
  if (smsTo) {
    const sms = message('sms', smsTo, text);
    insertMessage(db, sms);
    ratingAsked = askRating && sms.status === 'pending';
  }
  if (item.email) insertMessage(db, message('email', item.email, text));
  return { ratingAsked };
}

/**
 * The message with the one request for a rating 1–5 by SMS reply (issue 22). An item not filed by SMS is reached by a
 * text only with its code (app/domain/sms-conversation.ts `filedBySms`), so its question says to send the code first.
 */
function withRatingQuestion(text: string, item: Pick<ItemRow, 'channel' | 'trackingCode'>, locale: AppLocale): string {
  const t = translator(locale);
  const code = locale === 'fa' ? toPersianDigits(groupTrackingCode(item.trackingCode)) : groupTrackingCode(item.trackingCode);
  return `${text}\n${item.channel === 'sms' ? t('smsTalk.ratingAsk') : t('smsTalk.ratingAskWithCode', { code })}`;
}

/**
 * Messages to the citizen at `recipient` queued or sent in the cap's window up to `now` (outbox_recipient_idx).
 * Skipped rows are not counted (they reached nobody); erased rows no longer carry the address, so they drop out too.
 */
function recentMessagesTo(db: Pick<AppDatabase, 'select'>, recipient: string, now: Date): number {
  return db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(outbox)
    .where(
      and(
        eq(outbox.recipient, recipient),
        gte(outbox.createdAt, new Date(now.getTime() - RECEIPT_WINDOW_MS)),
        eq(outbox.audience, 'citizen'),
        ne(outbox.status, 'skipped'),
      ),
    )
    .get()!.n;
}

/**
 * Queues one SMS to the citizen that answers them directly instead of announcing an event (the state asked for by
 * SMS). The row names the item's latest event, as every outbox row does; `idempotencyKey` must be unique.
 */
export function queueDirectSms(tx: Tx, message: { itemId: number; to: string; text: string; locale: AppLocale; idempotencyKey: string; now: Date }) {
  const latest = tx.select({ id: itemEvents.id }).from(itemEvents).where(eq(itemEvents.itemId, message.itemId)).orderBy(desc(itemEvents.id)).limit(1).get();
  if (!latest) throw new Error(`item ${message.itemId} has no events`);
  tx.insert(outbox)
    .values({
      itemId: message.itemId,
      eventId: latest.id,
      channel: 'sms',
      audience: 'citizen',
      recipient: message.to,
      locale: message.locale,
      body: message.text,
      idempotencyKey: message.idempotencyKey,
      nextAttemptAt: message.now,
    })
    .run();
}

/**
 * Tells the owning province's managers and the national supervisors that an item is overdue (docs/DESIGN.md §3), by email,
 * in Persian. Written in the escalation's transaction, like every other message.
 */
export function queueEscalation(tx: Pick<AppDatabase, 'select' | 'insert'>, item: ItemRow, event: EventRow, level: 1 | 2, now: Date) {
  const recipients = staffEmails(
    tx,
    or(
      eq(staffUsers.role, 'national_supervisor'),
      item.ownerProvinceId ? and(eq(staffUsers.role, 'province_manager'), eq(staffUsers.provinceId, item.ownerProvinceId)) : undefined,
    ),
  );
  if (recipients.length === 0) return;
  const t = translator('fa');
  const province = item.ownerProvinceId ? tx.select().from(provinces).where(eq(provinces.id, item.ownerProvinceId)).get() : undefined;
  const body = t(level === 1 ? 'notify.overdueFirstResponse' : 'notify.overdueAnswer', staffMailValues(item, province, t));
  insertStaffMail(tx, item, event, now, recipients, body, 'email');
}

/** The e-mail addresses of active staff matching `who`. */
function staffEmails(tx: Pick<AppDatabase, 'select'>, who: SQL | undefined): { email: string | null }[] {
  return tx
    .select({ email: staffUsers.email })
    .from(staffUsers)
    .where(and(eq(staffUsers.active, true), isNotNull(staffUsers.email), who))
    .all();
}

/**
 * What a staff e-mail names: the item's number, its owner and the staff link — never the tracking code, which opens an
 * anonymous item's public page to whoever reads the mail (outside review, rounds 8 and 9).
 */
function staffMailValues(item: ItemRow, province: { nameFa: string } | undefined, t: ReturnType<typeof translator>) {
  return {
    number: toPersianDigits(String(item.id)),
    owner: province ? t('province.named', { name: province.nameFa }) : t('province.national'),
    link: `${getConfig().publicUrl}/staff/items/${item.id}`,
  };
}

/** One e-mail per recipient, keyed by the event and `kind` (the key also picks the subject: app/domain/email-subject.ts). */
function insertStaffMail(tx: Pick<AppDatabase, 'insert'>, item: ItemRow, event: EventRow, now: Date, recipients: { email: string | null }[], body: string, kind: 'email' | 'reopen-email') {
  tx.insert(outbox)
    .values(
      recipients.map((r) => ({
        itemId: item.id,
        eventId: event.id,
        channel: 'email' as const,
        audience: 'staff' as const,
        recipient: r.email!,
        locale: 'fa',
        body,
        idempotencyKey: `event-${event.id}-${kind}-${r.email}`,
        nextAttemptAt: now,
      })),
    )
    .run();
}

/**
 * Tells whoever the reopened item returns to (issue 23) by email, in Persian: the owning province's managers and
 * officers, or the national supervisors when it returns to the national queue. Written in the reopening's transaction.
 */
export function queueReopenNotice(tx: Pick<AppDatabase, 'select' | 'insert'>, item: ItemRow, event: EventRow, now: Date) {
  const recipients = staffEmails(
    tx,
    item.ownerProvinceId
      ? and(inArray(staffUsers.role, provinceRolesToTell(item.safeguarding)), eq(staffUsers.provinceId, item.ownerProvinceId))
      : eq(staffUsers.role, 'national_supervisor'),
  );
  if (recipients.length === 0) return;
  const t = translator('fa');
  const province = item.ownerProvinceId ? tx.select().from(provinces).where(eq(provinces.id, item.ownerProvinceId)).get() : undefined;
  const body = t('fairClock.staffReopened', staffMailValues(item, province, t));
  insertStaffMail(tx, item, event, now, recipients, body, 'reopen-email');
}

/**
 * The exact text the submitter would receive if staff took `action` now with `publicMessage`: the preview on the
 * staff item page. Null when the item has nobody to send to (anonymous, or contact data erased).
 */
export function previewFeedback(
  db: Pick<AppDatabase, 'select'>,
  item: ItemRow,
  change: { action: string; toState: string; ownerProvinceId: string | null; publicMessage: string | null },
  options: { askRating?: boolean } = {},
): string | null {
  if (!item.mobile && !item.email) return null;
  const locale: AppLocale = isLocale(item.locale) ? item.locale : 'fa';
  const event = { ...change, actorType: 'staff' } as EventRow;
  const text = feedbackText(db, item, event, locale);
  return options.askRating && item.mobile ? withRatingQuestion(text, item, locale) : text;
}

function feedbackText(tx: Pick<AppDatabase, 'select'>, item: ItemRow, event: EventRow, locale: AppLocale): string {
  const t = translator(locale);
  const province = event.ownerProvinceId
    ? tx.select().from(provinces).where(eq(provinces.id, event.ownerProvinceId)).get()
    : undefined;
  const owner = province ? t('province.named', { name: locale === 'fa' ? province.nameFa : province.nameEn }) : t('province.national');
  const code = groupTrackingCode(item.trackingCode);
  const link = `${getConfig().publicUrl}/track/${item.trackingCode}`;
  const template = event.action === 'route' ? 'notify.submitted' : 'notify.changed';
  const base = t(template, {
    code: locale === 'fa' ? toPersianCode(code) : code,
    owner,
    status: t(`status.${event.toState}`),
    link,
  });
  // Staff's words go to the citizen in full; the citizen's own reply, rating comment or appeal is not echoed back.
  return event.publicMessage && event.actorType !== 'citizen' ? `${base}\n${t('notify.message')}: ${event.publicMessage}` : base;
}

function toPersianCode(code: string): string {
  return code.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
}

/** The messages due now, oldest first (the delivery loop: the service notify.server.ts). */
export function dueMessages(db: AppDatabase, now: Date, limit: number): OutboxRow[] {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(limit)
    .all();
}

/**
 * Claims a due message until `until` (its next attempt moved forward), so a second worker does not send it at the
 * same moment; false when another worker claimed or sent it first.
 */
export function claimMessage(db: AppDatabase, row: Pick<OutboxRow, 'id' | 'nextAttemptAt'>, until: Date): boolean {
  return (
    db
      .update(outbox)
      .set({ nextAttemptAt: until })
      .where(and(eq(outbox.id, row.id), eq(outbox.status, 'pending'), eq(outbox.nextAttemptAt, row.nextAttemptAt)))
      .run().changes > 0
  );
}

export function markSent(db: AppDatabase, id: number, attempts: number, at: Date) {
  db.update(outbox).set({ status: 'sent', attempts, sentAt: at, lastError: null }).where(eq(outbox.id, id)).run();
}

/** A failed attempt: tried again at `nextAttemptAt`, or dead-lettered for staff to see and resend. */
export function markFailed(db: AppDatabase, id: number, failure: { attempts: number; lastError: string; dead: boolean; nextAttemptAt: Date }) {
  db.update(outbox)
    .set({ attempts: failure.attempts, lastError: failure.lastError, status: failure.dead ? 'dead' : 'pending', nextAttemptAt: failure.nextAttemptAt })
    .where(eq(outbox.id, id))
    .run();
}

export interface FailedMessage {
  id: number;
  /** Null for a staff digest (about many items). */
  itemId: number | null;
  trackingCode: string | null;
  channel: 'sms' | 'email';
  audience: 'citizen' | 'staff';
  recipientMasked: string;
  status: 'pending' | 'sent' | 'dead' | 'skipped';
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

/**
 * Dead-lettered messages, pending ones that have already failed, and receipts skipped by the per-recipient cap, newest
 * first: what staff need to act on or know about (a run of skipped receipts to one number is someone pumping it).
 */
export function listFailedMessages(db: AppDatabase, limit = 100): FailedMessage[] {
  return db
    .select({
      id: outbox.id,
      itemId: outbox.itemId,
      // An operator's list (admins too): a safeguarding item's code and link are not shown here (issue 23).
      trackingCode: sql<string | null>`CASE WHEN ${items.safeguarding} THEN NULL ELSE ${items.trackingCode} END`,
      channel: outbox.channel,
      audience: outbox.audience,
      recipient: outbox.recipient,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .leftJoin(items, eq(items.id, outbox.itemId))
    .where(or(eq(outbox.status, 'dead'), eq(outbox.status, 'skipped'), and(eq(outbox.status, 'pending'), sql`${outbox.attempts} > 0`)))
    .orderBy(desc(outbox.id))
    .limit(limit)
    .all()
    .map(({ recipient, ...row }) => ({ ...row, recipientMasked: maskRecipient(recipient) }));
}

function maskRecipient(recipient: string): string {
  if (recipient.startsWith('+98')) return maskMobile(recipient);
  const [name = '', domain = ''] = recipient.split('@');
  return `${name.slice(0, 2)}•••@${domain}`;
}

/** Puts dead messages back in the queue for one more round of attempts; returns how many. */
export function resendMessages(db: AppDatabase, ids: number[], now: Date = new Date()): number {
  if (ids.length === 0) return 0;
  return db
    .update(outbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null })
    // A message whose address retention erased stays dead: it would go to nobody (or to the word "erased").
    .where(and(inArray(outbox.id, ids), eq(outbox.status, 'dead'), ne(outbox.recipient, ERASED_RECIPIENT)))
    .run().changes;
}

export function outboxCounts(db: AppDatabase) {
  return db
    .select({ status: outbox.status, n: sql<number>`count(*)` })
    .from(outbox)
    .groupBy(outbox.status)
    .all();
}

/** The messages sent (or waiting) for one item, oldest first: the citizen's page lists them. */
export function messagesForItem(db: AppDatabase, itemId: number) {
  return db
    .select({ id: outbox.id, channel: outbox.channel, status: outbox.status, body: outbox.body, createdAt: outbox.createdAt, sentAt: outbox.sentAt })
    .from(outbox)
    .where(eq(outbox.itemId, itemId))
    .orderBy(asc(outbox.id))
    .all();
}

export interface LoggedMessage {
  id: number;
  channel: 'sms' | 'email';
  status: OutboxRow['status'];
  attempts: number;
  body: string;
  createdAt: Date;
  sentAt: Date | null;
  recipientMasked: string;
  /** The address was erased (retention): the message can never be sent again. */
  erased: boolean;
}

/** Every message to the citizen about one item, oldest first, with its delivery state: the staff item page's log. */
export function messageLogForItem(db: AppDatabase, itemId: number): LoggedMessage[] {
  return db
    .select({
      id: outbox.id,
      channel: outbox.channel,
      status: outbox.status,
      attempts: outbox.attempts,
      body: outbox.body,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      recipient: outbox.recipient,
    })
    .from(outbox)
    .where(and(eq(outbox.itemId, itemId), eq(outbox.audience, 'citizen')))
    .orderBy(asc(outbox.id))
    .all()
    .map(({ recipient, ...row }) => ({ ...row, erased: recipient === ERASED_RECIPIENT, recipientMasked: recipient === ERASED_RECIPIENT ? '' : maskRecipient(recipient) }));
}

/** What the retention sweep writes over a message's address (app/models/sweeps.server.ts). */
export const ERASED_RECIPIENT = 'erased';
