/**
 * The outbound call list's data (issue 22): which calls are due now (app/domain/carers.ts `callsDueFor`, from the items
 * and the calls already made), and the record of each call's outcome. The citizen's own actions taken on a call (a
 * rating, an appeal) are not written here: they go through the workflow's door (services/outbound-calls.server.ts).
 */
import { and, desc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { writeTransaction, type AppDatabase } from '../../db/client';
import { itemEvents, items, outboundCalls } from '../../db/schema';
import { callee, callsDueFor, UNRATED_CALL_DAYS, type CallOutcome, type CallReason, type PreferredHours } from '../domain/carers';
import { recordAudit } from './audit.server';

/** Whose calls: province staff their province's items (owned now), everyone else every province's. */
export interface CallScope {
  provinceId: string | null;
  /** Leave out safeguarding items (seen only by a province's manager and national supervisors). */
  hidesSafeguarding: boolean;
}

/** More than a shift can call: the oldest due first, and the list says when it was cut. */
const LIST_LIMIT = 200;

export interface DueCall {
  itemId: number;
  trackingCode: string;
  version: number;
  state: string;
  ownerProvinceId: string | null;
  reason: CallReason;
  dueKey: number;
  tries: number;
  lastTriedAt: Date | null;
  callee: ReturnType<typeof callee>;
  preferredHours: PreferredHours | null;
  /** Staff's latest public word to the citizen (the answer, a question), to read to them. */
  whatToSay: string | null;
  locale: string;
}

const DAY_MS = 86_400_000;

/** The calls due now in `scope`, oldest item first; `only` narrows to one item (an outcome being recorded). */
export function dueCalls(db: AppDatabase, scope: CallScope, now: Date = new Date(), only?: number): DueCall[] {
  const candidates = db
    .select()
    .from(items)
    .where(
      and(
        only === undefined ? undefined : eq(items.id, only),
        scope.provinceId === null ? undefined : eq(items.ownerProvinceId, scope.provinceId),
        scope.hidesSafeguarding ? eq(items.safeguarding, false) : undefined,
        isNull(items.contactErasedAt),
        or(isNotNull(items.mobile), isNotNull(items.contactMobile)),
        or(
          and(eq(items.callBack, true), sql`${items.state} not in ('closed', 'redirected', 'rejected')`),
          and(eq(items.state, 'answered'), or(eq(items.callBack, true), eq(items.cannotReadSms, true))),
          and(
            eq(items.state, 'closed'),
            isNull(items.rating),
            sql`${items.closedAt} >= ${now.getTime() - UNRATED_CALL_DAYS * DAY_MS}`,
            or(eq(items.callBack, true), eq(items.cannotReadSms, true), eq(items.channel, 'phone')),
          ),
        ),
      ),
    )
    .orderBy(items.id)
    .limit(LIST_LIMIT)
    .all();
  if (candidates.length === 0) return [];
  const ids = candidates.map((item) => item.id);
  const made = db.select().from(outboundCalls).where(inArray(outboundCalls.itemId, ids)).all();
  const callOf = (itemId: number, reason: string, dueKey: number) => made.find((c) => c.itemId === itemId && c.reason === reason && c.dueKey === dueKey);
  const said = new Map<number, string>();
  for (const event of db
    .select({ itemId: itemEvents.itemId, publicMessage: itemEvents.publicMessage })
    .from(itemEvents)
    .where(and(inArray(itemEvents.itemId, ids), eq(itemEvents.actorType, 'staff'), isNotNull(itemEvents.publicMessage)))
    .orderBy(desc(itemEvents.id))
    .all()) {
    if (!said.has(event.itemId) && event.publicMessage) said.set(event.itemId, event.publicMessage);
  }
  const due: DueCall[] = [];
  for (const item of candidates) {
    for (const { reason, dueKey } of callsDueFor(item, now)) {
      const call = callOf(item.id, reason, dueKey);
      if (call?.outcome) continue;
      due.push({
        itemId: item.id,
        trackingCode: item.trackingCode,
        version: item.version,
        state: item.state,
        ownerProvinceId: item.ownerProvinceId,
        reason,
        dueKey,
        tries: call?.tries ?? 0,
        lastTriedAt: call?.lastTriedAt ?? null,
        callee: callee(item),
        preferredHours: (item.preferredHours as PreferredHours | null) ?? null,
        whatToSay: said.get(item.id) ?? null,
        locale: item.locale,
      });
    }
  }
  // The fewest tries first, then the oldest: a number that never answers does not block the others.
  return due.sort((a, b) => a.tries - b.tries || a.itemId - b.itemId);
}

/**
 * One call's outcome, with its audit entry (who called, what came of it; never a number or a name): `no_answer`
 * counts a try and keeps the call due; any other outcome ends it. A rating given for a closed item is kept here
 * until the workflow can take it.
 */
export function recordCallOutcome(
  db: AppDatabase,
  call: { itemId: number; reason: CallReason; dueKey: number; outcome: CallOutcome; rating?: number | null; staffId: number },
  now: Date = new Date(),
) {
  writeTransaction(db, (tx) => {
    const done = call.outcome !== 'no_answer';
    tx.insert(outboundCalls)
      .values({
        itemId: call.itemId,
        reason: call.reason,
        dueKey: call.dueKey,
        tries: 1,
        lastTriedAt: now,
        outcome: done ? call.outcome : null,
        rating: call.rating ?? null,
        doneAt: done ? now : null,
        doneByStaffId: done ? call.staffId : null,
      })
      .onConflictDoUpdate({
        target: [outboundCalls.itemId, outboundCalls.reason, outboundCalls.dueKey],
        set: {
          tries: sql`${outboundCalls.tries} + 1`,
          lastTriedAt: now,
          outcome: done ? call.outcome : null,
          rating: call.rating ?? null,
          doneAt: done ? now : null,
          doneByStaffId: done ? call.staffId : null,
        },
      })
      .run();
    const tries = tx
      .select({ tries: outboundCalls.tries })
      .from(outboundCalls)
      .where(and(eq(outboundCalls.itemId, call.itemId), eq(outboundCalls.reason, call.reason), eq(outboundCalls.dueKey, call.dueKey)))
      .get()!.tries;
    recordAudit(tx, { actorStaffId: call.staffId, action: `item.call_${call.outcome}`, entity: 'item', entityId: call.itemId, after: { reason: call.reason, tries } }, now);
  });
}
