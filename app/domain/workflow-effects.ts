/**
 * What a workflow action does to an item's fields, next to the state table (workflow.ts) that says whether it may
 * happen. Pure: the write module (app/models/item-writes.server.ts) looks up what an action refers to (the
 * organisation, the assignee, the original), hands it in, and writes exactly the fields returned here, in one fixed
 * UPDATE. Also the one place a refusal becomes the message the person sees.
 */
import type { Area } from './areas';
import type { WorkingCalendar } from './calendar';
import { resumedDeadline } from './deadlines';
import { organizationNotice, type OrganizationContact } from './organizations';
import {
  isCitizenAction,
  isOpen,
  TERMINAL_STATES,
  type Decision,
  type ItemKind,
  type ItemPriority,
  type ItemState,
  type RefusalReason,
  type TransitionInput,
  type WorkflowAction,
  type WorkflowActor,
} from './workflow';

/** Every field of an item a workflow action may change: the UPDATE of a transition sets all of them. */
export interface MutableItemFields {
  state: ItemState;
  ownerProvinceId: string | null;
  version: number;
  updatedAt: Date;
  stateEnteredAt: Date;
  firstRespondedAt: Date | null;
  answeredAt: Date | null;
  closedAt: Date | null;
  assignedStaffId: number | null;
  escalationLevel: number;
  rating: number | null;
  ratingComment: string | null;
  redirectedOrgId: number | null;
  area: Area | null;
  kind: ItemKind;
  duplicateOfItemId: number | null;
  priority: ItemPriority;
  safeguarding: boolean;
  /** The deadlines: moved by a pause (the citizen's reply) and set afresh by a reopening (docs/decisions/017). */
  firstResponseDueAt: Date | null;
  answerDueAt: Date | null;
  /** Set while the item waits for the citizen: its deadlines do not run. */
  pausedAt: Date | null;
  /** When the citizen last reopened the item: the sweep escalates it again if no answer comes after. */
  reopenedAt: Date | null;
}

export const MUTABLE_ITEM_FIELDS = [
  'state',
  'ownerProvinceId',
  'version',
  'updatedAt',
  'stateEnteredAt',
  'firstRespondedAt',
  'answeredAt',
  'closedAt',
  'assignedStaffId',
  'escalationLevel',
  'rating',
  'ratingComment',
  'redirectedOrgId',
  'area',
  'kind',
  'duplicateOfItemId',
  'priority',
  'safeguarding',
  'firstResponseDueAt',
  'answerDueAt',
  'pausedAt',
  'reopenedAt',
] as const satisfies readonly (keyof MutableItemFields)[];

/** The item as the effects see it: its mutable fields plus what identifies it. */
export interface EffectsItem extends MutableItemFields {
  id: number;
  trackingCode: string;
  locale: 'fa' | 'en';
}

type Translate = (key: string, values?: Record<string, string>) => string;

/** What the action refers to, looked up by the write module (null/undefined: not found or not given). */
export interface EffectsReferences {
  /** For a redirection: the organisation, if it exists. */
  organization?: (OrganizationContact & { id: number; active: boolean }) | null;
  /** For an assignment: the staff user, if they work the item's queue. */
  assignee?: { id: number; displayName: string } | null;
  /** For marking a duplicate: the original item, and whether this item already has duplicates of its own. */
  original?: { id: number; trackingCode: string; ownerProvinceId: string | null; state: ItemState; duplicateOfItemId: number | null } | null;
  itemHasDuplicates?: boolean;
  /** For an escalation: the level reached (1 first response overdue, 2 answer overdue). */
  escalationLevel?: 1 | 2;
  /** For a change of priority: the deadlines under the new priority (app/domain/calendar.ts, deadlinesAfterPriorityChange). */
  deadlines?: { firstResponseDueAt: Date; answerDueAt: Date };
  /** The item's language's translator, for the notices an action adds to the citizen's message. */
  t: Translate;
  /** The working calendar, for resuming a paused clock (the time left is counted in working days). */
  calendar?: WorkingCalendar;
  /** For a reopening: the item's deadlines counted afresh from now, by its plan. */
  reopenDeadlines?: { firstResponseDueAt: Date | null; answerDueAt: Date | null };
}

