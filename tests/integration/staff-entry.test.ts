/**
 * The call centre (docs/DESIGN.md §1, §4): staff entering items for callers and visitors at /staff/items/new (channel, owner
 * province from the centre, the `submit` event naming who entered it and how, the SMS with the code), the province
 * rule for province staff, the per-user limit, who may; and /staff/calls, where an agent follows a caller's item with
 * code + mobile exactly as the citizen would and records the caller's reply, rating or appeal as the citizen's own
 * action, entered by phone. Real loaders and actions on a real SQLite file.
 */
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { centers, itemEvents, items, outbox, staffUsers } from '../../db/schema';
import { toPersianDigits } from '~/domain/persian';
import { groupTrackingCode } from '~/domain/tracking-code';
import { transition } from '~/services/workflow.server';
import { citizenView } from '~/models/tracking.server';
import * as staffHome from '~/routes/staff._index';
import * as staffCalls from '~/routes/staff.calls';
import * as entryPage from '~/routes/staff.items.new';
import * as staffLogin from '~/routes/staff.login';
import * as trackCode from '~/routes/track.$code';
import * as trackIndex from '~/routes/track._index';
import { ENTRY_LIMIT } from '~/services/staff-entry.server';
import { CookieJar, getRequest, postForm, routeArgs, run } from '../support/http';
import { csrfOf, signInAs } from '../support/staff';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const OWN = 'ir-09';
const OTHER = 'ir-23';
const BODY = 'تماس‌گیرنده می‌گوید نوبت بازدید منزل پدرش سه هفته است انجام نشده و کسی پاسخ نمی‌دهد.';
const QUESTION = 'لطفاً نشانی دقیق منزل و ساعت‌هایی را که در خانه هستید بگویید.';
const ANSWER = 'بازدید منزل برای شنبه ساعت ۱۰ هماهنگ شد.';
const NOTE = 'یادداشت داخلی: مددکار پرونده در مرخصی بوده است.';

// ---- helpers ---------------------------------------------------------------------------------------------------


const staffId = (username: string) => db().select().from(staffUsers).where(eq(staffUsers.username, username)).get()!.id;
const centerIn = (province: string) => db().select().from(centers).where(and(eq(centers.provinceId, province), eq(centers.active, true))).get()!;
const itemById = (id: number) => db().select().from(items).where(eq(items.id, id)).get()!;
const itemCount = () => db().select({ id: items.id }).from(items).all().length;
const eventsOf = (itemId: number) => db().select().from(itemEvents).where(eq(itemEvents.itemId, itemId)).orderBy(asc(itemEvents.id)).all();
const outboxOf = (itemId: number) => db().select().from(outbox).where(eq(outbox.itemId, itemId)).orderBy(asc(outbox.id)).all();

let serial = 0;
const nextMobile = () => `0915${String(3000000 + ++serial)}`;

/** What an agent types for a caller: a complaint about a centre, the caller's mobile, the caller's agreement. */
function callerForm(overrides: Record<string, string> = {}): Record<string, string> {
  return { channel: 'phone', kind: 'complaint', centerId: String(centerIn(OWN).id), body: BODY, mobile: nextMobile(), name: 'مریم احمدی', consent: 'on', ...overrides };
}

async function enter(jar: CookieJar, fields: Record<string, string>, options: { csrf?: string | null } = {}) {
  const csrf = options.csrf === undefined ? await csrfOf(jar) : options.csrf;
  return run(() => entryPage.action(routeArgs(postForm('/staff/items/new', csrf === null ? fields : { csrf, ...fields }, jar))));
}

function enteredId(response: Response): number {
  expect(response.status).toBe(302);
  const match = /^\/staff\/items\/new\?entered=(\d+)$/.exec(response.headers.get('Location') ?? '');
  expect(match, `redirect to the confirmation, got ${response.headers.get('Location')}`).not.toBeNull();
  return Number(match![1]);
}

const entryLoader = (jar: CookieJar | undefined, query = '') => run(() => entryPage.loader(routeArgs(getRequest(`/staff/items/new${query}`, jar))));

