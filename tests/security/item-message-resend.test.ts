/**
 * The item page's resend (issue 24) is a write on a citizen's message: only staff who can act on the item may
 * press it, with the form token; another province's officer, a call-centre agent or an admin get nothing resent.
 * And no resend, from the item page or /staff/outbox, ever requeues a message whose address retention erased.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { centers, outbox } from '../../db/schema';
import { resendMessages, transition } from '~/services/workflow.server';
import * as staffItem from '~/routes/staff.items.$id/route';
import { CookieJar, postForm, routeArgs, run } from '../support/http';
import { csrfOf, signInAs } from '../support/staff';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

function deadMessage() {
  const center = db().select().from(centers).where(eq(centers.provinceId, 'ir-09')).get()!;
  const item = fileFeedback(db(), { kind: 'complaint', centerId: String(center.id), body: 'تلفن مرکز پاسخ نمی‌دهد.', mobile: '09121234567', consent: 'on' });
  transition(db(), item.id, 'accept', { role: 'province_officer', provinceId: 'ir-09' }, {});
  const message = db().select().from(outbox).where(eq(outbox.itemId, item.id)).get()!;
  db().update(outbox).set({ status: 'dead', attempts: 8, lastError: 'gateway 503' }).where(eq(outbox.id, message.id)).run();
  return { item, message };
}

const statusOf = (id: number) => db().select().from(outbox).where(eq(outbox.id, id)).get()!.status;

async function resend(jar: CookieJar, itemId: number, messageId: number, csrf?: string) {
  return run(async () =>
    staffItem.action(routeArgs(postForm(`/staff/items/${itemId}`, { csrf: csrf ?? (await csrfOf(jar)), intent: 'resend_message', message: String(messageId) }, jar), { id: String(itemId) })),
  );
}

describe('resending a citizen message from the item page', () => {
  it('is not found for another province’s officer, and nothing is resent', async () => {
    const { item, message } = deadMessage();
    const response = await resend(await signInAs('officer.ir-23'), item.id, message.id);
    expect(response.status).toBe(404);
    expect(statusOf(message.id)).toBe('dead');
  });

  it('is refused to roles that do not handle items (an agent, an admin)', async () => {
    const { item, message } = deadMessage();
    for (const username of ['agent', 'admin']) {
      const response = await resend(await signInAs(username), item.id, message.id);
      expect([403, 404]).toContain(response.status);
    }
    expect(statusOf(message.id)).toBe('dead');
  });

  it('needs the form token', async () => {
    const { item, message } = deadMessage();
    const officer = await signInAs('officer.ir-09');
    const response = await resend(officer, item.id, message.id, 'x'.repeat(43));
    expect(response.status).toBe(403);
    expect(statusOf(message.id)).toBe('dead');
  });

  it('through the door, never requeues a message whose address was erased', () => {
    const { message } = deadMessage();
    db().update(outbox).set({ recipient: 'erased' }).where(eq(outbox.id, message.id)).run();
    expect(resendMessages(db(), [message.id])).toBe(0);
    expect(statusOf(message.id)).toBe('dead');
  });
});
