/**
 * Texts from citizens through the SMS gateway (docs/DESIGN.md §5 `POST /api/sms/inbound`): the webhook's JSON shape, the
 * keywords, the limits, and the error answers. What a text means is app/domain/sms-conversation.ts. Pure functions:
 * no Remix, no database.
 */
import { z } from 'zod';
import type { ItemKind } from './workflow';

/** The largest webhook body read; a text of 1,000 Persian characters is about 2 KB of JSON. */
export const SMS_MAX_BODY_BYTES = 16 * 1024;
/** A long concatenated SMS is still a text message; more is not what a basic phone sends. */
export const SMS_TEXT_MAX = 1000;
export const SMS_ID_MAX = 100;
/** A `from` longer than this is no phone number in any format people write. */
const FROM_MAX = 40;

/**
 * Per sending number, counted over the texts recorded (items, status questions, conversation and refusals). Ten in ten
 * minutes: a citizen holding a conversation (file, follow up, answer a question, rate, appeal) sent five in a few
 * minutes and was cut off (outside review, round 9); a day's cap still bounds what one number costs.
 */
export const SMS_FLOOD_LIMITS = [
  { limit: 10, windowMs: 10 * 60_000 },
  { limit: 40, windowMs: 24 * 60 * 60_000 },
] as const;

/** The keyword a text may start with, as written after normalization (Arabic ي/ك are already Persian ی/ک). */
export const SMS_KEYWORDS: Readonly<Record<string, ItemKind>> = {
  انتقاد: 'criticism',
  پیشنهاد: 'suggestion',
  شکایت: 'complaint',
  قدردانی: 'appreciation',
};
/** A text without a keyword. */
export const SMS_DEFAULT_KIND: ItemKind = 'complaint';


const payloadSchema = z.object({
  id: z.string().refine((id) => id.trim() !== '', 'must not be empty').refine((id) => id.length <= SMS_ID_MAX, `at most ${SMS_ID_MAX} characters`),
  from: z.string().max(FROM_MAX, `at most ${FROM_MAX} characters`),
  text: z.string(),
});

export type SmsPayload = z.output<typeof payloadSchema>;

/** The webhook body after JSON.parse: `{"id","from","text"}`, all strings (more fields are ignored). */
export function parseSmsPayload(value: unknown): { ok: true; payload: SmsPayload } | { ok: false; detail: string } {
  const parsed = payloadSchema.safeParse(value);
  if (parsed.success) return { ok: true, payload: parsed.data };
  const detail = parsed.error.issues
    .map((issue) => {
      const field = issue.path.join('.');
      if (field === '') return 'the body must be a JSON object';
      return issue.code === 'invalid_type' ? `${field}: a string is required` : `${field}: ${issue.message}`;
    })
    .join('; ');
  return { ok: false, detail };
}

export type SmsErrorCode =
  | 'method_not_allowed'
  | 'not_configured'
  | 'unauthorized'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'json_invalid'
  | 'payload_invalid'
  | 'from_invalid'
  | 'id_conflict'
  | 'rate_limited'
  | 'text_empty'
  | 'text_too_long'
  | 'text_too_short'
  | 'server_error'
  | 'service_busy';

/** For the gateway's operators (a machine interface, like HTTP itself): English. */
const MESSAGES: Record<SmsErrorCode, string> = {
  method_not_allowed: 'Only POST is accepted here.',
  not_configured: 'Inbound SMS is not configured on this server (SMS_INBOUND_TOKEN is not set).',
  unauthorized: 'Send the gateway token as "Authorization: Bearer <token>".',
  unsupported_media_type: 'Send the body as application/json.',
  payload_too_large: `The body is larger than ${SMS_MAX_BODY_BYTES} bytes.`,
  json_invalid: 'The body is not valid JSON (UTF-8).',
  payload_invalid: 'The body must be {"id": string, "from": string, "text": string}.',
  from_invalid: '"from" is not an Iranian mobile number (09…, +989…, 00989…, 989…).',
  id_conflict: 'This id was already used for a text from another number.',
  rate_limited: 'Too many texts from this number; try again later.',
  text_empty: 'The text is empty.',
  text_too_long: `The text is longer than ${SMS_TEXT_MAX} characters.`,
  text_too_short: 'The text is too short to become feedback (at least 20 characters after the keyword).',
  server_error: 'The server could not handle the text; try again later.',
  service_busy: 'The service is busy (database locked or disk full) and did not record the text; send it again after Retry-After seconds.',
};

export interface SmsErrorBody {
  error: SmsErrorCode;
  message: string;
}

export function smsErrorBody(error: SmsErrorCode, detail?: string): SmsErrorBody {
  return { error, message: detail ? `${MESSAGES[error]} ${detail}` : MESSAGES[error] };
}

/**
 * When the number may send again: null while under every limit, else the seconds until the oldest text that makes
 * a window full leaves it. `recent` are the number's texts' times (ms), newest first, covering the longest window.
 */
export function floodRetryAfterSeconds(recent: readonly number[], now: number): number | null {
  let waitMs = 0;
  for (const { limit, windowMs } of SMS_FLOOD_LIMITS) {
    const inWindow = recent.filter((at) => at > now - windowMs);
    if (inWindow.length >= limit) waitMs = Math.max(waitMs, inWindow[limit - 1]! + windowMs - now);
  }
  return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : null;
}
