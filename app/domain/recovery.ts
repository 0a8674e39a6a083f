/**
 * "A lost code" (issue 22, `/track/recover`): a citizen proves their mobile with a one-time code sent by SMS and sees
 * that mobile's items. The rules here are pure: the forms' schemas, the code's shape and life, and what a check of a
 * typed code decides. Storage is app/models/recovery-codes.server.ts; the flow app/services/recovery.server.ts.
 */
import { createHmac, randomInt } from 'node:crypto';
import { z } from 'zod';
import { normalizeDigits, normalizeMobile, normalizeText } from './persian';
import { sameSecret } from './secrets';

export const OTP_LENGTH = 6;
/** Long enough to read an SMS on a basic phone and type it; short enough that a stolen SMS soon opens nothing. */
export const OTP_TTL_MS = 10 * 60_000;
/** Wrong codes after which the code is dead (a new one must be asked for): 5 tries in 10^6 codes. */
export const OTP_MAX_TRIES = 5;
/** Codes asked for one mobile in the window: enough for a slow SMS and a second try, too few to pump SMS to someone. */
export const CODES_PER_MOBILE = 3;
export const MOBILE_WINDOW_MS = 60 * 60_000;
/** Code requests from one address (CGNAT: many people behind it) before it must wait. */
export const REQUESTS_PER_ADDRESS = 20;
/** Typed codes from one address: every try is counted, right or wrong, so one address cannot spread guesses over many tickets. */
export const GUESSES_PER_ADDRESS = 30;
export const ADDRESS_WINDOW_MS = 10 * 60_000;
/** Items closed longer ago than this are not listed (their contact data is on its way to erasure anyway). */
export const RECENTLY_CLOSED_MS = 90 * 24 * 60 * 60_000;

export const RECOVER_FIELDS = ['mobile'] as const;

/** Step 1: the mobile, in any usual form and any digits (as the feedback form takes it). */
export const recoverRequestSchema = z
  .object({ mobile: z.string().optional().default('') })
  .transform((form, ctx) => {
    const typed = normalizeText(form.mobile);
    if (typed === '') {
      ctx.addIssue({ code: 'custom', path: ['mobile'], message: 'errors.mobile_required' });
      return z.NEVER;
    }
    const mobile = normalizeMobile(typed);
    if (!mobile) {
      ctx.addIssue({ code: 'custom', path: ['mobile'], message: 'errors.mobile_invalid' });
      return z.NEVER;
    }
    return { mobile };
  });

/** Step 2: the code from the SMS, typed in Persian, Arabic or Latin digits, spaces allowed. */
export const recoverVerifySchema = z
  .object({ otp: z.string().optional().default('') })
  .transform((form, ctx) => {
    const otp = normalizeDigits(form.otp);
    if (otp === '') {
      ctx.addIssue({ code: 'custom', path: ['otp'], message: 'recover.errors.otpRequired' });
      return z.NEVER;
    }
    if (!new RegExp(`^\\d{${OTP_LENGTH}}$`).test(otp)) {
      ctx.addIssue({ code: 'custom', path: ['otp'], message: 'recover.errors.otpFormat' });
      return z.NEVER;
    }
    return { otp };
  });

/** A fresh code: uniform over all 6-digit strings (leading zeros kept). */
export function newOtp(random: (max: number) => number = randomInt): string {
  return String(random(10 ** OTP_LENGTH)).padStart(OTP_LENGTH, '0');
}

/** What is stored: keyed by the server secret and bound to the ticket, so a leaked table is no list of live codes. */
export function hashOtp(secret: string, ticket: string, otp: string): string {
  return createHmac('sha256', secret).update(`recover:${ticket}:${otp}`).digest('base64url');
}

export interface StoredCode {
  codeHash: string;
  attempts: number;
  expiresAt: Date;
  usedAt: Date | null;
}

export type OtpVerdict = 'ok' | 'wrong' | 'expired' | 'used' | 'dead';

/**
 * What a typed code gets. A used, expired or dead code is refused before it is compared, so a guess at it tells
 * nothing; a wrong code spends a try (the caller counts it in the same write), the last one kills the code.
 */
export function judgeOtp(stored: StoredCode, typedHash: string, now: Date): OtpVerdict {
  if (stored.usedAt) return 'used';
  if (stored.attempts >= OTP_MAX_TRIES) return 'dead';
  if (stored.expiresAt.getTime() <= now.getTime()) return 'expired';
  return sameSecret(typedHash, stored.codeHash) ? 'ok' : stored.attempts + 1 >= OTP_MAX_TRIES ? 'dead' : 'wrong';
}

/** The field message of each refusal of a typed code. */
export const OTP_ERRORS: Record<Exclude<OtpVerdict, 'ok'>, string> = {
  wrong: 'recover.errors.otpWrong',
  expired: 'recover.errors.otpExpired',
  used: 'recover.errors.otpUsed',
  dead: 'recover.errors.otpDead',
};
