/**
 * The whole slice as people live it: a citizen sends feedback about a centre, keeps the tracking code, follows the
 * item with code + mobile, and the province officer accepts and answers it. Real loaders and actions, real SQLite.
 */
import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { centers, itemEvents, items, outbox, provinces } from '../../db/schema';
import * as feedbackNew from '~/routes/feedback.new';
import * as feedbackSent from '~/routes/feedback.sent.$code';
import * as staffInbox from '~/routes/staff.inbox/route';
import * as staffItem from '~/routes/staff.items.$id/route';
import * as staffLogin from '~/routes/staff.login';
import * as trackCode from '~/routes/track.$code';
import * as trackIndex from '~/routes/track._index';
import { CookieJar, getRequest, postForm, routeArgs, run } from '../support/http';
import { csrfOf, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const PROVINCE = 'ir-09';
const OTHER_PROVINCE = 'ir-23';
const MOBILE_TYPED = '۰۹۱۲۱۲۳۴۵۶۷';
const MOBILE_E164 = '+989121234567';
const BODY = 'لطفاً ساعت کار مرکز را تا عصر پنج‌شنبه هم ادامه دهید تا شاغلان هم بتوانند مراجعه کنند.';

// ---- helpers ---------------------------------------------------------------------------------------------------

function firstCenterOf(provinceId: string) {
  const center = db().select().from(centers).where(eq(centers.provinceId, provinceId)).orderBy(asc(centers.id)).get();
  if (!center) throw new Error(`the seed has no centre in ${provinceId}`);
  return center;
}

function provinceNameFa(id: string): string {
  return db().select().from(provinces).where(eq(provinces.id, id)).get()!.nameFa;
}

/** `482719350612` → `۴۸۲۷ ۱۹۳۵ ۰۶۱۲`, the way the SMS and the confirmation page print it. */
function persianGrouped(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ').replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
}

async function submitFeedback(fields: Record<string, string>, jar = new CookieJar()) {
  const response = jar.take(await run(() => feedbackNew.action(routeArgs(postForm('/feedback/new', fields, jar)))));
  return { response, jar };
}

function codeFromLocation(response: Response): string {
  const match = /^\/feedback\/sent\/(\d{12})$/.exec(response.headers.get('Location') ?? '');
  if (!match) throw new Error(`not redirected to a confirmation page: ${response.status} ${response.headers.get('Location')}`);
  return match[1]!;
}

/** A citizen's valid submission about the first centre of ir-09; returns the code and the citizen's cookie jar. */
async function submitSuggestion(centerId = firstCenterOf(PROVINCE).id) {
  const { response, jar } = await submitFeedback({ kind: 'suggestion', centerId: String(centerId), body: BODY, mobile: MOBILE_TYPED, consent: 'on', website: '' });
  return { response, jar, code: codeFromLocation(response) };
}

function itemByCode(code: string) {
  const item = db().select().from(items).where(eq(items.trackingCode, code)).get();
  if (!item) throw new Error(`no item ${code}`);
  return item;
}

function eventsOf(itemId: number) {
  return db().select().from(itemEvents).where(eq(itemEvents.itemId, itemId)).orderBy(asc(itemEvents.id)).all();
}

function outboxOf(itemId: number) {
  return db().select().from(outbox).where(eq(outbox.itemId, itemId)).orderBy(asc(outbox.id)).all();
}

/** What must not move when a request is refused. */
function snapshot(itemId: number) {
  const item = db().select().from(items).where(eq(items.id, itemId)).get()!;
  return { state: item.state, version: item.version, owner: item.ownerProvinceId, events: eventsOf(itemId).length, messages: outboxOf(itemId).length };
}

async function trackPage(code: string, jar?: CookieJar) {
  const response = await run(() => trackCode.loader(routeArgs(getRequest(`/track/${code}`, jar), { code })));
  return (await response.json()) as { code: string; item: null | TrackedItem };
}

interface TrackedItem {
  trackingCode: string;
  state: string;
  body: string;
  owner: { nameFa: string } | null;
  timeline: { action: string; toState: string; publicMessage: string | null }[];
}

async function lookUp(fields: Record<string, string>, jar = new CookieJar()) {
  return jar.take(await run(() => trackIndex.action(routeArgs(postForm('/track', fields, jar)))));
}


interface StaffItemPage {
  csrfToken: string;
  item: { id: number; version: number; state: string; mobileMasked: string | null; trackingCode: string };
  timeline: { action: string; internalNote: string | null; publicMessage: string | null }[];
  actions: string[];
}

async function openItem(jar: CookieJar, itemId: number): Promise<{ response: Response; data?: StaffItemPage }> {
  const response = await run(() => staffItem.loader(routeArgs(getRequest(`/staff/items/${itemId}`, jar), { id: String(itemId) })));
  return { response, data: response.status === 200 ? { ...((await response.json()) as Omit<StaffItemPage, 'csrfToken'>), csrfToken: await csrfOf(jar) } : undefined };
}

async function staffAction(jar: CookieJar, itemId: number, fields: Record<string, string>) {
  return run(() => staffItem.action(routeArgs(postForm(`/staff/items/${itemId}`, fields, jar), { id: String(itemId) })));
}

/** Fires a workflow button as the item page would: with the page's csrf token and version. */
async function act(jar: CookieJar, itemId: number, intent: string, fields: Record<string, string> = {}) {
  const { data } = await openItem(jar, itemId);
  if (!data) throw new Error('the officer cannot open the item');
  return staffAction(jar, itemId, { csrf: data.csrfToken, intent, version: String(data.item.version), ...fields });
}

// ---- the citizen's side ----------------------------------------------------------------------------------------

describe('sending feedback from a centre page', () => {
  const center = () => firstCenterOf(PROVINCE);

  it('opens the form with the centre from ?center= already chosen', async () => {
    const response = await run(() => feedbackNew.loader(routeArgs(getRequest(`/feedback/new?center=${center().id}`))));
    expect(response.status).toBe(200);
    const data = await response.json();
    expect(data.preselected).toEqual({ id: center().id, nameFa: center().nameFa, nameEn: center().nameEn, provinceId: PROVINCE });
    // Issue 21: the centres of that centre's province, not the whole catalogue.
    expect(data.finder.province).toBe(PROVINCE);
    expect(data.finder.options.some((c: { id: number }) => c.id === center().id)).toBe(true);
    expect(data.finder.options).toHaveLength(db().select().from(centers).where(eq(centers.provinceId, PROVINCE)).all().filter((c) => c.active).length);
  });

  it('opens the form with nothing chosen when ?center= names no centre', async () => {
    for (const param of ['999999', 'abc', '']) {
      const response = await run(() => feedbackNew.loader(routeArgs(getRequest(`/feedback/new?center=${param}`))));
      expect((await response.json()).preselected, `?center=${param}`).toBeNull();
    }
  });

  describe('after a suggestion with a Persian-digit mobile is sent', () => {
    let sent: Awaited<ReturnType<typeof submitSuggestion>>;
    beforeAll(async () => {
      sent = await submitSuggestion(center().id);
    });

    it('redirects to the confirmation page of a 12-digit tracking code and sets the citizen cookie', () => {
      expect(sent.response.status).toBe(302);
      expect(sent.response.headers.get('Location')).toMatch(/^\/feedback\/sent\/\d{12}$/);
      const cookie = sent.response.headers.getSetCookie().find((c) => c.startsWith('__citizen='));
      expect(cookie).toBeDefined();
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
    });

    it("stores the item routed to the centre's province, with the mobile in E.164", () => {
      const item = itemByCode(sent.code);
      expect(item).toMatchObject({
        kind: 'suggestion',
        state: 'routed',
        channel: 'web',
        centerId: center().id,
        provinceId: PROVINCE,
        ownerProvinceId: PROVINCE,
        mobile: MOBILE_E164,
        body: BODY,
        anonymous: false,
        locale: 'fa',
        version: 1,
      });
    });

    it('records the submission and the routing as events', () => {
      const events = eventsOf(itemByCode(sent.code).id);
      expect(events.map((e) => [e.action, e.fromState, e.toState, e.actorType])).toEqual([
        ['submit', null, 'submitted', 'citizen'],
        ['route', 'submitted', 'routed', 'system'],
      ]);
      expect(events[1]!.ownerProvinceId).toBe(PROVINCE);
    });

    it('queues exactly one SMS with the grouped Persian tracking code and the province name', () => {
      const messages = outboxOf(itemByCode(sent.code).id);
      expect(messages).toHaveLength(1);
      const [sms] = messages;
      expect(sms).toMatchObject({ channel: 'sms', recipient: MOBILE_E164, status: 'pending', locale: 'fa' });
      expect(sms!.body).toContain(persianGrouped(sent.code));
      expect(sms!.body).toContain(provinceNameFa(PROVINCE));
    });

    it('shows the code on the confirmation page to the browser that sent it', async () => {
      const response = await run(() => feedbackSent.loader(routeArgs(getRequest(`/feedback/sent/${sent.code}`, sent.jar), { code: sent.code })));
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ code: sent.code, anonymous: false, hasMobile: true, owner: { nameFa: provinceNameFa(PROVINCE) } });
    });

    it('sends any other browser from the confirmation page to the tracking page', async () => {
      const response = await run(() => feedbackSent.loader(routeArgs(getRequest(`/feedback/sent/${sent.code}`), { code: sent.code })));
      expect(response.status).toBe(302);
      expect(response.headers.get('Location')).toBe(`/track/${sent.code}`);
    });

    it('lets the sending browser open its tracking page straight away', async () => {
      const page = await trackPage(sent.code, sent.jar);
      expect(page.item).toMatchObject({ trackingCode: sent.code, state: 'routed' });
    });
  });
});

