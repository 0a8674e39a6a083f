/**
 * Item writes: a new item, and one workflow action applied. Each writes the item row, its append-only event and the
 * submitter's feedback messages (outbox) in one transaction, guarded by the item's version. What an action does to
 * the item's fields is decided in app/domain/workflow-effects.ts; this module looks up what the action refers to and
 * writes what that function returns. Only the workflow door (the service workflow.server.ts) calls these.
 *
 * The hot writes are drizzle prepared statements made once per connection: preparing a write on `items` compiles
 * all of its statistics triggers (about 1.4 ms, half of a submission), so it is done once, not per request.
 * better-sqlite3 is one synchronous connection, so a statement run on `db` inside `writeTransaction(db, …)` is part
 * of that transaction.
 */
import { and, eq, gte, inArray, like, lte, notInArray, or, sql } from 'drizzle-orm';
import { randomInt } from 'node:crypto';
import { writeTransaction, type AppDatabase, type Transaction as Tx } from '../../db/client';
import { centers, itemEvents, items, outbox, provinces, services, staffUsers } from '../../db/schema';
import type { FeedbackSubmission } from '../domain/feedback-schema';
import { deadlinesAfterPriorityChange, deadlinesFor as planDeadlines, type WorkingCalendar } from '../domain/calendar';
import { generateTrackingCode } from '../domain/tracking-code';
import {
  canReachItem,
  decide,
  provinceRolesToTell,
  routeItem,
  TERMINAL_STATES,
  type Channel,
  type ItemKind,
  type ItemPriority,
  type ItemState,
  type TransitionInput,
  type WorkflowAction,
  type WorkflowActor,
} from '../domain/workflow';
import {
  duplicatesFollow,
  effectsOf,
  mirrorEffectsOf,
  MUTABLE_ITEM_FIELDS,
  type ActionRefusal,
  type Effects,
  type EffectsItem,
  type EffectsReferences,
  type MutableItemFields,
} from '../domain/workflow-effects';
import type { Area } from '../domain/areas';
import type { AppLocale } from '../i18n/config';
import { translator } from '../i18n/translate';
import { findProvince } from './catalog.server';
import { indexItem } from './item-search.server';
import { itemLocale, type ItemRow } from './items.server';
import { findOrganization } from './organizations.server';
import { previewFeedback, queueEscalation, queueFeedback, queueReopenNotice } from './outbox.server';
import { asksForRating } from '../domain/sms-conversation';
import { receiptIsCapped } from '../domain/receipt-cap';
import { getCalendar, getWorkflowSettings, listHolidays } from './settings.server';
import { recordAudit } from './audit.server';
import { CARERS_COLUMNS, type CommunicationNeeds } from '../domain/carers';
import { handlesQueue } from './staff.server';
import { getConfig } from '../platform/config.server';

export type EventRow = typeof itemEvents.$inferSelect;

export class UnknownPlaceError extends Error {
  constructor(readonly field: 'centerId' | 'provinceId' | 'serviceId') {
    super(`unknown ${field}`);
  }
}

export interface SubmitOptions {
  channel: Channel;
  locale: AppLocale;
  actor: WorkflowActor & { staffId?: number | null };
  now?: Date;
  /** More writes that must commit with the item or not at all (attachments, the used challenge); may throw. */
  inTransaction?: (tx: Tx, item: ItemRow) => void;
}

export type TransitionResult = { ok: true; item: ItemRow } | { ok: false; reason: ActionRefusal };

export interface TransitionOptions extends TransitionInput {
  /** The version the actor saw; another version means someone changed the item meanwhile (`stale`). */
  expectedVersion?: number;
  /** For an escalation (the sweep): the level reached. */
  escalationLevel?: 1 | 2;
  /** More writes that must commit with the action or not at all (an SMS's ledger row and answer); may throw. */
  inTransaction?: (tx: Tx, item: ItemRow, event: EventRow) => void;
}

// ---- Prepared statements --------------------------------------------------------------------------------------------

