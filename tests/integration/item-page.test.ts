/**
 * The staff item page of issue 24: the action the state calls for comes first, irreversible actions ask for a
 * second step (nothing changes without `confirm=1`; with it the change happens once), a transfer's errors sit
 * under its destination box and a transfer away is announced, and the message log shows every message to the
 * citizen with its delivery state and a resend for one given up on.
 */
import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { centers, itemEvents, items, outbox } from '../../db/schema';
import { confirmMessageKey, type CitizenChannel } from '~/domain/item-page';
import { groupTrackingCode } from '~/domain/tracking-code';
import { translator } from '~/i18n/translate';
import { transition } from '~/services/workflow.server';
import * as staffItem from '~/routes/staff.items.$id/route';
import { CookieJar, getRequest, postForm, routeArgs, run } from '../support/http';
import { csrfOf, signInAs } from '../support/staff';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const BODY = 'مددکار مرکز سه هفته است برای بازدید منزل نیامده و تلفن هم جواب نمی‌دهد.';

function fileItem(provinceId = 'ir-09') {
  const center = db().select().from(centers).where(eq(centers.provinceId, provinceId)).get()!;
  return fileFeedback(db(), { kind: 'complaint', centerId: String(center.id), body: BODY, mobile: '09121234567', email: 'maryam@example.ir', consent: 'on' });
}

async function page(id: number, jar: CookieJar) {
  const response = await run(() => staffItem.loader(routeArgs(getRequest(`/staff/items/${id}`, jar), { id: String(id) })));
  const text = response.status === 200 ? await response.text() : '';
  return { status: response.status, data: text ? { ...JSON.parse(text), csrfToken: await csrfOf(jar) } : null };
}

async function post(id: number, jar: CookieJar, fields: Record<string, string>) {
  const { data } = await page(id, jar);
  return run(() =>
    staffItem.action(routeArgs(postForm(`/staff/items/${id}`, { csrf: data.csrfToken, version: String(data.item.version), ...fields }, jar), { id: String(id) })),
  );
}

const itemRow = (id: number) => db().select().from(items).where(eq(items.id, id)).get()!;
const eventsOf = (id: number) => db().select().from(itemEvents).where(eq(itemEvents.itemId, id)).all();
const messagesOf = (id: number) => db().select().from(outbox).where(eq(outbox.itemId, id)).all();
const snapshot = (id: number) => ({ row: itemRow(id), events: eventsOf(id).length, messages: messagesOf(id).length });

function accepted() {
  const item = fileItem();
  const officer = { role: 'province_officer' as const, provinceId: 'ir-09' };
  expect(transition(db(), item.id, 'accept', officer, {}).ok).toBe(true);
  return item;
}

describe('the primary action', () => {
  it('is accept for a routed item, answer in review, note while the citizen is asked, and none once answered', async () => {
    const officer = await signInAs('officer.ir-09');
    const item = fileItem();
    expect((await page(item.id, officer)).data.primary).toBe('accept');
    expect((await post(item.id, officer, { intent: 'accept' })).status).toBe(302);
    const inReview = (await page(item.id, officer)).data;
    expect(inReview.primary).toBe('answer');
    expect(inReview.actions).toContain('reject');
    expect(inReview.primary).not.toBe('reject');
    expect((await post(item.id, officer, { intent: 'ask_citizen', publicMessage: 'نشانی دقیق منزل را بفرمایید.' })).status).toBe(302);
    expect((await page(item.id, officer)).data.primary).toBe('note');
  });

  it('is the national final answer on an appeal, and nothing for the province that can no longer act', async () => {
    const item = accepted();
    expect(transition(db(), item.id, 'answer', { role: 'province_officer', provinceId: 'ir-09' }, { publicMessage: 'بازدید انجام شد.' }).ok).toBe(true);
    expect(transition(db(), item.id, 'appeal', { role: 'citizen' }, { publicMessage: 'هنوز کسی نیامده است.' }).ok).toBe(true);
    expect((await page(item.id, await signInAs('national'))).data.primary).toBe('final_answer');
    const officerView = (await page(item.id, await signInAs('officer.ir-09'))).data;
    expect(officerView.primary).toBeNull();
  });
});

