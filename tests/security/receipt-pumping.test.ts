/**
 * SMS pumping: anyone can type a stranger's mobile into the public form, from as many addresses as they like. The
 * portal keeps every item, but sends one recipient at most RECEIPTS_PER_RECIPIENT receipts a day from unconfirmed
 * channels; the rest are written `skipped` (never sent, shown to staff on /staff/outbox). Real action, real SQLite.
 */
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { centers, items, outbox } from '../../db/schema';
import { RECEIPTS_PER_RECIPIENT } from '~/domain/receipt-cap';
import { listFailedMessages } from '~/models/outbox.server';
import * as feedbackNew from '~/routes/feedback.new';
import { limits } from '~/services/rate-limit.server';
import { postForm, run } from '../support/http';
import { useTestDatabase } from '../support/test-db';
import { codeOf } from '../support/tracking-page';

const { db } = useTestDatabase();
const VICTIM = '09127770101';

async function submitFrom(clientIp: string, mobile: string): Promise<Response> {
  const centerId = String(db().select({ id: centers.id }).from(centers).where(eq(centers.provinceId, 'ir-09')).get()!.id);
  const form = { kind: 'complaint', centerId, provinceId: '', serviceId: '', subject: 'نوبت', body: 'نوبت غربالگری بینایی کودکان دو بار لغو شد.', name: '', mobile, email: '', nationalCode: '', consent: 'on', website: '' };
  return run(() => feedbackNew.action({ request: postForm('/feedback/new', form), params: {}, context: { clientIp } }));
}

beforeEach(() => limits.feedbackPosts.reset());

describe('receipts to one recipient from the public form', () => {
  it('10 submissions with one mobile from 10 addresses: 10 items kept, at most the cap of receipts queued, the rest skipped and shown to staff', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) codes.push(codeOf(await submitFrom(`185.10.0.${i + 1}`, VICTIM)));
    // Every item is kept, and every sent page showed its code.
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(db().select({ id: items.id }).from(items).where(eq(items.trackingCode, code)).get()).toBeTruthy();

    const toVictim = db().select({ status: outbox.status }).from(outbox).where(and(eq(outbox.recipient, '+989127770101'), eq(outbox.channel, 'sms'))).all();
    expect(toVictim).toHaveLength(10);
    expect(toVictim.filter((row) => row.status !== 'skipped')).toHaveLength(RECEIPTS_PER_RECIPIENT);
    const skipped = listFailedMessages(db()).filter((m) => m.status === 'skipped');
    expect(skipped).toHaveLength(10 - RECEIPTS_PER_RECIPIENT);
    expect(skipped[0]!.recipientMasked).not.toContain('7770101');

    // Another person's receipt is not affected.
    await submitFrom('185.10.1.1', '09127770202');
    expect(db().select({ status: outbox.status }).from(outbox).where(eq(outbox.recipient, '+989127770202')).get()?.status).toBe('pending');
  });
});