const ITEM_INSERT_COLUMNS = [
  'trackingCode', 'publicRef', 'kind', 'state', 'channel', 'area', 'centerId', 'serviceId', 'provinceId', 'ownerProvinceId',
  'subject', 'body', 'name', 'mobile', 'email', 'nationalCode', 'callBack', 'cannotReadSms', 'contactName', 'contactRelation',
  'contactMobile', 'preferredHours', 'onBehalfName', 'onBehalfRelation', 'anonymous', 'locale', 'version', 'createdAt', 'updatedAt',
  'stateEnteredAt', 'firstResponseDueAt', 'answerDueAt', 'pausedAt', 'reopenedAt', 'escalationLevel', 'firstRespondedAt', 'rating', 'ratingComment',
  'answeredAt', 'closedAt', 'assignedStaffId', 'contactErasedAt', 'redirectedOrgId', 'duplicateOfItemId', 'priority',
] as const satisfies readonly (keyof typeof items.$inferInsert)[];
type ItemInsert = { [K in (typeof ITEM_INSERT_COLUMNS)[number]]: (typeof items.$inferInsert)[K] | null };

const EVENT_COLUMNS = [
  'itemId', 'at', 'action', 'fromState', 'toState', 'actorType', 'actorStaffId', 'ownerProvinceId', 'publicMessage', 'internalNote', 'via', 'mirrorOfEventId',
] as const satisfies readonly (keyof typeof itemEvents.$inferInsert)[];
type EventInsert = { [K in (typeof EVENT_COLUMNS)[number]]: (typeof itemEvents.$inferInsert)[K] | null };

/**
 * A placeholder per column. A timestamp column's encoder does not take null, so a timestamp is bound raw (as SQL) and
 * handed in as milliseconds by `encoded`.
 */
function placeholders(table: object, columns: readonly string[]) {
  return Object.fromEntries(columns.map((name) => [name, isTimestamp((table as Record<string, unknown>)[name]) ? sql`${sql.placeholder(name)}` : sql.placeholder(name)]));
}

const isTimestamp = (column: unknown) => (column as { columnType?: string } | undefined)?.columnType === 'SQLiteTimestamp';

/** Values for `placeholders`: dates as milliseconds (null stays null). */
function encoded<T extends object>(values: T): T {
  const out = { ...values } as Record<string, unknown>;
  // better-sqlite3 binds neither dates nor booleans: stored as milliseconds and 0/1 (drizzle's modes read them back).
  for (const [key, value] of Object.entries(out)) {
    if (value instanceof Date) out[key] = value.getTime();
    else if (typeof value === 'boolean') out[key] = value ? 1 : 0;
  }
  return out as T;
}

function prepareItemWrites(db: AppDatabase) {
  return {
    // 11 random digits: a collision is rare, but the unique index decides (no row returned), and the caller retries.
    insertItem: db
      .insert(items)
      .values(placeholders(items, ITEM_INSERT_COLUMNS) as unknown as typeof items.$inferInsert)
      .onConflictDoNothing({ target: items.trackingCode })
      .returning()
      .prepare(),
    // Every mutable field, always: one statement for every action (the effects function returns them all).
    updateItem: db
      .update(items)
      .set(placeholders(items, MUTABLE_ITEM_FIELDS) as Partial<typeof items.$inferInsert>)
      .where(and(eq(items.id, sql.placeholder('id')), eq(items.version, sql.placeholder('expectedVersion'))))
      .returning()
      .prepare(),
    insertEvent: db
      .insert(itemEvents)
      .values(placeholders(itemEvents, EVENT_COLUMNS) as unknown as typeof itemEvents.$inferInsert)
      .returning()
      .prepare(),
  };
}

const prepared = new WeakMap<AppDatabase, ReturnType<typeof prepareItemWrites>>();

/** The connection's prepared item writes, made on first use (a closed connection takes its statements with it). */
function statements(db: AppDatabase) {
  let kept = prepared.get(db);
  if (!kept) prepared.set(db, (kept = prepareItemWrites(db)));
  return kept;
}