function citizenItem(province = OWN) {
  const mobile = nextMobile();
  return { item: fileFeedback(db(), { kind: 'complaint', provinceId: province, body: BODY, mobile, consent: 'on' }), mobile };
}

function officerActor(province = OWN) {
  const user = db().select().from(staffUsers).where(eq(staffUsers.username, `officer.${province}`)).get()!;
  return { role: 'province_officer' as const, provinceId: user.provinceId, staffId: user.id };
}

function step(itemId: number, action: Parameters<typeof transition>[2], input: Parameters<typeof transition>[4] = {}) {
  const result = transition(db(), itemId, action, officerActor(), input);
  if (!result.ok) throw new Error(`${action} refused: ${result.reason}`);
  return result.item;
}

const awaiting = () => {
  const { item, mobile } = citizenItem();
  step(item.id, 'accept');
  step(item.id, 'note', { internalNote: NOTE });
  step(item.id, 'ask_citizen', { publicMessage: QUESTION });
  return { item: itemById(item.id), mobile };
};
const answered = () => {
  const { item, mobile } = citizenItem();
  step(item.id, 'accept');
  step(item.id, 'answer', { publicMessage: ANSWER });
  return { item: itemById(item.id), mobile };
};

interface CallsAnswer {
  stage: 'lookup' | 'found';
  errors: Record<string, string>;
  values: Record<string, string>;
  done: string | null;
  ticket: string | null;
  item: null | { trackingCode: string; version: number; state: string; actions: string[]; citizenActions: string[]; timeline: { action: string; via: string | null; publicMessage: string | null }[] };
}

async function calls(jar: CookieJar, fields: Record<string, string>, options: { csrf?: string | null } = {}) {
  const csrf = options.csrf === undefined ? await csrfOf(jar) : options.csrf;
  const response = await run(() => staffCalls.action(routeArgs(postForm('/staff/calls', csrf === null ? fields : { csrf, ...fields }, jar))));
  const text = await response.clone().text();
  return { status: response.status, text, data: (response.headers.get('Content-Type')?.includes('json') ? JSON.parse(text) : null) as CallsAnswer };
}

const lookUp = (jar: CookieJar, code: string, mobile: string) => calls(jar, { intent: 'lookup', code, mobile });

/** Looks the item up and posts one caller action with the page's ticket and version (unless given). */
async function record(jar: CookieJar, code: string, mobile: string, fields: Record<string, string>) {
  const found = await lookUp(jar, code, mobile);
  expect(found.status).toBe(200);
  return calls(jar, { ticket: found.data.ticket!, version: String(found.data.item!.version), ...fields });
}

// ---- entering an item for a caller ----------------------------------------------------------------------------

