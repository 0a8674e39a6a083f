/**
 * A tracking code as a call-centre agent reads it to a caller (docs/DESIGN.md §7: "easy to read aloud"): digit by digit, in
 * the groups of four the code is printed in, with a clear pause between groups. Persian words for `fa`, English for
 * `en`. Pure: the confirmation page shows the line, and a screen reader reads it the same way.
 */
import { normalizeDigits } from './persian';
import { groupTrackingCode } from './tracking-code';

const WORDS = {
  fa: ['صفر', 'یک', 'دو', 'سه', 'چهار', 'پنج', 'شش', 'هفت', 'هشت', 'نه'],
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'],
} as const;

/** Between the digits of a group (Persian comma in Persian) and between groups (a dash: the reader pauses). */
const DIGIT_SEPARATOR = { fa: '، ', en: ', ' } as const;
const GROUP_SEPARATOR = ' — ';

/**
 * `108607426521` (or `۱۰۸۶ ۰۷۴۲ ۶۵۲۱`, as typed or shown) → `یک، صفر، هشت، شش — صفر، هفت، چهار، دو — شش، پنج، دو، یک`.
 * Anything that is not a digit is ignored; an input without digits gives an empty string.
 */
export function spokenCode(code: string, locale: 'fa' | 'en'): string {
  const digits = normalizeDigits(code).replace(/\D/g, '');
  if (digits === '') return '';
  const words = WORDS[locale];
  return groupTrackingCode(digits)
    .split(' ')
    .map((group) => [...group].map((digit) => words[Number(digit)]!).join(DIGIT_SEPARATOR[locale]))
    .join(GROUP_SEPARATOR);
}
