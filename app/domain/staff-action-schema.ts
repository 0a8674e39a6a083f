/** The form behind every workflow button on the staff item page. */
import { z } from 'zod';
import { AREA_UNKNOWN, isArea } from './areas';
import { normalizeDigits, normalizeText } from './persian';
import { parseTrackingCode } from './tracking-code';
import { ITEM_KINDS, ITEM_PRIORITIES, type ItemKind, type WorkflowAction } from './workflow';

export const MESSAGE_MAX = 5000;
export const NATIONAL_OWNER = 'national';
export const UNASSIGNED = 'none';

/** Actions staff fire from the item page (citizen and system actions are not offered here). */
export const STAFF_ACTIONS = [
  'accept',
  'reply',
  'ask_citizen',
  'answer',
  'transfer',
  'redirect',
  'reject',
  'note',
  'reopen',
  'final_answer',
  'assign',
  'set_safeguarding',
  'classify',
  'set_priority',
  'mark_duplicate',
] as const satisfies readonly WorkflowAction[];

const message = z.preprocess((v) => (typeof v === 'string' ? normalizeText(v) : ''), z.string().max(MESSAGE_MAX, 'errors.message_too_long'));

export const staffActionSchema = z
  .object({
    intent: z.enum(STAFF_ACTIONS, { message: 'errors.not_allowed' }),
    version: z.preprocess((v) => (typeof v === 'string' ? normalizeDigits(v) : v), z.string().regex(/^\d{1,9}$/, 'errors.stale')),
    publicMessage: message,
    internalNote: message,
    targetOwner: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : ''), z.union([z.literal(''), z.literal(NATIONAL_OWNER), z.string().regex(/^ir-\d{2}$/, 'errors.invalid_choice')])),
    /** For an assignment: a staff user's id, or `none` to take the assignment back. */
    assignee: z.preprocess((v) => (typeof v === 'string' ? normalizeDigits(v) : ''), z.union([z.literal(''), z.literal(UNASSIGNED), z.string().regex(/^\d{1,9}$/, 'errors.invalid_choice')])),
    /** For a redirection: an organisation's id. */
    organization: z.preprocess((v) => (typeof v === 'string' ? normalizeDigits(v) : ''), z.union([z.literal(''), z.string().regex(/^\d{1,9}$/, 'errors.invalid_choice')])),
    /** For a classification: the area (`unknown` for none) and the kind; empty leaves each as it is. */
    area: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().refine((v) => v === '' || v === AREA_UNKNOWN || isArea(v), 'errors.invalid_choice')),
    kind: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().refine((v) => v === '' || (ITEM_KINDS as readonly string[]).includes(v), 'errors.invalid_choice')),
    /** For marking a duplicate: the original's tracking code (as typed, grouped, Persian digits) or `#id`. */
    original: z.preprocess((v) => (typeof v === 'string' ? normalizeDigits(v).trim() : ''), z.string().max(40, 'errors.invalid_choice')),
    /** For a change of priority (issue 23): the new one; the reason is the internal note. */
    priority: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : ''), z.union([z.literal(''), z.enum(ITEM_PRIORITIES)], { message: 'urgent.errors.invalid' })),
    /** For the safeguarding mark (issue 23): `on` marks, `off` lifts it. */
    safeguarding: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.enum(['', 'on', 'off'], { message: 'errors.invalid_choice' })),
  })
  // A transfer needs a destination: said under that box, not as an "invalid choice".
  .superRefine((form, ctx) => {
    if (form.intent === 'transfer' && form.targetOwner === '') ctx.addIssue({ code: 'custom', path: ['targetOwner'], message: 'itemPage.transferTargetRequired' });
    if (form.intent === 'set_safeguarding' && form.safeguarding === '') ctx.addIssue({ code: 'custom', path: ['safeguarding'], message: 'errors.invalid_choice' });
    // The mark and its lifting are audited with their reason (the door refuses an empty one too; said here, under the box).
    if (form.intent === 'set_safeguarding' && form.internalNote === '') ctx.addIssue({ code: 'custom', path: ['internalNote'], message: 'safeguarding.reasonRequired' });
  })
  .transform((form) => ({
    action: form.intent,
    expectedVersion: Number(form.version),
    publicMessage: form.publicMessage || null,
    internalNote: form.internalNote || null,
    targetOwnerProvinceId: form.targetOwner === '' ? undefined : form.targetOwner === NATIONAL_OWNER ? null : form.targetOwner,
    assigneeStaffId: form.assignee === '' ? undefined : form.assignee === UNASSIGNED ? null : Number(form.assignee),
    organizationId: form.organization === '' ? undefined : Number(form.organization),
    area: form.area === '' ? undefined : isArea(form.area) ? form.area : null,
    kind: form.kind === '' ? undefined : (form.kind as ItemKind),
    /** Resolved to an item id by the route (a code is looked up; the province scope applies). */
    originalCode: originalCode(form.original),
    priority: form.priority === '' ? undefined : form.priority,
    safeguarding: form.safeguarding === '' ? undefined : form.safeguarding === 'on',
  }));

/** The original's code as typed, checked; `invalid` when it is no tracking code at all (the action refuses it). */
function originalCode(typed: string): string | undefined {
  if (typed === '') return undefined;
  const parsed = parseTrackingCode(typed);
  return parsed.ok ? parsed.code : 'invalid';
}