describe('an agent entering a caller’s item', () => {
  it('by phone: the item is the centre’s province’s, the submit event names the agent and “phone”, an SMS carries the code', async () => {
    const agent = await signInAs('agent');
    const center = centerIn(OWN);
    const fields = callerForm({ centerId: String(center.id), mobile: '۰۹۱۲ ۱۱۱ ۲۲۳۳' });
    const id = enteredId(await enter(agent, fields));

    const item = itemById(id);
    expect(item).toMatchObject({ channel: 'phone', centerId: center.id, provinceId: OWN, ownerProvinceId: OWN, state: 'routed', mobile: '+989121112233', locale: 'fa', name: 'مریم احمدی' });
    const [submit, routed] = eventsOf(id);
    expect(submit).toMatchObject({ action: 'submit', actorType: 'staff', actorStaffId: staffId('agent'), via: 'phone' });
    expect(routed).toMatchObject({ action: 'route', actorType: 'system', ownerProvinceId: OWN });
    const messages = outboxOf(id);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ channel: 'sms', audience: 'citizen', recipient: '+989121112233', status: 'pending', eventId: routed!.id });
    expect(messages[0]!.body).toContain(toPersianDigits(groupTrackingCode(item.trackingCode)));

    // The confirmation shows the code to the agent who entered it.
    const confirmation = await entryLoader(agent, `?entered=${id}`);
    expect(confirmation.status).toBe(200);
    const data = await confirmation.json();
    expect(data.confirmation).toMatchObject({ code: item.trackingCode, channel: 'phone', anonymous: false, mobileMasked: '0912***2233' });
    expect(data.form).toBeNull();
    // The citizen's timeline says the item was entered by phone.
    expect(citizenView(db(), item).timeline[0]).toMatchObject({ action: 'submit', via: 'phone' });
  });

  it('at a centre’s counter, for a centre of any province: channel and event say “counter”, the centre’s province owns it', async () => {
    const agent = await signInAs('agent');
    const center = centerIn(OTHER);
    const id = enteredId(await enter(agent, callerForm({ channel: 'counter', centerId: String(center.id) })));
    expect(itemById(id)).toMatchObject({ channel: 'counter', ownerProvinceId: OTHER });
    expect(eventsOf(id)[0]).toMatchObject({ action: 'submit', actorStaffId: staffId('agent'), via: 'counter' });
  });

  it('an anonymous caller: no contact kept, no SMS; the confirmation says to read the code out', async () => {
    const agent = await signInAs('agent');
    const id = enteredId(await enter(agent, callerForm({ anonymous: 'on', mobile: '', name: 'نام گفته شد' })));
    expect(itemById(id)).toMatchObject({ anonymous: true, mobile: null, name: null });
    expect(outboxOf(id)).toEqual([]);
    const data = await (await entryLoader(agent, `?entered=${id}`)).json();
    expect(data.confirmation).toMatchObject({ anonymous: true, mobileMasked: null });
  });

  it('refuses bad input with field messages worded for staff, keeps everything typed, stores nothing', async () => {
    const agent = await signInAs('agent');
    const before = itemCount();
    const typed = { channel: '', kind: 'complaint', centerId: '', provinceId: '', body: 'خیلی کوتاه', mobile: '0912', name: 'علی رضایی', email: 'ali@', nationalCode: '1111111111', subject: 'نوبت', area: 'social' };
    const response = await enter(agent, typed);
    expect(response.status).toBe(400);
    const data = await response.json();
    expect(data.errors).toEqual({
      channel: 'entry.errors.channelRequired',
      centerId: 'errors.place_required',
      body: 'errors.body_too_short',
      mobile: 'errors.mobile_invalid',
      email: 'errors.email_invalid',
      nationalCode: 'errors.national_code_invalid',
      consent: 'entry.errors.consentRequired',
    });
    expect(data.values).toMatchObject({ ...typed, consent: '', anonymous: '' });
    expect(itemCount()).toBe(before);
  });

  it('needs no challenge or honeypot, and a filled honeypot field changes nothing', async () => {
    const agent = await signInAs('agent');
    const id = enteredId(await enter(agent, callerForm({ website: 'https://spam.example' })));
    expect(itemById(id).channel).toBe('phone');
  });

  it('keeps the area chosen, and “I don’t know” as none', async () => {
    const agent = await signInAs('agent');
    expect(itemById(enteredId(await enter(agent, callerForm({ area: 'rehabilitation' })))).area).toBe('rehabilitation');
    expect(itemById(enteredId(await enter(agent, callerForm({ area: 'unknown' })))).area).toBeNull();
    const bad = await enter(agent, callerForm({ area: 'weather' }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual({ area: 'errors.invalid_choice' });
  });
});

