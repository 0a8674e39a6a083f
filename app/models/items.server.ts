/**
 * Items: creation, look-up and workflow transitions. Each transition writes the item row, its append-only event
 * and the submitter's feedback messages (outbox) in one transaction, guarded by the item's version.
 */
import { and, asc, eq, notInArray, sql, type SQL } from 'drizzle-orm';
import { randomInt } from 'node:crypto';
import { writeTransaction, type AppDatabase, type Transaction as Tx } from '../../db/client';
import { centers, itemEvents, items, services, staffUsers } from '../../db/schema';
import { findProvince } from './catalog.server';
import type { FeedbackSubmission } from '../domain/feedback-schema';
import { addWorkingDays } from '../domain/calendar';
import { generateTrackingCode } from '../domain/tracking-code';
import {
  canReachItem,
  decide,
  INTERNAL_ACTIONS,
  isCitizenAction,
  isOpen,
  routeItem,
  TERMINAL_STATES,
  type Channel,
  type ItemKind,
  type ItemState,
  type RefusalReason,
  type TransitionInput,
  type WorkflowAction,
  type WorkflowActor,
} from '../domain/workflow';
import { isLocale, type AppLocale } from '../i18n/config';
import { translator } from '../i18n/translate';
import { organizationNotice } from '../domain/organizations';
import { indexItem } from './item-search.server';
import { handlesQueue } from './staff.server';
import { findOrganization } from './organizations.server';
import { previewFeedback, queueFeedback } from './outbox.server';
import { getCalendar, getWorkflowSettings } from './settings.server';

export type ItemRow = typeof items.$inferSelect;

export class UnknownPlaceError extends Error {
  constructor(readonly field: 'centerId' | 'provinceId' | 'serviceId') {
    super(`unknown ${field}`);
  }
}

interface SubmitOptions {
  channel: Channel;
  locale: AppLocale;
  actor: WorkflowActor & { staffId?: number | null };
  now?: Date;
  /** More writes that must commit with the item or not at all (attachments, the used challenge); may throw. */
  inTransaction?: (tx: Tx, item: ItemRow) => void;
}

/**
 * Records a new item and routes it at once (DESIGN §3): events `submitted` and `routed`, and one feedback message
 * that carries the tracking code and the province now handling it.
 */
export function submitItem(db: AppDatabase, form: FeedbackSubmission, options: SubmitOptions): ItemRow {
  const now = options.now ?? new Date();
  return writeTransaction(db, (tx) => {
    const centerProvinceId = form.centerId ? findCenterProvince(tx, form.centerId) : null;
    if (form.provinceId && !findProvince(tx, form.provinceId)) throw new UnknownPlaceError('provinceId');
    if (form.serviceId && !tx.select({ id: services.id }).from(services).where(and(eq(services.id, form.serviceId), eq(services.active, true))).get()) {
      throw new UnknownPlaceError('serviceId');
    }
    const ownerProvinceId = routeItem(centerProvinceId, form.provinceId);
    const deadlines = deadlinesFor(tx, form.kind, now);
    const item = insertWithFreshCode(tx, {
      kind: form.kind,
      state: 'routed',
      channel: options.channel,
      centerId: form.centerId,
      serviceId: form.serviceId,
      area: form.area,
      provinceId: centerProvinceId ?? form.provinceId,
      ownerProvinceId,
      subject: form.subject,
      body: form.body,
      name: form.name,
      mobile: form.mobile,
      email: form.email,
      nationalCode: form.nationalCode,
      anonymous: form.anonymous,
      locale: options.locale,
      createdAt: now,
      updatedAt: now,
      stateEnteredAt: now,
      ...deadlines,
    });
    const actorType = options.actor.role === 'citizen' ? 'citizen' : options.actor.role === 'system' ? 'system' : 'staff';
    tx.insert(itemEvents)
      .values({
        itemId: item.id,
        at: now,
        action: 'submit',
        fromState: null,
        toState: 'submitted',
        actorType,
        actorStaffId: options.actor.staffId ?? null,
        ownerProvinceId: null,
        via: options.channel === 'phone' || options.channel === 'counter' ? options.channel : null,
      })
      .run();
    const routed = tx
      .insert(itemEvents)
      .values({ itemId: item.id, at: now, action: 'route', fromState: 'submitted', toState: 'routed', actorType: 'system', ownerProvinceId })
      .returning()
      .get();
    // One message for both: two texts in the same second would only confuse the citizen.
    queueFeedback(tx, item, routed, now);
    indexItem(tx, item);
    options.inTransaction?.(tx, item);
    return item;
  });
}