describe('confirmation of irreversible actions', () => {
  const cases: { intent: string; fields: () => Record<string, string> }[] = [
    { intent: 'answer', fields: () => ({ publicMessage: 'مددکار روز شنبه با شما تماس می‌گیرد.' }) },
    { intent: 'reject', fields: () => ({ publicMessage: 'این موضوع در حوزه بهزیستی نیست.' }) },
    { intent: 'mark_duplicate', fields: () => ({ original: groupTrackingCode(fileItem().trackingCode) }) },
  ];
  for (const { intent, fields } of cases) {
    it(`${intent}: without confirm nothing changes and the exact message is shown; with it the change happens once`, async () => {
      const officer = await signInAs('officer.ir-09');
      const item = accepted();
      const sent = fields();
      const before = snapshot(item.id);
      const first = await post(item.id, officer, { intent, ...sent });
      expect(first.status).toBe(200);
      const step = await first.json();
      expect(step).toMatchObject({ intent, confirm: true, errors: {} });
      expect(step.preview).toContain(groupTrackingCode(item.trackingCode).replace(/\d/g, (d: string) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!));
      if (sent.publicMessage) expect(step.preview).toContain(sent.publicMessage);
      // What was typed comes back to be posted again, never the form token.
      expect(step.values).toMatchObject(sent);
      expect(step.values.csrf).toBeUndefined();
      expect(snapshot(item.id)).toEqual(before);

      // "Back": the form as typed, still nothing saved.
      const back = await post(item.id, officer, { intent, ...sent, edit: '1' });
      expect(back.status).toBe(200);
      expect((await back.json()).values).toMatchObject(sent);
      expect(snapshot(item.id)).toEqual(before);

      const version = String(before.row.version);
      const confirm = () =>
        run(async () =>
          staffItem.action(
            routeArgs(postForm(`/staff/items/${item.id}`, { csrf: await csrfOf(officer), version, intent, ...sent, confirm: '1' }, officer), { id: String(item.id) }),
          ),
        );
      expect((await confirm()).status).toBe(302);
      const after = snapshot(item.id);
      expect(after.events).toBe(before.events + 1);
      expect(eventsOf(item.id).at(-1)!.action).toBe(intent);
      // Sent twice (a double click, a reload): the second is stale, and changes nothing.
      expect((await confirm()).status).toBe(409);
      expect(snapshot(item.id)).toEqual(after);
      if (sent.publicMessage) {
        const last = db().select().from(outbox).where(eq(outbox.itemId, item.id)).orderBy(desc(outbox.id)).all()[0]!;
        expect(last.body).toBe(step.preview);
      }
    });
  }

  it('redirect and the final answer on an appeal ask too', async () => {
    const officer = await signInAs('officer.ir-09');
    const item = accepted();
    const before = snapshot(item.id);
    const org = (await page(item.id, officer)).data.organizations[0];
    const redirect = await post(item.id, officer, { intent: 'redirect', organization: String(org.id), publicMessage: 'با این سازمان تماس بگیرید.' });
    expect((await redirect.json()).confirm).toBe(true);
    expect(snapshot(item.id)).toEqual(before);

    const appealed = accepted();
    transition(db(), appealed.id, 'answer', { role: 'province_officer', provinceId: 'ir-09' }, { publicMessage: 'بازدید انجام شد.' });
    transition(db(), appealed.id, 'appeal', { role: 'citizen' }, { publicMessage: 'هنوز کسی نیامده است.' });
    const national = await signInAs('national');
    const beforeFinal = snapshot(appealed.id);
    const final = await post(appealed.id, national, { intent: 'final_answer', publicMessage: 'بازدید با پیگیری ستاد انجام شد.' });
    expect((await final.json()).confirm).toBe(true);
    expect(snapshot(appealed.id)).toEqual(beforeFinal);
  });

  it('a refused irreversible action says why on its field, without a confirmation step', async () => {
    const officer = await signInAs('officer.ir-09');
    const item = accepted();
    const response = await post(item.id, officer, { intent: 'reject', publicMessage: '  ' });
    expect(response.status).toBe(400);
    const answer = await response.json();
    expect(answer.confirm).toBeUndefined();
    expect(answer.errors).toEqual({ publicMessage: 'errors.message_required' });
  });

  it('accept and notes need no confirmation', async () => {
    const officer = await signInAs('officer.ir-09');
    const item = fileItem();
    expect((await post(item.id, officer, { intent: 'accept' })).status).toBe(302);
    expect((await post(item.id, officer, { intent: 'note', internalNote: 'با مرکز تماس گرفتم.' })).status).toBe(302);
  });
});