function insertEvent(db: AppDatabase, values: Partial<EventInsert> & Pick<EventInsert, 'itemId' | 'at' | 'action' | 'toState' | 'actorType'>): EventRow {
  const row: EventInsert = { fromState: null, actorStaffId: null, ownerProvinceId: null, publicMessage: null, internalNote: null, via: null, mirrorOfEventId: null, ...values };
  return statements(db).insertEvent.get(encoded(row))!;
}

function updateItem(db: AppDatabase, id: number, expectedVersion: number, fields: MutableItemFields): ItemRow | undefined {
  return statements(db).updateItem.get(encoded({ ...fields, id, expectedVersion }));
}

// ---- Submission ---------------------------------------------------------------------------------------------------

/**
 * Records a new item and routes it at once (docs/DESIGN.md §3): events `submitted` and `routed`, and one feedback message
 * that carries the tracking code and the province now handling it.
 */
export function writeSubmission(db: AppDatabase, form: FeedbackSubmission, options: SubmitOptions): ItemRow {
  const now = options.now ?? new Date();
  return writeTransaction(db, (tx) => {
    const centerProvinceId = form.centerId ? findCenterProvince(tx, form.centerId) : null;
    if (form.provinceId && !findProvince(tx, form.provinceId)) throw new UnknownPlaceError('provinceId');
    if (form.serviceId && !tx.select({ id: services.id }).from(services).where(and(eq(services.id, form.serviceId), eq(services.active, true))).get()) {
      throw new UnknownPlaceError('serviceId');
    }
    const ownerProvinceId = routeItem(centerProvinceId, form.provinceId);
    const item = insertWithFreshCode(db, {
      publicRef: items.publicRef.defaultFn!() as string,
      kind: form.kind,
      state: 'routed',
      channel: options.channel,
      area: form.area ?? null,
      centerId: form.centerId ?? null,
      serviceId: form.serviceId ?? null,
      provinceId: centerProvinceId ?? form.provinceId ?? null,
      ownerProvinceId,
      subject: form.subject ?? '',
      body: form.body,
      name: form.name ?? null,
      mobile: form.mobile ?? null,
      email: form.email ?? null,
      nationalCode: form.nationalCode ?? null,
      // Communication needs (app/domain/carers.ts); a form without them (SMS) files none.
      callBack: form.callBack ?? false,
      cannotReadSms: form.cannotReadSms ?? false,
      contactName: form.contactName ?? null,
      contactRelation: form.contactRelation ?? null,
      contactMobile: form.contactMobile ?? null,
      preferredHours: form.preferredHours ?? null,
      onBehalfName: form.onBehalfName ?? null,
      onBehalfRelation: form.onBehalfRelation ?? null,
      anonymous: form.anonymous ?? false,
      locale: options.locale,
      version: 1,
      createdAt: now,
      updatedAt: now,
      stateEnteredAt: now,
      priority: form.priority ?? 'normal',
      ...deadlinesFor(tx, form.kind, form.priority ?? 'normal', now),
      pausedAt: null,
      reopenedAt: null,
      escalationLevel: 0,
      firstRespondedAt: null,
      rating: null,
      ratingComment: null,
      answeredAt: null,
      closedAt: null,
      assignedStaffId: null,
      contactErasedAt: null,
      redirectedOrgId: null,
      duplicateOfItemId: null,
    });
    const actorType = options.actor.role === 'citizen' ? 'citizen' : options.actor.role === 'system' ? 'system' : 'staff';
    insertEvent(db, {
      itemId: item.id,
      at: now,
      action: 'submit',
      toState: 'submitted',
      actorType,
      actorStaffId: options.actor.staffId ?? null,
      via: options.channel === 'phone' || options.channel === 'counter' ? options.channel : null,
    });
    const routed = insertEvent(db, { itemId: item.id, at: now, action: 'route', fromState: 'submitted', toState: 'routed', actorType: 'system', ownerProvinceId });
    // One message for both: two texts in the same second would only confuse the citizen.
    // Web and API contact data is unconfirmed: its receipts are capped per recipient, so nobody can pump a stranger's phone.
    queueFeedback(db, item, routed, now, { capped: receiptIsCapped(options.channel) });
    if (item.priority === 'urgent') queueUrgentAlert(db, item, routed, now, { fromPublic: true });
    indexItem(db, item);
    options.inTransaction?.(tx, item);
    return item;
  });
}

