/**
 * The workflow's one write door (docs/decisions/013-one-door-for-the-workflow.md). Every channel submits and acts on
 * items here: the web form and the Open311 API (submission.server.ts), staff entry (staff-entry.server.ts), staff
 * actions (/staff/items/:id), citizens' actions (/track/:code), the call centre (/staff/calls), SMS
 * (sms-inbound.server.ts), the sweeps, the demo seed and resends (/staff/outbox).
 *
 * Behind it, one transaction writes the item, its event and its outbox rows (app/models/item-writes.server.ts,
 * applying app/domain/workflow-effects.ts); the actor's reach is checked there too, inside the transaction. In front
 * of it, callers get a refusal's message key from `refusalMessage`. After the commit the door asks for delivery once,
 * so no caller has to remember to.
 */
import type { AppDatabase } from '../../db/client';
import type { FeedbackSubmission } from '../domain/feedback-schema';
import { citizenRefusalMessage, staffRefusalMessage, type ActionRefusal } from '../domain/workflow-effects';
import { isCitizenAction, type WorkflowAction, type WorkflowActor } from '../domain/workflow';
import type { ItemRow } from '../models/items.server';
import {
  previewTransition as previewWrite,
  writeCommunicationNeeds,
  writeSubmission,
  writeTransition,
  type SubmitOptions,
  type TransitionResult,
} from '../models/item-writes.server';
import { resendMessages as resendRows } from '../models/outbox.server';
import { getWorkflowSettings } from '../models/settings.server';
import { closeableItems, eraseExpiredContacts, overdueItems } from '../models/sweeps.server';
import { outboxLogPath, redactOutboxLog } from './notify.server';
import { kickDelivery } from './delivery.server';

export { UnknownPlaceError, type SubmitOptions, type TransitionOptions, type TransitionResult } from '../models/item-writes.server';
export type { ActionRefusal };

const SYSTEM = { role: 'system' as const };

/** A new item from any channel: item, events `submitted` and `routed`, the feedback message; then delivery. */
export function submitItem(db: AppDatabase, form: FeedbackSubmission, options: SubmitOptions): ItemRow {
  const item = writeSubmission(db, form, options);
  kickDelivery();
  return item;
}

/**
 * One workflow action by anyone (staff, the citizen, an agent for a caller, the system). Refusals come back as
 * reasons (`refusalMessage` words them); nothing is written then.
 */
export function transition(...args: Parameters<typeof writeTransition>): TransitionResult {
  const result = writeTransition(...args);
  if (result.ok) kickDelivery();
  return result;
}

/** Staff change an item's communication needs (call-back, SMS, contact person, on behalf): audited, version-checked. */
export const updateCommunicationNeeds = writeCommunicationNeeds;

/** What the submitter would receive if `action` were taken now, after the same checks; nothing is written. */
export const previewTransition = previewWrite;

/**
 * The message key for a refused action, and the form field it belongs to: the citizen's wording for their own
 * actions (also when an agent enters them for a caller), staff's otherwise.
 */
export function refusalMessage(action: WorkflowAction, actor: WorkflowActor, reason: ActionRefusal): { field: string; message: string } {
  if (actor.role === 'citizen' || isCitizenAction(action)) return { field: 'form', message: citizenRefusalMessage(reason) };
  return staffRefusalMessage(reason);
}

/**
 * Any other write that queues messages (an SMS ledger row with the item or the status text it caused): runs `work`,
 * then asks for delivery once when `queued` says it wrote a message.
 */
export function withDelivery<T>(work: () => T, queued: (result: T) => boolean): T {
  const result = work();
  if (queued(result)) kickDelivery();
  return result;
}

/** Dead messages back in the queue for another round (staff, /staff/outbox); returns how many. */
export function resendMessages(db: AppDatabase, ids: number[], now: Date = new Date()): number {
  const count = resendRows(db, ids, now);
  if (count > 0) kickDelivery();
  return count;
}

export interface SweepResult {
  autoClosed: number;
  escalated: number;
  contactsErased: number;
}

/**
 * The periodic sweeps (docs/DESIGN.md §3, §7): auto-close what the citizen left silent, escalate what is overdue (an internal
 * event and an email to the managers), and erase contact data past retention. Each change is a version-checked
 * transition through this door; delivery is asked for once, after all of them.
 */
export function runSweeps(db: AppDatabase, now: Date = new Date()): SweepResult {
  const settings = getWorkflowSettings(db);
  let autoClosed = 0;
  for (const item of closeableItems(db, settings, now)) {
    if (writeTransition(db, item.id, 'auto_close', SYSTEM, { expectedVersion: item.version }, now).ok) autoClosed++;
  }
  let escalated = 0;
  for (const item of overdueItems(db, now)) {
    if (writeTransition(db, item.id, 'escalate', SYSTEM, { expectedVersion: item.version, escalationLevel: item.level }, now).ok) escalated++;
  }
  const { erased, loggedKeys } = eraseExpiredContacts(db, settings.contactRetentionDays, now);
  // After the commit: the log line is only redacted once the database no longer holds the address either.
  redactOutboxLog(outboxLogPath(), loggedKeys);
  if (autoClosed + escalated > 0) kickDelivery();
  return { autoClosed, escalated, contactsErased: erased };
}
