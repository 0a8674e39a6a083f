/**
 * The SMS/email gateway is down during a burst of 200 submissions, then comes back (issue "Performance and
 * resilience evidence"). The outbox keeps every message: each is delivered exactly once per idempotency key once
 * the gateway answers, none is dead-lettered while the outage stays within MAX_ATTEMPTS tries, and a longer outage
 * that does dead-letter them loses nothing after `resendMessages`.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema';
import { feedbackSchema } from '~/domain/feedback-schema';
import { submitItem } from '~/services/workflow.server';
import { resendMessages } from '~/models/outbox.server';
import { deliverDueMessages, MAX_ATTEMPTS, nextAttemptDelayMs, type NotificationTransport, type OutgoingMessage } from '~/services/notify.server';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

// Thousands of outbox updates, each its own transaction: what is measured here is the retry logic, not fsync.
beforeAll(() => void db().$client.pragma('synchronous = NORMAL'));

/** A gateway that refuses everything while `down`, and otherwise records each accepted message by its key. */
class FlakyGateway implements NotificationTransport {
  down = true;
  refused = 0;
  readonly accepted = new Map<string, OutgoingMessage[]>();
  handles() {
    return true;
  }
  async send(message: OutgoingMessage) {
    if (this.down) {
      this.refused++;
      throw new Error('gateway unavailable (503)');
    }
    const list = this.accepted.get(message.idempotencyKey) ?? [];
    list.push(message);
    this.accepted.set(message.idempotencyKey, list);
  }
}

const HOUR = 3_600_000;
/** Longer than the longest backoff (one hour × 1.5 jitter), so every pending message is due in the next round. */
const STEP = 2 * HOUR;

const form = (i: number) =>
  feedbackSchema.parse({
    kind: (['criticism', 'suggestion', 'complaint'] as const)[i % 3],
    provinceId: `ir-${String(i % 31).padStart(2, '0')}`,
    body: `بازخورد آزمایشی شماره ${i}: نوبت بازدید منزل انجام نشده و تلفن مرکز پاسخ نمی‌دهد.`,
    mobile: `0912${String(1_000_000 + i).slice(1)}0`.slice(0, 11),
    // Every third citizen also gives an email: two messages (sms + email) for that item.
    email: i % 3 === 0 ? `citizen${i}@example.ir` : '',
    consent: 'on',
  });

/** 200 submissions in bursts of 20, a (failing) delivery round after each burst, as the server's worker would run. */
async function burst(gateway: FlakyGateway, start: Date) {
  let now = start;
  const itemIds: number[] = [];
  for (let b = 0; b < 10; b++) {
    for (let i = 0; i < 20; i++) itemIds.push(submitItem(db(), form(b * 20 + i), { channel: 'web', locale: 'fa', actor: { role: 'citizen' }, now }).id);
    await deliverDueMessages(db(), gateway, now, 1000);
    now = new Date(now.getTime() + 5_000);
  }
  return { itemIds, now };
}

const rowsOf = (itemIds: number[]) => db().select().from(outbox).where(inArray(outbox.itemId, itemIds)).all();
const pendingCount = () => db().select().from(outbox).where(eq(outbox.status, 'pending')).all().length;

/** Rounds advancing `now` by STEP until nothing is pending; returns how many rounds it took. */
async function drain(gateway: FlakyGateway, from: Date, upAfterRounds: number, maxRounds = 50) {
  let now = from;
  for (let round = 1; round <= maxRounds; round++) {
    if (round > upAfterRounds) gateway.down = false;
    now = new Date(now.getTime() + STEP);
    await deliverDueMessages(db(), gateway, now, 1000);
    if (pendingCount() === 0) return { rounds: round, now };
  }
  throw new Error(`the outbox still has ${pendingCount()} pending messages after ${maxRounds} rounds`);
}

function expectEachDeliveredOnce(gateway: FlakyGateway, rows: (typeof outbox.$inferSelect)[]) {
  const keys = rows.map((r) => r.idempotencyKey);
  expect(new Set(keys).size).toBe(rows.length);
  const notOnce = keys.filter((key) => gateway.accepted.get(key)?.length !== 1);
  expect(notOnce, 'messages not delivered exactly once').toEqual([]);
  for (const row of rows) expect(gateway.accepted.get(row.idempotencyKey)![0]).toMatchObject({ recipient: row.recipient, body: row.body, channel: row.channel });
  expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
}

