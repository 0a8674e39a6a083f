/**
 * The staff item page's back-office tools (issue "Staff back office"): assignment by a manager, the audited reveal
 * of contact data, canned replies with placeholders, and a preview of exactly what the citizen will receive.
 */
import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, cannedReplies, centers, itemEvents, items, outbox, staffUsers } from '../../db/schema';
import { groupTrackingCode } from '~/domain/tracking-code';
import { transition } from '~/services/workflow.server';
import { citizenView } from '~/models/tracking.server';
import * as cannedPage from '~/routes/staff.canned';
import * as staffItem from '~/routes/staff.items.$id/route';
import { CookieJar, getRequest, postForm, routeArgs, run } from '../support/http';
import { csrfOf, signInAs } from '../support/staff';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();


const userId = (username: string) => db().select().from(staffUsers).where(eq(staffUsers.username, username)).get()!.id;

function fileItem(options: { anonymous?: boolean } = {}) {
  const center = db().select().from(centers).where(eq(centers.provinceId, 'ir-09')).get()!;
  const item = fileFeedback(db(), {
    kind: 'complaint',
    centerId: String(center.id),
    body: 'مددکار مرکز سه هفته است برای بازدید منزل نیامده و تلفن هم جواب نمی‌دهد.',
    mobile: options.anonymous ? '' : '09121234567',
    email: options.anonymous ? '' : 'maryam@example.ir',
    anonymous: options.anonymous ? 'on' : '',
    consent: 'on',
  });
  return { item, center };
}

const fileItemIn = (provinceId: string) =>
  fileFeedback(db(), { kind: 'suggestion', provinceId, body: 'لطفاً ساعت کار مرکز را تا عصر تمدید کنید.', anonymous: 'on', consent: 'on' });

async function page(id: number, jar: CookieJar, query = '') {
  const response = await run(() => staffItem.loader(routeArgs(getRequest(`/staff/items/${id}${query}`, jar), { id: String(id) })));
  const text = response.status === 200 ? await response.text() : '';
  return { status: response.status, data: text ? { ...JSON.parse(text), csrfToken: await csrfOf(jar) } : null, text };
}

async function post(id: number, jar: CookieJar, fields: Record<string, string>) {
  const { data } = await page(id, jar);
  return run(() => staffItem.action(routeArgs(postForm(`/staff/items/${id}`, { csrf: data.csrfToken, version: String(data.item.version), ...fields }, jar), { id: String(id) })));
}

const itemRow = (id: number) => db().select().from(items).where(eq(items.id, id)).get()!;

describe('an item of a centre deactivated later', () => {
  it('still names the centre on the staff page and on the citizen’s tracking page', async () => {
    const { item, center } = fileItem();
    db().update(centers).set({ active: false }).where(eq(centers.id, center.id)).run();
    try {
      const officer = await signInAs('officer.ir-09');
      const { data } = await page(item.id, officer);
      expect(data.item.center).toEqual({ nameFa: center.nameFa, nameEn: center.nameEn });
      expect(citizenView(db(), itemRow(item.id)).center?.nameFa).toBe(center.nameFa);
    } finally {
      db().update(centers).set({ active: true }).where(eq(centers.id, center.id)).run();
    }
  });
});

describe('assignment', () => {
  it('a manager hands an item to an officer of the province; the page and the internal history show it', async () => {
    const { item } = fileItem();
    const manager = await signInAs('manager.ir-09');
    const officerId = userId('officer.ir-09');
    const before = await page(item.id, manager);
    expect(before.data.actions).toContain('assign');
    expect(before.data.assignable.map((s: { id: number }) => s.id)).toContain(officerId);
    expect(before.data.assignable.map((s: { id: number }) => s.id)).not.toContain(userId('officer.ir-23'));

    const response = await post(item.id, manager, { intent: 'assign', assignee: String(officerId) });
    expect(response.status).toBe(302);
    expect(itemRow(item.id).assignedStaffId).toBe(officerId);
    const after = await page(item.id, manager);
    expect(after.data.item.assigneeName).toContain('خراسان رضوی');
    const [event] = db().select().from(itemEvents).where(and(eq(itemEvents.itemId, item.id), eq(itemEvents.action, 'assign'))).all();
    expect(event).toMatchObject({ actorType: 'staff', actorStaffId: userId('manager.ir-09') });
    // Internal: nothing reaches the citizen.
    expect(db().select().from(outbox).where(eq(outbox.eventId, event!.id)).all()).toEqual([]);
  });

  it('refuses another province’s staff as assignee, and an officer cannot assign at all', async () => {
    const { item } = fileItem();
    const manager = await signInAs('manager.ir-09');
    const refused = await post(item.id, manager, { intent: 'assign', assignee: String(userId('officer.ir-23')) });
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors).toEqual({ assignee: 'errors.invalid_choice' });
    expect(itemRow(item.id).assignedStaffId).toBeNull();

    const officer = await signInAs('officer.ir-09');
    expect((await page(item.id, officer)).data.actions).not.toContain('assign');
    const notAllowed = await post(item.id, officer, { intent: 'assign', assignee: String(userId('officer.ir-09')) });
    expect(notAllowed.status).toBe(400);
    expect(itemRow(item.id).assignedStaffId).toBeNull();
  });

  it('is cleared when the item is transferred to another province', async () => {
    const { item } = fileItem();
    const manager = await signInAs('manager.ir-09');
    await post(item.id, manager, { intent: 'assign', assignee: String(userId('officer.ir-09')) });
    const response = await post(item.id, manager, { intent: 'transfer', targetOwner: 'ir-23', internalNote: 'مرکز در تهران است.' });
    expect(response.status).toBe(302);
    expect(itemRow(item.id)).toMatchObject({ ownerProvinceId: 'ir-23', assignedStaffId: null });
  });
});

