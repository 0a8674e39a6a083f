/**
 * An officer guessing item ids (issue 23): a safeguarding item of their own province answers exactly as an id that
 * does not exist — the same 404, the same body — on the item page, its attachment, an action posted at it and a
 * bulk action naming it, so the answer never confirms that a hidden item exists.
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { items, staffUsers } from '../../db/schema';
import { feedbackSchema } from '~/domain/feedback-schema';
import { recordAttachments, storeFiles } from '~/models/attachments.server';
import { submitItem, transition } from '~/services/workflow.server';
import * as attachmentFile from '~/routes/staff.items.$id.attachments.$attachmentId';
import * as staffItem from '~/routes/staff.items.$id/route';
import { getRequest, postForm, routeArgs, run } from '../support/http';
import { bulk } from '../support/inbox';
import { csrfOf, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('guessing the ids of safeguarding items', () => {
  it('answers as for an id that does not exist', async () => {
    const [file] = await storeFiles([{ bytes: PNG, mimeType: 'image/png', originalName: 'photo.png' }]);
    const form = feedbackSchema.parse({ kind: 'complaint', provinceId: 'ir-09', body: 'مادرم را در خانه آزار می‌دهند و کسی کمک نمی‌کند.', mobile: '09121112233', consent: 'on' });
    const item = submitItem(db(), form, { channel: 'web', locale: 'fa', actor: { role: 'citizen' }, inTransaction: (tx, row) => recordAttachments(tx, row.id, [file!]) });
    const attachmentId = db().all<{ id: number }>(`select id from attachments where item_id = ${item.id}`)[0]!.id;
    const manager = db().select().from(staffUsers).where(eq(staffUsers.username, 'manager.ir-09')).get()!;
    expect(transition(db(), item.id, 'set_safeguarding', { role: 'province_manager', provinceId: 'ir-09', staffId: manager.id }, { safeguarding: true, internalNote: 'آزار' }).ok).toBe(true);
    const missing = (db().select({ max: sql<number>`max(${items.id})` }).from(items).get()!.max ?? 0) + 1000;

    const officer = await signInAs('officer.ir-09');
    const csrf = await csrfOf(officer);
    const version = String(db().select({ version: items.version }).from(items).where(eq(items.id, item.id)).get()!.version);
    const answers = async (id: number) => {
      const page = await run(() => staffItem.loader(routeArgs(getRequest(`/staff/items/${id}`, officer), { id: String(id) })));
      const attachment = await run(() =>
        attachmentFile.loader(routeArgs(getRequest(`/staff/items/${id}/attachments/${attachmentId}`, officer), { id: String(id), attachmentId: String(attachmentId) })),
      );
      const note = await run(() => staffItem.action(routeArgs(postForm(`/staff/items/${id}`, { csrf, intent: 'note', version, internalNote: 'حدس' }, officer), { id: String(id) })));
      const reveal = await run(() => staffItem.action(routeArgs(postForm(`/staff/items/${id}`, { csrf, intent: 'reveal_contact' }, officer), { id: String(id) })));
      const bulkReply = await bulk(officer, csrf, [`${id}.${version}`], { bulkAction: 'spam' });
      return {
        page: [page.status, await page.text()],
        attachment: [attachment.status, await attachment.text()],
        note: [note.status, await note.text()],
        reveal: [reveal.status, await reveal.text()],
        // The bulk summary names the refused id the officer sent (both times), with no tracking code and the same reason.
        bulk: [bulkReply.status, bulkReply.reply?.step, bulkReply.reply?.summary?.refused.map((r) => ({ ...r, id: r.id === id ? 'ID' : r.id }))],
      };
    };
    const hidden = await answers(item.id);
    const nothing = await answers(missing);
    expect(hidden.page[0]).toBe(404);
    expect(hidden).toEqual(nothing);
    expect(JSON.stringify(hidden)).not.toContain(item.trackingCode);
  });
});
