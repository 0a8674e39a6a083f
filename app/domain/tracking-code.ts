/**
 * Tracking codes (docs/DESIGN.md §7): random, not sequential; digits only so they read aloud easily over the phone;
 * the last digit is a Damm check digit, which catches every single-digit typo and every swap of neighbours.
 */
import { normalizeDigits, toPersianDigits } from './persian';

export const TRACKING_CODE_LENGTH = 12;

// The Damm algorithm's quasigroup table (order 10, weakly totally anti-symmetric).
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

export function dammCheckDigit(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM[interim]![Number(ch)]!;
  return interim;
}

/** `randomDigit` is injectable for tests; production passes a CSPRNG. */
export function generateTrackingCode(randomInt: (maxExclusive: number) => number): string {
  let body = String(1 + randomInt(9)); // no leading zero: the code never loses a digit in a spreadsheet
  while (body.length < TRACKING_CODE_LENGTH - 1) body += String(randomInt(10));
  return body + String(dammCheckDigit(body));
}

export type TrackingCodeCheck =
  | { ok: true; code: string }
  | { ok: false; reason: 'empty' | 'format' | 'check_digit' };

/** Accepts what a person types: Persian digits, spaces, dashes. */
export function parseTrackingCode(input: string): TrackingCodeCheck {
  const code = normalizeDigits(input);
  if (code === '') return { ok: false, reason: 'empty' };
  if (!new RegExp(`^\\d{${TRACKING_CODE_LENGTH}}$`).test(code)) return { ok: false, reason: 'format' };
  if (dammCheckDigit(code) !== 0) return { ok: false, reason: 'check_digit' };
  return { ok: true, code };
}

/** `482719350612` → `4827 1935 0612`: groups of four, as printed and read aloud. */
export function groupTrackingCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/**
 * The code inside a sentence (a button's label, a translated line), for text only (elsewhere the TrackingCode
 * component): grouped, in Persian digits on a Persian page, after a left-to-right mark that keeps the groups in
 * reading order in right-to-left text (docs/DESIGN.md §6).
 */
export function trackingCodeInText(code: string, locale: string): string {
  const grouped = groupTrackingCode(code);
  return locale === 'fa' ? `\u200E${toPersianDigits(grouped)}` : grouped;
}