/** First-response and answer deadlines in working days on Iran's calendar (DESIGN §3), fixed at submission. */
function deadlinesFor(tx: Tx, kind: ItemKind, now: Date) {
  const { deadlines } = getWorkflowSettings(tx);
  const calendar = getCalendar(tx);
  return {
    firstResponseDueAt: addWorkingDays(now, deadlines[kind].firstResponseDays, calendar),
    answerDueAt: addWorkingDays(now, deadlines[kind].answerDays, calendar),
  };
}

function findCenterProvince(tx: Tx, centerId: number): string {
  const center = tx
    .select({ provinceId: centers.provinceId })
    .from(centers)
    .where(and(eq(centers.id, centerId), eq(centers.active, true)))
    .get();
  if (!center) throw new UnknownPlaceError('centerId');
  return center.provinceId;
}

function insertWithFreshCode(tx: Tx, values: Omit<typeof items.$inferInsert, 'trackingCode'>): ItemRow {
  // 11 random digits: a collision is rare, but the unique index decides, so retry rather than trust luck.
  for (let attempt = 0; attempt < 5; attempt++) {
    const trackingCode = generateTrackingCode(randomInt);
    const inserted = tx
      .insert(items)
      .values({ ...values, trackingCode })
      .onConflictDoNothing({ target: items.trackingCode })
      .returning()
      .get();
    if (inserted) return inserted;
  }
  throw new Error('could not allocate a unique tracking code');
}

export function findByTrackingCode(db: AppDatabase, code: string): ItemRow | undefined {
  return db.select().from(items).where(eq(items.trackingCode, code)).get();
}

/**
 * A citizen's look-up: the code and the mobile the item was filed with; an anonymous item needs the code only.
 * A refusal never tells which part was wrong, except that an item's contact data was erased after closing (it can
 * then no longer be looked up by mobile at all).
 */
export function findForCitizen(
  db: AppDatabase,
  code: string,
  mobile: string | null,
): { item: ItemRow; refused?: never } | { item?: never; refused: 'not_found' | 'contact_erased' } {
  const item = findByTrackingCode(db, code);
  if (!item) return { refused: 'not_found' };
  if (item.anonymous) return { item };
  if (item.contactErasedAt) return { refused: 'contact_erased' };
  return item.mobile !== null && item.mobile === mobile ? { item } : { refused: 'not_found' };
}

export interface PublicEvent {
  id: number;
  at: Date;
  action: string;
  toState: string;
  ownerProvinceId: string | null;
  publicMessage: string | null;
  /** A citizen's action staff entered for them: `phone` or `counter`; null otherwise. */
  via: 'phone' | 'counter' | null;
}

/** The events the citizen sees: every state change and public reply, never internal notes or staff names. */
export function publicTimeline(db: AppDatabase, itemId: number): PublicEvent[] {
  return db
    .select({
      id: itemEvents.id,
      at: itemEvents.at,
      action: itemEvents.action,
      toState: itemEvents.toState,
      ownerProvinceId: itemEvents.ownerProvinceId,
      publicMessage: itemEvents.publicMessage,
      via: sql<'phone' | 'counter' | null>`${itemEvents.via}`,
    })
    .from(itemEvents)
    .where(and(eq(itemEvents.itemId, itemId), notInArray(itemEvents.action, INTERNAL_ACTIONS)))
    .orderBy(asc(itemEvents.id))
    .all();
}

export interface StaffEvent extends PublicEvent {
  internalNote: string | null;
  actorType: string;
  actorName: string | null;
}