describe('province staff entering an item at the counter', () => {
  it('may pick only their own province’s centres and province; the form offers nothing else', async () => {
    const officer = await signInAs(`officer.${OWN}`);
    const form = (await (await entryLoader(officer)).json()).form;
    expect(form.ownProvinceId).toBe(OWN);
    expect(form.provinces.map((p: { id: string }) => p.id)).toEqual([OWN]);
    expect(new Set(form.centers.map((c: { provinceId: string }) => c.provinceId))).toEqual(new Set([OWN]));

    const before = itemCount();
    const otherCentre = await enter(officer, callerForm({ channel: 'counter', centerId: String(centerIn(OTHER).id) }));
    expect(otherCentre.status).toBe(400);
    expect((await otherCentre.json()).errors).toEqual({ centerId: 'entry.errors.centerOtherProvince' });
    for (const provinceId of [OTHER, 'national']) {
      const otherProvince = await enter(officer, callerForm({ channel: 'counter', centerId: '', provinceId }));
      expect(otherProvince.status).toBe(400);
      expect((await otherProvince.json()).errors).toEqual({ provinceId: 'entry.errors.provinceOtherProvince' });
    }
    expect(itemCount()).toBe(before);

    const id = enteredId(await enter(officer, callerForm({ channel: 'counter' })));
    expect(itemById(id)).toMatchObject({ channel: 'counter', ownerProvinceId: OWN });
    expect(eventsOf(id)[0]).toMatchObject({ action: 'submit', actorType: 'staff', actorStaffId: staffId(`officer.${OWN}`), via: 'counter' });
    const byProvince = enteredId(await enter(officer, callerForm({ channel: 'phone', centerId: '', provinceId: OWN })));
    expect(itemById(byProvince)).toMatchObject({ ownerProvinceId: OWN, centerId: null });
  });

  it('an agent may enter for any province and for the national queue', async () => {
    const agent = await signInAs('agent');
    const form = (await (await entryLoader(agent)).json()).form;
    expect(form.ownProvinceId).toBeNull();
    expect(form.provinces.length).toBe(31);
    const id = enteredId(await enter(agent, callerForm({ centerId: '', provinceId: 'national' })));
    expect(itemById(id).ownerProvinceId).toBeNull();
  });
});

describe('the per-user limit on entries', () => {
  it(`lets one user enter ${ENTRY_LIMIT} items in ten minutes, then refuses in Persian with the text kept; refusals do not count`, async () => {
    const manager = await signInAs(`manager.${OWN}`);
    // Mistakes are not entries: a refused form does not use up the limit.
    for (let i = 0; i < 3; i++) expect((await enter(manager, callerForm({ body: 'کوتاه' }))).status).toBe(400);
    for (let i = 0; i < ENTRY_LIMIT; i++) enteredId(await enter(manager, callerForm({ channel: 'counter' })));
    const before = itemCount();
    const fields = callerForm({ channel: 'counter' });
    const refused = await enter(manager, fields);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    const data = await refused.json();
    expect(data.errors).toEqual({ form: 'entry.rateLimited' });
    expect(data.values).toMatchObject({ body: BODY, mobile: fields.mobile });
    expect(itemCount()).toBe(before);
    // Another user is not affected.
    enteredId(await enter(await signInAs('agent'), callerForm()));
  });
});

describe('who may enter items', () => {
  it('national supervisors and admins get 404 from the page and the form; nobody signed in is sent to log in', async () => {
    for (const username of ['national', 'admin']) {
      const jar = await signInAs(username);
      expect((await entryLoader(jar)).status, username).toBe(404);
      const before = itemCount();
      expect((await enter(jar, callerForm())).status, username).toBe(404);
      expect(itemCount()).toBe(before);
    }
    const anonymous = await entryLoader(undefined);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('Location')).toMatch(/^\/staff\/login\?redirectTo=/);
  });

  it('refuses a form without the CSRF token or with a forged one', async () => {
    const agent = await signInAs('agent');
    const before = itemCount();
    expect((await enter(agent, callerForm(), { csrf: null })).status).toBe(403);
    expect((await enter(agent, callerForm(), { csrf: 'forged' })).status).toBe(403);
    expect(itemCount()).toBe(before);
  });

  it('shows a confirmation only to the one who entered the item, or to staff whose queue it is in', async () => {
    const agent = await signInAs('agent');
    const id = enteredId(await enter(agent, callerForm()));
    expect((await entryLoader(await signInAs(`officer.${OWN}`), `?entered=${id}`)).status).toBe(200);
    expect((await entryLoader(await signInAs(`officer.${OTHER}`), `?entered=${id}`)).status).toBe(404);
    // An item the agent did not enter (a citizen's own, on the web) is not shown to them.
    const { item } = citizenItem();
    expect((await entryLoader(agent, `?entered=${item.id}`)).status).toBe(404);
    expect((await entryLoader(agent, '?entered=abc')).status).toBe(404);
  });
});

