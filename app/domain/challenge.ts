/**
 * The arithmetic challenge on public forms (docs/DESIGN.md §7, as on the news site: "۹ + ۸ ="): the server signs the two
 * numbers, an expiry and a random nonce, so it needs no storage until the answer is used, and then only the nonce
 * (single use, app/models/challenges.server.ts).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { checkChallengeAnswer } from './challenge-answer';
import { sameSecret } from './secrets';

export const CHALLENGE_TTL_MS = 60 * 60 * 1000;

export interface Challenge {
  a: number;
  b: number;
  token: string;
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`challenge:${payload}`).digest('base64url');
}

export function createChallenge(secret: string, now: Date = new Date(), randomDigit = () => 1 + (randomBytes(1)[0]! % 9)): Challenge {
  const a = randomDigit();
  const b = randomDigit();
  const payload = `${a}.${b}.${now.getTime() + CHALLENGE_TTL_MS}.${randomBytes(12).toString('base64url')}`;
  return { a, b, token: `${payload}.${sign(secret, payload)}` };
}

export type ChallengeCheck =
  | { ok: true; nonce: string; expiresAt: Date }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'wrong' };

/**
 * The question a still-valid token asks, to show it again (a form re-rendered without being filed: the centre finder
 * without JavaScript, or a refusal for other fields after a right answer), so the citizen does not do another sum.
 * A forged or expired token gives null (ask a new question). Nothing is spent: single use is decided on filing.
 */
export function reopenChallenge(token: unknown, secret: string, now: Date = new Date()): Challenge | null {
  if (typeof token !== 'string') return null;
  const parts = token.split('.');
  if (parts.length !== 5) return null;
  const [a, b, expires, nonce, signature] = parts as [string, string, string, string, string];
  if (!sameSecret(signature, sign(secret, `${a}.${b}.${expires}.${nonce}`))) return null;
  if (!(Number(expires) > now.getTime())) return null;
  return { a: Number(a), b: Number(b), token };
}

/** Checks the signature, the expiry and the answer (typed in any digits); single use is the caller's part. */
export function verifyChallenge(token: unknown, answer: unknown, secret: string, now: Date = new Date()): ChallengeCheck {
  if (typeof token !== 'string' || token === '') return { ok: false, reason: 'missing' };
  const parts = token.split('.');
  if (parts.length !== 5) return { ok: false, reason: 'invalid' };
  const [a, b, expires, nonce, signature] = parts as [string, string, string, string, string];
  if (!sameSecret(signature, sign(secret, `${a}.${b}.${expires}.${nonce}`))) return { ok: false, reason: 'invalid' };
  const expiresAt = new Date(Number(expires));
  if (!(expiresAt.getTime() > now.getTime())) return { ok: false, reason: 'expired' };
  // No answer typed: ask for one ("write the answer"), rather than telling the citizen it was wrong.
  const answered = checkChallengeAnswer(Number(a), Number(b), answer);
  if (answered) return { ok: false, reason: answered };
  return { ok: true, nonce, expiresAt };
}

/** The field message of each refusal: a forged token reads as an expired one ("answer the new question"). */
export const CHALLENGE_ERRORS = {
  missing: 'errors.challenge_required',
  wrong: 'errors.challenge_wrong',
  expired: 'errors.challenge_expired',
  invalid: 'errors.challenge_expired',
} as const;