export function fullTimeline(db: AppDatabase, itemId: number): StaffEvent[] {
  return db
    .select({
      id: itemEvents.id,
      at: itemEvents.at,
      action: itemEvents.action,
      toState: itemEvents.toState,
      ownerProvinceId: itemEvents.ownerProvinceId,
      publicMessage: itemEvents.publicMessage,
      via: sql<'phone' | 'counter' | null>`${itemEvents.via}`,
      internalNote: itemEvents.internalNote,
      actorType: itemEvents.actorType,
      actorName: staffUsers.displayName,
    })
    .from(itemEvents)
    .leftJoin(staffUsers, eq(staffUsers.id, itemEvents.actorStaffId))
    .where(eq(itemEvents.itemId, itemId))
    .orderBy(asc(itemEvents.id))
    .all();
}

/** The province scope as part of the query (DESIGN §9): staff never fetch an item they may not see. */
export function scopeFor(actor: WorkflowActor): SQL | undefined {
  if (actor.role === 'national_supervisor') return undefined;
  if ((actor.role === 'province_officer' || actor.role === 'province_manager') && actor.provinceId) {
    return eq(items.ownerProvinceId, actor.provinceId);
  }
  return sql`0`;
}

export function findForStaff(db: AppDatabase, actor: WorkflowActor, itemId: number): ItemRow | undefined {
  return db
    .select()
    .from(items)
    .where(and(eq(items.id, itemId), scopeFor(actor)))
    .get();
}

export type TransitionResult =
  | { ok: true; item: ItemRow }
  | { ok: false; reason: RefusalReason | 'not_found' | 'stale' };

/**
 * Everything that decides whether `action` may happen to the item now, without writing: the item exists and the actor
 * can reach it, the version is the one the actor saw, the workflow allows it, and a transfer's target exists.
 */
function checkTransition(
  db: Pick<AppDatabase, 'select'>,
  itemId: number,
  action: WorkflowAction,
  actor: WorkflowActor,
  input: TransitionInput & { expectedVersion?: number },
  now: Date,
) {
  const item = db.select().from(items).where(eq(items.id, itemId)).get();
  if (!item) return { ok: false, reason: 'not_found' } as const;
  if (actor.role !== 'citizen' && actor.role !== 'system' && actor.role !== 'call_center_agent' && !canReachItem(actor, item.ownerProvinceId)) {
    return { ok: false, reason: 'not_found' } as const;
  }
  if (input.expectedVersion !== undefined && input.expectedVersion !== item.version) return { ok: false, reason: 'stale' } as const;
  const decision = decide(
    { state: item.state as ItemState, ownerProvinceId: item.ownerProvinceId, answeredAt: item.answeredAt },
    action,
    actor,
    input,
    now,
    getWorkflowSettings(db),
  );
  if (!decision.ok) return decision;
  if (decision.ownerProvinceId !== null && decision.ownerProvinceId !== item.ownerProvinceId && !findProvince(db, decision.ownerProvinceId)) {
    return { ok: false, reason: 'target_required' } as const;
  }
  const effects = effectsOf(db, item, action, input);
  if (!effects.ok) return effects;
  return { ok: true, item, decision, effects } as const;
}

type Effects = { ok: true; publicMessage: string | null; internalNote: string | null; stamps: Partial<typeof items.$inferInsert> };

/**
 * What an action writes beyond its state, checked against the data (so the preview refuses what the action would):
 * a redirection's organisation and the notice naming it, a classification's changes, a duplicate's original.
 */
