/**
 * `POST /api/sms/inbound` (docs/DESIGN.md §5), from a request to a JSON response: the gateway's token, the body's limits and
 * shape, the sender's number and flood limits, then what the text asks for (app/domain/sms-inbound.ts) and its
 * record (app/models/sms-inbound.server.ts). Every refusal is a JSON `{"error","message"}` with its own status.
 */
import { getConfig } from '../platform/config.server';
import { db } from '../platform/db.server';
import type { AppDatabase } from '../../db/client';
import { feedbackSchema, NATIONAL, type FeedbackSubmission } from '../domain/feedback-schema';
import { sameSecret } from '../domain/secrets';
import {
  parseSmsPayload,
  smsErrorBody,
  SMS_MAX_BODY_BYTES,
  type SmsErrorCode,
} from '../domain/sms-inbound';
import { readCapped } from '../platform/http.server';
import {
  findInboundSms,
  numberItems,
  recordSmsActionInTransaction,
  recordSmsAnswer,
  recordSmsItemWith,
  recordSmsRefusal,
  recordSmsStatusQuestion,
  settleSms,
  smsFloodRetryAfter,
  type SmsAnswer,
  type SmsIncoming,
  type SmsLedgerResult,
  type StoredSms,
} from '../models/sms-inbound.server';
import { decideSms } from '../domain/sms-conversation';
import { normalizeMobile, toPersianDigits } from '../domain/persian';
import { groupTrackingCode } from '../domain/tracking-code';
import { isOpen, type WorkflowAction } from '../domain/workflow';
import type { AppLocale } from '../i18n/config';
import { translator } from '../i18n/translate';
import { asFault, retryAfterHeaders } from './faults.server';
import { submitItem, transition, withDelivery, type TransitionOptions } from './workflow.server';

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };

function jsonText(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { ...JSON_HEADERS, ...headers } });
}

function refuse(status: number, error: SmsErrorCode, detail?: string, headers?: Record<string, string>): Response {
  return jsonText(status, JSON.stringify(smsErrorBody(error, detail)), headers);
}

/** GET, HEAD and every other method but POST. */
export function smsMethodNotAllowed(): Response {
  return refuse(405, 'method_not_allowed', undefined, { Allow: 'POST' });
}

/** Any failure not foreseen is still a JSON answer (and logged, without the text or the number). */
export async function handleInboundSms(request: Request): Promise<Response> {
  try {
    return await handle(request);
  } catch (error) {
    if (error instanceof Response && error.status === 413) return refuse(413, 'payload_too_large');
    // Database locked or disk full: nothing was recorded; a 503 makes the gateway send the text again later.
    if (asFault(error)) return refuse(503, 'service_busy', undefined, retryAfterHeaders());
    console.error('sms inbound: unexpected failure', error instanceof Error ? error.message : error);
    return refuse(500, 'server_error');
  }
}