describe('contact data on the staff page', () => {
  it('is masked, and shown in full only on request, each request written to the audit log', async () => {
    const { item } = fileItem();
    const officer = await signInAs('officer.ir-09');
    const shown = await page(item.id, officer);
    expect(shown.text).not.toContain('09121234567');
    expect(shown.text).not.toContain('+989121234567');
    expect(shown.text).not.toContain('maryam@example.ir');
    expect(shown.data.item.mobileMasked).toBe('0912***4567');

    const response = await post(item.id, officer, { intent: 'reveal_contact' });
    expect(response.status).toBe(200);
    expect((await response.json()).revealed).toMatchObject({ mobile: '09121234567', email: 'maryam@example.ir' });
    const audit = db().select().from(auditLog).where(and(eq(auditLog.action, 'item.reveal_contact'), eq(auditLog.entityId, String(item.id)))).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorStaffId).toBe(userId('officer.ir-09'));
  });

  it('cannot be revealed by another province’s officer, and nothing is logged for them', async () => {
    const { item } = fileItem();
    const other = await signInAs('officer.ir-23');
    expect((await page(item.id, other)).status).toBe(404);
    // Even with a valid form token of their own, the reveal is refused as not found.
    const { data: own } = await page(fileItemIn('ir-23').id, other);
    const refused = await run(() => staffItem.action(routeArgs(postForm(`/staff/items/${item.id}`, { csrf: own.csrfToken, intent: 'reveal_contact' }, other), { id: String(item.id) })));
    expect(refused.status).toBe(404);
    const audit = db().select().from(auditLog).where(and(eq(auditLog.action, 'item.reveal_contact'), eq(auditLog.entityId, String(item.id)))).all();
    expect(audit).toEqual([]);
  });
});

describe('canned replies', () => {
  it('a manager keeps them; officers start a reply from one, filled in for the item', async () => {
    const manager = await signInAs('manager.ir-09');
    const form = { ...(await (await run(() => cannedPage.loader(routeArgs(getRequest('/staff/canned', manager))))).json()), csrfToken: await csrfOf(manager) };
    const created = await run(() =>
      cannedPage.action(
        routeArgs(
          postForm('/staff/canned', { csrf: form.csrfToken, intent: 'create', title: 'پیگیری بازدید منزل', body: 'بازخورد {{code}} درباره {{centre}} بررسی شد؛ مددکار این هفته تماس می‌گیرد.' }, manager),
        ),
      ),
    );
    expect(created.status).toBe(302);
    const reply = db().select().from(cannedReplies).orderBy(desc(cannedReplies.id)).get()!;
    expect(reply.provinceId).toBe('ir-09');
    expect(db().select().from(auditLog).where(and(eq(auditLog.action, 'canned_reply.create'), eq(auditLog.entityId, String(reply.id)))).all()).toHaveLength(1);

    const { item, center } = fileItem();
    const officer = await signInAs('officer.ir-09');
    transition(db(), item.id, 'accept', { role: 'province_officer', provinceId: 'ir-09' }, {});
    const withReply = await page(item.id, officer, `?canned=${reply.id}`);
    expect(withReply.data.canned.map((r: { id: number }) => r.id)).toContain(reply.id);
    expect(withReply.data.prefill).toBe(`بازخورد ${groupTrackingCode(item.trackingCode)} درباره ${center.nameFa} بررسی شد؛ مددکار این هفته تماس می‌گیرد.`);

    // Another province neither sees nor can change it.
    const otherItem = fileItemIn('ir-23');
    const otherOfficer = await signInAs('officer.ir-23');
    expect((await page(otherItem.id, otherOfficer, `?canned=${reply.id}`)).data).toMatchObject({ prefill: null });
    const otherManager = await signInAs('manager.ir-23');
    const otherForm = { ...(await (await run(() => cannedPage.loader(routeArgs(getRequest('/staff/canned', otherManager))))).json()), csrfToken: await csrfOf(otherManager) };
    expect(otherForm.replies.map((r: { id: number }) => r.id)).not.toContain(reply.id);
    const hijack = await run(() => cannedPage.action(routeArgs(postForm('/staff/canned', { csrf: otherForm.csrfToken, intent: 'update', id: String(reply.id), title: 'x', body: 'y' }, otherManager))));
    expect(hijack.status).toBe(404);
    expect(db().select().from(cannedReplies).where(eq(cannedReplies.id, reply.id)).get()!.title).toBe('پیگیری بازدید منزل');
  });

  it('are refused with field messages when empty, and are not for officers to keep', async () => {
    const manager = await signInAs('manager.ir-09');
    const form = { ...(await (await run(() => cannedPage.loader(routeArgs(getRequest('/staff/canned', manager))))).json()), csrfToken: await csrfOf(manager) };
    const refused = await run(() => cannedPage.action(routeArgs(postForm('/staff/canned', { csrf: form.csrfToken, intent: 'create', title: '', body: 'متن' }, manager))));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ errors: { title: 'errors.title_required' }, values: { body: 'متن' } });
    const officer = await signInAs('officer.ir-09');
    expect((await run(() => cannedPage.loader(routeArgs(getRequest('/staff/canned', officer))))).status).toBe(404);
  });
});

