/**
 * Every channel writes through the one workflow door (app/services/workflow.server.ts): the web form, a staff answer,
 * a citizen's reply, a text message, an Open311 post and the sweep each leave the item, its latest event and its
 * outbox rows in agreement, and ask for delivery exactly once; a refused action writes nothing and asks for nothing.
 * The layering the door rests on is checked on the source: only the door calls the item writes, and no model reaches
 * up into a service.
 */
import { asc, eq } from 'drizzle-orm';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemEvents, items, outbox } from '../../db/schema';
import { resetConfigForTests } from '~/platform/config.server';
import { DEMO_API_KEY } from '~/seed/index';
import { deliveryKickCount } from '~/services/delivery.server';
import { runSweeps, transition } from '~/services/workflow.server';
import * as open311Collection from '~/routes/api.open311.v2.$resource';
import * as smsInbound from '~/routes/api.sms.inbound';
import * as feedbackNew from '~/routes/feedback.new';
import * as staffItem from '~/routes/staff.items.$id/route';
import * as trackCode from '~/routes/track.$code';
import * as trackIndex from '~/routes/track._index';
import { BASE, CookieJar, getRequest, postForm, routeArgs, run } from '../support/http';
import { fileFeedback } from '../support/items';
import { csrfOf, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();
const TOKEN = 'door-test-gateway-token';
const BODY = 'نوبت بازدید منزل پدرم سه هفته است انجام نشده و کسی پاسخ نمی‌دهد.';
const officer = { role: 'province_officer' as const, provinceId: 'ir-09' };

beforeAll(() => {
  process.env.SMS_INBOUND_TOKEN = TOKEN;
  resetConfigForTests();
});
afterAll(() => {
  delete process.env.SMS_INBOUND_TOKEN;
  resetConfigForTests();
});

/** Runs `work` and returns what it returned with the number of times delivery was asked for meanwhile. */
async function kicksDuring<T>(work: () => Promise<T> | T): Promise<{ result: T; kicks: number }> {
  const before = deliveryKickCount();
  const result = await work();
  return { result, kicks: deliveryKickCount() - before };
}

/**
 * The item, its events and its messages agree: the latest event leaves the item in its state and queue, the version
 * counts the changes, and the latest public event has one message per way to reach the submitter.
 */
function expectConsistent(itemId: number, lastAction: string) {
  const item = db().select().from(items).where(eq(items.id, itemId)).get()!;
  const events = db().select().from(itemEvents).where(eq(itemEvents.itemId, itemId)).orderBy(asc(itemEvents.id)).all();
  const messages = db().select().from(outbox).where(eq(outbox.itemId, itemId)).all();
  const last = events.at(-1)!;
  expect(last.action).toBe(lastAction);
  expect(last.toState).toBe(item.state);
  expect(last.ownerProvinceId).toBe(item.ownerProvinceId);
  // submit + route make version 1; every later event moved it by one.
  expect(item.version).toBe(events.length - 1);
  const eventIds = new Set(events.map((event) => event.id));
  for (const message of messages) expect(eventIds.has(message.eventId!)).toBe(true);
  const reachable = [item.mobile, item.email].filter(Boolean).length;
  expect(messages.filter((message) => message.eventId === last.id && message.audience === 'citizen')).toHaveLength(last.action === 'escalate' ? 0 : reachable);
  return item;
}

function fileItem(mobile = '09121112233') {
  return fileFeedback(db(), { kind: 'complaint', provinceId: 'ir-09', body: BODY, mobile, consent: 'on' });
}

describe('every channel goes through the door', () => {
  it('the web form: item, events and message, delivery asked for once', async () => {
    const { result: response, kicks } = await kicksDuring(() =>
      run(() => feedbackNew.action(routeArgs(postForm('/feedback/new', { kind: 'suggestion', provinceId: 'ir-09', body: BODY, mobile: '09121112244', consent: 'on' })))),
    );
    expect(response.status).toBe(302);
    const code = response.headers.get('Location')!.split('/').at(-1)!;
    const item = db().select().from(items).where(eq(items.trackingCode, code)).get()!;
    expectConsistent(item.id, 'route');
    expect(kicks).toBe(1);
  });

  it("a staff answer from the item page", async () => {
    const item = fileItem();
    expect(transition(db(), item.id, 'accept', officer, {}).ok).toBe(true);
    const jar = await signInAs('officer.ir-09');
    const page = await (await run(() => staffItem.loader(routeArgs(getRequest(`/staff/items/${item.id}`, jar), { id: String(item.id) })))).json();
    const csrf = await csrfOf(jar);
    const { result: response, kicks } = await kicksDuring(() =>
      run(() =>
        staffItem.action(
          routeArgs(postForm(`/staff/items/${item.id}`, { csrf, version: String(page.item.version), intent: 'answer', publicMessage: 'بازدید فردا انجام می‌شود.', confirm: '1' }, jar), {
            id: String(item.id),
          }),
        ),
      ),
    );
    expect(response.status).toBe(302);
    expect(expectConsistent(item.id, 'answer').state).toBe('answered');
    expect(kicks).toBe(1);
  });

  it("a citizen's reply on the tracking page", async () => {
    const mobile = '09121112255';
    const item = fileItem(mobile);
    expect(transition(db(), item.id, 'accept', officer, {}).ok).toBe(true);
    expect(transition(db(), item.id, 'ask_citizen', officer, { publicMessage: 'نشانی دقیق را بفرستید.' }).ok).toBe(true);
    const jar = new CookieJar();
    jar.take(await run(() => trackIndex.action(routeArgs(postForm('/track', { code: item.trackingCode, mobile }, jar)))));
    const page = (await (await run(() => trackCode.loader(routeArgs(getRequest(`/track/${item.trackingCode}`, jar), { code: item.trackingCode })))).json()) as {
      csrf: string;
      item: { version: number };
    };
    const fields = { csrf: page.csrf, version: String(page.item.version), intent: 'citizen_reply', message: 'خیابان امام، کوچه ۱۲' };
    const { result: response, kicks } = await kicksDuring(() => run(() => trackCode.action(routeArgs(postForm(`/track/${item.trackingCode}`, fields, jar), { code: item.trackingCode }))));
    expect(response.status).toBe(302);
    expect(expectConsistent(item.id, 'citizen_reply').state).toBe('in_review');
    expect(kicks).toBe(1);
  });

  it('a text message that becomes an item', async () => {
    const request = new Request(`${BASE}/api/sms/inbound`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ id: `door-${Date.now()}`, from: '09121112266', text: BODY }),
    });
    const { result: response, kicks } = await kicksDuring(() => run(() => smsInbound.action(routeArgs(request))));
    expect(response.status).toBe(201);
    const { trackingCode } = (await response.json()) as { trackingCode: string };
    const item = db().select().from(items).where(eq(items.trackingCode, trackingCode)).get()!;
    expect(expectConsistent(item.id, 'route').channel).toBe('sms');
    expect(kicks).toBe(1);
  });

  it('an Open311 post', async () => {
    const request = new Request(`${BASE}/api/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: DEMO_API_KEY, service_code: 'social-work', 'attribute[kind]': 'complaint', description: BODY, phone: '09121112277' }).toString(),
    });
    const { result: response, kicks } = await kicksDuring(() => run(() => open311Collection.action(routeArgs(request, { resource: 'requests.json' }))));
    expect(response.status, await response.clone().text()).toBe(201);
    const item = db().select().from(items).where(eq(items.mobile, '+989121112277')).get()!;
    expect(expectConsistent(item.id, 'route').channel).toBe('api');
    expect(kicks).toBe(1);
  });

  it('the sweep: auto-closes and escalates, asking for delivery once for all of it', async () => {
    const answered = fileItem('09121112288');
    const longAgo = new Date(Date.now() - 60 * 86_400_000);
    expect(transition(db(), answered.id, 'accept', officer, {}, longAgo).ok).toBe(true);
    expect(transition(db(), answered.id, 'answer', officer, { publicMessage: 'انجام شد.' }, longAgo).ok).toBe(true);
    const overdue = fileFeedback(db(), { kind: 'complaint', provinceId: 'ir-09', body: BODY, mobile: '09121112299', consent: 'on' }, { now: longAgo });
    const { result, kicks } = await kicksDuring(() => runSweeps(db()));
    expect(result.autoClosed).toBeGreaterThanOrEqual(1);
    expect(result.escalated).toBeGreaterThanOrEqual(1);
    expect(expectConsistent(answered.id, 'auto_close').state).toBe('closed');
    expect(expectConsistent(overdue.id, 'escalate').escalationLevel).toBe(2);
    // The managers are told by email, in the escalation's transaction.
    const lastEvent = db().select().from(itemEvents).where(eq(itemEvents.itemId, overdue.id)).orderBy(asc(itemEvents.id)).all().at(-1)!;
    expect(db().select().from(outbox).where(eq(outbox.eventId, lastEvent.id)).all().every((m) => m.audience === 'staff')).toBe(true);
    expect(kicks).toBe(1);
    // A second sweep finds nothing left to do, and asks for nothing.
    expect((await kicksDuring(() => runSweeps(db()))).kicks).toBe(0);
  });

  it('a refused action writes nothing and asks for nothing', async () => {
    const item = fileItem('09121112200');
    const before = db().select().from(items).where(eq(items.id, item.id)).get();
    const { result, kicks } = await kicksDuring(() => transition(db(), item.id, 'answer', officer, { publicMessage: 'زود است' }));
    expect(result).toEqual({ ok: false, reason: 'not_allowed_in_state' });
    expect(db().select().from(items).where(eq(items.id, item.id)).get()).toEqual(before);
    expect(kicks).toBe(0);
  });
});

describe('the layering the door rests on', () => {
  const read = (dir: string) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.tsx?$/.test(file))
      .map((file) => ({ file: path.join(dir, file), text: readFileSync(path.join(dir, file), 'utf8') }));

  it('only the door imports the item writes', () => {
    const importers = [...read('app'), ...read('scripts'), ...read('bench')].filter(({ text }) => /from '[^']*item-writes\.server'/.test(text)).map(({ file }) => file);
    expect(importers).toEqual([path.join('app', 'services', 'workflow.server.ts')]);
  });

  it('no model imports a service, and nothing under db/ imports the app', () => {
    expect(read('app/models').filter(({ text }) => /from '[^']*services\//.test(text)).map(({ file }) => file)).toEqual([]);
    expect(read('db').filter(({ text }) => /from '[^']*app\//.test(text)).map(({ file }) => file)).toEqual([]);
  });
});