export interface Effects {
  fields: MutableItemFields;
  /** The event's texts. The public message is null for internal actions. */
  publicMessage: string | null;
  internalNote: string | null;
  actorType: 'citizen' | 'staff' | 'system';
  /** The citizen's own action (also entered by staff for them): never staff's first response, and not mirrored. */
  citizenSide: boolean;
}

/**
 * The fields after `action` (already allowed by `decide`), or a refusal when what it refers to does not hold: an
 * inactive organisation, an assignee outside the queue, an invalid original, a classification that changes nothing,
 * an escalation already raised to that level.
 */
export function effectsOf(
  item: EffectsItem,
  decision: Extract<Decision, { ok: true }>,
  actor: WorkflowActor,
  input: TransitionInput,
  refs: EffectsReferences,
  now: Date,
): { ok: true; effects: Effects } | { ok: false; reason: RefusalReason } {
  const action = decision.action;
  const fields: MutableItemFields = {
    ...pickMutable(item),
    state: decision.to,
    ownerProvinceId: decision.ownerProvinceId,
    version: item.version + 1,
    updatedAt: now,
  };
  let publicMessage = input.publicMessage?.trim() || null;
  let internalNote = input.internalNote?.trim() || null;

  switch (action) {
    case 'redirect': {
      const org = refs.organization;
      if (!org?.active) return { ok: false, reason: 'organization_required' };
      fields.redirectedOrgId = org.id;
      publicMessage = [publicMessage, organizationNotice(org, item.locale, refs.t)].filter(Boolean).join('\n\n');
      break;
    }
    case 'classify': {
      const changes: string[] = [];
      if (input.area !== undefined && input.area !== item.area) {
        fields.area = input.area;
        changes.push(`area: ${item.area ?? '—'} → ${input.area ?? '—'}`);
      }
      if (input.kind !== undefined && input.kind !== item.kind) {
        fields.kind = input.kind;
        changes.push(`kind: ${item.kind} → ${input.kind}`);
      }
      if (changes.length === 0) return { ok: false, reason: 'classification_unchanged' };
      internalNote = [changes.join('; '), internalNote].filter(Boolean).join('\n');
      break;
    }
    case 'set_priority': {
      // A change of priority moves the deadlines with it (raised: hours from now; lowered: the normal plan again).
      if (!input.priority || input.priority === item.priority || !refs.deadlines) return { ok: false, reason: 'priority_unchanged' };
      fields.priority = input.priority;
      fields.firstResponseDueAt = refs.deadlines.firstResponseDueAt;
      fields.answerDueAt = refs.deadlines.answerDueAt;
      internalNote = [`priority: ${item.priority} → ${input.priority}`, internalNote].filter(Boolean).join('\n');
      break;
    }
    case 'assign': {
      // Someone who works this item's queue (so a preview refuses another province's staff as the action does).
      const assignee = input.assigneeStaffId == null ? null : refs.assignee;
      if (input.assigneeStaffId != null && !assignee) return { ok: false, reason: 'assignee_required' };
      fields.assignedStaffId = assignee?.id ?? null;
      internalNote ??= assignee ? `→ ${assignee.displayName}` : '→ —';
      break;
    }
    case 'mark_duplicate': {
      const original = refs.original;
      // Another open item of the same queue, not itself a duplicate, and this item has no duplicates of its own.
      const valid =
        original &&
        original.id !== item.id &&
        original.ownerProvinceId === item.ownerProvinceId &&
        isOpen(original.state) &&
        original.duplicateOfItemId === null &&
        !refs.itemHasDuplicates;
      if (!valid) return { ok: false, reason: 'original_required' };
      fields.duplicateOfItemId = original.id;
      publicMessage ??= refs.t('duplicates.notice');
      // The original by its staff page number, not its tracking code: the note stays on this item's timeline if the
      // item later moves to a province that cannot reach the original, and a code opens an anonymous item on /track.
      internalNote = [`→ #${original.id}`, internalNote].filter(Boolean).join('\n');
      break;
    }
    case 'set_safeguarding':
      // The reason (required) stays in the audit trail, after the change it explains.
      fields.safeguarding = input.safeguarding === true;
      internalNote = [`safeguarding: ${item.safeguarding ? 'on' : 'off'} → ${fields.safeguarding ? 'on' : 'off'}`, internalNote].filter(Boolean).join('\n');
      break;
    case 'transfer':
      // A transfer hands the item to another queue: the old province's assignment no longer applies.
      fields.assignedStaffId = null;
      break;
    case 'confirm':
      if (input.rating) {
        fields.rating = input.rating;
        fields.ratingComment = input.publicMessage?.trim() || null;
      }
      break;
    case 'rate':
      // Once, 1–5: a second rating (or none) is refused, so a replayed or repeated digit changes nothing.
      if (item.rating !== null || !input.rating || !Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) return { ok: false, reason: 'not_allowed_in_state' };
      fields.rating = input.rating;
      break;
    case 'citizen_reopen':
      // Open again with new deadlines from now, its escalations to be raised again; the first answer stays the one
      // the figures counted (the triggers count an answer once), and the history stays as it was.
      fields.firstResponseDueAt = refs.reopenDeadlines?.firstResponseDueAt ?? null;
      fields.answerDueAt = refs.reopenDeadlines?.answerDueAt ?? null;
      fields.escalationLevel = 0;
      fields.closedAt = null;
      fields.reopenedAt = now;
      break;
    case 'escalate': {
      // Raised once per level: a second sweep (or the worker next to the server) finds it done.
      const level = refs.escalationLevel;
      if (!level || item.escalationLevel >= level) return { ok: false, reason: 'not_allowed_in_state' };
      fields.escalationLevel = level;
      internalNote = level === 1 ? 'first_response_overdue' : 'answer_overdue';
      break;
    }
  }

  const citizenSide = actor.role === 'citizen' || isCitizenAction(action);
  const clock = clockStamps(item, decision, citizenSide, actor.role === 'system', now);
  Object.assign(fields, clock);
  Object.assign(fields, pausedClock(item, fields.state, now, { calendar: refs.calendar, priority: item.priority }));
  return {
    ok: true,
    effects: {
      fields,
      publicMessage: decision.isPublic ? publicMessage : null,
      internalNote,
      actorType: citizenSide ? 'citizen' : actor.role === 'system' ? 'system' : 'staff',
      citizenSide,
    },
  };
}

