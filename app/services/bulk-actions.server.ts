/**
 * Bulk actions on inbox rows (app/domain/bulk-actions.ts): each selected item is one workflow action through the
 * door (`transition`, `previewTransition`), with the version the officer saw, so every rule — scope, state, role,
 * the item changed meanwhile — is checked per item exactly as on the item page. An item the user may not see is
 * refused as unknown, with nothing of it shown (only the id the form sent).
 */
import type { AppDatabase } from '../../db/client';
import { bulkRefusalMessage, WORKFLOW_ACTION_OF, type BulkRequest } from '../domain/bulk-actions';
import { canReachItem, type WorkflowActor } from '../domain/workflow';
import type { ActionRefusal } from '../domain/workflow-effects';
import { translator } from '../i18n/translate';
import { findCenter } from '../models/catalog.server';
import { findByTrackingCode, findForStaff, itemLocale, type ItemRow } from '../models/items.server';
import { asFault } from './faults.server';
import { previewTransition, transition, type TransitionOptions } from './workflow.server';

type Actor = WorkflowActor & { staffId: number };

export interface BulkItemResult {
  id: number;
  /** Only for an item the user may see. */
  trackingCode: string | null;
}

/**
 * Enough of an item to recognise it on the confirmation step (outside review, round 8: a genuine complaint was
 * closed as spam by a wrong tick, the page showing only codes). Staff may read the text, so its first words are shown.
 */
export interface BulkItemAbout {
  kind: ItemRow['kind'];
  center: { fa: string; en: string } | null;
  /** The subject, or else the first words of the text. */
  excerpt: string;
  receivedAt: string;
}

const EXCERPT_WORDS = 12;

function aboutItem(db: AppDatabase, item: ItemRow): BulkItemAbout {
  const center = item.centerId ? findCenter(db, item.centerId) : undefined;
  const words = item.body.trim().split(/\s+/);
  const excerpt = item.subject.trim() || (words.length > EXCERPT_WORDS ? `${words.slice(0, EXCERPT_WORDS).join(' ')}…` : words.join(' '));
  return { kind: item.kind, center: center ? { fa: center.nameFa, en: center.nameEn } : null, excerpt, receivedAt: item.createdAt.toISOString() };
}

export interface BulkRefused extends BulkItemResult {
  /** A message key (bulk.reason_*). */
  reason: string;
}

export interface BulkSummary {
  done: BulkItemResult[];
  refused: BulkRefused[];
}

export interface BulkPreview {
  /** The items each text goes to (one entry per distinct text; `text` null: nobody can be reached). */
  messages: { text: string | null; items: (BulkItemResult & { about: BulkItemAbout })[] }[];
  refused: BulkRefused[];
}

/** The workflow input for one item: the shared choices, the item's own version, and a spam notice in its language. */
function inputFor(request: BulkRequest, item: ItemRow, originalItemId: number | undefined, version: number): TransitionOptions {
  const base = { expectedVersion: version };
  switch (request.action) {
    case 'assign':
      return { ...base, assigneeStaffId: request.assigneeStaffId };
    case 'transfer':
      return { ...base, targetOwnerProvinceId: request.targetOwnerProvinceId, internalNote: request.internalNote };
    case 'mark_duplicate':
      return { ...base, originalItemId };
    case 'spam':
      // The citizen reads why in the language they wrote in; the officer's note, if any, stays internal.
      return { ...base, publicMessage: translator(itemLocale(item))('bulk.spamMessage'), internalNote: request.internalNote };
  }
}

/** The original named by its code, if the user may see it (else -1: the workflow refuses it as no valid original). */
function originalId(db: AppDatabase, actor: Actor, request: BulkRequest): number | undefined {
  if (request.action !== 'mark_duplicate') return undefined;
  const original = request.originalCode ? findByTrackingCode(db, request.originalCode) : undefined;
  return original && canReachItem(actor, original.ownerProvinceId, original.safeguarding) ? original.id : -1;
}

function each(db: AppDatabase, actor: Actor, request: BulkRequest, visit: (item: ItemRow, input: TransitionOptions) => ActionRefusal | 'busy' | null) {
  const original = originalId(db, actor, request);
  const refused: BulkRefused[] = [];
  const passed: BulkItemResult[] = [];
  for (const chosen of request.items) {
    const item = findForStaff(db, actor, chosen.id);
    if (!item) {
      refused.push({ id: chosen.id, trackingCode: null, reason: bulkRefusalMessage('not_found') });
      continue;
    }
    const reason = visit(item, inputFor(request, item, original, chosen.version));
    const shown = { id: item.id, trackingCode: item.trackingCode };
    if (reason === null) passed.push(shown);
    else refused.push({ ...shown, reason: reason === 'busy' ? 'errors.service_busy' : bulkRefusalMessage(reason) });
  }
  return { passed, refused };
}

/** What each citizen would receive, after the same checks; nothing is written. */
export function previewBulk(db: AppDatabase, actor: Actor, request: BulkRequest, now: Date = new Date()): BulkPreview {
  const texts = new Map<string | null, BulkPreview['messages'][number]['items']>();
  const { refused } = each(db, actor, request, (item, input) => {
    const preview = previewTransition(db, item.id, WORKFLOW_ACTION_OF[request.action], actor, input, now);
    if (!preview.ok) return preview.reason;
    texts.set(preview.text, [...(texts.get(preview.text) ?? []), { id: item.id, trackingCode: item.trackingCode, about: aboutItem(db, item) }]);
    return null;
  });
  return { messages: [...texts].map(([text, items]) => ({ text, items })), refused };
}

/** Applies the action to each selected item on its own: one refusal never stops the others (a fault does). */
export function applyBulk(db: AppDatabase, actor: Actor, request: BulkRequest, now: Date = new Date()): BulkSummary {
  // After one fault (the write lock held elsewhere, a full disk) the rest are said busy without trying: each try waits
  // for the lock on the event loop, and 100 of them froze every request for ten seconds (outside review, round 8).
  let faulted = false;
  const { passed, refused } = each(db, actor, request, (item, input) => {
    if (faulted) return 'busy';
    try {
      const result = transition(db, item.id, WORKFLOW_ACTION_OF[request.action], actor, input, now);
      return result.ok ? null : result.reason;
    } catch (error) {
      // Database locked or disk full: this item is unchanged, and said so; the others still get their turn.
      if (!asFault(error)) throw error;
      faulted = true;
      return 'busy';
    }
  });
  return { done: passed, refused };
}
