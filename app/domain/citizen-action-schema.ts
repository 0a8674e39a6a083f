/** What a citizen can do on their tracking page, as workflow actions (docs/DESIGN.md §3): reply, confirm and rate, appeal. */
import { z } from 'zod';
import type { FieldErrors } from './forms';
import { MESSAGE_MAX } from './staff-action-schema';
import { normalizeText, toAsciiDigits } from './persian';

const text = z.preprocess((v) => (typeof v === 'string' ? normalizeText(v) : ''), z.string().max(MESSAGE_MAX, 'errors.message_too_long'));

/**
 * A number field in any digits; anything else (absent, a file) counts as empty. Signs and separators are not
 * dropped as in a typed code: `-1` is no rating of 1.
 */
const digits = (message: string, pattern: RegExp) =>
  z.preprocess((v) => (typeof v === 'string' ? toAsciiDigits(normalizeText(v)) : ''), z.string().regex(pattern, message)).transform(Number);

/**
 * The version of the item the page showed: an answer the citizen has not seen (the page is outdated) must not be
 * confirmed or appealed by a form from before it. A missing version is a page to reload, like a different one.
 */
const version = digits('errors.stale', /^\d{1,9}$/);

export const citizenActionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('citizen_reply'), version, message: text.pipe(z.string().min(1, 'errors.message_required')) }),
    z.object({ intent: z.literal('confirm'), version, rating: digits('errors.rating_required', /^[1-5]$/), message: text }),
    z.object({ intent: z.literal('appeal'), version, message: text.pipe(z.string().min(1, 'errors.appeal_reason_required')) }),
    // "The problem was not solved" on a closed item (issue 23): the reason is required.
    z.object({ intent: z.literal('citizen_reopen'), version, message: text.pipe(z.string().min(1, 'fairClock.reopenReasonRequired')) }),
  ],
  { message: 'errors.not_allowed' },
);

export type CitizenAction = z.output<typeof citizenActionSchema>;
export const CITIZEN_INTENTS = ['citizen_reply', 'confirm', 'appeal', 'citizen_reopen'] as const;

/**
 * A refused citizen form's errors, by field. The version is no field the citizen (or the agent reading to them) can
 * correct: an outdated or missing one is the form's own error, meaning "look at the item again".
 */
export function citizenActionErrors(found: FieldErrors): FieldErrors {
  const errors = { ...found };
  if (errors.version) {
    errors.form ??= errors.version;
    delete errors.version;
  }
  return errors;
}
