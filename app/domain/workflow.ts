/**
 * The item workflow of docs/DESIGN.md §3 as data: states, actions, who may fire each action from which state, and the
 * guards. Pure: the data module (app/models/items.server.ts) applies a decision, with its event and outbox rows,
 * in one transaction.
 */

import type { Area } from './areas';
import { reopenWindowOpen } from './deadlines';

export const ITEM_STATES = [
  'submitted',
  'routed',
  'in_review',
  'awaiting_citizen',
  'answered',
  'appealed',
  'closed',
  'redirected',
  'rejected',
] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const TERMINAL_STATES: readonly ItemState[] = ['closed', 'redirected', 'rejected'];

/**
 * The endings that are staff's reasoned reply (a redirection or a rejection): the figures count them as answers when
 * no answer came before (trigger `stat_items_resolved`, migration 0006; kept equal by a test).
 */
export const ENDED_BY_STAFF: readonly ItemState[] = TERMINAL_STATES.filter((state) => state !== 'closed');

export const STAFF_ROLES = [
  'call_center_agent',
  'province_officer',
  'province_manager',
  'national_supervisor',
  'admin',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type ActorRole = StaffRole | 'citizen' | 'system';

export const ITEM_KINDS = ['criticism', 'suggestion', 'complaint', 'appreciation'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** `urgent`: a person is at risk (docs/DESIGN.md, issue 23). */
export const ITEM_PRIORITIES = ['normal', 'urgent'] as const;
export type ItemPriority = (typeof ITEM_PRIORITIES)[number];

export const CHANNELS = ['web', 'phone', 'counter', 'sms', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export type WorkflowAction =
  | 'submit'
  | 'route'
  | 'accept'
  | 'reply'
  | 'ask_citizen'
  | 'citizen_reply'
  | 'answer'
  | 'transfer'
  | 'redirect'
  | 'reject'
  | 'note'
  | 'confirm'
  | 'citizen_note'
  | 'rate'
  | 'appeal'
  | 'reopen'
  | 'final_answer'
  | 'citizen_reopen'
  | 'auto_close'
  | 'escalate'
  | 'assign'
  | 'set_safeguarding'
  | 'classify'
  | 'set_priority'
  | 'mark_duplicate'
  | 'close_with_original';

/** What the actor must supply with the action. */
type Requirement = 'publicMessage' | 'internalNote' | 'targetOwner' | 'assignee' | 'organization' | 'classification' | 'original' | 'priority' | 'safeguarding';

interface TransitionRule {
  from: readonly ItemState[] | 'any_open';
  /** `same` keeps the state (a reply, a note, a transfer back to `routed` handled below). */
  to: ItemState | 'same';
  roles: readonly ActorRole[];
  requires: readonly Requirement[];
  /** A public event is shown on the tracking page and queues feedback to the submitter. */
  isPublic: boolean;
  /** Staff actions are limited to items their province owns; national roles reach every item. */
  provinceScoped: boolean;
}

const PROVINCE_STAFF = ['province_officer', 'province_manager'] as const;
const HANDLERS: readonly ActorRole[] = [...PROVINCE_STAFF, 'national_supervisor'];
const CITIZEN_SIDE: readonly ActorRole[] = ['citizen', 'call_center_agent'];

export const TRANSITIONS: Record<WorkflowAction, TransitionRule> = {
  submit: { from: [], to: 'submitted', roles: ['citizen', 'call_center_agent', ...PROVINCE_STAFF, 'system'], requires: [], isPublic: true, provinceScoped: false },
  route: { from: ['submitted'], to: 'routed', roles: ['system'], requires: [], isPublic: true, provinceScoped: false },
  accept: { from: ['routed'], to: 'in_review', roles: HANDLERS, requires: [], isPublic: true, provinceScoped: true },
  reply: { from: ['in_review'], to: 'same', roles: HANDLERS, requires: ['publicMessage'], isPublic: true, provinceScoped: true },
  ask_citizen: { from: ['in_review'], to: 'awaiting_citizen', roles: HANDLERS, requires: ['publicMessage'], isPublic: true, provinceScoped: true },
  citizen_reply: { from: ['awaiting_citizen'], to: 'in_review', roles: CITIZEN_SIDE, requires: ['publicMessage'], isPublic: true, provinceScoped: false },
  answer: { from: ['in_review'], to: 'answered', roles: HANDLERS, requires: ['publicMessage'], isPublic: true, provinceScoped: true },
  transfer: { from: ['routed', 'in_review'], to: 'routed', roles: HANDLERS, requires: ['targetOwner', 'internalNote'], isPublic: true, provinceScoped: true },
  // The citizen's answer names the responsible organisation and how to reach it (docs/DESIGN.md §3).
  redirect: { from: ['routed', 'in_review'], to: 'redirected', roles: HANDLERS, requires: ['publicMessage', 'organization'], isPublic: true, provinceScoped: true },
  reject: { from: ['routed', 'in_review'], to: 'rejected', roles: HANDLERS, requires: ['publicMessage'], isPublic: true, provinceScoped: true },
  note: { from: 'any_open', to: 'same', roles: HANDLERS, requires: ['internalNote'], isPublic: false, provinceScoped: true },
  confirm: { from: ['answered'], to: 'closed', roles: CITIZEN_SIDE, requires: [], isPublic: true, provinceScoped: false },
  // The citizen's follow-up on an open item (an SMS from the item's number, issue 22): the handler sees it as the
  // citizen's message; the state and its clocks stay. Not while awaiting the citizen: that text is `citizen_reply`.
  citizen_note: { from: ['routed', 'in_review', 'answered', 'appealed'], to: 'same', roles: CITIZEN_SIDE, requires: ['publicMessage'], isPublic: true, provinceScoped: false },
  // A rating given after the item closed without one (the satisfaction SMS after an auto-close): recorded, state kept.
  rate: { from: ['closed'], to: 'same', roles: CITIZEN_SIDE, requires: [], isPublic: true, provinceScoped: false },
  appeal: { from: ['answered'], to: 'appealed', roles: CITIZEN_SIDE, requires: ['publicMessage'], isPublic: true, provinceScoped: false },
  reopen: { from: ['appealed'], to: 'in_review', roles: ['national_supervisor'], requires: [], isPublic: true, provinceScoped: false },
  final_answer: { from: ['appealed'], to: 'closed', roles: ['national_supervisor'], requires: ['publicMessage'], isPublic: true, provinceScoped: false },
  // The citizen says a closed item's problem was not solved, with a reason, within the reopen window (issue 23): back to
  // the province that answered it (the national queue if it was appealed), in review (docs/decisions/017).
  citizen_reopen: { from: ['closed'], to: 'in_review', roles: CITIZEN_SIDE, requires: ['publicMessage'], isPublic: true, provinceScoped: false },
  auto_close: { from: ['answered', 'awaiting_citizen'], to: 'closed', roles: ['system'], requires: [], isPublic: true, provinceScoped: false },
  // An overdue item is flagged and its managers told; the citizen's record does not change.
  escalate: { from: ['routed', 'in_review', 'appealed'], to: 'same', roles: ['system'], requires: [], isPublic: false, provinceScoped: false },
  // A manager hands an item to one of the province's staff (or takes it back: assignee null); internal only.
  assign: { from: 'any_open', to: 'same', roles: ['province_manager', 'national_supervisor'], requires: ['assignee'], isPublic: false, provinceScoped: true },
  // Safeguarding (issue 23): the citizen's text suggests abuse or self-harm. Any handler may mark it (with a reason),
  // only a manager or a national supervisor may unmark it (`mayUnmarkSafeguarding`); internal, never told the citizen.
  set_safeguarding: { from: 'any_open', to: 'same', roles: HANDLERS, requires: ['safeguarding', 'internalNote'], isPublic: false, provinceScoped: true },
  // Setting or correcting the area or the kind (triage): internal, but an event like every change.
  classify: { from: 'any_open', to: 'same', roles: HANDLERS, requires: ['classification'], isPublic: false, provinceScoped: true },
  // Raising an item to urgent (a person is at risk) or lowering it, with a reason (the internal note): the audit trail.
  set_priority: { from: 'any_open', to: 'same', roles: HANDLERS, requires: ['priority', 'internalNote'], isPublic: false, provinceScoped: true },
  // The item repeats another open item of the province: from now on the original's replies reach this submitter too.
  mark_duplicate: { from: ['routed', 'in_review', 'awaiting_citizen'], to: 'same', roles: HANDLERS, requires: ['original'], isPublic: true, provinceScoped: true },
  // A duplicate closes when its original closes (written by the workflow itself, never offered to anyone).
  close_with_original: { from: 'any_open', to: 'closed', roles: ['system'], requires: [], isPublic: true, provinceScoped: false },
};

/** What the citizen does on their own item (also when a call-centre agent enters it for a caller). */
export const isCitizenAction = (action: WorkflowAction): boolean => action !== 'submit' && TRANSITIONS[action].roles.includes('citizen');

/** Actions that never reach the citizen: internal notes and escalations. */
export const INTERNAL_ACTIONS = (Object.keys(TRANSITIONS) as WorkflowAction[]).filter((action) => !TRANSITIONS[action].isPublic);

export interface WorkflowActor {
  role: ActorRole;
  /** The staff user's province; null for national roles and citizens. */
  provinceId?: string | null;
}

export interface WorkflowItemView {
  state: ItemState;
  /** Null: the national queue. */
  ownerProvinceId: string | null;
  answeredAt?: Date | null;
  /** Marked safeguarding (issue 23): seen only by the province's managers and national supervisors. Absent: false. */
  safeguarding?: boolean;
  /** For a reopening: when the item was closed, and whether it was ever appealed (it then returns to the national queue). */
  closedAt?: Date | null;
  appealedBefore?: boolean;
}

export interface TransitionInput {
  publicMessage?: string | null;
  internalNote?: string | null;
  /** For a transfer: a province id, or null for the national queue. */
  targetOwnerProvinceId?: string | null;
  /** For a confirmation: the citizen's rating, 1–5. */
  rating?: number | null;
  /** For an assignment: the staff user's id, or null to unassign. */
  assigneeStaffId?: number | null;
  /** A citizen's action entered for them by staff (a call-centre agent on the phone, or at a centre's counter). */
  via?: 'phone' | 'counter' | null;
  /** For a redirection: the organisation the citizen is sent to. */
  organizationId?: number | null;
  /** For a classification: the new area (null: unknown) and kind; undefined leaves each as it is. */
  area?: Area | null;
  kind?: ItemKind;
  /** For marking a duplicate: the original item's id. */
  originalItemId?: number | null;
  /** For a change of priority: the new one. */
  priority?: ItemPriority;
  /** For `set_safeguarding`: the new mark (true: safeguarding). */
  safeguarding?: boolean;
}

/** The part of the settings (app/domain/settings.ts) that decisions depend on. */
export interface WorkflowSettings {
  /** The citizen may appeal an answer for this many days. */
  appealWindowDays: number;
  /** The citizen may reopen a closed item for this many days (issue 23). */
  reopenWindowDays?: number;
}

const DEFAULT_WORKFLOW_SETTINGS: WorkflowSettings = { appealWindowDays: 7, reopenWindowDays: 30 };

export type RefusalReason =
  | 'not_allowed_in_state'
  | 'role_not_allowed'
  | 'other_province'
  | 'public_message_required'
  | 'internal_note_required'
  | 'target_required'
  | 'same_owner'
  | 'appeal_window_over'
  | 'reopen_window_over'
  | 'assignee_required'
  | 'organization_required'
  | 'classification_unchanged'
  | 'original_required'
  | 'priority_unchanged'
  | 'safeguarding_unchanged';

export type Decision =
  | { ok: true; action: WorkflowAction; from: ItemState; to: ItemState; isPublic: boolean; ownerProvinceId: string | null }
  | { ok: false; reason: RefusalReason };

export function isOpen(state: ItemState): boolean {
  return !TERMINAL_STATES.includes(state);
}

/**
 * Who sees safeguarding items (issue 23: abuse or self-harm): the province's managers and national supervisors only.
 * A province officer, an admin and a call-centre agent never do; the SQL twin is `scopeFor` (app/models/items.server.ts).
 */
export function seesSafeguarding(role: ActorRole): boolean {
  return role === 'province_manager' || role === 'national_supervisor';
}

/** The province roles told of an item (urgent alerts, reopenings): those who may see it. */
export function provinceRolesToTell(safeguarding: boolean): ('province_manager' | 'province_officer')[] {
  return PROVINCE_STAFF.filter((role) => !safeguarding || seesSafeguarding(role));
}

/** Who may lift the safeguarding mark (marking is open to every handler of the item). */
export function mayUnmarkSafeguarding(role: ActorRole): boolean {
  return seesSafeguarding(role);
}

/**
 * Whether `actor` may see and act on an item owned by `ownerProvinceId` at all; a safeguarding item also needs
 * `seesSafeguarding`. The one rule for every staff read (its SQL twin: `scopeFor`).
 */
export function canReachItem(actor: WorkflowActor, ownerProvinceId: string | null, safeguarding: boolean): boolean {
  if (safeguarding && !seesSafeguarding(actor.role)) return false;
  if (actor.role === 'national_supervisor') return true;
  if (actor.role === 'province_officer' || actor.role === 'province_manager') {
    return actor.provinceId != null && actor.provinceId === ownerProvinceId;
  }
  return false;
}

/** Decide whether `action` may happen now; on success, the resulting state and owner. */
export function decide(
  item: WorkflowItemView,
  action: WorkflowAction,
  actor: WorkflowActor,
  input: TransitionInput = {},
  now: Date = new Date(),
  settings: WorkflowSettings = DEFAULT_WORKFLOW_SETTINGS,
): Decision {
  const rule = TRANSITIONS[action];
  const fromOk = rule.from === 'any_open' ? isOpen(item.state) : rule.from.includes(item.state);
  if (!fromOk) return { ok: false, reason: 'not_allowed_in_state' };
  if (!rule.roles.includes(actor.role)) return { ok: false, reason: 'role_not_allowed' };
  if (rule.provinceScoped && !canReachItem(actor, item.ownerProvinceId, item.safeguarding ?? false)) return { ok: false, reason: 'other_province' };

  if (rule.requires.includes('publicMessage') && !input.publicMessage?.trim()) {
    return { ok: false, reason: 'public_message_required' };
  }
  if (rule.requires.includes('internalNote') && !input.internalNote?.trim()) {
    return { ok: false, reason: 'internal_note_required' };
  }

  if (rule.requires.includes('assignee') && input.assigneeStaffId === undefined) return { ok: false, reason: 'assignee_required' };
  if (rule.requires.includes('organization') && !input.organizationId) return { ok: false, reason: 'organization_required' };
  if (rule.requires.includes('classification') && input.area === undefined && input.kind === undefined) return { ok: false, reason: 'classification_unchanged' };
  if (rule.requires.includes('original') && !input.originalItemId) return { ok: false, reason: 'original_required' };
  if (rule.requires.includes('priority') && !input.priority) return { ok: false, reason: 'priority_unchanged' };
  if (rule.requires.includes('safeguarding')) {
    if (input.safeguarding === undefined || input.safeguarding === (item.safeguarding ?? false)) return { ok: false, reason: 'safeguarding_unchanged' };
    if (!input.safeguarding && !mayUnmarkSafeguarding(actor.role)) return { ok: false, reason: 'role_not_allowed' };
  }

  let ownerProvinceId = item.ownerProvinceId;
  if (rule.requires.includes('targetOwner')) {
    if (input.targetOwnerProvinceId === undefined) return { ok: false, reason: 'target_required' };
    if (input.targetOwnerProvinceId === item.ownerProvinceId) return { ok: false, reason: 'same_owner' };
    ownerProvinceId = input.targetOwnerProvinceId;
  }

  if (action === 'appeal') {
    const answeredAt = item.answeredAt?.getTime();
    const windowMs = settings.appealWindowDays * 24 * 60 * 60 * 1000;
    if (answeredAt === undefined || now.getTime() - answeredAt > windowMs) return { ok: false, reason: 'appeal_window_over' };
  }

  if (action === 'citizen_reopen') {
    if (!reopenWindowOpen(item.closedAt, now, settings.reopenWindowDays ?? 30)) return { ok: false, reason: 'reopen_window_over' };
    // Back to whoever answered last: the province, or the national supervisors when an appeal reached them.
    if (item.appealedBefore) ownerProvinceId = null;
  }

  const to = rule.to === 'same' ? item.state : rule.to;
  return { ok: true, action, from: item.state, to, isPublic: rule.isPublic, ownerProvinceId };
}

/** The actions `actor` may take on `item` now (for showing buttons; the server decides again on submit). */
export function availableActions(
  item: WorkflowItemView,
  actor: WorkflowActor,
  now: Date = new Date(),
  settings: WorkflowSettings = DEFAULT_WORKFLOW_SETTINGS,
): WorkflowAction[] {
  return (Object.keys(TRANSITIONS) as WorkflowAction[]).filter((action) => {
    if (action === 'submit') return false;
    const decision = decide(
      item,
      action,
      actor,
      // Every requirement met by a placeholder: what is asked here is whether the action is open at all.
      { publicMessage: 'x', internalNote: 'x', targetOwnerProvinceId: '\u0000probe', assigneeStaffId: null, organizationId: -1, kind: 'complaint', originalItemId: -1, priority: 'urgent', safeguarding: !item.safeguarding },
      now,
      settings,
    );
    return decision.ok;
  });
}

/**
 * Routing (docs/DESIGN.md §3): the province of the chosen centre; without a centre, the province the citizen chose; a
 * national topic (neither) goes to the national queue (null).
 */
export function routeItem(centerProvinceId: string | null | undefined, chosenProvinceId: string | null | undefined): string | null {
  return centerProvinceId ?? chosenProvinceId ?? null;
}