describe('the confirmation names only the channels the citizen will receive (outside review, round 8)', () => {
  it('SMS and e-mail, SMS only, or nobody but the tracking page', async () => {
    const officer = await signInAs('officer.ir-09');
    const center = db().select().from(centers).where(eq(centers.provinceId, 'ir-09')).get()!;
    const mobileOnly = fileFeedback(db(), { kind: 'complaint', centerId: String(center.id), body: BODY, mobile: '09121234567', consent: 'on' });
    const nobody = fileFeedback(db(), { kind: 'complaint', centerId: String(center.id), body: BODY, anonymous: 'on', consent: 'on' });
    const shown = async (id: number) => {
      const channels = (await page(id, officer)).data.item.channels as CitizenChannel[];
      return translator('fa')(confirmMessageKey(channels));
    };
    expect(await shown(fileItem().id)).toBe('پیامی که شهروند دریافت می‌کند (پیامک و رایانامه):');
    const sms = await shown(mobileOnly.id);
    expect(sms).toContain('فقط پیامک');
    expect(sms).not.toMatch(/پیامک و رایانامه/);
    const none = await shown(nobody.id);
    expect(none).not.toMatch(/پیامک|رایانامه/);
    expect(none).toContain('فقط در صفحهٔ پیگیری');
    // Only which channels: the contact data itself stays masked on the page.
    expect(JSON.stringify((await page(mobileOnly.id, officer)).data.item)).not.toContain('09121234567');
  });
});

