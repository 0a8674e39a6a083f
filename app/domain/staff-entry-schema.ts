/**
 * The form staff fill in for a caller or a visitor (docs/DESIGN.md §5 `/staff/items/new`): the citizen form's fields with the
 * same validation and Persian normalization (feedbackSchema), plus how the item came in. The signed-in user needs no
 * arithmetic challenge and no honeypot. The consent box is the staff member's confirmation that the citizen agreed.
 */
import { z } from 'zod';
import { FEEDBACK_FIELDS, feedbackSchema } from './feedback-schema';
import { fieldErrors, type FieldErrors } from './forms';

/** The channels a staff member enters items for (docs/DESIGN.md §2): the 1482 phone line, or in person at a centre. */
export const ENTRY_CHANNELS = ['phone', 'counter'] as const;
export type EntryChannel = (typeof ENTRY_CHANNELS)[number];

const entryOnly = z.object({
  channel: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.enum(ENTRY_CHANNELS, { message: 'entry.errors.channelRequired' })),
});

/**
 * Both parts check the same input, so every problem shows at once. The honeypot of the citizen form is not sent by
 * the staff form and never counts here.
 */
export const staffEntrySchema = z.preprocess(
  (v) => (v && typeof v === 'object' ? { ...(v as Record<string, unknown>), website: '' } : v),
  entryOnly.and(feedbackSchema),
);

export type StaffEntry = z.output<typeof staffEntrySchema>;

/** The fields the form shows again after a refusal. */
export const ENTRY_FIELDS = ['channel', ...FEEDBACK_FIELDS] as const;

/** Messages worded for the citizen that mean something else on the staff form. */
const STAFF_WORDING: Record<string, string> = {
  'errors.consent_required': 'entry.errors.consentRequired',
};

export type StaffEntryCheck = { success: true; data: StaffEntry } | { success: false; errors: FieldErrors };

/** Validates the staff form, with field messages (i18n keys) worded for staff. Used by the action and the browser. */
export function checkStaffEntry(values: Record<string, unknown>): StaffEntryCheck {
  const parsed = staffEntrySchema.safeParse(values);
  if (parsed.success) return { success: true, data: parsed.data };
  const errors = fieldErrors(parsed.error);
  for (const [field, key] of Object.entries(errors)) errors[field] = STAFF_WORDING[key] ?? key;
  return { success: false, errors };
}
