/**
 * Sorting what arrives (issue "Every channel into one workflow"): triage of the national queue (area and kind set
 * as an event, routing to a province), redirection to a named organisation, and duplicates — found by their text,
 * marked, mirrored and closed with their original, without any submitter seeing another's words.
 */
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, centers, itemEvents, items, organizations, outbox } from '../../db/schema';
import { groupTrackingCode } from '~/domain/tracking-code';
import { openItemsAtCenter, similarOpenItems } from '~/models/duplicates.server';
import { transition } from '~/services/workflow.server';
import { citizenView } from '~/models/tracking.server';
import * as orgPage from '~/routes/staff.admin.organizations';
import * as staffItem from '~/routes/staff.items.$id/route';
import { CookieJar, getRequest, postForm, routeArgs, run } from '../support/http';
import { csrfOf, signInAs } from '../support/staff';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();


async function page(id: number, jar: CookieJar) {
  const response = await run(() => staffItem.loader(routeArgs(getRequest(`/staff/items/${id}`, jar), { id: String(id) })));
  expect(response.status).toBe(200);
  return { ...(await response.json()), csrfToken: await csrfOf(jar) };
}

async function act(id: number, jar: CookieJar, fields: Record<string, string>) {
  const data = await page(id, jar);
  return run(() => staffItem.action(routeArgs(postForm(`/staff/items/${id}`, { csrf: data.csrfToken, version: String(data.item.version), ...fields }, jar), { id: String(id) })));
}

function file(options: { province?: string; centerId?: number; body: string; mobile?: string; channel?: 'web' | 'sms' | 'phone'; area?: string }) {
  const fields = {
    kind: 'complaint',
    ...(options.centerId ? { centerId: String(options.centerId) } : { provinceId: options.province ?? 'national' }),
    area: options.area ?? '',
    body: options.body,
    mobile: options.mobile ?? '09121234567',
    consent: 'on',
  };
  return fileFeedback(db(), fields, { channel: options.channel ?? 'web' });
}

const row = (id: number) => db().select().from(items).where(eq(items.id, id)).get()!;
const eventsOf = (id: number) => db().select().from(itemEvents).where(eq(itemEvents.itemId, id)).orderBy(itemEvents.id).all();
const messagesTo = (id: number) => db().select().from(outbox).where(eq(outbox.itemId, id)).orderBy(outbox.id).all();
const firstCenter = (province: string) => db().select().from(centers).where(eq(centers.provinceId, province)).get()!;
const receivedBy = (area: string) =>
  db().all<{ n: number }>(sql`select coalesce(sum(received), 0) as n from stat_daily where owner = 'national' and area = ${area}`)[0]!.n;

describe('triage of the national queue', () => {
  it('a national supervisor sets the area and kind (an internal event, counted under the new area) and routes it to a province', async () => {
    const item = file({ channel: 'sms', body: 'پسرم معلولیت دارد و برای ویلچر به چه کسی باید مراجعه کنم؟ کسی جواب نمی‌دهد.' });
    expect(row(item.id)).toMatchObject({ ownerProvinceId: null, area: null, channel: 'sms' });
    const unknownBefore = receivedBy('');
    const rehabBefore = receivedBy('rehabilitation');
    const national = await signInAs('national');

    expect((await act(item.id, national, { intent: 'classify', area: 'unknown', kind: 'complaint' })).status).toBe(400); // nothing changes
    const classified = await act(item.id, national, { intent: 'classify', area: 'rehabilitation', kind: 'suggestion' });
    expect(classified.status).toBe(302);
    expect(row(item.id)).toMatchObject({ area: 'rehabilitation', kind: 'suggestion', state: 'routed' });
    const event = eventsOf(item.id).at(-1)!;
    expect(event).toMatchObject({ action: 'classify', publicMessage: null, actorType: 'staff' });
    expect(event.internalNote).toContain('rehabilitation');
    // Internal: the citizen is not told; the breakdown by area moves with the correction.
    expect(messagesTo(item.id).filter((m) => m.eventId === event.id)).toEqual([]);
    expect(receivedBy('')).toBe(unknownBefore - 1);
    expect(receivedBy('rehabilitation')).toBe(rehabBefore + 1);

    expect((await act(item.id, national, { intent: 'transfer', targetOwner: 'ir-24', internalNote: 'مربوط به استان' })).status).toBe(302);
    expect(row(item.id).ownerProvinceId).toBe('ir-24');
  });

  it('a province officer cannot classify another province’s item, and an unknown area is refused', async () => {
    const item = file({ province: 'ir-24', body: 'کلاس‌های توانمندسازی خانواده در مرکز محله ما تعطیل شده است.' });
    const other = await signInAs('officer.ir-25');
    expect((await run(() => staffItem.loader(routeArgs(getRequest(`/staff/items/${item.id}`, other), { id: String(item.id) })))).status).toBe(404);
    const own = await signInAs('officer.ir-24');
    const refused = await act(item.id, own, { intent: 'classify', area: 'astrology' });
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors).toEqual({ area: 'errors.invalid_choice' });
  });
});

