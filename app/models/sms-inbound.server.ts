/**
 * The inbound SMS ledger (`sms_inbound`): one row per gateway message id, written in the same transaction as what the
 * text caused (a new item, a status SMS queued, or nothing but the refusal), so a retry with the same id finds the
 * answer already given and never makes a second item. Also counts a number's recent texts for the flood limits.
 */
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { writeTransaction, type AppDatabase, type Transaction as Tx } from '../../db/client';
import { itemEvents, items, outbox, provinces, smsInbound } from '../../db/schema';
import type { ConversationItem } from '../domain/sms-conversation';
import type { ItemState } from '../domain/workflow';
import { getConfig } from '../platform/config.server';
import type { ItemRow } from './items.server';
import { toPersianDigits } from '../domain/persian';
import { floodRetryAfterSeconds, SMS_FLOOD_LIMITS, type SmsErrorBody } from '../domain/sms-inbound';
import { groupTrackingCode } from '../domain/tracking-code';
import { isLocale, type AppLocale } from '../i18n/config';
import { translator } from '../i18n/translate';
import { queueDirectSms } from './outbox.server';

/** `conversation`: the text joined, answered, rated or asked about an item, or got the help SMS (issue 22). */
export type SmsOutcome = 'item' | 'status' | 'refused' | 'conversation';

/** The HTTP status each recorded outcome was answered with (the stored `response` is the body, as sent). */
export const SMS_OUTCOME_STATUS: Record<SmsOutcome, number> = { item: 201, status: 200, refused: 400, conversation: 200 };

export interface StoredSms {
  fromNumber: string;
  status: number;
  /** The JSON text answered the first time, byte for byte. */
  response: string;
}

export type SmsLedgerResult =
  /** Recorded now; `response` is the JSON to answer with. */
  | { type: 'recorded'; status: number; response: string; itemId: number | null }
  /** The id was recorded before (a retry, or a concurrent twin that committed first). */
  | { type: 'stored'; stored: StoredSms }
  /** The number is over a flood limit: nothing recorded. */
  | { type: 'flooded'; retryAfterSeconds: number };

export function findInboundSms(db: Pick<AppDatabase, 'select'>, gatewayId: string): StoredSms | undefined {
  const row = db
    .select({ fromNumber: smsInbound.fromNumber, outcome: smsInbound.outcome, response: smsInbound.response })
    .from(smsInbound)
    .where(eq(smsInbound.gatewayId, gatewayId))
    .get();
  if (!row) return undefined;
  return { fromNumber: row.fromNumber, status: SMS_OUTCOME_STATUS[row.outcome as SmsOutcome] ?? 400, response: row.response };
}

/** Seconds until `fromNumber` may text again, or null while it is under every limit (docs/DESIGN.md §5; index on from, time). */
export function smsFloodRetryAfter(db: Pick<AppDatabase, 'select'>, fromNumber: string, now: Date): number | null {
  const longest = Math.max(...SMS_FLOOD_LIMITS.map((l) => l.windowMs));
  const cap = Math.max(...SMS_FLOOD_LIMITS.map((l) => l.limit));
  const recent = db
    .select({ at: smsInbound.receivedAt })
    .from(smsInbound)
    .where(and(eq(smsInbound.fromNumber, fromNumber), gt(smsInbound.receivedAt, new Date(now.getTime() - longest))))
    .orderBy(desc(smsInbound.receivedAt))
    .limit(cap)
    .all()
    .map((row) => row.at.getTime());
  return floodRetryAfterSeconds(recent, now.getTime());
}

export interface SmsIncoming {
  gatewayId: string;
  /** E.164, already normalized. */
  fromNumber: string;
  now: Date;
}

/** The sender's own items (their mobile, contact not erased) as the conversation rules read them, and their language. */
export function numberItems(db: Pick<AppDatabase, 'select'>, fromNumber: string): { items: ConversationItem[]; locale: AppLocale } {
  const rows = db
    .select({ id: items.id, trackingCode: items.trackingCode, state: items.state, rating: items.rating, createdAt: items.createdAt, closedAt: items.closedAt, locale: items.locale, channel: items.channel })
    .from(items)
    .where(and(eq(items.mobile, fromNumber), isNull(items.contactErasedAt)))
    .orderBy(desc(items.id))
    .all();
  const latest = rows[0]?.locale;
  return { items: rows.map(({ channel, ...row }) => ({ ...row, state: row.state as ItemState, filedBySms: channel === 'sms' })), locale: latest && isLocale(latest) ? latest : 'fa' };
}