async function handle(request: Request): Promise<Response> {
  if (request.method !== 'POST') return smsMethodNotAllowed();
  const token = getConfig().smsInboundToken;
  if (!token) return refuse(503, 'not_configured');
  if (!bearerMatches(request.headers.get('Authorization'), token)) return refuse(401, 'unauthorized', undefined, { 'WWW-Authenticate': 'Bearer' });
  const mediaType = (request.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') return refuse(415, 'unsupported_media_type');

  const bytes = await readCapped(request, SMS_MAX_BODY_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return refuse(400, 'json_invalid');
  }
  const parsed = parseSmsPayload(json);
  if (!parsed.ok) return refuse(400, 'payload_invalid', parsed.detail);
  const { id, from, text } = parsed.payload;
  const fromNumber = normalizeMobile(from);
  if (!fromNumber) return refuse(400, 'from_invalid');

  // A retry is answered as the first time, before any limit: the gateway only wants to know it was received.
  const stored = findInboundSms(db(), id);
  if (stored) return replay(stored, fromNumber);
  const now = new Date();
  const retryAfter = smsFloodRetryAfter(db(), fromNumber, now);
  if (retryAfter !== null) return flooded(retryAfter);

  const incoming = { gatewayId: id, fromNumber, now };
  const result = record(incoming, text);
  if (result.type === 'stored') return replay(result.stored, fromNumber);
  if (result.type === 'flooded') return flooded(result.retryAfterSeconds);
  return jsonText(result.status, result.response);
}

/** A text that becomes an item (channel `sms`), through the workflow door, with its ledger row in the same transaction. */
export function recordSmsItem(db: AppDatabase, incoming: SmsIncoming, form: FeedbackSubmission): SmsLedgerResult {
  return recordSmsItemWith(incoming, (inTransaction) => submitItem(db, form, { channel: 'sms', locale: 'fa', actor: { role: 'citizen' }, now: incoming.now, inTransaction }));
}

/**
 * What the text asks for, given the sender's own items (app/domain/sms-conversation.ts), recorded with its ledger row
 * and always answered by SMS: an action on an item through the workflow's door, a new item, the codes, the state, or
 * the help SMS. Delivery is asked for once, after the commit.
 */
function record(incoming: SmsIncoming, text: string): SmsLedgerResult {
  // The door asks for delivery itself after an item or an action; the other answers are asked for here, once.
  let byDoor = false;
  const result = withDelivery(
    () => carryOut(incoming, text, () => (byDoor = true)),
    (r) => r.type === 'recorded' && !byDoor,
  );
  return result;
}

function carryOut(incoming: SmsIncoming, text: string, throughDoor: () => void): SmsLedgerResult {
  const mine = numberItems(db(), incoming.fromNumber);
  const decision = decideSms(text, mine.items, incoming.now);
  const locale = mine.locale;
  const t = translator(locale);
  const codeOf = (itemId: number | null) => {
    const item = mine.items.find((i) => i.id === itemId);
    return item ? shownCode(item.trackingCode, locale) : '';
  };
  const say = (key: string, itemId: number | null, values: Record<string, string> = {}): SmsAnswer => ({
    text: t(`smsTalk.${key}`, { code: codeOf(itemId), phone: shownDigits(CALL_CENTRE, locale), ...values }),
    locale,
    itemId,
  });

  switch (decision.type) {
    case 'help':
      if (decision.topic === 'empty') return recordSmsRefusal(db(), incoming, smsErrorBody('text_empty'), say('help.empty', null));
      if (decision.topic === 'too_long') return recordSmsRefusal(db(), incoming, smsErrorBody('text_too_long'), say('help.too_long', null));
      return recordSmsAnswer(db(), incoming, 'conversation', { outcome: 'help' }, say(`help.${decision.topic}`, decision.itemId));
    case 'status':
      // The state goes out by SMS only to the item's own number; any other sender is told no item of theirs has it.
      return recordSmsStatusQuestion(db(), incoming, decision.code, { text: t('smsTalk.notYours'), locale });
    case 'codes': {
      const open = mine.items.filter((item) => isOpen(item.state)).slice(0, CODES_IN_ONE_SMS);
      if (open.length === 0) return recordSmsAnswer(db(), incoming, 'conversation', { outcome: 'codes' }, say('noCodes', null));
      const codes = open.map((item) => shownCode(item.trackingCode, locale)).join(locale === 'fa' ? '، ' : ', ');
      return recordSmsAnswer(db(), incoming, 'conversation', { outcome: 'codes' }, say('codes', open[0]!.id, { codes }));
    }
    case 'new_item': {
      // The web form's own schema: a national topic (no centre, no province), consent given by sending the text.
      const form = feedbackSchema.safeParse({ kind: decision.kind, body: decision.body, mobile: incoming.fromNumber, provinceId: NATIONAL, consent: 'on' });
      if (form.success) throughDoor();
      return form.success ? recordSmsItem(db(), incoming, form.data) : recordSmsRefusal(db(), incoming, smsErrorBody('text_too_short'), say('help.too_short', null));
    }
    case 'follow_up': {
      // On an answered item the answer also says what else the citizen may send (a rating, an appeal).
      const answered = mine.items.find((item) => item.id === decision.itemId)?.state === 'answered';
      return act(incoming, decision.itemId, 'citizen_note', { publicMessage: decision.message }, say(answered ? 'followUpAnswered' : 'followUp', decision.itemId), say, throughDoor);
    }
    case 'citizen_reply':
      return act(incoming, decision.itemId, 'citizen_reply', { publicMessage: decision.message }, say('replied', decision.itemId), say, throughDoor);
    case 'confirm':
      return act(incoming, decision.itemId, 'confirm', { rating: decision.rating }, say('confirmed', decision.itemId, { rating: shownDigits(String(decision.rating), locale) }), say, throughDoor);
    case 'rate':
      return act(incoming, decision.itemId, 'rate', { rating: decision.rating }, say('rated', decision.itemId, { rating: shownDigits(String(decision.rating), locale) }), say, throughDoor);
    case 'appeal':
      return act(incoming, decision.itemId, 'appeal', { publicMessage: decision.reason }, say('appealed', decision.itemId), say, throughDoor);
    case 'reopen':
      return reopenBySms(incoming, decision.itemId, decision.reason, say, throughDoor);
  }
}

/** The number citizens call (the answer SMS names it where a text cannot do what was asked). */
const CALL_CENTRE = '1482';
/** The codes SMS lists at most this many open items, newest first. */
const CODES_IN_ONE_SMS = 5;

const shownCode = (code: string, locale: AppLocale) => (locale === 'fa' ? toPersianDigits(groupTrackingCode(code)) : groupTrackingCode(code));
const shownDigits = (digits: string, locale: AppLocale) => (locale === 'fa' ? toPersianDigits(digits) : digits);

type Say = (key: string, itemId: number | null, values?: Record<string, string>) => SmsAnswer;

/**
 * One citizen action by SMS through the workflow's door: the action, its ledger row and the answer SMS commit
 * together. Refused meanwhile (the item moved on, the appeal window closed): the citizen is told, nothing changes.
 */
function act(incoming: SmsIncoming, itemId: number, action: WorkflowAction, input: TransitionOptions, answer: SmsAnswer, say: Say, throughDoor: () => void): SmsLedgerResult {
  return settleSms(() => {
    let result: SmsLedgerResult | undefined;
    const done = transition(
      db(),
      itemId,
      action,
      { role: 'citizen' },
      {
        ...input,
        inTransaction: (tx, _item, event) => {
          result = recordSmsActionInTransaction(tx, incoming, event.id, { outcome: action }, { ...answer, itemId });
        },
      },
      incoming.now,
    );
    if (done.ok) {
      throughDoor();
      return result!;
    }
    const key = done.reason === 'appeal_window_over' ? 'appealClosed' : done.reason === 'reopen_window_over' ? 'reopenClosed' : 'notNow';
    return recordSmsAnswer(db(), incoming, 'conversation', { outcome: 'refused' }, say(key, itemId));
  });
}

/**
 * «حل نشد» after the item closed: the citizen's `citizen_reopen` (docs/decisions/017) with the rest of the text as the
 * reason; without a reason, an SMS asking for one; past the reopen window, an SMS saying so.
 */
function reopenBySms(incoming: SmsIncoming, itemId: number, reason: string | null, say: Say, throughDoor: () => void): SmsLedgerResult {
  if (!reason) return recordSmsAnswer(db(), incoming, 'conversation', { outcome: 'help' }, say('help.reopen_reason_needed', itemId));
  return act(incoming, itemId, 'citizen_reopen', { publicMessage: reason }, say('reopened', itemId), say, throughDoor);
}

/** The answer stored for this id; the same id from another number is not a retry but a gateway fault. */
function replay(stored: StoredSms, fromNumber: string): Response {
  if (stored.fromNumber !== fromNumber) return refuse(409, 'id_conflict');
  return jsonText(stored.status, stored.response);
}

function flooded(retryAfterSeconds: number): Response {
  return refuse(429, 'rate_limited', undefined, { 'Retry-After': String(retryAfterSeconds) });
}

/** Constant time over equal lengths; a length mismatch is a refusal. */
function bearerMatches(header: string | null, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? '');
  if (!match) return false;
  return sameSecret(match[1], token);
}
