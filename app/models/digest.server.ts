/**
 * The staff daily digest's rows (issue 24): for each province officer and manager with an e-mail who has not turned
 * it off, one e-mail a Tehran day listing the province's new, overdue and escalated items by code, count and link.
 * Queued in the outbox like every other message (the worker's timer asks, app/services/digest.server.ts); the row's
 * idempotency key names the user and the day, so asking again the same day queues nothing.
 */
import { and, eq, gte, inArray, isNotNull, isNull, lte, ne, or } from 'drizzle-orm';
import type { AppDatabase } from '../../db/client';
import { itemEvents, items, outbox, staffUsers } from '../../db/schema';
import { getConfig } from '../platform/config.server';
import { DIGEST_ROLES, digestBody, digestDayDue, digestIsEmpty, digestKey, type DigestItem, type DigestSections } from '../domain/digest';
import { toPersianDigits } from '../domain/persian';
import { seesSafeguarding, type ItemState, type StaffRole } from '../domain/workflow';
import { safeguardingScope } from './items.server';
import { translator } from '../i18n/translate';

const DAY_MS = 86_400_000;
/** The states in which the item waits for staff (the sweeps escalate these). */
const AWAITING_STAFF: ItemState[] = ['routed', 'in_review', 'appealed'];

/** Who gets a digest: active province officers and managers with an e-mail and the setting on. */
export function digestRecipients(db: AppDatabase) {
  return db
    .select({ id: staffUsers.id, email: staffUsers.email, provinceId: staffUsers.provinceId, role: staffUsers.role })
    .from(staffUsers)
    .where(
      and(
        eq(staffUsers.active, true),
        eq(staffUsers.digestEmail, true),
        isNotNull(staffUsers.email),
        ne(staffUsers.email, ''),
        isNotNull(staffUsers.provinceId),
        inArray(staffUsers.role, [...DIGEST_ROLES]),
      ),
    )
    .all()
    .map((user) => ({ id: user.id, email: user.email!, provinceId: user.provinceId!, role: user.role }));
}

/**
 * A province's sections: arrived in the queue in the last day, past a deadline now, escalated in the last day; as
 * `reader` may see them (a province officer's digest leaves safeguarding items out, issue 23).
 */
export function digestSections(db: AppDatabase, provinceId: string, now: Date, reader: { role: StaffRole }): DigestSections {
  const since = new Date(now.getTime() - DAY_MS);
  const hidden = safeguardingScope(reader);
  const code = { id: items.id };
  const fresh: DigestItem[] = db
    .select(code)
    .from(items)
    .where(and(eq(items.ownerProvinceId, provinceId), hidden, eq(items.state, 'routed'), gte(items.stateEnteredAt, since)))
    .orderBy(items.id)
    .all();
  const overdue: DigestItem[] = db
    .select(code)
    .from(items)
    .where(
      and(
        eq(items.ownerProvinceId, provinceId),
        hidden,
        inArray(items.state, AWAITING_STAFF),
        or(and(isNull(items.firstRespondedAt), lte(items.firstResponseDueAt, now)), and(isNull(items.answeredAt), lte(items.answerDueAt, now))),
      ),
    )
    .orderBy(items.id)
    .all();
  const escalated: DigestItem[] = db
    .selectDistinct(code)
    .from(itemEvents)
    .innerJoin(items, eq(items.id, itemEvents.itemId))
    .where(and(eq(items.ownerProvinceId, provinceId), hidden, eq(itemEvents.action, 'escalate'), gte(itemEvents.at, since)))
    .orderBy(items.id)
    .all();
  return { fresh, overdue, escalated };
}

/**
 * Queues today's digest for every recipient who has not had it, once the Tehran morning hour has come; returns how
 * many were queued. Nothing for a province with nothing to report.
 */
export function queueDailyDigests(db: AppDatabase, now: Date = new Date()): number {
  const day = digestDayDue(now);
  if (!day) return 0;
  const t = translator('fa');
  const baseUrl = getConfig().publicUrl;
  // One synchronous connection: the reads and inserts below run inside this write transaction.
  return db.transaction(() => {
    const bodies = new Map<string, string | null>();
    let queued = 0;
    for (const user of digestRecipients(db)) {
      const key = digestKey(user.id, day);
      if (db.select({ id: outbox.id }).from(outbox).where(eq(outbox.idempotencyKey, key)).get()) continue;
      // One body per province and per sight: a manager's digest lists safeguarding items, an officer's does not.
      const bodyKey = `${user.provinceId}:${seesSafeguarding(user.role)}`;
      if (!bodies.has(bodyKey)) {
        const sections = digestSections(db, user.provinceId, now, user);
        bodies.set(bodyKey, digestIsEmpty(sections) ? null : digestBody(sections, { baseUrl, t, digits: toPersianDigits }));
      }
      const body = bodies.get(bodyKey);
      if (!body) continue;
      queued += db
        .insert(outbox)
        .values({ itemId: null, eventId: null, channel: 'email', audience: 'staff', recipient: user.email, locale: 'fa', body, idempotencyKey: key, nextAttemptAt: now })
        .onConflictDoNothing({ target: outbox.idempotencyKey })
        .run().changes;
    }
    return queued;
  }, { behavior: 'immediate' });
}

/** A user's digest setting and whether a digest can reach them at all (an e-mail, a province role). */
export function digestSetting(db: AppDatabase, userId: number) {
  const row = db.select({ on: staffUsers.digestEmail, email: staffUsers.email, role: staffUsers.role }).from(staffUsers).where(eq(staffUsers.id, userId)).get();
  if (!row) return null;
  return { on: row.on, hasEmail: Boolean(row.email), forRole: (DIGEST_ROLES as readonly string[]).includes(row.role) };
}

/** Turns a user's daily digest on or off (the user on /staff/notifications, or an admin on the user's page). */
export function setDigestSetting(db: AppDatabase, userId: number, on: boolean): boolean {
  return db.update(staffUsers).set({ digestEmail: on }).where(eq(staffUsers.id, userId)).run().changes > 0;
}