describe('the agent lands on the entry form', () => {
  it('after signing in, and from the staff home page', async () => {
    const response = await run(() => staffLogin.action(routeArgs(postForm('/staff/login', { username: 'agent', password: 'demo-password' }))));
    expect(response.headers.get('Location')).toBe('/staff/items/new');
    const agent = await signInAs('agent');
    const home = await run(() => staffHome.loader(routeArgs(getRequest('/staff', agent))));
    expect(home.status).toBe(302);
    expect(home.headers.get('Location')).toBe('/staff/items/new');
  });
});

// ---- following a caller's item ---------------------------------------------------------------------------------

describe('following a caller’s item at /staff/calls', () => {
  it('a wrong mobile or code gets the same “not found” as the citizen’s look-up, and nothing of the item', async () => {
    const { item, mobile } = citizenItem();
    const agent = await signInAs('agent');
    const citizen = await run(() => trackIndex.action(routeArgs(postForm('/track', { code: item.trackingCode, mobile: '09120000000' }))));
    const citizenErrors = (await citizen.json()).errors;
    for (const [code, phone] of [
      [item.trackingCode, '09120000000'],
      [item.trackingCode, ''],
    ]) {
      const found = await lookUp(agent, code!, phone!);
      expect(found.status).toBe(404);
      expect(found.data.errors).toEqual(citizenErrors);
      expect(found.data).toMatchObject({ stage: 'lookup', item: null, ticket: null });
      expect(found.text).not.toContain(BODY);
    }
    const malformed = await lookUp(agent, '1234', mobile);
    expect(malformed.status).toBe(400);
    expect(malformed.data.errors).toEqual({ code: 'errors.code_format' });
  });

  it('shows the citizen’s public page: the timeline, never internal notes or contact data', async () => {
    const { item, mobile } = awaiting();
    const agent = await signInAs('agent');
    const found = await lookUp(agent, item.trackingCode, mobile);
    expect(found.status).toBe(200);
    expect(found.data.stage).toBe('found');
    expect(found.data.item).toMatchObject({ trackingCode: item.trackingCode, state: 'awaiting_citizen', actions: ['citizen_reply'] });
    expect(found.data.item!.timeline.map((e) => e.action)).toEqual(['submit', 'route', 'accept', 'ask_citizen']);
    expect(found.text).not.toContain(NOTE);
    expect(found.text).not.toContain(item.mobile!);
    expect(found.text).not.toContain(mobile.slice(1));
    expect(found.text).not.toMatch(/"(mobile|email|name|nationalCode)"/);
  });

  it('records the caller’s reply as the citizen’s action, entered by phone; the citizen’s page says so', async () => {
    const { item, mobile } = awaiting();
    const agent = await signInAs('agent');
    const reply = 'نشانی: مشهد، خیابان کوهسنگی ۱۲؛ عصرها خانه هستیم.';
    const firstResponse = itemById(item.id).firstRespondedAt;
    const done = await record(agent, item.trackingCode, mobile, { intent: 'citizen_reply', message: reply });
    expect(done.status).toBe(200);
    expect(done.data).toMatchObject({ stage: 'found', done: 'citizen_reply' });
    expect(done.data.item).toMatchObject({ state: 'in_review', version: item.version + 1 });

    const event = eventsOf(item.id).at(-1)!;
    expect(event).toMatchObject({ action: 'citizen_reply', actorType: 'citizen', actorStaffId: staffId('agent'), via: 'phone', publicMessage: reply });
    // The citizen's side never counts as staff's first response.
    expect(itemById(item.id).firstRespondedAt).toEqual(firstResponse);
    expect(outboxOf(item.id).filter((m) => m.eventId === event.id)).toEqual([expect.objectContaining({ channel: 'sms', recipient: item.mobile })]);

    // The citizen, on the web, sees the reply marked as entered by phone.
    const jar = new CookieJar();
    jar.take(await run(() => trackIndex.action(routeArgs(postForm('/track', { code: item.trackingCode, mobile }, jar)))));
    const page = await (await run(() => trackCode.loader(routeArgs(getRequest(`/track/${item.trackingCode}`, jar), { code: item.trackingCode })))).json();
    expect(page.item.timeline.at(-1)).toMatchObject({ action: 'citizen_reply', via: 'phone', publicMessage: reply });
    expect(page.item.timeline.find((e: { action: string }) => e.action === 'accept').via).toBeNull();
  });

  it('records the caller’s confirmation and rating, and an appeal, both marked by phone', async () => {
    const agent = await signInAs('agent');
    const first = answered();
    const confirmed = await record(agent, first.item.trackingCode, first.mobile, { intent: 'confirm', rating: '۴', message: 'ممنون از پیگیری.' });
    expect(confirmed.status).toBe(200);
    expect(itemById(first.item.id)).toMatchObject({ state: 'closed', rating: 4, ratingComment: 'ممنون از پیگیری.' });
    expect(eventsOf(first.item.id).at(-1)).toMatchObject({ action: 'confirm', actorType: 'citizen', actorStaffId: staffId('agent'), via: 'phone' });

    const second = answered();
    const appealed = await record(agent, second.item.trackingCode, second.mobile, { intent: 'appeal', message: 'بازدید انجام نشد و پاسخ درست نیست.' });
    expect(appealed.status).toBe(200);
    expect(appealed.data.done).toBe('appeal');
    expect(itemById(second.item.id).state).toBe('appealed');
    expect(eventsOf(second.item.id).at(-1)).toMatchObject({ action: 'appeal', actorType: 'citizen', actorStaffId: staffId('agent'), via: 'phone' });
  });

  it('asks again for what is missing, keeping the text', async () => {
    const { item, mobile } = answered();
    const agent = await signInAs('agent');
    const refused = await record(agent, item.trackingCode, mobile, { intent: 'confirm', message: 'نظر بدون امتیاز' });
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ stage: 'found', intent: 'confirm', errors: { rating: 'errors.rating_required' }, values: { message: 'نظر بدون امتیاز' } });
    expect(itemById(item.id).state).toBe('answered');
  });

  it('refuses a stale version (another tab, or the item changed meanwhile) and changes nothing', async () => {
    const { item, mobile } = awaiting();
    const agent = await signInAs('agent');
    const found = await lookUp(agent, item.trackingCode, mobile);
    // Staff move the item after the agent opened it.
    step(item.id, 'note', { internalNote: 'یادداشت تازه' });
    const events = eventsOf(item.id).length;
    const stale = await calls(agent, { ticket: found.data.ticket!, version: String(found.data.item!.version), intent: 'citizen_reply', message: 'پاسخ دیرهنگام' });
    expect(stale.status).toBe(409);
    expect(stale.data.errors).toEqual({ form: 'errors.stale' });
    expect(stale.data.item!.version).toBe(found.data.item!.version + 1);
    expect(eventsOf(item.id)).toHaveLength(events);
    expect(itemById(item.id).state).toBe('awaiting_citizen');
  });

  it('acts only with this agent’s unexpired, untouched ticket, and with the form token', async () => {
    const { item, mobile } = awaiting();
    const agent = await signInAs('agent');
    const found = await lookUp(agent, item.trackingCode, mobile);
    const ticket = found.data.ticket!;
    const fields = { version: String(found.data.item!.version), intent: 'citizen_reply', message: 'پاسخ' };
    const otherCode = citizenItem().item.trackingCode;
    for (const forged of ['', 'garbage', ticket.replace(item.trackingCode, otherCode), ticket.slice(0, -2) + (ticket.endsWith('A') ? 'BB' : 'AA')]) {
      const refused = await calls(agent, { ...fields, ticket: forged });
      expect(refused.status, forged).toBe(400);
      expect(refused.data).toMatchObject({ stage: 'lookup', errors: { form: 'calls.ticketExpired' }, item: null });
    }
    // Another staff user cannot use it either.
    const officer = await signInAs(`officer.${OWN}`);
    expect((await calls(officer, { ...fields, ticket })).status).toBe(400);
    expect((await calls(agent, { ...fields, ticket }, { csrf: null })).status).toBe(403);
    expect(itemById(item.id).state).toBe('awaiting_citizen');
  });

  it('province staff may look a caller’s item up, but recording the citizen’s actions is the call centre’s', async () => {
    const { item, mobile } = awaiting();
    const officer = await signInAs(`officer.${OWN}`);
    const found = await lookUp(officer, item.trackingCode, mobile);
    expect(found.status).toBe(200);
    expect(found.data.item).toMatchObject({ actions: [], citizenActions: ['citizen_reply'] });
    const refused = await calls(officer, { ticket: found.data.ticket!, version: String(found.data.item!.version), intent: 'citizen_reply', message: 'پاسخ' });
    expect(refused.status).toBe(409);
    expect(refused.data.errors).toEqual({ form: 'errors.not_allowed' });
    expect(itemById(item.id).state).toBe('awaiting_citizen');
  });

  it('stops guessing: after 10 failed look-ups an agent is refused even with the right code and mobile', async () => {
    const { item, mobile } = citizenItem();
    const manager = await signInAs(`manager.${OWN}`);
    for (let i = 0; i < 10; i++) expect((await lookUp(manager, item.trackingCode, '09120000000')).status).toBe(404);
    const limited = await lookUp(manager, item.trackingCode, mobile);
    expect(limited.status).toBe(429);
    expect(limited.data.errors).toEqual({ form: 'calls.rateLimited' });
    // Counted per staff user: the agent next to them is not affected.
    expect((await lookUp(await signInAs('agent'), item.trackingCode, mobile)).status).toBe(200);
  });

  it('national supervisors and admins get 404; nobody signed in is sent to log in', async () => {
    const { item, mobile } = citizenItem();
    for (const username of ['national', 'admin']) {
      const jar = await signInAs(username);
      expect((await run(() => staffCalls.loader(routeArgs(getRequest('/staff/calls', jar))))).status).toBe(404);
      expect((await lookUp(jar, item.trackingCode, mobile)).status).toBe(404);
    }
    const anonymous = await run(() => staffCalls.loader(routeArgs(getRequest('/staff/calls'))));
    expect(anonymous.headers.get('Location')).toMatch(/^\/staff\/login/);
  });
});

