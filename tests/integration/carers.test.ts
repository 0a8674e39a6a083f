/**
 * Phone and carers (issue 22): communication needs and "filed on behalf of" on the web form, the agent's entry form
 * and the staff item page; the SMS following them; the outbound call list's rows and every outcome through the
 * workflow's door; erasure at retention. Real loaders and actions on a real SQLite file.
 */
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, centers, itemEvents, items, outbox, outboundCalls, staffUsers } from '../../db/schema';
import { runSweeps, transition } from '~/services/workflow.server';
import * as feedbackNew from '~/routes/feedback.new';
import * as entryPage from '~/routes/staff.items.new';
import * as outboundPage from '~/routes/staff.calls_.outbound';
import * as staffItem from '~/routes/staff.items.$id/route';
import * as trackCode from '~/routes/track.$code';
import * as trackIndex from '~/routes/track._index';
import * as sentPage from '~/routes/feedback.sent.$code';
import * as open311Request from '~/routes/api.open311.v2.requests.$id';
import { CookieJar, getRequest, postForm, routeArgs, run } from '../support/http';
import { csrfOf, signInAs } from '../support/staff';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const OWN = 'ir-09';
const OTHER = 'ir-23';
const BODY = 'مادرم سالمند است و پیامک نمی‌خواند؛ نوبت بازدید منزل او سه هفته است انجام نشده است.';
const ANSWER = 'بازدید منزل برای شنبه ساعت ۱۰ هماهنگ شد؛ مددکار پیش از آمدن تماس می‌گیرد.';

let serial = 0;
const nextMobile = () => `0915${String(4000000 + ++serial)}`;
const intl = (mobile: string) => `+98${mobile.slice(1)}`;
const centerIn = (province: string) => db().select().from(centers).where(and(eq(centers.provinceId, province), eq(centers.active, true))).get()!;
const itemById = (id: number) => db().select().from(items).where(eq(items.id, id)).get()!;
const itemByCode = (code: string) => db().select().from(items).where(eq(items.trackingCode, code)).get()!;
const outboxOf = (itemId: number) => db().select().from(outbox).where(eq(outbox.itemId, itemId)).orderBy(asc(outbox.id)).all();
const eventsOf = (itemId: number) => db().select().from(itemEvents).where(eq(itemEvents.itemId, itemId)).orderBy(asc(itemEvents.id)).all();
const smsOf = (itemId: number) => outboxOf(itemId).filter((m) => m.channel === 'sms');

function officer(province = OWN) {
  const user = db().select().from(staffUsers).where(eq(staffUsers.username, `officer.${province}`)).get()!;
  return { role: 'province_officer' as const, provinceId: user.provinceId, staffId: user.id };
}

function answer(itemId: number, province = OWN) {
  for (const [action, input] of [['accept', {}], ['answer', { publicMessage: ANSWER }]] as const) {
    const result = transition(db(), itemId, action, officer(province), input);
    if (!result.ok) throw new Error(`${action} refused: ${result.reason}`);
  }
  return itemById(itemId);
}

function citizenItem(fields: Record<string, string> = {}, province = OWN) {
  const mobile = nextMobile();
  return fileFeedback(db(), { kind: 'complaint', provinceId: province, body: BODY, mobile, consent: 'on', ...fields });
}

const webForm = (fields: Record<string, string> = {}) => ({ kind: 'complaint', centerId: String(centerIn(OWN).id), body: BODY, mobile: nextMobile(), consent: 'on', ...fields });

async function postWeb(fields: Record<string, string>) {
  return run(() => feedbackNew.action(routeArgs(postForm('/feedback/new', fields))));
}

async function enter(jar: CookieJar, fields: Record<string, string>) {
  const csrf = await csrfOf(jar);
  return run(() => entryPage.action(routeArgs(postForm('/staff/items/new', { csrf, ...fields }, jar))));
}

interface CallRow {
  itemId: number;
  trackingCode: string;
  version: number;
  reason: string;
  dueKey: number;
  tries: number;
  callee: { who: string; name: string | null; mobile: string | null };
  whatToSay: string | null;
  preferredHours: string | null;
}

async function callList(jar: CookieJar): Promise<CallRow[]> {
  const response = await run(() => outboundPage.loader(routeArgs(getRequest('/staff/calls/outbound', jar))));
  expect(response.status).toBe(200);
  return ((await response.json()) as { calls: CallRow[] }).calls;
}