describe('redirection to the responsible organisation', () => {
  it('requires an active organisation; the citizen’s answer names it with its phone, and the tracking page shows it', async () => {
    const item = file({ province: 'ir-24', body: 'مستمری بازنشستگی پدرم دو ماه است واریز نشده و بیمه هم قطع شده است.' });
    const officer = await signInAs('officer.ir-24');
    const { organizations: offered } = await page(item.id, officer);
    const social = offered.find((o: { nameFa: string }) => o.nameFa.includes('تأمین اجتماعی'));
    expect(social.phone).toBe('1420');

    const missing = await act(item.id, officer, { intent: 'redirect', publicMessage: 'پرداخت مستمری با سازمان تأمین اجتماعی است.' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors).toEqual({ organization: 'redirect.orgRequired' });
    const unknown = await act(item.id, officer, { intent: 'redirect', organization: '99999', publicMessage: 'پرداخت مستمری با سازمان تأمین اجتماعی است.' });
    expect(unknown.status).toBe(400);

    // The preview shows exactly what goes out, organisation included.
    const preview = await act(item.id, officer, { intent: 'redirect', organization: String(social.id), publicMessage: 'پرداخت مستمری با سازمان تأمین اجتماعی است.', preview: '1' });
    expect((await preview.json()).preview).toContain('1420');

    expect((await act(item.id, officer, { intent: 'redirect', organization: String(social.id), publicMessage: 'پرداخت مستمری با سازمان تأمین اجتماعی است.', confirm: '1' })).status).toBe(302);
    expect(row(item.id)).toMatchObject({ state: 'redirected', redirectedOrgId: social.id });
    const event = eventsOf(item.id).at(-1)!;
    expect(event.publicMessage).toContain('سازمان تأمین اجتماعی');
    expect(event.publicMessage).toContain('1420');
    expect(messagesTo(item.id).at(-1)!.body).toContain('1420');
    const view = citizenView(db(), row(item.id));
    expect(JSON.stringify(view)).toContain('tamin.ir');
    // A redirection is a reasoned end: it counts as an answer in the deadline figures.
    const answers = db().all<{ n: number }>(sql`select coalesce(sum(answers), 0) as n from stat_daily where owner = 'ir-24'`)[0]!.n;
    expect(answers).toBeGreaterThanOrEqual(1);
  });

  it('admins keep the list: add, edit, switch off (then not offered), each change audited', async () => {
    const admin = await signInAs('admin');
    expect((await run(() => orgPage.loader(routeArgs(getRequest('/staff/admin/organizations', admin))))).status).toBe(200);
    const csrf = await csrfOf(admin);
    const post = (fields: Record<string, string>) => run(() => orgPage.action(routeArgs(postForm('/staff/admin/organizations', { csrf, ...fields }, admin))));

    const bad = await post({ intent: 'create', nameFa: '', phone: 'تلفن ندارد', website: 'tamin' });
    expect(bad.status).toBe(400);
    const refused = await bad.json();
    expect(refused.errors).toEqual({ nameFa: 'errors.required', phone: 'organizations.phoneInvalid', website: 'organizations.websiteInvalid' });
    expect(refused.values.phone).toBe('تلفن ندارد'); // kept as typed

    expect((await post({ intent: 'create', nameFa: 'اداره بهزیستی شهرستان', phone: '۰۲۱-۱۲۳۴۵۶۷۸', website: 'https://example.ir' })).status).toBe(302);
    const created = db().select().from(organizations).where(eq(organizations.nameFa, 'اداره بهزیستی شهرستان')).get()!;
    expect(created).toMatchObject({ phone: '021-12345678', nameEn: 'اداره بهزیستی شهرستان', active: true });
    expect((await post({ intent: 'toggle', id: String(created.id) })).status).toBe(302);
    expect(db().select().from(organizations).where(eq(organizations.id, created.id)).get()!.active).toBe(false);
    const audits = db().select().from(auditLog).where(and(eq(auditLog.entity, 'organization'), eq(auditLog.entityId, String(created.id)))).all();
    expect(audits.map((a) => a.action)).toEqual(['organization.create', 'organization.update']);

    const item = file({ province: 'ir-24', body: 'یارانه معیشتی خانواده ما قطع شده و کسی پاسخگو نیست.' });
    const { organizations: offered } = await page(item.id, await signInAs('officer.ir-24'));
    expect(offered.map((o: { id: number }) => o.id)).not.toContain(created.id);
    expect((await post({ intent: 'toggle', id: '424242' })).status).toBe(404);
  });
});

describe('duplicates', () => {
  const centre = () => firstCenter('ir-26');

  it('offers similar open items of the same centre, found by their words; a citizen only learns how many are being handled', async () => {
    const first = file({ centerId: centre().id, body: 'غربالگری بینایی کودکان در مرکز دو بار بدون اطلاع قبلی لغو شد و نوبت ما سوخت.' });
    const second = file({ centerId: centre().id, body: 'نوبت غربالگری بینایی دخترم لغو شد، بدون اینکه به ما اطلاع بدهند.', mobile: '09351112233' });
    const unrelated = file({ centerId: centre().id, body: 'ساعت کاری مرکز برای مادران شاغل مناسب نیست؛ لطفاً عصرها هم باز باشد.', mobile: '09351112244' });
    const officer = { role: 'province_officer' as const, provinceId: 'ir-26' };
    const similar = similarOpenItems(db(), officer, { text: row(second.id).body, centerId: centre().id, ownerProvinceId: 'ir-26', excludeId: second.id });
    expect(similar.map((s) => s.id)).toContain(first.id);
    expect(similar.map((s) => s.id)).not.toContain(second.id);
    expect(similar[0]!.id).toBe(first.id);
    expect(similar.map((s) => s.id)).not.toContain(unrelated.id);
    // Another province's officer is offered nothing of ir-26.
    expect(similarOpenItems(db(), { role: 'province_officer', provinceId: 'ir-27' }, { text: row(second.id).body, centerId: centre().id, ownerProvinceId: 'ir-26' })).toEqual([]);
    expect(openItemsAtCenter(db(), centre().id)).toBeGreaterThanOrEqual(3);

    const { similar: onPage } = await page(second.id, await signInAs('officer.ir-26'));
    expect(onPage.map((s: { trackingCode: string }) => s.trackingCode)).toContain(first.trackingCode);
  });

  it('marking a duplicate tells its submitter; the original’s replies reach them; it closes with the original; nobody sees the other’s text', async () => {
    const original = file({ centerId: centre().id, body: 'آسانسور مرکز یک ماه است خراب است و سالمندان نمی‌توانند به طبقه دوم بروند.', mobile: '09121110000' });
    const duplicate = file({ centerId: centre().id, body: 'آسانسور مرکز خراب است؛ مادر سالمندم نتوانست برای جلسه مشاوره بالا برود.', mobile: '09122220000' });
    const officer = await signInAs('officer.ir-26');

    // Refused: itself, an unknown code, another province's item.
    expect((await act(duplicate.id, officer, { intent: 'mark_duplicate', original: duplicate.trackingCode })).status).toBe(400);
    expect((await act(duplicate.id, officer, { intent: 'mark_duplicate', original: '1234' })).status).toBe(400);
    const elsewhere = file({ province: 'ir-27', body: 'آسانسور مرکز استان دیگر هم خراب است و کسی رسیدگی نمی‌کند.' });
    expect((await act(duplicate.id, officer, { intent: 'mark_duplicate', original: elsewhere.trackingCode })).status).toBe(400);

    const marked = await act(duplicate.id, officer, { intent: 'mark_duplicate', original: groupTrackingCode(original.trackingCode), confirm: '1' });
    expect(marked.status).toBe(302);
    expect(row(duplicate.id).duplicateOfItemId).toBe(original.id);
    expect(messagesTo(duplicate.id).at(-1)!.body).toContain('یکجا بررسی می‌شود');
    // A duplicate's own page links to the original; the original's lists the duplicate.
    expect((await page(duplicate.id, officer)).links.original.trackingCode).toBe(original.trackingCode);
    expect((await page(original.id, officer)).links.duplicates.map((d: { id: number }) => d.id)).toEqual([duplicate.id]);
    // A duplicate cannot get duplicates of its own (no chains).
    const third = file({ centerId: centre().id, body: 'آسانسور خراب مرکز هنوز تعمیر نشده و پدرم پله‌ها را نمی‌تواند بالا برود.', mobile: '09123330000' });
    expect((await act(third.id, officer, { intent: 'mark_duplicate', original: duplicate.trackingCode })).status).toBe(400);

    // The original is accepted and answered: the duplicate follows, and its submitter gets the same answer.
    const actor = { role: 'province_officer' as const, provinceId: 'ir-26' };
    expect(transition(db(), original.id, 'accept', actor, {}).ok).toBe(true);
    expect(row(duplicate.id).state).toBe('in_review');
    const answer = 'آسانسور تا پایان هفته تعمیر می‌شود؛ تا آن زمان جلسه‌ها در طبقه همکف برگزار می‌شود.';
    expect(transition(db(), original.id, 'answer', actor, { publicMessage: answer }).ok).toBe(true);
    expect(row(duplicate.id)).toMatchObject({ state: 'answered' });
    const mirrored = eventsOf(duplicate.id).at(-1)!;
    expect(mirrored).toMatchObject({ action: 'answer', toState: 'answered', publicMessage: answer });
    expect(mirrored.mirrorOfEventId).toBe(eventsOf(original.id).at(-1)!.id);
    expect(messagesTo(duplicate.id).at(-1)!.body).toContain(answer);

    // No submitter sees the other's words or contact: neither tracking view holds the other's text or mobile.
    const dupView = JSON.stringify(citizenView(db(), row(duplicate.id)));
    expect(dupView).not.toContain('طبقه دوم بروند');
    expect(dupView).not.toContain('1110000');
    const origView = JSON.stringify(citizenView(db(), row(original.id)));
    expect(origView).not.toContain('جلسه مشاوره بالا');
    expect(origView).not.toContain('2220000');

    // The original's citizen confirms: the original closes and the duplicate closes with it.
    expect(transition(db(), original.id, 'confirm', { role: 'citizen' }, { rating: 5 }).ok).toBe(true);
    expect(row(duplicate.id).state).toBe('closed');
    expect(eventsOf(duplicate.id).at(-1)!.action).toBe('close_with_original');
  });
});