describe('similar items while writing', () => {
  it('offers open items of the same centre that read alike, without saving anything', async () => {
    const agent = await signInAs('agent');
    const centre = centerIn(OWN);
    const caller = callerForm({ centerId: String(centre.id), body: 'غربالگری شنوایی نوزاد در این مرکز دو بار لغو شد و کسی خبر نداد.' });
    const first = enteredId(await enter(agent, caller));
    const before = itemCount();
    // The same caller again (same mobile): the agent reads the start of their earlier item.
    const response = await enter(agent, { centerId: String(centre.id), mobile: caller.mobile!, body: 'مادری زنگ زده که نوبت غربالگری شنوایی نوزادش لغو شده است.', intent: 'similar' });
    expect(response.status).toBe(200);
    const data = await response.json();
    expect(data.checked).toBe(true);
    expect(data.similar.map((s: { excerpt: string }) => s.excerpt)).toContain(itemById(first).body.slice(0, 160));
    expect(data.values.body).toContain('نوبت غربالگری'); // what was typed comes back
    expect(itemCount()).toBe(before);
    // Nothing similar: an empty list, still nothing saved.
    const none = await (await enter(agent, { centerId: String(centre.id), body: 'پرسشی درباره ساعت کلاس‌های نقاشی کودکان دارم.', intent: 'similar' })).json();
    expect(none.similar).toEqual([]);
  });
});