/**
 * The clocks of docs/DESIGN.md §3 (and the figures counted from them): staff's first public word stops the first-response
 * clock; entering a state restarts the auto-close clock; an answer and an ending are stamped once each.
 */
function clockStamps(
  item: Pick<MutableItemFields, 'state' | 'firstRespondedAt'>,
  decision: { isPublic: boolean; to: ItemState },
  citizenSide: boolean,
  bySystem: boolean,
  now: Date,
): Partial<MutableItemFields> {
  const stamps: Partial<MutableItemFields> = {};
  if (decision.isPublic && !citizenSide && !bySystem && !item.firstRespondedAt) stamps.firstRespondedAt = now;
  if (decision.to !== item.state) stamps.stateEnteredAt = now;
  if (decision.to === 'answered') stamps.answeredAt = now;
  if (TERMINAL_STATES.includes(decision.to)) stamps.closedAt = now;
  return stamps;
}

/**
 * The paused clock (docs/decisions/017): entering `awaiting_citizen` stops the deadlines; leaving it for staff again
 * (the citizen's reply) moves each deadline not yet met by the time that was left at the pause. Leaving it by
 * closing (no answer came) only clears the pause.
 */
export function pausedClock(
  before: Pick<MutableItemFields, 'state' | 'pausedAt' | 'firstResponseDueAt' | 'answerDueAt' | 'firstRespondedAt' | 'answeredAt'>,
  toState: ItemState,
  now: Date,
  clock: { calendar?: WorkingCalendar; priority: ItemPriority },
): Partial<MutableItemFields> {
  if (toState === 'awaiting_citizen') return before.state === 'awaiting_citizen' && before.pausedAt ? {} : { pausedAt: now };
  if (!before.pausedAt) return {};
  if (!isOpen(toState)) return { pausedAt: null };
  // Without a calendar (never in the app: the write module always hands it in) the time left is kept in wall time.
  const calendar = clock.calendar ?? { weekend: [], holidays: [] };
  const priority = clock.calendar ? clock.priority : 'urgent';
  return {
    pausedAt: null,
    firstResponseDueAt: before.firstRespondedAt ? before.firstResponseDueAt : resumedDeadline(before.firstResponseDueAt, before.pausedAt, now, calendar, priority),
    answerDueAt: before.answeredAt ? before.answerDueAt : resumedDeadline(before.answerDueAt, before.pausedAt, now, calendar, priority),
  };
}

