/** The form behind every workflow button on the staff item page. */
import { z } from 'zod';
import { normalizeDigits, normalizeText } from './persian';
import type { WorkflowAction } from './workflow';

export const MESSAGE_MAX = 5000;
export const NATIONAL_OWNER = 'national';
export const UNASSIGNED = 'none';

/** Actions staff fire from the item page (citizen and system actions are not offered here). */
export const STAFF_ACTIONS = ['accept', 'reply', 'ask_citizen', 'answer', 'transfer', 'redirect', 'reject', 'note', 'reopen', 'final_answer', 'assign'] as const satisfies readonly WorkflowAction[];

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
  })
  .transform((form) => ({
    action: form.intent,
    expectedVersion: Number(form.version),
    publicMessage: form.publicMessage || null,
    internalNote: form.internalNote || null,
    targetOwnerProvinceId: form.targetOwner === '' ? undefined : form.targetOwner === NATIONAL_OWNER ? null : form.targetOwner,
    assigneeStaffId: form.assignee === '' ? undefined : form.assignee === UNASSIGNED ? null : Number(form.assignee),
  }));