describe('the notification gateway is down during a burst of submissions', () => {
  it('delivers every message exactly once after an outage shorter than the retry budget, with none dead', async () => {
    expect(MAX_ATTEMPTS).toBeGreaterThan(4);
    const gateway = new FlakyGateway();
    const { itemIds, now } = await burst(gateway, new Date(Date.now() + HOUR));
    const queued = rowsOf(itemIds);
    expect(queued.length).toBe(200 + 67); // one SMS each, one email for every third
    expect(queued.every((r) => r.status === 'pending')).toBe(true);

    // The burst's own rounds (every 5 s, backoff from 15 s) already tried the oldest messages more than once. Stay
    // down for as many more rounds as leaves two tries in hand, then come back up.
    const triedSoFar = Math.max(...queued.map((r) => r.attempts));
    const downRounds = MAX_ATTEMPTS - 2 - triedSoFar;
    expect(downRounds).toBeGreaterThanOrEqual(3);
    const { rounds } = await drain(gateway, now, downRounds);
    const rows = rowsOf(itemIds);
    expect(rows.filter((r) => r.status === 'dead')).toEqual([]);
    expectEachDeliveredOnce(gateway, rows);
    expect(Math.max(...rows.map((r) => r.attempts))).toBe(MAX_ATTEMPTS - 1);
    expect(db().select().from(outbox).where(eq(outbox.status, 'dead')).all()).toEqual([]);
    console.info(`[gateway down] ${rows.length} messages, ${gateway.refused} refused sends (up to ${triedSoFar} during the burst), delivered ${rounds} rounds after it, max attempts ${Math.max(...rows.map((r) => r.attempts))}/${MAX_ATTEMPTS}`);
  });

  it('loses nothing when a longer outage dead-letters the messages and staff resend them', async () => {
    const gateway = new FlakyGateway();
    const { itemIds, now: afterBurst } = await burst(gateway, new Date(Date.now() + 200 * HOUR));
    // Still down through every remaining attempt: the messages go dead.
    let now = afterBurst;
    for (let round = 0; round < MAX_ATTEMPTS + 2; round++) {
      now = new Date(now.getTime() + STEP);
      await deliverDueMessages(db(), gateway, now, 1000);
    }
    const dead = rowsOf(itemIds);
    expect(dead.filter((r) => r.status !== 'dead')).toEqual([]);
    expect(dead.every((r) => r.attempts === MAX_ATTEMPTS && r.lastError === 'gateway unavailable (503)')).toBe(true);
    expect(gateway.accepted.size).toBe(0);
    // A dead message is never retried on its own.
    await deliverDueMessages(db(), gateway, new Date(now.getTime() + 100 * HOUR), 1000);
    expect(gateway.refused).toBe(dead.length * MAX_ATTEMPTS);

    // The gateway is back; staff resend them from /staff/outbox (resendMessages), and only dead ones are touched.
    gateway.down = false;
    now = new Date(now.getTime() + STEP);
    expect(resendMessages(db(), dead.map((r) => r.id), now)).toBe(dead.length);
    expect(resendMessages(db(), dead.map((r) => r.id), now)).toBe(0);
    const { rounds } = await drain(gateway, new Date(now.getTime() - STEP), 0);
    expectEachDeliveredOnce(gateway, rowsOf(itemIds));
    expect(db().select().from(outbox).where(and(inArray(outbox.itemId, itemIds), eq(outbox.status, 'dead'))).all()).toEqual([]);
    console.info(`[gateway down, dead-lettered] ${dead.length} messages dead after ${MAX_ATTEMPTS} tries, all delivered once ${rounds} round(s) after the resend`);
  });

  it('keeps the backoff within the one-hour cap that the rounds above rely on', () => {
    for (let attempts = 1; attempts <= MAX_ATTEMPTS; attempts++) expect(nextAttemptDelayMs(attempts, () => 0.999_999)).toBeLessThan(STEP);
  });
});