function effectsOf(db: Pick<AppDatabase, 'select'>, item: ItemRow, action: WorkflowAction, input: TransitionInput): Effects | { ok: false; reason: RefusalReason } {
  let publicMessage = input.publicMessage?.trim() || null;
  let internalNote = input.internalNote?.trim() || null;
  const stamps: Partial<typeof items.$inferInsert> = {};
  if (action === 'redirect') {
    const org = input.organizationId ? findOrganization(db, input.organizationId) : undefined;
    if (!org?.active) return { ok: false, reason: 'organization_required' };
    stamps.redirectedOrgId = org.id;
    const locale = itemLocale(item);
    publicMessage = [publicMessage, organizationNotice(org, locale, translator(locale))].filter(Boolean).join('\n\n');
  }
  if (action === 'classify') {
    const changes: string[] = [];
    if (input.area !== undefined && input.area !== item.area) {
      stamps.area = input.area;
      changes.push(`area: ${item.area ?? '—'} → ${input.area ?? '—'}`);
    }
    if (input.kind !== undefined && input.kind !== item.kind) {
      stamps.kind = input.kind;
      changes.push(`kind: ${item.kind} → ${input.kind}`);
    }
    if (changes.length === 0) return { ok: false, reason: 'classification_unchanged' };
    internalNote = [changes.join('; '), internalNote].filter(Boolean).join('\n');
  }
  if (action === 'assign') {
    // Someone who works this item's queue (checked here, so a preview refuses another province's staff as the action does).
    const assignee = input.assigneeStaffId == null ? null : activeStaffOf(db, input.assigneeStaffId, item.ownerProvinceId);
    if (input.assigneeStaffId != null && !assignee) return { ok: false, reason: 'assignee_required' };
    stamps.assignedStaffId = assignee?.id ?? null;
    internalNote ??= assignee ? `→ ${assignee.displayName}` : '→ —';
  }
  if (action === 'mark_duplicate') {
    const original = input.originalItemId ? db.select().from(items).where(eq(items.id, input.originalItemId)).get() : undefined;
    // The original: another open item of the same queue, not itself a duplicate, and this item has no duplicates of its own.
    const valid =
      original &&
      original.id !== item.id &&
      original.ownerProvinceId === item.ownerProvinceId &&
      isOpen(original.state as ItemState) &&
      original.duplicateOfItemId === null &&
      !db.select({ id: items.id }).from(items).where(eq(items.duplicateOfItemId, item.id)).limit(1).get();
    if (!valid) return { ok: false, reason: 'original_required' };
    stamps.duplicateOfItemId = original.id;
    publicMessage ??= translator(itemLocale(item))('duplicates.notice');
    internalNote = [`→ ${original.trackingCode}`, internalNote].filter(Boolean).join('\n');
  }
  return { ok: true, publicMessage, internalNote, stamps };
}

/**
 * The message the submitter would receive if `action` were taken now (the staff preview), after the same checks as
 * `transition`; `text` is null when nobody can be reached. Nothing is written.
 */
export function previewTransition(
  db: AppDatabase,
  itemId: number,
  action: WorkflowAction,
  actor: WorkflowActor,
  input: TransitionInput & { expectedVersion?: number },
  now: Date = new Date(),
): { ok: true; text: string | null } | { ok: false; reason: RefusalReason | 'not_found' | 'stale' } {
  const checked = checkTransition(db, itemId, action, actor, input, now);
  if (!checked.ok) return checked;
  const { item, decision, effects } = checked;
  return {
    ok: true,
    text: previewFeedback(db, item, { action, toState: decision.to, ownerProvinceId: decision.ownerProvinceId, publicMessage: effects.publicMessage }),
  };
}

/**
 * Applies one workflow action. `expectedVersion` is the version the actor saw: if someone else changed the item
 * meanwhile, nothing is written and the caller tells the user to reload.
 */
