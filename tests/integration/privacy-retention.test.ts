/**
 * Data minimisation (docs/DESIGN.md §7, issue "Citizen submission and tracking"): contact data and attachments are erased a
 * configurable time after closing, and the privacy page states that time from the same setting.
 */
import { eq } from 'drizzle-orm';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachments, outbox } from '../../db/schema';
import fa from '../../locales/fa/common.json';
import { getConfig } from '~/platform/config.server';
import { feedbackSchema } from '~/domain/feedback-schema';
import { DEFAULT_SETTINGS } from '~/domain/settings';
import { listAttachments, recordAttachments, storeFiles } from '~/models/attachments.server';
import { findByTrackingCode } from '~/models/items.server';
import { runSweeps, submitItem, transition } from '~/services/workflow.server';
import { saveWorkflowSettings } from '~/models/settings.server';
import * as privacy from '~/routes/privacy';
import * as trackIndex from '~/routes/track._index';
import { postForm, routeArgs, run } from '../support/http';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const DAY = 86_400_000;
const officer = { role: 'province_officer' as const, provinceId: 'ir-09', staffId: null };
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f60000000049454e44ae426082', 'hex');

/** A complaint with full contact data and one photo, answered and confirmed by the citizen at `closedAt`. */
async function closedComplaint(closedAt: Date) {
  const form = feedbackSchema.parse({
    kind: 'complaint',
    provinceId: 'ir-09',
    body: 'مددکار مرکز سه هفته است برای بازدید منزل نیامده و تلفن هم جواب نمی‌دهد.',
    mobile: '09121234567',
    name: 'مریم احمدی',
    email: 'maryam@example.ir',
    nationalCode: '0499370899',
    consent: 'on',
  });
  const [stored] = await storeFiles([{ originalName: 'نامه.png', mimeType: 'image/png', bytes: PNG }]);
  const item = submitItem(db(), form, { channel: 'web', locale: 'fa', actor: { role: 'citizen' }, now: closedAt, inTransaction: (tx, row) => recordAttachments(tx, row.id, [stored!]) });
  transition(db(), item.id, 'accept', officer, {}, closedAt);
  transition(db(), item.id, 'answer', officer, { publicMessage: 'مددکار فردا به منزل شما می‌آید.' }, closedAt);
  transition(db(), item.id, 'confirm', { role: 'citizen' }, { rating: 4 }, closedAt);
  return { item: findByTrackingCode(db(), item.trackingCode)!, storedName: stored!.storedName };
}

const lookUp = (code: string, mobile: string) => run(() => trackIndex.action(routeArgs(postForm('/track', { code, mobile }))));

describe('contact data after closing', () => {
  it('is kept for the retention time, then name, mobile, email, national code, attachments and message addresses are erased', async () => {
    const closedAt = new Date('2026-01-10T08:00:00Z');
    const { item, storedName } = await closedComplaint(closedAt);
    expect(item.state).toBe('closed');
    const file = path.join(getConfig().dataDir, 'attachments', storedName);
    expect(existsSync(file)).toBe(true);

    runSweeps(db(), new Date(closedAt.getTime() + 180 * DAY - 1));
    expect(findByTrackingCode(db(), item.trackingCode)).toMatchObject({ mobile: '+989121234567', name: 'مریم احمدی', contactErasedAt: null });
    expect((await lookUp(item.trackingCode, '09121234567')).status).toBe(302);

    const erasedAt = new Date(closedAt.getTime() + 180 * DAY + 1);
    expect(runSweeps(db(), erasedAt).contactsErased).toBeGreaterThanOrEqual(1);
    const erased = findByTrackingCode(db(), item.trackingCode)!;
    expect(erased).toMatchObject({ name: null, mobile: null, email: null, nationalCode: null, contactErasedAt: erasedAt, state: 'closed', rating: 4 });
    expect(erased.body).toContain('بازدید منزل'); // the text stays, for supervision and statistics
    expect(listAttachments(db(), item.id)).toEqual([]);
    expect(db().select().from(attachments).where(eq(attachments.itemId, item.id)).all()).toEqual([]);
    expect(existsSync(file)).toBe(false);
    const messages = db().select().from(outbox).where(eq(outbox.itemId, item.id)).all();
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.map((m) => m.recipient)).not.toContain('+989121234567');
    expect(JSON.stringify(messages)).not.toContain('maryam@example.ir');
  });

  it('answers a look-up afterwards as for an unknown code, whose message says where a long-closed item is followed', async () => {
    const closedAt = new Date('2026-02-10T08:00:00Z');
    const { item } = await closedComplaint(closedAt);
    runSweeps(db(), new Date(closedAt.getTime() + 181 * DAY));
    const response = await lookUp(item.trackingCode, '09121234567');
    expect(response.status).toBe(404);
    // The answer of an unknown code (an "erased" answer told anyone with a code that it existed and was not
    // anonymous: outside review, third round); its text says where a long-closed item is followed.
    expect((await response.json()).errors).toEqual({ form: 'track.notFound' });
    expect(fa.track.notFound).toContain('۱۴۸۲');
    const stranger = await lookUp(item.trackingCode, '09350000000');
    expect(await stranger.json()).toMatchObject({ errors: { form: 'track.notFound' } });
  });

  it('is never erased from an item still being handled, however old', () => {
    const sentAt = new Date('2025-01-10T08:00:00Z');
    const form = feedbackSchema.parse({ kind: 'suggestion', provinceId: 'ir-09', body: 'لطفاً ساعت کار مرکز را تا عصر تمدید کنید.', mobile: '09121234567', consent: 'on' });
    const open = submitItem(db(), form, { channel: 'web', locale: 'fa', actor: { role: 'citizen' }, now: sentAt });
    transition(db(), open.id, 'accept', officer, {}, sentAt);
    runSweeps(db(), new Date(sentAt.getTime() + 400 * DAY));
    expect(findByTrackingCode(db(), open.trackingCode)).toMatchObject({ state: 'in_review', mobile: '+989121234567', contactErasedAt: null });
  });

  it('follows the configured retention time, which the privacy page states', async () => {
    saveWorkflowSettings(db(), { ...DEFAULT_SETTINGS, contactRetentionDays: 30 });
    try {
      const page = await (await run(() => privacy.loader())).json();
      expect(page).toEqual({ retentionDays: 30 });
      const closedAt = new Date('2026-03-10T08:00:00Z');
      const { item } = await closedComplaint(closedAt);
      runSweeps(db(), new Date(closedAt.getTime() + 29 * DAY));
      expect(findByTrackingCode(db(), item.trackingCode)?.mobile).toBe('+989121234567');
      runSweeps(db(), new Date(closedAt.getTime() + 30 * DAY + 1));
      expect(findByTrackingCode(db(), item.trackingCode)?.mobile).toBeNull();
    } finally {
      saveWorkflowSettings(db(), DEFAULT_SETTINGS);
    }
  });
});
