/**
 * How the tracking look-up answers after failed attempts (docs/DESIGN.md §7). Iranian mobile carriers put thousands of people
 * behind one address (CGNAT), so failures from an address never lock out the person with the right code and mobile:
 * they only make every look-up from that address answer the arithmetic question first. A hard block stays for
 * floods. Failures are also counted per code, whatever address they come from, so a guesser spread over many
 * addresses who aims at one code is stopped: first the question, then the code is locked for a while.
 */

/** Failed look-ups from one address, in LOOKUP_WINDOW_MS, after which each look-up from it must answer the question. */
export const ADDRESS_FAILURES_BEFORE_QUESTION = 10;
/** Failed look-ups from one address after which it is refused outright until the window ends: a flood, not people. */
export const ADDRESS_FAILURE_CEILING = 300;
/** Failed look-ups of one code (any address) after which looking it up needs the question. */
export const CODE_FAILURES_BEFORE_QUESTION = 3;
/** Failed look-ups of one code after which it cannot be looked up until the window ends, even with the right mobile. */
export const CODE_FAILURE_CEILING = 10;
export const LOOKUP_WINDOW_MS = 10 * 60_000;
/** Failures per code are kept longer: a slow, spread-out guess at one code's mobile must not start over every few minutes. */
export const CODE_WINDOW_MS = 60 * 60_000;

export type LookupGate = 'open' | 'question' | 'address_blocked' | 'code_locked';

/** What a look-up must pass, given the failures counted so far from its address and for its code. */
export function lookupGate(failures: { address: number; code: number }): LookupGate {
  if (failures.address >= ADDRESS_FAILURE_CEILING) return 'address_blocked';
  if (failures.code >= CODE_FAILURE_CEILING) return 'code_locked';
  if (failures.address >= ADDRESS_FAILURES_BEFORE_QUESTION || failures.code >= CODE_FAILURES_BEFORE_QUESTION) return 'question';
  return 'open';
}
