/**
 * Bulk actions on the inbox's selected rows (issue 24): assign, transfer, mark as duplicate of, close as spam. Each
 * selected item is still one workflow action through the door (app/services/workflow.server.ts), checked on its own;
 * this module only reads the form and names what was refused. Without JavaScript: a form of checkboxes, then a
 * confirmation step for what reaches citizens (transfer, duplicate, spam), then a summary.
 */
import { z } from 'zod';
import { checkbox } from './forms';
import { normalizeDigits, normalizeText } from './persian';
import { MESSAGE_MAX, NATIONAL_OWNER, UNASSIGNED } from './staff-action-schema';
import { parseTrackingCode } from './tracking-code';
import type { ActionRefusal } from './workflow-effects';
import type { WorkflowAction } from './workflow';

export const BULK_ACTIONS = ['assign', 'transfer', 'mark_duplicate', 'spam'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** At most this many items in one post (four inbox pages): a slip costs little, and one request stays short. */
export const BULK_MAX = 100;

/** The workflow action behind each bulk action: spam is a rejection with a fixed public message. */
export const WORKFLOW_ACTION_OF: Record<BulkAction, WorkflowAction> = {
  assign: 'assign',
  transfer: 'transfer',
  mark_duplicate: 'mark_duplicate',
  spam: 'reject',
};

/** What reaches citizens asks for a second step; an assignment is internal and happens at once. */
export const needsConfirmation = (action: BulkAction): boolean => action !== 'assign';

/** One selected row as the checkbox sends it: `id.version`, the version the officer saw (a later change is `stale`). */
export interface SelectedItem {
  id: number;
  version: number;
}

const selected = z
  .array(z.string())
  .transform((values, ctx) => {
    const seen = new Map<number, SelectedItem>();
    for (const value of values) {
      // Written by the page, so plain digits (normalizeDigits would drop the dot).
      const match = /^([1-9]\d{0,11})\.(\d{1,9})$/.exec(value.trim());
      if (!match) {
        ctx.addIssue({ code: 'custom', message: 'bulk.itemsInvalid' });
        return z.NEVER;
      }
      const id = Number(match[1]);
      if (!seen.has(id)) seen.set(id, { id, version: Number(match[2]) });
    }
    return [...seen.values()];
  })
  .pipe(z.array(z.object({ id: z.number(), version: z.number() })).min(1, 'bulk.noneSelected').max(BULK_MAX, 'bulk.tooMany'));

const text = (max: number) => z.preprocess((v) => (typeof v === 'string' ? normalizeText(v) : ''), z.string().max(max, 'errors.message_too_long'));

export const bulkSchema = z
  .object({
    bulkAction: z.enum(BULK_ACTIONS, { message: 'bulk.actionRequired' }),
    item: z.preprocess((v) => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []), selected),
    assignee: z.preprocess((v) => (typeof v === 'string' ? normalizeDigits(v).trim() : ''), z.union([z.literal(''), z.literal(UNASSIGNED), z.string().regex(/^\d{1,9}$/, 'errors.invalid_choice')])),
    targetOwner: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : ''), z.union([z.literal(''), z.literal(NATIONAL_OWNER), z.string().regex(/^ir-\d{2}$/, 'errors.invalid_choice')])),
    internalNote: text(MESSAGE_MAX),
    original: z.preprocess((v) => (typeof v === 'string' ? normalizeDigits(v).trim() : ''), z.string().max(40, 'duplicates.originalInvalid')),
    /** Set by the confirmation step's button: the officer has seen what the citizens will receive. */
    confirm: checkbox,
  })
  .superRefine((form, ctx) => {
    // What each action needs, checked once for the whole selection (the workflow checks again per item).
    if (form.bulkAction === 'assign' && form.assignee === '') ctx.addIssue({ code: 'custom', path: ['assignee'], message: 'bulk.assigneeRequired' });
    if (form.bulkAction === 'transfer' && form.targetOwner === '') ctx.addIssue({ code: 'custom', path: ['targetOwner'], message: 'bulk.targetRequired' });
    if (form.bulkAction === 'transfer' && form.internalNote === '') ctx.addIssue({ code: 'custom', path: ['internalNote'], message: 'bulk.noteRequired' });
    if (form.bulkAction === 'mark_duplicate' && !parseTrackingCode(form.original).ok) ctx.addIssue({ code: 'custom', path: ['original'], message: 'duplicates.originalInvalid' });
  })
  .transform((form) => ({
    action: form.bulkAction,
    items: form.item,
    confirmed: form.confirm,
    assigneeStaffId: form.assignee === '' ? undefined : form.assignee === UNASSIGNED ? null : Number(form.assignee),
    targetOwnerProvinceId: form.targetOwner === '' ? undefined : form.targetOwner === NATIONAL_OWNER ? null : form.targetOwner,
    internalNote: form.internalNote || null,
    originalCode: form.original === '' ? undefined : ((code) => (code.ok ? code.code : undefined))(parseTrackingCode(form.original)),
  }));

export type BulkRequest = z.output<typeof bulkSchema>;

/** The message key of a refused item: why it was left as it was, in the officer's words. */
export function bulkRefusalMessage(reason: ActionRefusal): string {
  switch (reason) {
    case 'not_found':
    case 'other_province':
      return 'bulk.reason_not_found';
    case 'stale':
      return 'bulk.reason_stale';
    case 'not_allowed_in_state':
      return 'bulk.reason_state';
    case 'role_not_allowed':
      return 'bulk.reason_role';
    case 'assignee_required':
      return 'bulk.reason_assignee';
    case 'target_required':
    case 'same_owner':
      return 'bulk.reason_target';
    case 'original_required':
      return 'bulk.reason_original';
    default:
      return 'bulk.reason_other';
  }
}