describe('the preview of the message to the citizen', () => {
  it('shows exactly the text the citizen would receive, and changes nothing', async () => {
    const { item } = fileItem();
    const officer = await signInAs('officer.ir-09');
    transition(db(), item.id, 'accept', { role: 'province_officer', provinceId: 'ir-09' }, {});
    const before = { row: itemRow(item.id), events: db().select().from(itemEvents).where(eq(itemEvents.itemId, item.id)).all().length, messages: db().select().from(outbox).where(eq(outbox.itemId, item.id)).all().length };
    const answer = 'بازدید منزل برای شنبه ساعت ۱۰ هماهنگ شد.';
    const response = await post(item.id, officer, { intent: 'answer', publicMessage: answer, preview: '1' });
    expect(response.status).toBe(200);
    const { preview } = await response.json();
    expect(preview).toContain(answer);
    expect(preview).toContain('پاسخ داده شد');
    expect(itemRow(item.id)).toEqual(before.row);
    expect(db().select().from(itemEvents).where(eq(itemEvents.itemId, item.id)).all()).toHaveLength(before.events);
    expect(db().select().from(outbox).where(eq(outbox.itemId, item.id)).all()).toHaveLength(before.messages);

    // Sent for real, the message is the one previewed.
    expect((await post(item.id, officer, { intent: 'answer', publicMessage: answer, confirm: '1' })).status).toBe(302);
    const [last] = db().select().from(outbox).where(eq(outbox.itemId, item.id)).orderBy(desc(outbox.id)).all();
    expect(last!.body).toBe(preview);
  });

  it('says so when the citizen cannot be reached', async () => {
    const { item } = fileItem({ anonymous: true });
    const officer = await signInAs('officer.ir-09');
    const response = await post(item.id, officer, { intent: 'reject', publicMessage: 'این موضوع در حوزه بهزیستی نیست.', preview: '1' });
    expect((await response.json()).preview).toBe('');
    expect(itemRow(item.id).state).toBe('routed');
  });
});

describe('a refused action', () => {
  it('names the field and gives back what the officer typed in that form, never the form token', async () => {
    const { item } = fileItem();
    const officer = await signInAs('officer.ir-09');
    transition(db(), item.id, 'accept', { role: 'province_officer', provinceId: 'ir-09' }, {});
    const note = 'با مرکز تماس گرفته شد.';
    const state = itemRow(item.id).state;
    // Refused by the form's rules: a reply longer than any message may be.
    const tooLong = await post(item.id, officer, { intent: 'answer', publicMessage: 'پ'.repeat(5001), internalNote: note });
    expect(tooLong.status).toBe(400);
    const refused = await tooLong.json();
    expect(refused).toMatchObject({ intent: 'answer', errors: { publicMessage: 'errors.message_too_long' }, values: { publicMessage: 'پ'.repeat(5001), internalNote: note } });
    expect(refused.values.csrf).toBeUndefined();
    // Refused by the workflow (an answer needs a message to the citizen): the door's message, on its field.
    const empty = await post(item.id, officer, { intent: 'answer', publicMessage: '', internalNote: note });
    expect(empty.status).toBe(400);
    const workflowRefusal = await empty.json();
    expect(workflowRefusal.intent).toBe('answer');
    expect(Object.keys(workflowRefusal.errors)).toHaveLength(1);
    expect(workflowRefusal.values).toMatchObject({ internalNote: note });
    expect(workflowRefusal.values.csrf).toBeUndefined();
    expect(itemRow(item.id).state).toBe(state);
  });
});

describe('the form token', () => {
  it('refuses a forged token of the right length in letters but not in bytes with 403, not a server error', async () => {
    const { item } = fileItem();
    const officer = await signInAs('officer.ir-09');
    const { data } = await page(item.id, officer);
    const forged = 'ا'.repeat(data.csrfToken.length);
    const response = await run(() =>
      staffItem.action(routeArgs(postForm(`/staff/items/${item.id}`, { csrf: forged, intent: 'note', version: String(data.item.version), internalNote: 'x' }, officer), { id: String(item.id) })),
    );
    expect(response.status).toBe(403);
  });
});
