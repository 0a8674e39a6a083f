/**
 * `POST /api/sms/inbound` (docs/DESIGN.md §5), from a request to a JSON response: the gateway's token, the body's limits and
 * shape, the sender's number and flood limits, then what the text asks for (app/domain/sms-inbound.ts) and its
 * record (app/models/sms-inbound.server.ts). Every refusal is a JSON `{"error","message"}` with its own status.
 */
import { getConfig } from '../platform/config.server';
import { db } from '../platform/db.server';
import type { AppDatabase } from '../../db/client';
import { feedbackSchema, NATIONAL, type FeedbackSubmission } from '../domain/feedback-schema';
import { normalizeMobile } from '../domain/persian';
import { sameSecret } from '../domain/secrets';
import {
  interpretSmsText,
  parseSmsPayload,
  smsErrorBody,
  SMS_MAX_BODY_BYTES,
  type SmsErrorCode,
} from '../domain/sms-inbound';
import { readCapped } from '../platform/http.server';
import {
  findInboundSms,
  recordSmsItemWith,
  recordSmsRefusal,
  recordSmsStatusQuestion,
  smsFloodRetryAfter,
  type SmsIncoming,
  type SmsLedgerResult,
  type StoredSms,
} from '../models/sms-inbound.server';
import { asFault, retryAfterHeaders } from './faults.server';
import { submitItem, withDelivery } from './workflow.server';

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

/** What the text asks for, recorded with its ledger row: a refusal, a status SMS, or an item through the door. */
function record(incoming: SmsIncoming, text: string): SmsLedgerResult {
  const meaning = interpretSmsText(text);
  let result: SmsLedgerResult;
  switch (meaning.type) {
    case 'empty':
      result = recordSmsRefusal(db(), incoming, smsErrorBody('text_empty'));
      break;
    case 'too_long':
      result = recordSmsRefusal(db(), incoming, smsErrorBody('text_too_long'));
      break;
    case 'status':
      // The state goes out by SMS (only to the item's own number: then the row names the item), outside the workflow
      // but still through the door for its delivery.
      result = withDelivery(() => recordSmsStatusQuestion(db(), incoming, meaning.code), (r) => r.type === 'recorded' && r.itemId !== null);
      break;
    case 'item': {
      // The web form's own schema: a national topic (no centre, no province), consent given by sending the text.
      const form = feedbackSchema.safeParse({ kind: meaning.kind, body: meaning.body, mobile: incoming.fromNumber, provinceId: NATIONAL, consent: 'on' });
      result = form.success ? recordSmsItem(db(), incoming, form.data) : recordSmsRefusal(db(), incoming, smsErrorBody('text_too_short'));
      break;
    }
  }
  return result;
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