describe('following an item with the tracking code and mobile', () => {
  let code = '';
  beforeAll(async () => {
    ({ code } = await submitSuggestion());
  });

  it('accepts the code typed in Persian digits with spaces, and unlocks the tracking page in this browser', async () => {
    const jar = new CookieJar();
    const response = await lookUp({ code: persianGrouped(code), mobile: '0912 123 4567' }, jar);
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`/track/${code}`);
    expect(response.headers.getSetCookie().some((c) => c.startsWith('__citizen='))).toBe(true);

    const page = await trackPage(code, jar);
    expect(page.item).toMatchObject({ trackingCode: code, state: 'routed', body: BODY, owner: { nameFa: provinceNameFa(PROVINCE) } });
    expect(page.item!.timeline.map((e) => [e.action, e.toState])).toEqual([
      ['submit', 'submitted'],
      ['route', 'routed'],
    ]);
  });

  it('shows only the look-up form, pre-filled with the code, to a browser that has not unlocked it', async () => {
    expect(await trackPage(code)).toEqual({ item: null, code, challenge: null });
  });

  it('answers 404 "not found" for a wrong mobile, without saying which part was wrong', async () => {
    const jar = new CookieJar();
    const response = await lookUp({ code, mobile: '09350000000' }, jar);
    expect(response.status).toBe(404);
    const data = await response.json();
    expect(data.errors).toEqual({ form: 'track.notFound' });
    expect(data.values).toEqual({ code, mobile: '09350000000' });
    expect(response.headers.getSetCookie()).toEqual([]);
    expect((await trackPage(code, jar)).item).toBeNull();
  });

  it('answers 404 for the right code without any mobile', async () => {
    const response = await lookUp({ code, mobile: '' });
    expect(response.status).toBe(404);
    expect((await response.json()).errors).toEqual({ form: 'track.notFound' });
  });

  it('catches a mistyped digit through the check digit', async () => {
    const last = Number(code.at(-1));
    const mistyped = code.slice(0, -1) + String((last + 1) % 10);
    const response = await lookUp({ code: mistyped, mobile: MOBILE_TYPED });
    expect(response.status).toBe(400);
    const data = await response.json();
    expect(data.errors).toEqual({ code: 'errors.code_check_digit' });
    expect(data.values.code).toBe(mistyped);
  });

  it('asks for 12 digits when the code is too short, and for a code when it is empty', async () => {
    expect((await (await lookUp({ code: '1234', mobile: MOBILE_TYPED })).json()).errors).toEqual({ code: 'errors.code_format' });
    expect((await (await lookUp({ code: '  ', mobile: MOBILE_TYPED })).json()).errors).toEqual({ code: 'errors.code_required' });
  });
});

