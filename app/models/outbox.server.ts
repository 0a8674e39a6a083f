/**
 * The notification outbox (DESIGN §3, §8): feedback to the submitter is written in the same transaction as the
 * event that causes it, then delivered by a transport, at least once, with the row's idempotency key.
 */
import { and, asc, eq, lte } from 'drizzle-orm';
import type { AppDatabase } from '../../db/client';
import { itemEvents, items, outbox, provinces } from '../../db/schema';
import { getConfig } from '../config.server';
import { groupTrackingCode } from '../domain/tracking-code';
import { isLocale, type AppLocale } from '../i18n/config';
import { translator } from '../i18n/translate';
import type { NotificationTransport } from '../services/notify.server';

type Tx = Parameters<Parameters<AppDatabase['transaction']>[0]>[0];
type ItemRow = typeof items.$inferSelect;
type EventRow = typeof itemEvents.$inferSelect;

export const MAX_ATTEMPTS = 8;

/** Queues the feedback message of one public event: one row per (event, channel) the submitter can be reached on. */
export function queueFeedback(tx: Tx, item: ItemRow, event: EventRow, now: Date) {
  const locale: AppLocale = isLocale(item.locale) ? item.locale : 'fa';
  const text = feedbackText(tx, item, event, locale);
  const rows: (typeof outbox.$inferInsert)[] = [];
  if (item.mobile) rows.push(message('sms', item.mobile));
  if (item.email) rows.push(message('email', item.email));
  if (rows.length > 0) tx.insert(outbox).values(rows).run();

  function message(channel: 'sms' | 'email', recipient: string): typeof outbox.$inferInsert {
    return {
      itemId: item.id,
      eventId: event.id,
      channel,
      recipient,
      locale,
      body: text,
      idempotencyKey: `event-${event.id}-${channel}`,
      nextAttemptAt: now,
    };
  }
}

function feedbackText(tx: Tx, item: ItemRow, event: EventRow, locale: AppLocale): string {
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
  return event.publicMessage ? `${base}\n${t('notify.message')}: ${event.publicMessage}` : base;
}

function toPersianCode(code: string): string {
  return code.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
}

/** Backoff with jitter: about 30 s, 1 min, 2 min … capped at one hour. */
export function nextAttemptDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(base * (0.5 + random()));
}

/** Sends every due message once; failures are rescheduled, and after the last try the message is dead-lettered. */
export async function deliverDueMessages(db: AppDatabase, transport: NotificationTransport, now: Date = new Date(), limit = 50) {
  const due = db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(limit)
    .all();
  let sent = 0;
  for (const row of due) {
    const attempts = row.attempts + 1;
    try {
      await transport.send({ channel: row.channel, recipient: row.recipient, body: row.body, idempotencyKey: row.idempotencyKey });
      db.update(outbox).set({ status: 'sent', attempts, sentAt: new Date(), lastError: null }).where(eq(outbox.id, row.id)).run();
      sent++;
    } catch (error) {
      const lastError = error instanceof Error ? error.message.slice(0, 500) : 'send failed';
      const dead = attempts >= MAX_ATTEMPTS;
      db.update(outbox)
        .set({
          attempts,
          lastError,
          status: dead ? 'dead' : 'pending',
          nextAttemptAt: new Date(now.getTime() + nextAttemptDelayMs(attempts)),
        })
        .where(eq(outbox.id, row.id))
        .run();
    }
  }
  return { attempted: due.length, sent };
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
