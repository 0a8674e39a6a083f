/**
 * Comparing secrets (tokens, signatures, CSRF values) without leaking through timing how much of a guess was right.
 */
import { timingSafeEqual } from 'node:crypto';

/**
 * Whether `given` is exactly `expected`, in time that does not depend on where they first differ. Compared as UTF-8
 * bytes, not characters: a value of Persian letters can have the right length in characters and not in bytes, and
 * `timingSafeEqual` throws on buffers of different lengths. A missing or non-text value (null, a File from a form) is never the secret.
 */
export function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