export function transition(
  db: AppDatabase,
  itemId: number,
  action: WorkflowAction,
  actor: WorkflowActor & { staffId?: number | null },
  input: TransitionInput & { expectedVersion?: number },
  now: Date = new Date(),
): TransitionResult {
  return writeTransaction(db, (tx) => {
    const checked = checkTransition(tx, itemId, action, actor, input, now);
    if (!checked.ok) return checked;
    const { item, decision, effects } = checked;

    const stamps: Partial<typeof items.$inferInsert> = { ...effects.stamps };
    let internalNote = effects.internalNote;
    // A transfer hands the item to another queue: the old province's assignment no longer applies.
    if (action === 'transfer') stamps.assignedStaffId = null;
    // The citizen's own actions (also when an agent enters them for a caller) are never staff's first response.
    const citizenSide = actor.role === 'citizen' || isCitizenAction(action);
    if (decision.isPublic && !citizenSide && actor.role !== 'system' && !item.firstRespondedAt) stamps.firstRespondedAt = now;
    if (decision.to !== item.state) stamps.stateEnteredAt = now;
    if (decision.to === 'answered') stamps.answeredAt = now;
    if (action === 'confirm' && input.rating) {
      stamps.rating = input.rating;
      stamps.ratingComment = input.publicMessage?.trim() || null;
    }
    if (decision.to === 'closed' || decision.to === 'redirected' || decision.to === 'rejected') stamps.closedAt = now;

    const updated = tx
      .update(items)
      .set({ state: decision.to, ownerProvinceId: decision.ownerProvinceId, version: item.version + 1, updatedAt: now, ...stamps })
      .where(and(eq(items.id, item.id), eq(items.version, item.version)))
      .returning()
      .get();
    if (!updated) return { ok: false, reason: 'stale' } as const;

    const actorType = citizenSide ? 'citizen' : actor.role === 'system' ? 'system' : 'staff';
    const event = tx
      .insert(itemEvents)
      .values({
        itemId: item.id,
        at: now,
        action,
        fromState: item.state,
        toState: decision.to,
        actorType,
        actorStaffId: actor.staffId ?? null,
        ownerProvinceId: decision.ownerProvinceId,
        publicMessage: decision.isPublic ? effects.publicMessage : null,
        internalNote,
        via: input.via ?? null,
      })
      .returning()
      .get();
    if (decision.isPublic) queueFeedback(tx, updated, event, now);
    if (decision.isPublic && action !== 'mark_duplicate') mirrorToDuplicates(tx, updated, event, citizenSide, now);
    return { ok: true, item: updated } as const;
  });
}

/**
 * The original's public events reach its duplicates' submitters too (issue "every channel": duplicates): staff's
 * replies and state changes are copied onto each duplicate (same state and owner, the event marked as a mirror) with
 * feedback to its submitter; the original's citizen's own actions are not, except that when the original ends, each
 * duplicate closes with it. Never another submitter's text or contact: only staff's public message is copied.
 */
function mirrorToDuplicates(tx: Tx, original: ItemRow, event: typeof itemEvents.$inferSelect, citizenSide: boolean, now: Date) {
  const ended = !isOpen(original.state as ItemState);
  if (citizenSide && !ended) return;
  const duplicates = tx
    .select()
    .from(items)
    .where(and(eq(items.duplicateOfItemId, original.id), notInArray(items.state, [...TERMINAL_STATES])))
    .all();
  for (const duplicate of duplicates) {
    const state = citizenSide ? 'closed' : original.state;
    const changed = state !== duplicate.state;
    const updated = tx
      .update(items)
      .set({
        state,
        ownerProvinceId: original.ownerProvinceId,
        version: duplicate.version + 1,
        updatedAt: now,
        ...(changed ? { stateEnteredAt: now } : {}),
        ...(state === 'answered' ? { answeredAt: now } : {}),
        ...(!isOpen(state as ItemState) ? { closedAt: now } : {}),
        ...(!citizenSide && !duplicate.firstRespondedAt ? { firstRespondedAt: now } : {}),
      })
      .where(eq(items.id, duplicate.id))
      .returning()
      .get()!;
    const mirrored = tx
      .insert(itemEvents)
      .values({
        itemId: duplicate.id,
        at: now,
        action: citizenSide ? 'close_with_original' : event.action,
        fromState: duplicate.state,
        toState: state,
        actorType: citizenSide ? 'system' : event.actorType,
        actorStaffId: citizenSide ? null : event.actorStaffId,
        ownerProvinceId: original.ownerProvinceId,
        publicMessage: citizenSide ? null : event.publicMessage,
        mirrorOfEventId: event.id,
      })
      .returning()
      .get();
    queueFeedback(tx, updated, mirrored, now);
  }
}


/** The staff user `staffId` if they handle the queue `ownerProvinceId`, else null. */
function activeStaffOf(tx: Pick<AppDatabase, 'select'>, staffId: number, ownerProvinceId: string | null) {
  return tx.select().from(staffUsers).where(and(eq(staffUsers.id, staffId), handlesQueue(ownerProvinceId))).get() ?? null;
}

export function itemLocale(item: Pick<ItemRow, 'locale'>): AppLocale {
  return isLocale(item.locale) ? item.locale : 'fa';
}
