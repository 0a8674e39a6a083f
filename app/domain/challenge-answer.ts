/**
 * Whether a typed answer to the arithmetic question is right: the part of the challenge check that needs no secret,
 * so the browser runs it too (app/routes/feedback.new.tsx) and a slip costs no round trip. Checking it there reveals
 * nothing: the page already shows both numbers; the signature, expiry and single use stay on the server
 * (./challenge.ts).
 */
import { normalizeDigits } from './persian';

/** `missing` when nothing was typed, `wrong` when it is not the sum (typed in any digits), null when right. */
export function checkChallengeAnswer(a: number, b: number, answer: unknown): 'missing' | 'wrong' | null {
  const typed = typeof answer === 'string' ? normalizeDigits(answer) : '';
  if (typed === '') return 'missing';
  if (!/^\d{1,3}$/.test(typed) || Number(typed) !== a + b) return 'wrong';
  return null;
}