/** The codes of the sender's open items, newest first, at most `limit` (one SMS stays short). */
export function openCodesOf(db: Pick<AppDatabase, 'select'>, fromNumber: string, open: readonly ItemState[], limit: number): { id: number; trackingCode: string }[] {
  return numberItems(db, fromNumber)
    .items.filter((item) => open.includes(item.state))
    .slice(0, limit)
    .map(({ id, trackingCode }) => ({ id, trackingCode }));
}

/** The SMS that answers a text: to the sender, in their language; about an item when there is one. */
export interface SmsAnswer {
  text: string;
  locale: AppLocale;
  itemId: number | null;
}

const answerKey = (gatewayId: string) => `sms-answer-${createHash('sha256').update(gatewayId).digest('hex').slice(0, 32)}`;

/** Queues the answer SMS (an item's row names its latest event, as every outbox row does). */
function queueAnswer(tx: Tx, incoming: SmsIncoming, answer: SmsAnswer) {
  const latest = answer.itemId === null ? undefined : tx.select({ id: itemEvents.id }).from(itemEvents).where(eq(itemEvents.itemId, answer.itemId)).orderBy(desc(itemEvents.id)).limit(1).get();
  tx.insert(outbox)
    .values({
      itemId: answer.itemId,
      eventId: latest?.id ?? null,
      channel: 'sms',
      audience: 'citizen',
      recipient: incoming.fromNumber,
      locale: answer.locale,
      body: answer.text,
      idempotencyKey: answerKey(incoming.gatewayId),
      nextAttemptAt: incoming.now,
    })
    .run();
}

/**
 * A text that was answered without a workflow action (the help SMS, the codes, a refusal of what it says): the answer
 * SMS and the ledger row at once; `outcome` and `body` are what the gateway is told.
 */
export function recordSmsAnswer(db: AppDatabase, incoming: SmsIncoming, outcome: SmsOutcome, body: object, answer: SmsAnswer): SmsLedgerResult {
  return settle(() =>
    writeTransaction(db, (tx) => {
      guard(tx, incoming);
      queueAnswer(tx, incoming, answer);
      const result = recorded(outcome, body, answer.itemId);
      insertLedger(tx, incoming, outcome, answer.itemId, result.response);
      return result;
    }),
  );
}

/**
 * For a workflow action a text caused (run by the door inside its transaction): the ledger row, and the answer SMS.
 * The door already queued the action's feedback to the item's number (the sender): its words become the answer, so
 * the citizen gets one SMS that says what was done, not two. Throws `Abort` on a replay or a flood (rolls back).
 */
export function recordSmsActionInTransaction(tx: Tx, incoming: SmsIncoming, eventId: number, body: object, answer: SmsAnswer & { itemId: number }): SmsLedgerResult {
  guard(tx, incoming);
  const reworded = tx
    .update(outbox)
    .set({ body: answer.text })
    .where(and(eq(outbox.idempotencyKey, `event-${eventId}-sms`), eq(outbox.recipient, incoming.fromNumber)))
    .run().changes;
  if (reworded === 0) queueAnswer(tx, incoming, answer);
  const result = recorded('conversation', body, answer.itemId);
  insertLedger(tx, incoming, 'conversation', answer.itemId, result.response);
  return result;
}

/** Runs a write that may abort with a stored or flooded result (`recordSmsActionInTransaction` inside the door). */
export function settleSms(work: () => SmsLedgerResult): SmsLedgerResult {
  return settle(work);
}

/** Carries a result out of a transaction it rolls back. */
class Abort extends Error {
  constructor(readonly result: SmsLedgerResult) {
    super(result.type);
  }
}

/**
 * Inside the write transaction (BEGIN IMMEDIATE, so no other writer sits between the check and the insert): an id
 * already recorded, or a number over its limits, aborts. The primary key stays the last word (ON CONFLICT below).
 */
function guard(tx: Tx, incoming: SmsIncoming) {
  const stored = findInboundSms(tx, incoming.gatewayId);
  if (stored) throw new Abort({ type: 'stored', stored });
  const retryAfterSeconds = smsFloodRetryAfter(tx, incoming.fromNumber, incoming.now);
  if (retryAfterSeconds !== null) throw new Abort({ type: 'flooded', retryAfterSeconds });
}