describe('transfer', () => {
  it('names a missing or unchanged destination under its box, and a transfer away says so on the inbox', async () => {
    const officer = await signInAs('officer.ir-09');
    const item = fileItem();
    const missing = await post(item.id, officer, { intent: 'transfer', internalNote: 'مربوط به تهران است.' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors).toEqual({ targetOwner: 'itemPage.transferTargetRequired' });
    const same = await post(item.id, officer, { intent: 'transfer', targetOwner: 'ir-09', internalNote: 'مربوط به تهران است.' });
    expect(same.status).toBe(400);
    expect((await same.json()).errors).toEqual({ targetOwner: 'itemPage.transferSameOwner' });
    const done = await post(item.id, officer, { intent: 'transfer', targetOwner: 'ir-23', internalNote: 'مربوط به تهران است.' });
    expect(done.status).toBe(302);
    expect(done.headers.get('Location')).toBe('/staff/inbox?transferred=1');
    expect(itemRow(item.id).ownerProvinceId).toBe('ir-23');
  });
});

describe('the message log', () => {
  it('lists every message to the citizen with its text and state: queued, sent, retrying, given up, skipped', async () => {
    const officer = await signInAs('officer.ir-09');
    const item = accepted();
    const rows = messagesOf(item.id).filter((m) => m.audience === 'citizen');
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const [a, b, c, d] = rows;
    db().update(outbox).set({ status: 'sent', attempts: 1, sentAt: new Date() }).where(eq(outbox.id, a!.id)).run();
    db().update(outbox).set({ status: 'pending', attempts: 2, lastError: 'gateway 503' }).where(eq(outbox.id, b!.id)).run();
    db().update(outbox).set({ status: 'dead', attempts: 8, lastError: 'gateway 503' }).where(eq(outbox.id, c!.id)).run();
    db().update(outbox).set({ status: 'skipped' }).where(eq(outbox.id, d!.id)).run();
    const { data } = await page(item.id, officer);
    const log = data.messages as { id: number; status: 'pending' | 'sent' | 'dead' | 'skipped'; attempts: number; body: string; recipientMasked: string }[];
    expect(log.map((m) => m.id)).toEqual(rows.map((m) => m.id));
    const { deliveryState } = await import('~/domain/item-page');
    expect(log.slice(0, 4).map(deliveryState)).toEqual(['sent', 'retrying', 'given_up', 'skipped']);
    expect(log.slice(4).every((m) => deliveryState(m) === 'queued')).toBe(true);
    expect(log[0]!.body).toBe(a!.body);
    // Masked, like the rest of the page: the full address only through the audited reveal.
    expect(JSON.stringify(log)).not.toContain('09121234567');
    expect(JSON.stringify(log)).not.toContain('+989121234567');
    expect(JSON.stringify(log)).not.toContain('maryam@example.ir');
  });

  it('resends a message given up on, once, and only that kind', async () => {
    const officer = await signInAs('officer.ir-09');
    const item = accepted();
    const [sent, dead] = messagesOf(item.id);
    db().update(outbox).set({ status: 'sent', attempts: 1, sentAt: new Date() }).where(eq(outbox.id, sent!.id)).run();
    db().update(outbox).set({ status: 'dead', attempts: 8, lastError: 'gateway 503' }).where(eq(outbox.id, dead!.id)).run();

    const refused = await post(item.id, officer, { intent: 'resend_message', message: String(sent!.id) });
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors).toEqual({ form: 'itemPage.messages.notResendable' });
    expect(db().select().from(outbox).where(eq(outbox.id, sent!.id)).get()!.status).toBe('sent');

    const resent = await post(item.id, officer, { intent: 'resend_message', message: String(dead!.id) });
    expect(resent.status).toBe(302);
    expect(resent.headers.get('Location')).toBe(`/staff/items/${item.id}?saved=resend_message`);
    expect(db().select().from(outbox).where(eq(outbox.id, dead!.id)).get()).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    // Already back in the queue: a second press changes nothing.
    expect((await post(item.id, officer, { intent: 'resend_message', message: String(dead!.id) })).status).toBe(400);
  });

  it('never resends a message of another item through this item, nor one whose address retention erased', async () => {
    const officer = await signInAs('officer.ir-09');
    const item = accepted();
    const other = accepted();
    const [otherDead] = messagesOf(other.id);
    db().update(outbox).set({ status: 'dead', attempts: 8 }).where(eq(outbox.id, otherDead!.id)).run();
    expect((await post(item.id, officer, { intent: 'resend_message', message: String(otherDead!.id) })).status).toBe(400);
    expect(db().select().from(outbox).where(eq(outbox.id, otherDead!.id)).get()!.status).toBe('dead');

    const [erased] = messagesOf(item.id);
    db().update(outbox).set({ status: 'dead', attempts: 8, recipient: 'erased' }).where(eq(outbox.id, erased!.id)).run();
    expect((await post(item.id, officer, { intent: 'resend_message', message: String(erased!.id) })).status).toBe(400);
    expect(db().select().from(outbox).where(and(eq(outbox.id, erased!.id), eq(outbox.status, 'dead'))).get()).toBeDefined();
    for (const junk of ['', 'abc', '1e3', '99999999999999']) {
      expect((await post(item.id, officer, { intent: 'resend_message', message: junk })).status).toBe(400);
    }
  });
});
