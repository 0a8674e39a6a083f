/**
 * The staff daily digest (issue 24): once a Tehran day from the morning hour, one e-mail to each active province
 * officer and manager with an e-mail and the setting on, listing the province's new, overdue and escalated items
 * by code and link; nothing personal in the subject (nor in the body: no name, mobile or words of a citizen).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq, isNull, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { centers, items, outbox, staffUsers } from '../../db/schema';
import { dayKey, TEHRAN_OFFSET_MS } from '~/domain/stats';
import { digestKey } from '~/domain/digest';
import { toPersianDigits } from '~/domain/persian';
import { groupTrackingCode } from '~/domain/tracking-code';
import { queueDigests } from '~/services/digest.server';
import { deliverDueMessages, fileTransport } from '~/services/notify.server';
import { runSweeps } from '~/services/workflow.server';
import * as notifications from '~/routes/staff.notifications';
import * as adminUser from '~/routes/staff.admin.users.$id';
import { getConfig } from '~/platform/config.server';
import { postForm, routeArgs, run } from '../support/http';
import { csrfOf, signInAs } from '../support/staff';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const NAME = 'مریم رضایی';
const MOBILE = '09121234567';
const BODY = 'مددکار مرکز سه هفته است برای بازدید منزل نیامده است.';

/** A Tehran wall-clock time on the day `key`. */
const tehranAt = (key: string, hour: number, minute = 0) => new Date(Date.parse(`${key}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`) - TEHRAN_OFFSET_MS);

/** This morning at 07:30 Tehran, or now when that has passed: a moment at which today's digest is due. */
function dueNow(): Date {
  const morning = tehranAt(dayKey(new Date()), 7, 30);
  return morning.getTime() > Date.now() ? morning : new Date(Date.now() + 60_000);
}

const user = (username: string) => db().select().from(staffUsers).where(eq(staffUsers.username, username)).get()!;
const digestsOn = (day: string) => db().select().from(outbox).where(and(isNull(outbox.itemId), like(outbox.idempotencyKey, `digest-%-${day}`))).all();

