/** What a citizen can do on their tracking page, as workflow actions (DESIGN §3): reply, confirm and rate, appeal. */
import { z } from 'zod';
import { MESSAGE_MAX } from './staff-action-schema';
import { normalizeDigits, normalizeText } from './persian';

const text = z.preprocess((v) => (typeof v === 'string' ? normalizeText(v) : ''), z.string().max(MESSAGE_MAX, 'errors.message_too_long'));

export const citizenActionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('citizen_reply'), message: text.pipe(z.string().min(1, 'errors.message_required')) }),
    z.object({
      intent: z.literal('confirm'),
      rating: z.preprocess((v) => (typeof v === 'string' ? normalizeDigits(v) : v), z.string().regex(/^[1-5]$/, 'errors.rating_required')).transform(Number),
      message: text,
    }),
    z.object({ intent: z.literal('appeal'), message: text.pipe(z.string().min(1, 'errors.appeal_reason_required')) }),
  ],
  { message: 'errors.not_allowed' },
);

export type CitizenAction = z.output<typeof citizenActionSchema>;
export const CITIZEN_INTENTS = ['citizen_reply', 'confirm', 'appeal'] as const;