/**
 * A duplicate follows its original's public events (issue "every channel": duplicates): staff's replies and state
 * changes are copied (same state and owner); the original's citizen's own actions are not, except that when the
 * original ends, the duplicate closes with it. Null: nothing happens to this duplicate.
 */
export function mirrorEffectsOf(
  duplicate: MutableItemFields,
  original: Pick<MutableItemFields, 'state' | 'ownerProvinceId'>,
  citizenSide: boolean,
  now: Date,
  clock: { calendar?: WorkingCalendar; priority: ItemPriority } = { priority: 'normal' },
): MutableItemFields | null {
  if (!duplicatesFollow(original.state, citizenSide)) return null;
  const state: ItemState = citizenSide ? 'closed' : original.state;
  const fields: MutableItemFields = { ...pickMutable(duplicate), state, ownerProvinceId: original.ownerProvinceId, version: duplicate.version + 1, updatedAt: now };
  if (state !== duplicate.state) fields.stateEnteredAt = now;
  if (state === 'answered') fields.answeredAt = now;
  if (!isOpen(state)) fields.closedAt = now;
  if (!citizenSide && !duplicate.firstRespondedAt) fields.firstRespondedAt = now;
  Object.assign(fields, pausedClock(duplicate, state, now, clock));
  return fields;
}

/** Whether an original's event reaches its duplicates at all: not the original's citizen's own action while it is open. */
export function duplicatesFollow(originalState: ItemState, citizenSide: boolean): boolean {
  return !citizenSide || !isOpen(originalState);
}

function pickMutable(item: MutableItemFields): MutableItemFields {
  const fields = {} as Record<keyof MutableItemFields, unknown>;
  for (const key of MUTABLE_ITEM_FIELDS) fields[key] = item[key];
  return fields as unknown as MutableItemFields;
}

// ---- Refusals as messages -----------------------------------------------------------------------------------------

/** Every way an action can be refused: the workflow's reasons, plus an item out of reach or changed meanwhile. */
export type ActionRefusal = RefusalReason | 'not_found' | 'stale';

/** The form field a staff refusal is shown on, and its i18n key. */
export function staffRefusalMessage(reason: ActionRefusal): { field: string; message: string } {
  switch (reason) {
    case 'public_message_required':
      return { field: 'publicMessage', message: 'errors.message_required' };
    case 'internal_note_required':
      return { field: 'internalNote', message: 'errors.message_required' };
    // A province that does not exist (an empty choice is refused by the form's schema, with its own words).
    case 'target_required':
      return { field: 'targetOwner', message: 'errors.invalid_choice' };
    // Said plainly, under the destination box (issue 24: "invalid choice" told the officer nothing).
    case 'same_owner':
      return { field: 'targetOwner', message: 'itemPage.transferSameOwner' };
    case 'assignee_required':
      return { field: 'assignee', message: 'errors.invalid_choice' };
    case 'organization_required':
      return { field: 'organization', message: 'redirect.orgRequired' };
    case 'classification_unchanged':
      return { field: 'area', message: 'classify.unchanged' };
    case 'original_required':
      return { field: 'original', message: 'duplicates.originalInvalid' };
    case 'priority_unchanged':
      return { field: 'priority', message: 'urgent.unchanged' };
    case 'safeguarding_unchanged':
      return { field: 'safeguarding', message: 'safeguarding.unchanged' };
    case 'stale':
      return { field: 'form', message: 'errors.stale' };
    default:
      return { field: 'form', message: 'errors.not_allowed' };
  }
}

/** The message a citizen (or the agent acting for a caller) sees when their action was refused. */
export function citizenRefusalMessage(reason: ActionRefusal): string {
  if (reason === 'reopen_window_over') return 'fairClock.reopenWindowOver';
  return reason === 'appeal_window_over' ? 'errors.appeal_window_over' : reason === 'stale' ? 'errors.stale' : 'errors.not_allowed';
}

export type { WorkflowAction };
