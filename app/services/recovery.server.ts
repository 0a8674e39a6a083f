/**
 * `/track/recover` (issue 22, "a lost code"): a citizen who lost their tracking codes asks for a one-time code by SMS
 * and types it back to see their mobile's items. The answer to step 1 never depends on whether the mobile has items
 * (no SMS goes to a number without any, but the page, the headers and the work done are the same). Limits: codes per
 * mobile, requests and typed codes per address (counted here, in memory, like the other public forms), tries per code
 * (counted in the database, in the same write as the check).
 */
import { randomBytes } from 'node:crypto';
import { writeTransaction } from '../../db/client';
import { CHALLENGE_ERRORS, verifyChallenge } from '../domain/challenge';
import {
  ADDRESS_WINDOW_MS,
  CODES_PER_MOBILE,
  GUESSES_PER_ADDRESS,
  hashOtp,
  MOBILE_WINDOW_MS,
  newOtp,
  OTP_ERRORS,
  OTP_TTL_MS,
  REQUESTS_PER_ADDRESS,
} from '../domain/recovery';
import type { FieldErrors } from '../domain/forms';
import type { AppLocale } from '../i18n/config';
import { translator } from '../i18n/translate';
import { useChallenge } from '../models/challenges.server';
import { checkCode, itemsOfMobile, storeCode, type RecoveredItem } from '../models/recovery-codes.server';
import { getConfig } from '../platform/config.server';
import { db } from '../platform/db.server';
import { kickDelivery } from './delivery.server';
import { createRateLimiter } from './rate-limit.server';

export const recoveryLimits = {
  /** Step 1 posts per address, counted before the body is read. */
  requests: createRateLimiter(REQUESTS_PER_ADDRESS, ADDRESS_WINDOW_MS),
  /** Codes sent (or not: the count is the same) per mobile. */
  perMobile: createRateLimiter(CODES_PER_MOBILE, MOBILE_WINDOW_MS),
  /** Step 2 posts per address: every typed code, right or wrong. */
  guesses: createRateLimiter(GUESSES_PER_ADDRESS, ADDRESS_WINDOW_MS),
};

export function resetRecoveryLimitsForTests() {
  for (const limit of Object.values(recoveryLimits)) limit.reset();
}

type Refusal = { ok: false; status: 400 | 403 | 429; errors: FieldErrors; retryAfterSeconds?: number };

/** Counts a post from `client` against `limit`; a refusal when past it. No address (a direct call in tests): not counted. */
export function overLimit(limit: 'requests' | 'guesses', client: string | null): Refusal | null {
  if (!client) return null;
  const hit = recoveryLimits[limit].hit(client);
  return hit.ok ? null : { ok: false, status: 429, errors: { form: 'recover.errors.rateLimited' }, retryAfterSeconds: hit.retryAfterSeconds };
}

/**
 * Step 1: after the arithmetic question (single use), a new code for `mobile`, stored hashed; its SMS queued only
 * when the mobile has items. Returns the ticket the browser keeps in its cookie.
 */
export function requestCode(
  mobile: string,
  answer: { challenge?: string; challengeAnswer?: string },
  locale: AppLocale,
  now: Date = new Date(),
): { ok: true; ticket: string } | Refusal {
  const secret = getConfig().sessionSecret;
  const check = verifyChallenge(answer.challenge, answer.challengeAnswer, secret, now);
  if (!check.ok) return { ok: false, status: 400, errors: { challengeAnswer: CHALLENGE_ERRORS[check.reason] } };
  if (!useChallenge(db(), check.nonce, check.expiresAt)) return { ok: false, status: 400, errors: { challengeAnswer: 'errors.challenge_expired' } };
  // Counted whether or not the mobile has items, so the limit itself tells nothing.
  const perMobile = recoveryLimits.perMobile.hit(mobile, now.getTime());
  if (!perMobile.ok) return { ok: false, status: 429, errors: { mobile: 'recover.errors.mobileLimited' }, retryAfterSeconds: perMobile.retryAfterSeconds };
  const ticket = randomBytes(24).toString('base64url');
  const otp = newOtp();
  const smsText = translator(locale)('recover.sms', { code: otp, minutes: OTP_TTL_MS / 60_000 });
  writeTransaction(db(), (tx) => storeCode(tx, { ticket, mobile, codeHash: hashOtp(secret, ticket, otp), smsText, locale, now }));
  // The code lives 10 minutes: deliver now rather than at the next round of the loop. Kicked for every mobile, with or
  // without an SMS, so the delivery round that follows (after the answer) looks the same from outside.
  kickDelivery();
  return { ok: true, ticket };
}

/** Step 2: the typed code against this browser's ticket; a right one gives the mobile's items (and is spent). */
export function verifyCode(ticket: string | null, otp: string, now: Date = new Date()): { ok: true; items: RecoveredItem[] } | Refusal {
  if (!ticket) return { ok: false, status: 400, errors: { form: 'recover.errors.noTicket' } };
  const typedHash = hashOtp(getConfig().sessionSecret, ticket, otp);
  const result = writeTransaction(db(), (tx) => checkCode(tx, ticket, typedHash, now));
  if (result.verdict === 'unknown') return { ok: false, status: 400, errors: { form: 'recover.errors.noTicket' } };
  if (result.verdict !== 'ok') return { ok: false, status: 400, errors: { otp: OTP_ERRORS[result.verdict] } };
  return { ok: true, items: itemsOfMobile(db(), result.mobile!, now) };
}