async function recordCall(jar: CookieJar, row: Pick<CallRow, 'itemId' | 'reason' | 'dueKey' | 'version'>, fields: Record<string, string>) {
  const csrf = await csrfOf(jar);
  const response = await run(() =>
    outboundPage.action(routeArgs(postForm('/staff/calls/outbound', { csrf, itemId: String(row.itemId), reason: row.reason, dueKey: String(row.dueKey), version: String(row.version), ...fields }, jar))),
  );
  return { status: response.status, data: (await response.json()) as { notice: string | null; errors: Record<string, string>; values: Record<string, string> } };
}

// ---- the forms ---------------------------------------------------------------------------------------------------

describe('communication needs on the web form', () => {
  it('are stored as given, and the SMS goes to the contact person', async () => {
    const response = await postWeb(webForm({ cannotReadSms: 'on', preferredHours: 'morning', contactName: 'رضا کریمی', contactRelation: 'پسر', contactMobile: '۰۹۱۲۳۴۵۶۷۸۹' }));
    expect(response.status).toBe(302);
    const code = /\/feedback\/sent\/(\d{12})$/.exec(response.headers.get('Location')!)![1]!;
    const item = itemByCode(code);
    expect(item).toMatchObject({ cannotReadSms: true, callBack: false, preferredHours: 'morning', contactName: 'رضا کریمی', contactRelation: 'پسر', contactMobile: '+989123456789' });
    expect(smsOf(item.id).map((m) => m.recipient)).toEqual(['+989123456789']);
    const jar = new CookieJar();
    jar.take(response);
    const sent = await run(() => sentPage.loader(routeArgs(getRequest(`/feedback/sent/${code}`, jar), { code })));
    expect(((await sent.json()) as { smsTo: string }).smsTo).toBe('carer');
  });

  it('refuses a contact person without a valid mobile, and a call-back with no number, in Persian field messages, keeping the input', async () => {
    const typed = webForm({ contactName: 'رضا', contactMobile: '12', onBehalf: 'on', onBehalfName: '', onBehalfRelation: 'مددکار', body: 'کوتاه' });
    const response = await postWeb(typed);
    expect(response.status).toBe(400);
    const data = (await response.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(data.errors).toMatchObject({ contactMobile: 'errors.mobile_invalid', onBehalfName: 'carers.errors.onBehalfNameRequired', body: 'errors.body_too_short' });
    expect(data.values).toMatchObject({ contactName: 'رضا', contactMobile: '12', onBehalf: 'on', onBehalfRelation: 'مددکار' });

    const noNumber = await postWeb(webForm({ anonymous: 'on', mobile: '', callBack: 'on', contactName: '', contactMobile: '' }));
    // Anonymous keeps no contact data at all: the call-back is not asked of it, and nothing is stored.
    expect(noNumber.status).toBe(302);
    const code = /(\d{12})$/.exec(noNumber.headers.get('Location')!)![1]!;
    expect(itemByCode(code)).toMatchObject({ callBack: false, contactMobile: null, onBehalfName: null });

    const orphan = await postWeb(webForm({ contactName: '', contactRelation: 'دختر', contactMobile: '' }));
    expect(((await orphan.json()) as { errors: Record<string, string> }).errors.contactName).toBe('carers.errors.contactNameRequired');
  });

  it('the page renders the optional fieldsets in Persian, and the messages exist in both languages', async () => {
    const fa = (await import('../../locales/fa/common.json')).default as Record<string, Record<string, unknown>>;
    const en = (await import('../../locales/en/common.json')).default as Record<string, Record<string, unknown>>;
    const errors = fa.carers!.errors as Record<string, string>;
    expect(errors.contactNameRequired).toMatch(/[\u0600-\u06FF]/);
    expect(Object.keys(en.carers!.errors as object).sort()).toEqual(Object.keys(errors).sort());
    // The block sits right after "calls" (merge rule).
    const keys = Object.keys(fa);
    expect(keys[keys.indexOf('calls') + 1]).toBe('carers');
  });

  it('"filed on behalf of" shows on the tracking page to the holder of the code only', async () => {
    const mobile = nextMobile();
    const response = await postWeb(webForm({ mobile, onBehalf: 'on', onBehalfName: 'فاطمه رحیمی', onBehalfRelation: 'دختر' }));
    const code = /(\d{12})$/.exec(response.headers.get('Location')!)![1]!;
    // Without the look-up in this browser: no item, no name.
    const locked = await run(() => trackCode.loader(routeArgs(getRequest(`/track/${code}`), { code })));
    expect(await locked.text()).not.toContain('فاطمه');
    // With it.
    const jar = new CookieJar();
    const lookup = await run(() => trackIndex.action(routeArgs(postForm('/track', { code, mobile }, jar))));
    jar.take(lookup);
    const page = await run(() => trackCode.loader(routeArgs(getRequest(`/track/${code}`, jar), { code })));
    const data = (await page.json()) as { item: { onBehalf: { name: string; relation: string } | null } };
    expect(data.item.onBehalf).toEqual({ name: 'فاطمه رحیمی', relation: 'دختر' });
  });

  it('the carer who received the code opens the tracking page with their own mobile (outside review, round 9)', async () => {
    const mobile = nextMobile();
    const carer = nextMobile();
    const response = await postWeb(webForm({ mobile, cannotReadSms: 'on', contactName: 'علی رحیمی', contactRelation: 'پسر', contactMobile: carer }));
    const code = /(\d{12})$/.exec(response.headers.get('Location')!)![1]!;
    expect(smsOf(itemByCode(code).id).map((m) => m.recipient)).toEqual([intl(carer)]);
    const jar = new CookieJar();
    const lookup = await run(() => trackIndex.action(routeArgs(postForm('/track', { code, mobile: carer }, jar))));
    expect(lookup.status).toBe(302);
    expect(lookup.headers.get('Location')).toBe(`/track/${code}`);
    // Another number still does not.
    const stranger = await run(() => trackIndex.action(routeArgs(postForm('/track', { code, mobile: nextMobile() }, new CookieJar()))));
    expect(stranger.status).not.toBe(302);
  });
});

describe('communication needs on the agent\u2019s entry form', () => {
  it('an agent files for a caller who cannot read SMS, with a carer: stored, no SMS to the caller, the carer gets it', async () => {
    const jar = await signInAs('agent');
    const callerMobile = nextMobile();
    const carer = nextMobile();
    const response = await enter(jar, {
      channel: 'phone', kind: 'complaint', centerId: String(centerIn(OWN).id), body: BODY, mobile: callerMobile, consent: 'on',
      cannotReadSms: 'on', contactName: 'علی', contactRelation: 'پسر', contactMobile: carer, onBehalf: 'on', onBehalfName: 'زهرا', onBehalfRelation: 'پسر',
    });
    expect(response.status).toBe(302);
    const id = Number(/entered=(\d+)/.exec(response.headers.get('Location')!)![1]);
    expect(itemById(id)).toMatchObject({ cannotReadSms: true, contactMobile: intl(carer), onBehalfName: 'زهرا', onBehalfRelation: 'پسر' });
    expect(smsOf(id).map((m) => m.recipient)).toEqual([intl(carer)]);
    // The confirmation tells the agent truthfully where the code went: the carer's number, masked.
    const confirmation = await run(() => entryPage.loader(routeArgs(getRequest(`/staff/items/new?entered=${id}`, jar))));
    const data = (await confirmation.json()) as { confirmation: { smsTo: string; carerMasked: string } };
    expect(data.confirmation).toMatchObject({ smsTo: 'carer', carerMasked: expect.stringContaining('***') });

    const none = await enter(jar, { channel: 'phone', kind: 'complaint', centerId: String(centerIn(OWN).id), body: BODY, mobile: nextMobile(), consent: 'on', callBack: 'on' });
    const noneId = Number(/entered=(\d+)/.exec(none.headers.get('Location')!)![1]);
    expect(smsOf(noneId)).toHaveLength(0);
    const said = await run(() => entryPage.loader(routeArgs(getRequest(`/staff/items/new?entered=${noneId}`, jar))));
    expect(((await said.json()) as { confirmation: { smsTo: string } }).confirmation.smsTo).toBe('none');
  });

  it('refuses bad needs with staff field messages and keeps everything typed', async () => {
    const jar = await signInAs('agent');
    const typed = { channel: 'phone', kind: 'complaint', centerId: String(centerIn(OWN).id), body: BODY, mobile: nextMobile(), consent: 'on', preferredHours: 'midnight', contactMobile: '0912', onBehalf: 'on' };
    const response = await enter(jar, typed);
    expect(response.status).toBe(400);
    const data = (await response.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(data.errors).toMatchObject({ preferredHours: 'errors.invalid_choice', contactName: 'carers.errors.contactNameRequired', contactMobile: 'errors.mobile_invalid', onBehalfName: 'carers.errors.onBehalfNameRequired', onBehalfRelation: 'carers.errors.onBehalfRelationRequired' });
    expect(data.values).toMatchObject({ preferredHours: 'midnight', contactMobile: '0912', body: BODY });
  });
});

// ---- notify rules ------------------------------------------------------------------------------------------------

describe('who receives the SMS', () => {
  it('nobody when the citizen cannot read SMS or asked for a call (e-mail still goes); the citizen otherwise', () => {
    const cannot = citizenItem({ cannotReadSms: 'on', email: 'a@example.org' });
    expect(smsOf(cannot.id)).toHaveLength(0);
    expect(outboxOf(cannot.id).map((m) => m.channel)).toEqual(['email']);
    answer(cannot.id);
    expect(smsOf(cannot.id)).toHaveLength(0);

    const callBack = citizenItem({ callBack: 'on' });
    answer(callBack.id);
    expect(smsOf(callBack.id)).toHaveLength(0);

    const plain = citizenItem();
    answer(plain.id);
    expect(smsOf(plain.id).every((m) => m.recipient === plain.mobile)).toBe(true);
    expect(smsOf(plain.id).length).toBeGreaterThan(1);
  });

  it('the contact person\u2019s mobile receives every SMS about the item, never the citizen\u2019s', () => {
    const carer = nextMobile();
    const item = citizenItem({ contactName: 'مریم', contactMobile: carer });
    answer(item.id);
    const recipients = new Set(smsOf(item.id).map((m) => m.recipient));
    expect([...recipients]).toEqual([intl(carer)]);
  });
});

// ---- the call list -----------------------------------------------------------------------------------------------

describe('the outbound call list', () => {
  it('lists call-backs, answers for those who cannot read SMS, and phone items closed without a rating; with whom to call and what to say', async () => {
    const jar = await signInAs('agent');
    const carer = nextMobile();
    const callBack = citizenItem({ callBack: 'on', preferredHours: 'evening' });
    const cannot = answer(citizenItem({ cannotReadSms: 'on', contactName: 'حسن', contactRelation: 'برادر', contactMobile: carer }).id);
    const plainAnswered = answer(citizenItem().id);
    const rows = await callList(jar);
    const of = (id: number) => rows.filter((r) => r.itemId === id);
    expect(of(callBack.id)).toMatchObject([{ reason: 'call_back', preferredHours: 'evening', callee: { who: 'citizen', mobile: callBack.mobile }, whatToSay: null, tries: 0 }]);
    expect(of(cannot.id)).toMatchObject([{ reason: 'answered', callee: { who: 'carer', name: 'حسن', mobile: intl(carer) }, whatToSay: ANSWER }]);
    expect(of(plainAnswered.id)).toEqual([]);
  });

  it('reached: the call leaves the list, with an audit entry; no answer: it stays and counts tries', async () => {
    const jar = await signInAs('agent');
    const item = citizenItem({ callBack: 'on' });
    let row = (await callList(jar)).find((r) => r.itemId === item.id)!;
    const missed = await recordCall(jar, row, { outcome: 'no_answer' });
    expect(missed.status).toBe(200);
    expect(missed.data.notice).toBe('carers.outbound.done.no_answer');
    await recordCall(jar, row, { outcome: 'no_answer' });
    row = (await callList(jar)).find((r) => r.itemId === item.id)!;
    expect(row.tries).toBe(2);
    const reached = await recordCall(jar, row, { outcome: 'reached' });
    expect(reached.data.notice).toBe('carers.outbound.done.reached');
    expect((await callList(jar)).some((r) => r.itemId === item.id)).toBe(false);
    const audit = db().select().from(auditLog).where(and(eq(auditLog.entity, 'item'), eq(auditLog.entityId, String(item.id)))).all();
    expect(audit.map((a) => a.action)).toEqual(['item.call_no_answer', 'item.call_no_answer', 'item.call_reached']);
    // The item itself is untouched by a call that only talked.
    expect(itemById(item.id).version).toBe(item.version);
  });

  it('rating given on an answered item: confirm with the rating through the door, via phone; it leaves the list', async () => {
    const jar = await signInAs('agent');
    const item = answer(citizenItem({ cannotReadSms: 'on' }).id);
    const row = (await callList(jar)).find((r) => r.itemId === item.id)!;
    const bad = await recordCall(jar, row, { outcome: 'rating_given', rating: '9' });
    expect(bad.status).toBe(400);
    expect(bad.data.errors.rating).toBe('errors.rating_required');
    expect(bad.data.values.rating).toBe('9');
    const done = await recordCall(jar, row, { outcome: 'rating_given', rating: '۴' });
    expect(done.status).toBe(200);
    expect(itemById(item.id)).toMatchObject({ state: 'closed', rating: 4 });
    const confirm = eventsOf(item.id).at(-1)!;
    expect(confirm).toMatchObject({ action: 'confirm', actorType: 'citizen', via: 'phone' });
    expect((await callList(jar)).some((r) => r.itemId === item.id)).toBe(false);
  });

  it('appeal made: appeal with the reason through the door, via phone; a reason is required', async () => {
    const jar = await signInAs('agent');
    const item = answer(citizenItem({ callBack: 'on' }).id);
    const row = (await callList(jar)).find((r) => r.itemId === item.id && r.reason === 'answered')!;
    const empty = await recordCall(jar, row, { outcome: 'appeal_made', message: '  ' });
    expect(empty.data.errors.message).toBe('errors.appeal_reason_required');
    const done = await recordCall(jar, row, { outcome: 'appeal_made', message: 'بازدید انجام نشد.' });
    expect(done.status).toBe(200);
    expect(itemById(item.id).state).toBe('appealed');
    expect(eventsOf(item.id).at(-1)).toMatchObject({ action: 'appeal', via: 'phone', publicMessage: 'بازدید انجام نشد.' });
  });

  it('a phone item closed without a rating: rating given rates it (the item stays closed), appeal is refused', async () => {
    const jar = await signInAs('agent');
    const item = answer(fileFeedback(db(), { kind: 'complaint', provinceId: OWN, body: BODY, mobile: nextMobile(), consent: 'on' }, { channel: 'phone' }).id);
    // Closed by the sweep after the citizen's silence.
    const closed = transition(db(), item.id, 'auto_close', { role: 'system' }, {});
    expect(closed.ok).toBe(true);
    let row = (await callList(jar)).find((r) => r.itemId === item.id)!;
    expect(row.reason).toBe('unrated');
    const appeal = await recordCall(jar, row, { outcome: 'appeal_made', message: 'حل نشد' });
    expect(appeal.status).toBe(400);
    expect(appeal.data.errors.form).toBe('errors.not_allowed');
    row = (await callList(jar)).find((r) => r.itemId === item.id)!;
    const rated = await recordCall(jar, row, { outcome: 'rating_given', rating: '2' });
    expect(rated.data.notice).toBe('carers.outbound.done.rating_given');
    expect(db().select().from(outboundCalls).where(eq(outboundCalls.itemId, item.id)).get()).toMatchObject({ outcome: 'rating_given', rating: 2 });
    expect(itemById(item.id)).toMatchObject({ state: 'closed', rating: 2 });
    expect(eventsOf(item.id).at(-1)).toMatchObject({ action: 'rate', actorType: 'citizen', via: 'phone' });
    expect((await callList(jar)).some((r) => r.itemId === item.id)).toBe(false);
  });

  it('a stale version is refused and nothing changes', async () => {
    const jar = await signInAs('agent');
    const item = answer(citizenItem({ cannotReadSms: 'on' }).id);
    const row = (await callList(jar)).find((r) => r.itemId === item.id)!;
    const stale = await recordCall(jar, { ...row, version: row.version - 1 }, { outcome: 'rating_given', rating: '5' });
    expect(stale.status).toBe(409);
    expect(stale.data.errors.form).toBe('errors.stale');
    expect(itemById(item.id).state).toBe('answered');
  });

  it('province staff see and record only their own province\u2019s calls; the call centre sees every province', async () => {
    const own = citizenItem({ callBack: 'on' }, OWN);
    const other = citizenItem({ callBack: 'on' }, OTHER);
    const officerJar = await signInAs(`officer.${OWN}`);
    const rows = await callList(officerJar);
    expect(rows.some((r) => r.itemId === own.id)).toBe(true);
    expect(rows.some((r) => r.itemId === other.id)).toBe(false);
    const refused = await recordCall(officerJar, { itemId: other.id, reason: 'call_back', dueKey: 0, version: other.version }, { outcome: 'reached' });
    expect(refused.status).toBe(404);
    expect(refused.data.errors.form).toBe('carers.errors.notOnList');
    expect(db().select().from(outboundCalls).where(eq(outboundCalls.itemId, other.id)).all()).toEqual([]);
    const agentRows = await callList(await signInAs('agent'));
    expect(agentRows.some((r) => r.itemId === other.id) && agentRows.some((r) => r.itemId === own.id)).toBe(true);
  });
});

// ---- the staff item page ------------------------------------------------------------------------------------------

describe('communication needs on the staff item page', () => {
  async function save(jar: CookieJar, itemId: number, fields: Record<string, string>) {
    const csrf = await csrfOf(jar);
    return run(() => staffItem.action(routeArgs(postForm(`/staff/items/${itemId}`, { csrf, intent: 'communication_needs', ...fields }, jar), { id: String(itemId) })));
  }

  it('shows them (the carer\u2019s mobile masked) and saves a change with an audit entry naming the fields only', async () => {
    const carer = nextMobile();
    const item = citizenItem({ contactName: 'نرگس', contactRelation: 'همسر', contactMobile: carer });
    const jar = await signInAs(`officer.${OWN}`);
    const page = await run(() => staffItem.loader(routeArgs(getRequest(`/staff/items/${item.id}`, jar), { id: String(item.id) })));
    const text = await page.text();
    expect(text).toContain('نرگس');
    expect(text).not.toContain(intl(carer));
    expect(text).not.toContain(carer.slice(4));

    const bad = await save(jar, item.id, { version: String(item.version), contactName: 'نرگس', contactMobile: 'abc' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Record<string, string> }).errors.contactMobile).toBe('errors.mobile_invalid');

    // An empty mobile box keeps the carer's number on file.
    const ok = await save(jar, item.id, { version: String(item.version), contactName: 'نرگس', contactRelation: 'همسر', cannotReadSms: 'on' });
    expect(ok.status).toBe(302);
    expect(itemById(item.id)).toMatchObject({ cannotReadSms: true, contactMobile: intl(carer), version: item.version + 1 });
    const audit = db().select().from(auditLog).where(and(eq(auditLog.action, 'item.communication_needs'), eq(auditLog.entityId, String(item.id)))).get()!;
    expect(JSON.parse(audit.after!)).toEqual({ changed: ['cannotReadSms'] });
    expect(audit.after).not.toContain(carer.slice(4));

    const stale = await save(jar, item.id, { version: String(item.version), contactName: '' });
    expect(stale.status).toBe(409);
  });

  it('another province\u2019s item answers 404', async () => {
    const item = citizenItem({}, OTHER);
    const response = await save(await signInAs(`officer.${OWN}`), item.id, { version: String(item.version), callBack: 'on' });
    expect(response.status).toBe(404);
    expect(itemById(item.id).callBack).toBe(false);
  });
});

// ---- never public ----

describe('never on public pages', () => {
  it('Open311 gives out neither the carer nor the person filed for', async () => {
    const item = citizenItem({ contactName: 'کاوه مرادی', contactMobile: nextMobile(), onBehalf: 'on', onBehalfName: 'شیرین مرادی', onBehalfRelation: 'پدر' });
    const response = await run(() => open311Request.loader(routeArgs(getRequest(`/api/open311/v2/requests/${item.publicRef}.json`), { id: `${item.publicRef}.json` })));
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain(item.publicRef);
    for (const secret of ['کاوه', 'شیرین', 'پدر', item.contactMobile!]) expect(body).not.toContain(secret);
  });
});

// ---- retention ---------------------------------------------------------------------------------------------------

describe('retention', () => {
  it('erases the communication needs and the on-behalf name with the rest of the contact data', () => {
    const item = answer(citizenItem({ callBack: 'on', cannotReadSms: 'on', preferredHours: 'morning', contactName: 'رضا', contactRelation: 'پسر', contactMobile: nextMobile(), onBehalf: 'on', onBehalfName: 'زهرا', onBehalfRelation: 'پسر' }).id);
    transition(db(), item.id, 'auto_close', { role: 'system' }, {});
    const later = new Date(Date.now() + 400 * 86_400_000);
    expect(runSweeps(db(), later).contactsErased).toBeGreaterThan(0);
    expect(itemById(item.id)).toMatchObject({
      mobile: null, callBack: false, cannotReadSms: false, contactName: null, contactRelation: null, contactMobile: null, preferredHours: null, onBehalfName: null, onBehalfRelation: null,
    });
  });
});