// ---- the staff side --------------------------------------------------------------------------------------------

describe('the province officer handles the item', () => {
  let code = '';
  let itemId = 0;
  let citizen: CookieJar;
  let officer: CookieJar;
  let otherOfficer: CookieJar;
  const NOTE = 'یادداشت داخلی: با مدیر مرکز هماهنگ شد؛ این متن نباید به شهروند نشان داده شود.';
  const ANSWER = 'از پیشنهاد شما سپاسگزاریم. از ماه آینده مرکز پنج‌شنبه‌ها تا ساعت ۱۸ باز است.';

  beforeAll(async () => {
    const sent = await submitSuggestion();
    code = sent.code;
    citizen = sent.jar;
    itemId = itemByCode(code).id;
    officer = await signInAs(`officer.${PROVINCE}`);
    otherOfficer = await signInAs(`officer.${OTHER_PROVINCE}`);
  });

  it('signs the officer in with a session cookie and sends them to the inbox', async () => {
    const response = await run(() => staffLogin.action(routeArgs(postForm('/staff/login', { username: `officer.${PROVINCE}`, password: 'demo-password' }))));
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/staff/inbox');
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('__staff='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("lists the new item in the officer's inbox, and not in another province's", async () => {
    const mine = await (await run(() => staffInbox.loader(routeArgs(getRequest('/staff/inbox', officer))))).json();
    expect(mine.items.map((i: { trackingCode: string }) => i.trackingCode)).toContain(code);
    expect(JSON.stringify(mine)).not.toContain('9121234567');

    const theirs = await (await run(() => staffInbox.loader(routeArgs(getRequest('/staff/inbox', otherOfficer))))).json();
    expect(theirs.items.map((i: { trackingCode: string }) => i.trackingCode)).not.toContain(code);
  });

  it('shows the item with the mobile masked and never in full', async () => {
    const { response, data } = await openItem(officer, itemId);
    expect(response.status).toBe(200);
    expect(data!.item).toMatchObject({ id: itemId, trackingCode: code, state: 'routed', version: 1, mobileMasked: '0912***4567' });
    expect(data!.actions).toContain('accept');
    const text = JSON.stringify(data);
    for (const form of ['9121234567', '۹۱۲۱۲۳۴۵۶۷', '0912123']) expect(text).not.toContain(form);
  });

  it('gives an officer of another province 404 for the item page and for its actions', async () => {
    const before = snapshot(itemId);
    const page = await openItem(otherOfficer, itemId);
    expect(page.response.status).toBe(404);

    // With their own valid form token, so the refusal is about the item, not the token.
    const inbox = { ...(await (await run(() => staffInbox.loader(routeArgs(getRequest('/staff/inbox', otherOfficer))))).json()), csrfToken: await csrfOf(otherOfficer) };
    const response = await staffAction(otherOfficer, itemId, { csrf: inbox.csrfToken, intent: 'accept', version: String(before.version) });
    expect(response.status).toBe(404);
    expect(snapshot(itemId)).toEqual(before);
  });

  it('refuses a POST with a wrong form token with 403 and changes nothing', async () => {
    const before = snapshot(itemId);
    const response = await staffAction(officer, itemId, { csrf: 'forged-token', intent: 'accept', version: String(before.version) });
    expect(response.status).toBe(403);
    const missing = await staffAction(officer, itemId, { intent: 'accept', version: String(before.version) });
    expect(missing.status).toBe(403);
    expect(snapshot(itemId)).toEqual(before);
  });

  it('accepts the item: in_review, and the citizen is told', async () => {
    const response = await act(officer, itemId, 'accept');
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`/staff/items/${itemId}?saved=accept`);
    expect(itemByCode(code)).toMatchObject({ state: 'in_review', version: 2 });
    expect(itemByCode(code).firstRespondedAt).not.toBeNull();
    expect((await trackPage(code, citizen)).item!.state).toBe('in_review');
  });

  it('refuses a change made from an outdated page with 409 "stale" and changes nothing', async () => {
    const before = snapshot(itemId);
    const { data } = await openItem(officer, itemId);
    const response = await staffAction(officer, itemId, { csrf: data!.csrfToken, intent: 'answer', version: '1', publicMessage: ANSWER });
    expect(response.status).toBe(409);
    expect((await response.json()).errors).toEqual({ form: 'errors.stale' });
    expect(snapshot(itemId)).toEqual(before);
  });

  it('asks for the public message when answering without one', async () => {
    const before = snapshot(itemId);
    const response = await act(officer, itemId, 'answer', { publicMessage: '   ' });
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({ publicMessage: 'errors.message_required' });
    expect(snapshot(itemId)).toEqual(before);
  });

  it('answers the item, and the citizen sees the state and the answer on the tracking page', async () => {
    const response = await act(officer, itemId, 'answer', { publicMessage: ANSWER, confirm: '1' });
    expect(response.status).toBe(302);
    expect(itemByCode(code).state).toBe('answered');

    const page = await trackPage(code, citizen);
    expect(page.item!.state).toBe('answered');
    expect(page.item!.timeline.at(-1)).toMatchObject({ action: 'answer', toState: 'answered', publicMessage: ANSWER });
  });

  it('keeps an internal note on the staff page only: not on the tracking page, and no SMS for it', async () => {
    const messagesBefore = outboxOf(itemId).length;
    const response = await act(officer, itemId, 'note', { internalNote: NOTE });
    expect(response.status).toBe(302);
    expect(itemByCode(code).state).toBe('answered');

    const staffPage = await openItem(officer, itemId);
    expect(staffPage.data!.timeline.at(-1)).toMatchObject({ action: 'note', internalNote: NOTE, publicMessage: null });

    const page = await trackPage(code, citizen);
    expect(JSON.stringify(page)).not.toContain(NOTE);
    expect(page.item!.timeline.map((e) => e.action)).not.toContain('note');
    expect(outboxOf(itemId)).toHaveLength(messagesBefore);
  });

  it('queued one SMS per public event (submission and routing share one), carrying the answer', () => {
    const events = eventsOf(itemId);
    expect(events.map((e) => e.action)).toEqual(['submit', 'route', 'accept', 'answer', 'note']);
    const messages = outboxOf(itemId);
    const eventIdsWithMessage = ['route', 'accept', 'answer'].map((action) => events.find((e) => e.action === action)!.id);
    expect(messages.map((m) => m.eventId)).toEqual(eventIdsWithMessage);
    expect(messages.every((m) => m.channel === 'sms' && m.recipient === MOBILE_E164)).toBe(true);
    expect(messages.at(-1)!.body).toContain(ANSWER);
    expect(messages.some((m) => m.body.includes(NOTE))).toBe(false);
  });
});

describe('transferring an item to another province', () => {
  let code = '';
  let itemId = 0;
  let citizen: CookieJar;
  let officer: CookieJar;
  const REASON = 'مرکز در حوزه استان تهران است؛ به اشتباه انتخاب شده.';

  beforeAll(async () => {
    const sent = await submitSuggestion();
    code = sent.code;
    citizen = sent.jar;
    itemId = itemByCode(code).id;
    officer = await signInAs(`officer.${PROVINCE}`);
  });

  it('refuses a province that does not exist with a field message, and changes nothing', async () => {
    const before = snapshot(itemId);
    const response = await act(officer, itemId, 'transfer', { targetOwner: 'ir-99', internalNote: REASON });
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({ targetOwner: 'errors.invalid_choice' });
    expect(snapshot(itemId)).toEqual(before);
  });

  it('hands the item to the other province: it leaves this inbox, the new owner can open it, the citizen is told', async () => {
    const response = await act(officer, itemId, 'transfer', { targetOwner: OTHER_PROVINCE, internalNote: REASON });
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/staff/inbox?transferred=1');
    expect(itemByCode(code)).toMatchObject({ state: 'routed', ownerProvinceId: OTHER_PROVINCE });

    expect((await openItem(officer, itemId)).response.status).toBe(404);
    const newOwner = await signInAs(`officer.${OTHER_PROVINCE}`);
    expect((await openItem(newOwner, itemId)).data!.item.state).toBe('routed');

    const page = await trackPage(code, citizen);
    expect(page.item!.owner).toEqual(expect.objectContaining({ nameFa: provinceNameFa(OTHER_PROVINCE) }));
    expect(page.item!.timeline.at(-1)).toMatchObject({ action: 'transfer', toState: 'routed', publicMessage: null });
    expect(JSON.stringify(page)).not.toContain(REASON);

    const sms = outboxOf(itemId).at(-1)!;
    expect(sms.body).toContain(provinceNameFa(OTHER_PROVINCE));
    expect(sms.body).not.toContain(REASON);
  });
});

describe('feedback messages', () => {
  const complaint = () => ({ kind: 'complaint', centerId: String(firstCenterOf(PROVINCE).id), body: 'The centre was closed during its posted opening hours.', mobile: '09121234567', consent: 'on' });

  it('go to every channel the citizen gave: SMS and email', async () => {
    const { response } = await submitFeedback({ ...complaint(), email: 'citizen@example.ir' });
    const item = itemByCode(codeFromLocation(response));
    expect(outboxOf(item.id).map((m) => [m.channel, m.recipient])).toEqual([
      ['sms', MOBILE_E164],
      ['email', 'citizen@example.ir'],
    ]);
  });

  it('go out in English to a citizen who chose English', async () => {
    const jar = new CookieJar();
    const response = jar.take(await run(() => feedbackNew.action(routeArgs(postForm('/feedback/new?lng=en', complaint(), jar)))));
    const item = itemByCode(codeFromLocation(response));
    expect(item.locale).toBe('en');
    const [sms] = outboxOf(item.id);
    expect(sms!.locale).toBe('en');
    expect(sms!.body).toContain(item.trackingCode.replace(/(\d{4})(?=\d)/g, '$1 '));
    expect(sms!.body).toContain('Khorasan Razavi');
  });
});