/**
 * First-response and answer deadlines (docs/DESIGN.md §3), fixed at submission and set afresh when the citizen reopens
 * the item (docs/decisions/017): working days on Iran's calendar for a normal item, hours around the clock for an
 * urgent one (the plans in the settings, app/domain/calendar.ts).
 */
function deadlinesFor(tx: Pick<AppDatabase, 'select'>, kind: ItemKind, priority: ItemPriority, now: Date) {
  // The settings once: getCalendar would read them again for the weekend (each read is prepared afresh, ~0.1 ms).
  const settings = getWorkflowSettings(tx);
  return planDeadlines(kind, priority, now, calendarOf(tx, settings.weekend), settings);
}

function calendarOf(tx: Pick<AppDatabase, 'select'>, weekend: number[]): WorkingCalendar {
  return { weekend: weekend as WorkingCalendar['weekend'], holidays: listHolidays(tx) };
}

/** Alerts of urgent items filed by the public, per staff address or mobile per hour (see queueUrgentAlert). */
export const URGENT_ALERTS_PER_HOUR = 6;

/**
 * Tells the province's managers and officers and the national supervisors at once that an item is urgent (issue 23):
 * an e-mail to each who has an address, an SMS to each who has a mobile, in the transaction that made it urgent.
 * Only the item's number, province and staff link: never the citizen's words or contact data (an SMS is read on a
 * lock screen, and the tracking code would open the citizen's page).
 */
function queueUrgentAlert(db: AppDatabase, item: ItemRow, event: EventRow, now: Date, options: { fromPublic?: boolean } = {}) {
  const recipients = db
    .select({ id: staffUsers.id, email: staffUsers.email, mobile: staffUsers.mobile })
    .from(staffUsers)
    .where(
      and(
        eq(staffUsers.active, true),
        or(
          eq(staffUsers.role, 'national_supervisor'),
          item.ownerProvinceId
            ? and(inArray(staffUsers.role, provinceRolesToTell(item.safeguarding)), eq(staffUsers.provinceId, item.ownerProvinceId))
            : undefined,
        ),
      ),
    )
    .all();
  if (recipients.length === 0) return;
  const t = translator('fa');
  const province = item.ownerProvinceId ? db.select().from(provinces).where(eq(provinces.id, item.ownerProvinceId)).get() : undefined;
  const values = {
    number: String(item.id).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!),
    owner: province ? t('province.named', { name: province.nameFa }) : t('province.national'),
    link: `${getConfig().publicUrl}/staff/items/${item.id}`,
  };
  const rows: (typeof outbox.$inferInsert)[] = [];
  const row = (channel: 'email' | 'sms', recipient: string, userId: number, body: string) => ({
    itemId: item.id,
    eventId: event.id,
    channel,
    audience: 'staff' as const,
    recipient,
    locale: 'fa',
    body,
    idempotencyKey: `event-${event.id}-urgent-${channel}-${userId}`,
    nextAttemptAt: now,
    createdAt: now,
  });
  // Anyone may mark what they file urgent: past URGENT_ALERTS_PER_HOUR public alerts in an hour a person is not paged
  // again (outside review, round 9: a script could bury real cases in alerts). The item still tops the urgent view,
  // and its first-response escalation still goes out; staff raising an item always tell at once.
  const since = new Date(now.getTime() - 3_600_000);
  const paged = (recipient: string) =>
    options.fromPublic === true &&
    db.select({ n: sql<number>`count(*)` }).from(outbox).where(and(eq(outbox.recipient, recipient), gte(outbox.createdAt, since), lte(outbox.createdAt, now), like(outbox.idempotencyKey, 'event-%-urgent-%'))).get()!.n >= URGENT_ALERTS_PER_HOUR;
  for (const r of recipients) {
    if (r.email?.trim() && !paged(r.email.trim())) rows.push(row('email', r.email.trim(), r.id, t('urgent.notify.email', values)));
    if (r.mobile?.trim() && !paged(r.mobile.trim())) rows.push(row('sms', r.mobile.trim(), r.id, t('urgent.notify.sms', values)));
  }
  if (rows.length > 0) db.insert(outbox).values(rows).onConflictDoNothing({ target: outbox.idempotencyKey }).run();
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