function insertLedger(tx: Tx, incoming: SmsIncoming, outcome: SmsOutcome, itemId: number | null, response: string) {
  const inserted = tx
    .insert(smsInbound)
    .values({ gatewayId: incoming.gatewayId, fromNumber: incoming.fromNumber, receivedAt: incoming.now, outcome, itemId, response })
    .onConflictDoNothing({ target: smsInbound.gatewayId })
    .returning({ gatewayId: smsInbound.gatewayId })
    .get();
  if (!inserted) {
    const stored = findInboundSms(tx, incoming.gatewayId);
    if (stored) throw new Abort({ type: 'stored', stored });
    throw new Error('sms_inbound: the row neither inserted nor found');
  }
}

function recorded(outcome: SmsOutcome, body: object, itemId: number | null) {
  return { type: 'recorded', status: SMS_OUTCOME_STATUS[outcome], response: JSON.stringify(body), itemId } as const;
}

function settle(work: () => SmsLedgerResult): SmsLedgerResult {
  try {
    return work();
  } catch (error) {
    if (error instanceof Abort) return error.result;
    throw error;
  }
}

/** A text that becomes an item (channel `sms`): the item, its feedback SMS with the code, and the ledger row, at once. */
export function recordSmsItemWith(incoming: SmsIncoming, submit: (inTransaction: (tx: Tx, item: ItemRow) => void) => void): SmsLedgerResult {
  return settle(() => {
    let result: SmsLedgerResult | undefined;
    // `submit` is the workflow door's (the caller's): the ledger row commits with the item or not at all.
    submit((tx, item) => {
      guard(tx, incoming);
      result = recorded('item', { trackingCode: item.trackingCode }, item.id);
      insertLedger(tx, incoming, 'item', item.id, result.response);
    });
    return result!;
  });
}

/**
 * A text that is only a tracking code. The state goes out by SMS, and only to the item's own mobile when it is the
 * sender's; the answer to the gateway is the same shape either way and never holds the state.
 */
export function recordSmsStatusQuestion(db: AppDatabase, incoming: SmsIncoming, code: string, notFound: Omit<SmsAnswer, 'itemId'>): SmsLedgerResult {
  return settle(() =>
    writeTransaction(db, (tx) => {
      guard(tx, incoming);
      const item = tx.select().from(items).where(eq(items.trackingCode, code)).get();
      const own = item && item.mobile !== null && item.contactErasedAt === null && item.mobile === incoming.fromNumber ? item : undefined;
      if (own) {
        const locale: AppLocale = isLocale(own.locale) ? own.locale : 'fa';
        queueDirectSms(tx, {
          itemId: own.id,
          to: own.mobile!,
          text: statusText(tx, own, locale),
          locale,
          idempotencyKey: `sms-status-${createHash('sha256').update(incoming.gatewayId).digest('hex').slice(0, 32)}`,
          now: incoming.now,
        });
      } else {
        // Every text gets an answer (issue 22): the same words for an unknown code and another number's code.
        queueAnswer(tx, incoming, { ...notFound, itemId: null });
      }
      const result = recorded('status', { trackingCode: code, status: own ? 'sent' : 'not_sent' }, own?.id ?? null);
      insertLedger(tx, incoming, 'status', own?.id ?? null, result.response);
      return result;
    }),
  );
}

/**
 * A text refused for what it says (empty, too long, too short): recorded, so a retry gets the same answer; the
 * sender is told by SMS what they can send.
 */
export function recordSmsRefusal(db: AppDatabase, incoming: SmsIncoming, body: SmsErrorBody, answer?: SmsAnswer): SmsLedgerResult {
  return settle(() =>
    writeTransaction(db, (tx) => {
      guard(tx, incoming);
      if (answer) queueAnswer(tx, incoming, answer);
      const result = recorded('refused', body, null);
      insertLedger(tx, incoming, 'refused', null, result.response);
      return result;
    }),
  );
}

function statusText(tx: Tx, item: typeof items.$inferSelect, locale: AppLocale): string {
  const t = translator(locale);
  const province = item.ownerProvinceId ? tx.select().from(provinces).where(eq(provinces.id, item.ownerProvinceId)).get() : undefined;
  const code = groupTrackingCode(item.trackingCode);
  return t('sms.statusReply', {
    code: locale === 'fa' ? toPersianDigits(code) : code,
    status: t(`status.${item.state}`),
    owner: province ? t('province.named', { name: locale === 'fa' ? province.nameFa : province.nameEn }) : t('province.national'),
    link: `${getConfig().publicUrl}/track/${item.trackingCode}`,
  });
}