describe('the daily digest', () => {
  it('reaches the officers and managers who have an e-mail and want it, once a day, with item numbers and links only', async () => {
    const center = db().select().from(centers).where(eq(centers.provinceId, 'ir-09')).get()!;
    const fresh = fileFeedback(db(), { kind: 'complaint', centerId: String(center.id), body: BODY, name: NAME, mobile: MOBILE, consent: 'on' });
    const late = fileFeedback(db(), { kind: 'complaint', centerId: String(center.id), body: BODY, name: NAME, mobile: MOBILE, consent: 'on' });
    const now = dueNow();
    // Past its first-response deadline: the sweep escalates it, so it is both overdue and escalated.
    db().update(items).set({ firstResponseDueAt: new Date(now.getTime() - 3_600_000) }).where(eq(items.id, late.id)).run();
    runSweeps(db(), now);

    db().update(staffUsers).set({ email: 'officer.ir-09@example.ir' }).where(eq(staffUsers.username, 'officer.ir-09')).run();
    db().update(staffUsers).set({ email: null }).where(eq(staffUsers.username, 'officer.ir-23')).run();
    db().update(staffUsers).set({ digestEmail: false }).where(eq(staffUsers.username, 'manager.ir-23')).run();
    db().update(staffUsers).set({ email: 'national@example.ir' }).where(eq(staffUsers.username, 'national')).run();

    const day = dayKey(now);
    // Before the morning hour: nothing.
    expect(queueDigests(db(), tehranAt(day, 6, 59))).toBe(0);
    expect(digestsOn(day)).toHaveLength(0);

    const queued = queueDigests(db(), now);
    expect(queued).toBeGreaterThan(0);
    const rows = digestsOn(day);
    expect(rows).toHaveLength(queued);
    const recipients = rows.map((r) => r.recipient);
    expect(recipients).toContain('officer.ir-09@example.ir');
    expect(recipients).toContain(user('manager.ir-09').email);
    // No e-mail, opted out, or not a province role: none.
    expect(rows.map((r) => r.idempotencyKey)).not.toContain(digestKey(user('officer.ir-23').id, day));
    expect(rows.map((r) => r.idempotencyKey)).not.toContain(digestKey(user('manager.ir-23').id, day));
    expect(recipients).not.toContain('national@example.ir');
    expect(rows.every((r) => r.audience === 'staff' && r.channel === 'email' && r.eventId === null)).toBe(true);

    const mine = rows.find((r) => r.recipient === 'officer.ir-09@example.ir')!;
    for (const item of [fresh, late]) {
      expect(mine.body).toContain(`#${toPersianDigits(String(item.id))}`);
      expect(mine.body).toContain(`${getConfig().publicUrl}/staff/items/${item.id}`);
      // Never the tracking code: it alone opens an anonymous item's page (outside review, round 8).
      expect(mine.body).not.toContain(toPersianDigits(groupTrackingCode(item.trackingCode)));
      expect(mine.body).not.toContain(item.trackingCode);
    }
    expect(mine.body).not.toContain(NAME);
    expect(mine.body).not.toContain(MOBILE.slice(1));
    expect(mine.body).not.toContain(BODY);

    // Once a day: the next round the same day queues nothing; the next day queues again.
    expect(queueDigests(db(), new Date(now.getTime() + 3_600_000))).toBe(0);
    expect(digestsOn(day)).toHaveLength(queued);
    const tomorrow = new Date(now.getTime() + 86_400_000);
    expect(queueDigests(db(), tomorrow)).toBeGreaterThanOrEqual(0);

    // Delivered with a fixed subject: nothing of the citizen, not even a code.
    const log = path.join(getConfig().dataDir, 'digest-test.log');
    await deliverDueMessages(db(), fileTransport(log), new Date(now.getTime() + 1000), 500);
    const line = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { idempotencyKey: string; subject: string; body: string })
      .find((m) => m.idempotencyKey === mine.idempotencyKey)!;
    expect(line.subject).toBe('دیده‌بان — خلاصه روزانه صندوق شما');
    for (const item of [fresh, late]) expect(line.subject).not.toContain(toPersianDigits(groupTrackingCode(item.trackingCode)));
    expect(line.subject).not.toMatch(/[0-9۰-۹]/);
  });

  it('is nothing for a province with nothing new, overdue or escalated', () => {
    const now = new Date(dueNow().getTime() + 5 * 86_400_000);
    db().update(items).set({ state: 'closed' }).run();
    expect(queueDigests(db(), now)).toBe(0);
  });
});

describe('the digest setting', () => {
  it('is the user’s own to turn off and on, and a value that is neither is a field error', async () => {
    const officer = await signInAs('officer.ir-09');
    const set = async (digest: string) =>
      run(async () => notifications.action(routeArgs(postForm('/staff/notifications', { csrf: await csrfOf(officer), digest }, officer))));
    expect((await set('off')).status).toBe(302);
    expect(user('officer.ir-09').digestEmail).toBe(false);
    const bad = await set('maybe');
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual({ digest: 'errors.invalid_choice' });
    expect(user('officer.ir-09').digestEmail).toBe(false);
    expect((await set('on')).status).toBe(302);
    expect(user('officer.ir-09').digestEmail).toBe(true);
  });

  it('an admin sets it on the user’s page; an officer cannot', async () => {
    const target = user('manager.ir-09');
    const post = async (username: string) => {
      const jar = await signInAs(username);
      return run(async () =>
        adminUser.action(routeArgs(postForm(`/staff/admin/users/${target.id}`, { csrf: await csrfOf(jar), intent: 'digest', digest: 'off' }, jar), { id: String(target.id) })),
      );
    };
    expect([403, 404]).toContain((await post('officer.ir-09')).status);
    expect(user('manager.ir-09').digestEmail).toBe(true);
    expect((await post('admin')).status).toBe(302);
    expect(user('manager.ir-09').digestEmail).toBe(false);
  });
});