function insertWithFreshCode(db: AppDatabase, values: Omit<ItemInsert, 'trackingCode'>): ItemRow {
  for (let attempt = 0; attempt < 5; attempt++) {
    const inserted = statements(db).insertItem.get(encoded({ ...values, trackingCode: generateTrackingCode(randomInt) }));
    if (inserted) return inserted;
  }
  throw new Error('could not allocate a unique tracking code');
}

// ---- Transitions --------------------------------------------------------------------------------------------------

/**
 * Everything that decides whether `action` may happen to the item now, without writing: the item exists and the actor
 * can reach it, the version is the one the actor saw, the workflow allows it, a transfer's target exists, and what
 * the action refers to holds (the effects).
 */
function checkTransition(db: Pick<AppDatabase, 'select'>, itemId: number, action: WorkflowAction, actor: WorkflowActor, input: TransitionOptions, now: Date) {
  const item = db.select().from(items).where(eq(items.id, itemId)).get();
  if (!item) return { ok: false, reason: 'not_found' } as const;
  if (actor.role !== 'citizen' && actor.role !== 'system' && actor.role !== 'call_center_agent' && !canReachItem(actor, item.ownerProvinceId, item.safeguarding)) {
    return { ok: false, reason: 'not_found' } as const;
  }
  // An agent acts for the caller on any item, but never on a safeguarding one: it is hidden from the call centre.
  if (actor.role === 'call_center_agent' && item.safeguarding) return { ok: false, reason: 'not_found' } as const;
  if (input.expectedVersion !== undefined && input.expectedVersion !== item.version) return { ok: false, reason: 'stale' } as const;
  const decision = decide(
    {
      state: item.state as ItemState,
      ownerProvinceId: item.ownerProvinceId,
      answeredAt: item.answeredAt,
      safeguarding: item.safeguarding,
      closedAt: item.closedAt,
      appealedBefore: action === 'citizen_reopen' ? wasAppealed(db, item.id) : false,
    },
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
  const checked = effectsOf(effectsView(item), decision, actor, input, referencesOf(db, item, action, input, now), now);
  if (!checked.ok) return checked;
  return { ok: true, item, decision, effects: checked.effects } as const;
}

function effectsView(item: ItemRow): EffectsItem {
  return { ...item, state: item.state as ItemState, area: item.area as Area | null, locale: itemLocale(item), priority: item.priority === 'urgent' ? 'urgent' : 'normal' };
}

/** Whether the item was ever appealed: a reopening then returns it to the national queue (docs/decisions/017). */
export function wasAppealed(db: Pick<AppDatabase, 'select'>, itemId: number): boolean {
  return !!db.select({ id: itemEvents.id }).from(itemEvents).where(and(eq(itemEvents.itemId, itemId), eq(itemEvents.action, 'appeal'))).limit(1).get();
}

/** What the action names, from the database: only what this action needs. */
function referencesOf(db: Pick<AppDatabase, 'select'>, item: ItemRow, action: WorkflowAction, input: TransitionOptions, now: Date): EffectsReferences {
  const t = translator(itemLocale(item));
  switch (action) {
    case 'redirect':
      return { t, organization: input.organizationId ? findOrganization(db, input.organizationId) : null };
    case 'assign':
      return { t, assignee: input.assigneeStaffId == null ? null : activeStaffOf(db, input.assigneeStaffId, item.ownerProvinceId) };
    case 'mark_duplicate': {
      const original = input.originalItemId ? db.select().from(items).where(eq(items.id, input.originalItemId)).get() : undefined;
      const hasDuplicates = !!db.select({ id: items.id }).from(items).where(eq(items.duplicateOfItemId, item.id)).limit(1).get();
      return { t, original: original ? { ...original, state: original.state as ItemState } : null, itemHasDuplicates: hasDuplicates };
    }
    case 'escalate':
      return { t, escalationLevel: input.escalationLevel };
    case 'set_priority': {
      if (!input.priority) return { t };
      const settings = getWorkflowSettings(db);
      return { t, deadlines: deadlinesAfterPriorityChange(item, input.priority, now, calendarOf(db, settings.weekend), settings) };
    }
    // The paused clock starts and resumes here (awaiting_citizen in or out), counted on the working calendar.
    case 'citizen_reply':
    case 'ask_citizen':
      return { t, calendar: getCalendar(db) };
    case 'citizen_reopen':
      return { t, calendar: getCalendar(db), reopenDeadlines: deadlinesFor(db, item.kind as ItemKind, item.priority, now) };
    default:
      return { t };
  }
}

/** The staff user `staffId` if they handle the queue `ownerProvinceId`, else null. */
function activeStaffOf(db: Pick<AppDatabase, 'select'>, staffId: number, ownerProvinceId: string | null) {
  return db.select().from(staffUsers).where(and(eq(staffUsers.id, staffId), handlesQueue(ownerProvinceId))).get() ?? null;
}

/**
 * The message the submitter would receive if `action` were taken now (the staff preview), after the same checks as
 * the action; `text` is null when nobody can be reached. Nothing is written.
 */
export function previewTransition(
  db: AppDatabase,
  itemId: number,
  action: WorkflowAction,
  actor: WorkflowActor,
  input: TransitionOptions,
  now: Date = new Date(),
): { ok: true; text: string | null } | { ok: false; reason: ActionRefusal } {
  const checked = checkTransition(db, itemId, action, actor, input, now);
  if (!checked.ok) return checked;
  const { item, decision, effects } = checked;
  return {
    ok: true,
    text: previewFeedback(db, item, { action, toState: decision.to, ownerProvinceId: decision.ownerProvinceId, publicMessage: effects.publicMessage }, { askRating: asksForRating(action, item) }),
  };
}

/**
 * Applies one workflow action. `expectedVersion` is the version the actor saw: if someone else changed the item
 * meanwhile, nothing is written and the caller tells the user to reload.
 */
export function writeTransition(
  db: AppDatabase,
  itemId: number,
  action: WorkflowAction,
  actor: WorkflowActor & { staffId?: number | null },
  input: TransitionOptions,
  now: Date = new Date(),
): TransitionResult {
  return writeTransaction(db, (tx) => {
    const checked = checkTransition(tx, itemId, action, actor, input, now);
    if (!checked.ok) return checked;
    const { item, decision, effects } = checked;
    const updated = updateItem(db, item.id, item.version, effects.fields);
    if (!updated) return { ok: false, reason: 'stale' } as const;
    const event = insertEvent(db, {
      itemId: item.id,
      at: now,
      action,
      fromState: item.state,
      toState: decision.to,
      actorType: effects.actorType,
      actorStaffId: actor.staffId ?? null,
      ownerProvinceId: decision.ownerProvinceId,
      publicMessage: effects.publicMessage,
      internalNote: effects.internalNote,
      via: input.via ?? null,
    });
    if (decision.isPublic) {
      // Satisfaction by SMS (issue 22): the answer's (or the auto-close's) SMS asks once for a rating by reply.
      const { ratingAsked } = queueFeedback(db, updated, event, now, { askRating: asksForRating(action, updated) });
      if (ratingAsked) tx.update(items).set({ ratingAskedAt: now }).where(eq(items.id, updated.id)).run();
    }
    if (action === 'escalate') queueEscalation(db, updated, event, effects.fields.escalationLevel as 1 | 2, now);
    if (action === 'set_priority' && updated.priority === 'urgent') queueUrgentAlert(db, updated, event, now);
    if (action === 'citizen_reopen') queueReopenNotice(db, updated, event, now);
    if (decision.isPublic && action !== 'mark_duplicate') mirrorToDuplicates(db, tx, updated, event, effects, now);
    input.inTransaction?.(tx, updated, event);
    return { ok: true, item: updated } as const;
  });
}

/**
 * The original's public events reach its duplicates' submitters too (app/domain/workflow-effects.ts, mirrorEffectsOf):
 * each mirrored change is an event marked as a mirror, with feedback to that duplicate's submitter. Never another
 * submitter's text or contact: only staff's public message is copied.
 */
function mirrorToDuplicates(db: AppDatabase, tx: Tx, original: ItemRow, event: EventRow, effects: Effects, now: Date) {
  if (!duplicatesFollow(original.state as ItemState, effects.citizenSide)) return;
  const duplicates = tx
    .select()
    .from(items)
    .where(and(eq(items.duplicateOfItemId, original.id), notInArray(items.state, [...TERMINAL_STATES])))
    .all();
  for (const duplicate of duplicates) {
    const view = effectsView(duplicate);
    const fields = mirrorEffectsOf(view, effectsView(original), effects.citizenSide, now, { calendar: getCalendar(tx), priority: view.priority });
    if (!fields) continue;
    const updated = updateItem(db, duplicate.id, duplicate.version, fields)!;
    const mirrored = insertEvent(db, {
      itemId: duplicate.id,
      at: now,
      action: effects.citizenSide ? 'close_with_original' : event.action,
      fromState: duplicate.state,
      toState: fields.state,
      actorType: effects.citizenSide ? 'system' : event.actorType,
      actorStaffId: effects.citizenSide ? null : event.actorStaffId,
      ownerProvinceId: original.ownerProvinceId,
      publicMessage: effects.citizenSide ? null : event.publicMessage,
      mirrorOfEventId: event.id,
    });
    queueFeedback(db, updated, mirrored, now);
  }
}

// ---- Communication needs ------------------------------------------------------------------------------------------

/**
 * Staff change an item's communication needs (issue 22, the staff item page): not a workflow action (nothing the
 * citizen is told), but a change of the item like any other: version-checked, the version raised, and an audit entry
 * naming the fields changed (never their values: the audit log is read by admins, who read no items).
 */
export function writeCommunicationNeeds(
  db: AppDatabase,
  itemId: number,
  actor: WorkflowActor & { staffId: number },
  needs: CommunicationNeeds,
  expectedVersion: number,
  now: Date = new Date(),
): { ok: true; item: ItemRow } | { ok: false; reason: 'not_found' | 'stale' | 'not_allowed_in_state' } {
  return writeTransaction(db, (tx) => {
    const item = tx.select().from(items).where(eq(items.id, itemId)).get();
    if (!item || !canReachItem(actor, item.ownerProvinceId, item.safeguarding)) return { ok: false, reason: 'not_found' } as const;
    if (item.version !== expectedVersion) return { ok: false, reason: 'stale' } as const;
    // An anonymous item keeps no contact data, and erased data is not written back.
    if (item.anonymous || item.contactErasedAt) return { ok: false, reason: 'not_allowed_in_state' } as const;
    const changed = CARERS_COLUMNS.filter((key) => item[key] !== needs[key]);
    const updated = tx
      .update(items)
      .set({ ...needs, version: item.version + 1, updatedAt: now })
      .where(and(eq(items.id, itemId), eq(items.version, expectedVersion)))
      .returning()
      .get();
    if (!updated) return { ok: false, reason: 'stale' } as const;
    recordAudit(tx, { actorStaffId: actor.staffId, action: 'item.communication_needs', entity: 'item', entityId: itemId, after: { changed } }, now);
    return { ok: true, item: updated } as const;
  });
}
