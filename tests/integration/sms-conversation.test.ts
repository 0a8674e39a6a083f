/**
 * Issue 22, "SMS, both ways": a text from a number with items continues the exchange on them through the workflow's
 * door (follow-up, reply, confirm with a rating, appeal, a rating after closing), «کد» lists the number's open codes,
 * every text gets exactly one answer SMS, and one SMS asks for a rating after an answer or an auto-close; the
 * dashboard counts those ratings with their response rate. Against the real endpoint and a real SQLite file.
 */
import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { itemEvents, items, outbox, smsInbound, staffUsers } from '../../db/schema';
import { resetConfigForTests } from '~/platform/config.server';
import { decideSms, type ConversationItem } from '~/domain/sms-conversation';
import { toPersianDigits } from '~/domain/persian';
import { groupTrackingCode } from '~/domain/tracking-code';
import { previewTransition, runSweeps, transition } from '~/services/workflow.server';
import { dashboard } from '~/models/dashboard.server';
import { getWorkflowSettings, saveWorkflowSettings } from '~/models/settings.server';
import { translator } from '~/i18n/translate';
import * as route from '~/routes/api.sms.inbound';
import { BASE, routeArgs, run } from '../support/http';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const TOKEN = 'gateway-inbound-secret-conv';
const TEXT = 'نوبت بازدید منزل پدرم سه هفته است انجام نشده و کسی پاسخ نمی‌دهد.';
const DAY = 86_400_000;

beforeAll(() => {
  process.env.SMS_INBOUND_TOKEN = TOKEN;
  resetConfigForTests();
});
afterAll(() => {
  delete process.env.SMS_INBOUND_TOKEN;
  resetConfigForTests();
});

// ---- helpers ---------------------------------------------------------------------------------------------------

let serial = 0;
const newMobile = () => `0913${String(3_000_000 + ++serial)}`;
const newId = () => `conv-${Date.now()}-${++serial}`;
const e164 = (local: string) => `+98${local.slice(1)}`;

async function sms(from: string, text: string, id = newId()) {
  const request = new Request(`${BASE}/api/sms/inbound`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ id, from, text }),
  });
  const response = await run(() => route.action(routeArgs(request)));
  const body = await response.text();
  return { status: response.status, text: body, json: JSON.parse(body) as Record<string, unknown> };
}

const itemsFrom = (mobile: string) => db().select().from(items).where(eq(items.mobile, e164(mobile))).orderBy(asc(items.id)).all();
const itemById = (id: number) => db().select().from(items).where(eq(items.id, id)).get()!;
const outboxTo = (mobile: string) => db().select().from(outbox).where(eq(outbox.recipient, e164(mobile))).orderBy(asc(outbox.id)).all();
const lastSmsTo = (mobile: string) => outboxTo(mobile).at(-1)!;
const eventsOf = (itemId: number) => db().select().from(itemEvents).where(eq(itemEvents.itemId, itemId)).orderBy(asc(itemEvents.id)).all();
/** Moves the number's recorded texts 11 minutes back: a test sending many texts stays under the 10-minute limit. */
const pastFloodWindow = (mobile: string) =>
  db().update(smsInbound).set({ receivedAt: new Date(Date.now() - 11 * 60_000) }).where(eq(smsInbound.fromNumber, e164(mobile))).run();
const itemCount = () => db().select({ n: count() }).from(items).get()!.n;
const fa = translator('fa');
const shown = (code: string) => toPersianDigits(groupTrackingCode(code));

function national() {
  const user = db().select().from(staffUsers).where(eq(staffUsers.username, 'national')).get()!;
  return { role: 'national_supervisor' as const, provinceId: null, staffId: user.id };
}

/** An item filed by SMS from `mobile` (a new number unless given), taken to `state` by the national office. */
async function smsItem(mobile = newMobile(), state: 'routed' | 'in_review' | 'awaiting_citizen' | 'answered' | 'closed' = 'routed') {
  const answer = await sms(mobile, `شکایت ${TEXT}`);
  expect(answer.status).toBe(201);
  const item = itemsFrom(mobile).find((i) => i.trackingCode === answer.json.trackingCode)!;
  const staff = national();
  if (state !== 'routed') expect(transition(db(), item.id, 'accept', staff, {}).ok).toBe(true);
  if (state === 'awaiting_citizen') expect(transition(db(), item.id, 'ask_citizen', staff, { publicMessage: 'نشانی دقیق منزل را بفرستید.' }).ok).toBe(true);
  if (state === 'answered' || state === 'closed') expect(transition(db(), item.id, 'answer', staff, { publicMessage: 'بازدید برای هفته آینده هماهنگ شد.' }).ok).toBe(true);
  if (state === 'closed') expect(transition(db(), item.id, 'auto_close', { role: 'system' }, {}).ok).toBe(true);
  return { mobile, item: itemById(item.id), code: item.trackingCode };
}

// ---- a follow-up joins the open item ---------------------------------------------------------------------------

describe('a text from a number with an open item', () => {
  it('joins it as the citizen\'s message (no second item), and one SMS names the code', async () => {
    const { mobile, item, code } = await smsItem();
    const before = { items: itemCount(), sms: outboxTo(mobile).length };
    const answer = await sms(mobile, 'هنوز هیچ خبری نشده، لطفاً پیگیری کنید');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ outcome: 'citizen_note' });
    expect(itemCount()).toBe(before.items);
    const note = eventsOf(item.id).at(-1)!;
    expect(note).toMatchObject({ action: 'citizen_note', actorType: 'citizen', fromState: 'routed', toState: 'routed', publicMessage: 'هنوز هیچ خبری نشده، لطفاً پیگیری کنید' });
    expect(itemById(item.id)).toMatchObject({ state: 'routed', firstRespondedAt: null });
    // Exactly one answer, naming the code in Persian digits.
    expect(outboxTo(mobile)).toHaveLength(before.sms + 1);
    expect(lastSmsTo(mobile).body).toBe(fa('smsTalk.followUp', { code: shown(code) }));
    expect(lastSmsTo(mobile)).toMatchObject({ itemId: item.id, eventId: note.id });
    // The staff timeline and the tracking page have words for the new actions.
    expect(fa(['action.citizen_note', 'smsTalk.action.citizen_note'])).toBe('پیام شهروند');
  });

  it('with two open items: the latest, unless the text starts with the code of the other (any digits)', async () => {
    const mobile = newMobile();
    const older = await smsItem(mobile);
    const newer = await smsItem(mobile);
    await sms(mobile, 'پیام دوم بدون کد برای آخرین مورد');
    expect(eventsOf(newer.item.id).at(-1)).toMatchObject({ action: 'citizen_note', publicMessage: 'پیام دوم بدون کد برای آخرین مورد' });
    expect(eventsOf(older.item.id).some((e) => e.action === 'citizen_note')).toBe(false);

    const persian = toPersianDigits(groupTrackingCode(older.code));
    await sms(mobile, `${persian}: درباره همان بازدید قبلی است`);
    expect(eventsOf(older.item.id).at(-1)).toMatchObject({ action: 'citizen_note', publicMessage: 'درباره همان بازدید قبلی است' });
    const arabicIndic = older.code.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);
    await sms(mobile, `${arabicIndic} و یک پیام دیگر`);
    expect(eventsOf(older.item.id).at(-1)).toMatchObject({ publicMessage: 'و یک پیام دیگر' });
    expect(itemsFrom(mobile)).toHaveLength(2);
  });

  it("another number's code is treated as not given: the sender's own item gets the text, nothing is revealed or changed", async () => {
    const victim = await smsItem();
    const { mobile, item } = await smsItem();
    const victimEvents = eventsOf(victim.item.id).length;
    const victimSms = outboxTo(victim.mobile).length;
    const answer = await sms(mobile, `${victim.code} این را به پرونده او اضافه کنید`);
    expect(answer.json).toEqual({ outcome: 'citizen_note' });
    expect(eventsOf(victim.item.id)).toHaveLength(victimEvents);
    expect(outboxTo(victim.mobile)).toHaveLength(victimSms);
    expect(eventsOf(item.id).at(-1)).toMatchObject({ action: 'citizen_note', publicMessage: 'این را به پرونده او اضافه کنید' });
    expect(lastSmsTo(mobile).body).not.toContain(shown(victim.code));

    // From a number with no items, another's code is not given either: a new item of the sender's own.
    const stranger = newMobile();
    const filed = await sms(stranger, `${victim.code} ${TEXT}`);
    expect(filed.status).toBe(201);
    expect(itemsFrom(stranger)).toEqual([expect.objectContaining({ body: TEXT })]);
    expect(eventsOf(victim.item.id)).toHaveLength(victimEvents);
  });

  it('a text starting with a keyword files a new item even with an open one', async () => {
    const { mobile } = await smsItem();
    const answer = await sms(mobile, `پیشنهاد ${TEXT}`);
    expect(answer.status).toBe(201);
    expect(itemsFrom(mobile).map((i) => i.kind)).toEqual(['complaint', 'suggestion']);
  });

  it('while the province waits for the citizen, the text is the reply (back to review)', async () => {
    const { mobile, item, code } = await smsItem(undefined, 'awaiting_citizen');
    const answer = await sms(mobile, 'تهران، خیابان آزادی، کوچه ۱۲');
    expect(answer.json).toEqual({ outcome: 'citizen_reply' });
    expect(itemById(item.id).state).toBe('in_review');
    expect(eventsOf(item.id).at(-1)).toMatchObject({ action: 'citizen_reply', actorType: 'citizen', publicMessage: 'تهران، خیابان آزادی، کوچه ۱۲' });
    expect(lastSmsTo(mobile).body).toBe(fa('smsTalk.replied', { code: shown(code) }));
  });
});

// ---- answered: rate, appeal ------------------------------------------------------------------------------------

describe('a text on an answered item', () => {
  it.each([
    ['۵', 5],
    ['3', 3],
    ['٤', 4],
    [' 1. ', 1],
  ])('the single digit %j confirms it with that rating', async (digit, rating) => {
    const { mobile, item, code } = await smsItem(undefined, 'answered');
    const answer = await sms(mobile, digit);
    expect(answer.json).toEqual({ outcome: 'confirm' });
    expect(itemById(item.id)).toMatchObject({ state: 'closed', rating });
    expect(lastSmsTo(mobile).body).toBe(fa('smsTalk.confirmed', { code: shown(code), rating: toPersianDigits(String(rating)) }));
  });

  it('a digit outside 1–5 or two digits is no rating: the help for an answered item, nothing changes', async () => {
    const { mobile, item, code } = await smsItem(undefined, 'answered');
    for (const text of ['۶', '0', '😀', '٩!']) {
      const answer = await sms(mobile, text);
      expect(answer.json, text).toEqual({ outcome: 'help' });
      expect(lastSmsTo(mobile).body).toBe(fa('smsTalk.help.answered', { code: shown(code) }));
    }
    // "45" is a message, not a rating: it joins the item, and the answer says what else can be sent.
    pastFloodWindow(mobile);
    await sms(mobile, '45');
    expect(eventsOf(item.id).at(-1)).toMatchObject({ action: 'citizen_note', publicMessage: '45' });
    expect(lastSmsTo(mobile).body).toBe(fa('smsTalk.followUpAnswered', { code: shown(code) }));
    expect(itemById(item.id)).toMatchObject({ state: 'answered', rating: null });
  });

  it('«اعتراض» or «حل نشد» with a reason appeals; without one, an SMS asks for it', async () => {
    const { mobile, item, code } = await smsItem(undefined, 'answered');
    expect((await sms(mobile, 'اعتراض')).json).toEqual({ outcome: 'help' });
    expect(lastSmsTo(mobile).body).toBe(fa('smsTalk.help.reason_needed', { code: shown(code) }));
    expect((await sms(mobile, 'حل‌نشد!')).json).toEqual({ outcome: 'help' });
    expect(itemById(item.id).state).toBe('answered');

    const answer = await sms(mobile, 'حل نشد: هنوز کسی برای بازدید نیامده');
    expect(answer.json).toEqual({ outcome: 'appeal' });
    expect(itemById(item.id).state).toBe('appealed');
    expect(eventsOf(item.id).at(-1)).toMatchObject({ action: 'appeal', actorType: 'citizen', publicMessage: 'هنوز کسی برای بازدید نیامده' });
    expect(lastSmsTo(mobile).body).toBe(fa('smsTalk.appealed', { code: shown(code) }));

    const other = await smsItem(undefined, 'answered');
    expect((await sms(other.mobile, 'اعتراض دارم چون پاسخ کلی بود')).json).toEqual({ outcome: 'appeal' });
    expect(eventsOf(other.item.id).at(-1)).toMatchObject({ publicMessage: 'دارم چون پاسخ کلی بود' });
  });

  it('after the appeal window, an appeal by SMS is refused and the citizen told to call', async () => {
    const { mobile, item, code } = await smsItem(undefined, 'answered');
    db().update(items).set({ answeredAt: new Date(Date.now() - 8 * DAY) }).where(eq(items.id, item.id)).run();
    const answer = await sms(mobile, 'اعتراض پاسخ درست نبود');
    expect(answer.json).toEqual({ outcome: 'refused' });
    expect(itemById(item.id).state).toBe('answered');
    expect(lastSmsTo(mobile).body).toBe(fa('smsTalk.appealClosed', { code: shown(code), phone: '۱۴۸۲' }));
  });
});

// ---- satisfaction ----------------------------------------------------------------------------------------------

describe('satisfaction by SMS', () => {
  it('the answer\'s own SMS asks once for a rating (no extra message), and the auto-close does not ask again', async () => {
    const { mobile, item } = await smsItem(undefined, 'answered');
    const question = fa('smsTalk.ratingAsk');
    const answerSms = lastSmsTo(mobile);
    expect(answerSms).toMatchObject({ itemId: item.id, status: 'pending' });
    expect(answerSms.body).toContain('بازدید برای هفته آینده هماهنگ شد.');
    expect(answerSms.body.endsWith(question)).toBe(true);
    expect(outboxTo(mobile).filter((m) => m.body.includes(question))).toHaveLength(1);
    expect(item.ratingAskedAt).not.toBeNull();
    expect(transition(db(), item.id, 'auto_close', { role: 'system' }, {}).ok).toBe(true);
    expect(lastSmsTo(mobile).body).not.toContain(question);
    expect(outboxTo(mobile).filter((m) => m.body.includes(question))).toHaveLength(1);
  });

  it('after an auto-close without the citizen\'s word, a digit rates the closed item once (state kept)', async () => {
    const { mobile, item, code } = await smsItem(undefined, 'closed');
    expect(item).toMatchObject({ state: 'closed', rating: null });
    const answer = await sms(mobile, '۴');
    expect(answer.json).toEqual({ outcome: 'rate' });
    expect(itemById(item.id)).toMatchObject({ state: 'closed', rating: 4 });
    expect(eventsOf(item.id).at(-1)).toMatchObject({ action: 'rate', actorType: 'citizen', fromState: 'closed', toState: 'closed' });
    expect(lastSmsTo(mobile).body).toBe(fa('smsTalk.rated', { code: shown(code), rating: '۴' }));
    // A second digit changes nothing.
    expect((await sms(mobile, '1')).json).toEqual({ outcome: 'help' });
    expect(itemById(item.id).rating).toBe(4);
    expect(lastSmsTo(mobile).body).toBe(fa('smsTalk.help.rated', { code: shown(code) }));
  });

  it('«حل نشد» with a reason after the item closed reopens it (citizen_reopen, the reason on the item); without a reason an SMS asks for one', async () => {
    const { mobile, item, code } = await smsItem(undefined, 'closed');
    const events = eventsOf(item.id).length;
    expect((await sms(mobile, 'حل نشد')).json).toEqual({ outcome: 'help' });
    expect(eventsOf(item.id)).toHaveLength(events);
    expect(lastSmsTo(mobile).body).toBe(fa('smsTalk.help.reopen_reason_needed', { code: shown(code) }));
    const answer = await sms(mobile, 'حل نشد هنوز هیچ کاری نکرده‌اند');
    expect(answer.json).toEqual({ outcome: 'citizen_reopen' });
    expect(itemById(item.id)).toMatchObject({ state: 'in_review', closedAt: null });
    expect(eventsOf(item.id).at(-1)).toMatchObject({ action: 'citizen_reopen', actorType: 'citizen', publicMessage: 'هنوز هیچ کاری نکرده‌اند' });
    expect(lastSmsTo(mobile).body).toBe(fa('smsTalk.reopened', { code: shown(code) }));
  });

  it('«حل نشد» after the reopen window: nothing changes, the SMS says the time has passed', async () => {
    const { mobile, item, code } = await smsItem(undefined, 'closed');
    // A province that allows a week: the item closed nine days ago, still a recent ending for the SMS.
    saveWorkflowSettings(db(), { ...getWorkflowSettings(db()), reopenWindowDays: 7 });
    onTestFinished(() => saveWorkflowSettings(db(), { ...getWorkflowSettings(db()), reopenWindowDays: 30 }));
    db().update(items).set({ closedAt: new Date(Date.now() - 9 * DAY) }).where(eq(items.id, item.id)).run();
    const events = eventsOf(item.id).length;
    const answer = await sms(mobile, 'حل نشد هنوز هیچ کاری نکرده‌اند');
    expect(answer.json).toEqual({ outcome: 'refused' });
    expect(itemById(item.id).state).toBe('closed');
    expect(eventsOf(item.id)).toHaveLength(events);
    expect(lastSmsTo(mobile).body).toBe(fa('smsTalk.reopenClosed', { code: shown(code), phone: '۱۴۸۲' }));
  });

  it('an auto-close from awaiting the citizen asks in its SMS; the sweep asks once per item', async () => {
    const { mobile, item } = await smsItem(undefined, 'awaiting_citizen');
    db().update(items).set({ stateEnteredAt: new Date(Date.now() - 60 * DAY) }).where(eq(items.id, item.id)).run();
    runSweeps(db());
    runSweeps(db());
    expect(itemById(item.id)).toMatchObject({ state: 'closed', ratingAskedAt: expect.any(Date) });
    expect(outboxTo(mobile).filter((m) => m.body.includes(fa('smsTalk.ratingAsk')))).toHaveLength(1);
  });

  it('a web item over the receipt cap is still asked in the answer (no extra message); nobody without a mobile; the preview shows it', async () => {
    const mobile = newMobile();
    const web = () => fileFeedback(db(), { kind: 'complaint', body: TEXT, mobile, provinceId: 'national', consent: 'on' });
    const filed = [web(), web(), web(), web()];
    expect(outboxTo(mobile).map((m) => m.status)).toEqual(['pending', 'pending', 'pending', 'skipped']);
    const staff = national();
    const target = filed[3]!;
    transition(db(), target.id, 'accept', staff, {});
    const preview = previewTransition(db(), target.id, 'answer', staff, { publicMessage: 'پاسخ' });
    // A web item's question names its code: a text reaches a web item only with it (outside review, round 9).
    const ask = fa('smsTalk.ratingAskWithCode', { code: shown(target.trackingCode) });
    expect(preview).toMatchObject({ ok: true, text: expect.stringContaining(ask) });
    const before = outboxTo(mobile).length;
    transition(db(), target.id, 'answer', staff, { publicMessage: 'پاسخ' });
    expect(outboxTo(mobile)).toHaveLength(before + 1);
    expect(lastSmsTo(mobile)).toMatchObject({ status: 'pending', body: expect.stringContaining(ask) });
    expect(itemById(target.id).ratingAskedAt).not.toBeNull();

    const anonymous = fileFeedback(db(), { kind: 'complaint', body: TEXT, provinceId: 'national', consent: 'on', anonymous: 'on' });
    transition(db(), anonymous.id, 'accept', staff, {});
    transition(db(), anonymous.id, 'answer', staff, { publicMessage: 'پاسخ' });
    expect(db().select().from(outbox).where(eq(outbox.itemId, anonymous.id)).all()).toEqual([]);
    expect(itemById(anonymous.id).ratingAskedAt).toBeNull();
  });

  it('the dashboard counts SMS ratings in satisfaction and shows the response rate (small-number rule)', async () => {
    const before = dashboard(db(), null, 7).totals;
    const asked = [];
    for (let i = 0; i < 6; i++) asked.push(await smsItem(undefined, 'answered'));
    for (const [i, { mobile }] of asked.slice(0, 3).entries()) expect((await sms(mobile, String(i + 3))).json).toEqual({ outcome: 'confirm' });
    const after = dashboard(db(), null, 7).totals;
    expect(after.satisfaction.cases).toBe(before.satisfaction.cases + 3);
    expect(after.ratingResponse.cases).toBe(before.ratingResponse.cases + 6);
    const ratedBefore = Math.round((before.ratingResponse.value ?? 0) * before.ratingResponse.cases);
    expect(after.ratingResponse.value).toBeCloseTo((ratedBefore + 3) / after.ratingResponse.cases, 3);
    // A province with no SMS asked: no figure, zero cases.
    expect(dashboard(db(), 'ir-05', 7).totals.ratingResponse).toEqual({ value: null, cases: 0 });
  });
});

// ---- the codes ---------------------------------------------------------------------------------------------------

describe('«کد» / «کدها»', () => {
  it('sends the codes of the number\'s open items to that number only', async () => {
    const mobile = newMobile();
    const a = await smsItem(mobile);
    const b = await smsItem(mobile, 'answered');
    const closed = await smsItem(mobile, 'closed');
    const other = await smsItem();
    for (const text of ['کد', 'کدها', 'كدها', 'کد‌ها؟', ' کد ها ']) {
      pastFloodWindow(mobile);
      const answer = await sms(mobile, text);
      expect(answer.json, text).toEqual({ outcome: 'codes' });
      const body = lastSmsTo(mobile).body;
      expect(body).toContain(shown(a.code));
      expect(body).toContain(shown(b.code));
      expect(body).not.toContain(shown(closed.code));
      expect(body).not.toContain(shown(other.code));
      // The HTTP answer to the gateway holds no code.
      expect(answer.text).not.toMatch(/\d{4}/);
    }
    expect(itemsFrom(mobile)).toHaveLength(3);
  });

  it('none open: a short SMS saying so, and no item', async () => {
    const mobile = newMobile();
    const answer = await sms(mobile, 'کدها');
    expect(answer.json).toEqual({ outcome: 'codes' });
    expect(outboxTo(mobile)).toEqual([expect.objectContaining({ itemId: null, body: fa('smsTalk.noCodes') })]);
    expect(itemsFrom(mobile)).toEqual([]);
  });
});

// ---- hostile and odd texts ---------------------------------------------------------------------------------------

describe('odd and hostile texts', () => {
  it('only emoji: the help SMS, never an item or an event', async () => {
    const lonely = newMobile();
    expect((await sms(lonely, '🙏🙏🙏')).json).toEqual({ outcome: 'help' });
    expect(itemsFrom(lonely)).toEqual([]);
    expect(outboxTo(lonely)).toEqual([expect.objectContaining({ body: fa('smsTalk.help.general', { phone: '۱۴۸۲' }) })]);

    const { mobile, item } = await smsItem();
    const events = eventsOf(item.id).length;
    expect((await sms(mobile, '👍 !!')).json).toEqual({ outcome: 'help' });
    expect(eventsOf(item.id)).toHaveLength(events);
  });

  it('empty, and over 1,000 characters: refused (400), answered by SMS; exactly 1,000 joins the open item', async () => {
    const { mobile, item } = await smsItem();
    const count0 = outboxTo(mobile).length;
    expect((await sms(mobile, ' \u200b ')).status).toBe(400);
    expect((await sms(mobile, 'ب'.repeat(1001))).status).toBe(400);
    expect(outboxTo(mobile)).toHaveLength(count0 + 2);
    const long = 'ب'.repeat(1000);
    expect((await sms(mobile, long)).json).toEqual({ outcome: 'citizen_note' });
    expect(eventsOf(item.id).at(-1)!.publicMessage).toBe(long);
  });

  it('a replay changes nothing and sends nothing new', async () => {
    const { mobile, item } = await smsItem(undefined, 'answered');
    const id = newId();
    const first = await sms(mobile, '۵', id);
    const state = { events: eventsOf(item.id).length, sms: outboxTo(mobile).length };
    const again = await sms(mobile, '۵', id);
    const twisted = await sms(mobile, 'اعتراض متن دیگر با همان شناسه', id);
    expect([again.status, again.text]).toEqual([first.status, first.text]);
    expect([twisted.status, twisted.text]).toEqual([first.status, first.text]);
    expect({ events: eventsOf(item.id).length, sms: outboxTo(mobile).length }).toEqual(state);
    expect(db().select({ n: count() }).from(smsInbound).where(eq(smsInbound.gatewayId, id)).get()!.n).toBe(1);
  });

  it('a whole exchange fits in the limit; a flood is cut at 10 texts in 10 minutes: no event, no SMS for the 11th', async () => {
    const { mobile, item } = await smsItem();
    for (let i = 0; i < 9; i++) expect((await sms(mobile, `پیگیری شماره ${i}`)).status).toBe(200);
    const state = { events: eventsOf(item.id).length, sms: outboxTo(mobile).length };
    expect((await sms(mobile, 'پیگیری یازدهم')).status).toBe(429);
    expect({ events: eventsOf(item.id).length, sms: outboxTo(mobile).length }).toEqual(state);
  });

  it('a text from a number whose item\'s contact was erased: that item is not its own any more', async () => {
    const { mobile, item, code } = await smsItem(undefined, 'closed');
    db().update(items).set({ closedAt: new Date(Date.now() - 400 * DAY) }).where(eq(items.id, item.id)).run();
    runSweeps(db());
    expect(itemById(item.id)).toMatchObject({ mobile: null });
    const events = eventsOf(item.id).length;
    // Its code is not given (nothing revealed); the text files a new item of the sender's.
    const answer = await sms(mobile, `${code} ${TEXT}`);
    expect(answer.status).toBe(201);
    expect(eventsOf(item.id)).toHaveLength(events);
    expect(itemsFrom(mobile)).toHaveLength(1);
    expect(itemsFrom(mobile)[0]!.id).not.toBe(item.id);
    expect((await sms(mobile, code)).json).toMatchObject({ status: 'not_sent' });
  });

  it('a keyword-less text after the number\'s only item ended lately is not filed as a second item', async () => {
    const { mobile, code } = await smsItem(undefined, 'closed');
    const answer = await sms(mobile, 'مشکل من هنوز پابرجاست و کسی به منزل نیامده است');
    expect(answer.json).toEqual({ outcome: 'help' });
    expect(itemsFrom(mobile)).toHaveLength(1);
    expect(lastSmsTo(mobile).body).toBe(fa('smsTalk.help.ended', { code: shown(code) }));
  });

  it('an item filed on the web with a citizen\'s number by someone else never captures their texts (outside review, round 9)', async () => {
    // The citizen's own item, filed by SMS; then a stranger files a web item typing the same number.
    const { mobile, item: own } = await smsItem();
    const stranger = fileFeedback(db(), { kind: 'complaint', body: TEXT, mobile, provinceId: 'national', consent: 'on' });
    const strangerEvents = eventsOf(stranger.id).length;
    await sms(mobile, 'سلام، لطفاً پیگیری کنید؛ دیشب دوباره تهدید شدم و می‌ترسم');
    // The text joins the item the number filed, not the newer one typed elsewhere.
    expect(eventsOf(own.id).at(-1)).toMatchObject({ action: 'citizen_note' });
    expect(eventsOf(stranger.id)).toHaveLength(strangerEvents);

    // A number with only a web item: a text without its code is neither joined nor filed again; the SMS says to start
    // with the code. With the code it joins, and a digit after the code rates the answer.
    const other = newMobile();
    const web = fileFeedback(db(), { kind: 'complaint', body: TEXT, mobile: other, provinceId: 'national', consent: 'on' });
    const events = eventsOf(web.id).length;
    const before = itemCount();
    expect((await sms(other, 'هنوز خبری نشده، لطفاً پیگیری کنید')).json).toEqual({ outcome: 'help' });
    expect(eventsOf(web.id)).toHaveLength(events);
    expect(itemCount()).toBe(before);
    expect(lastSmsTo(other).body).toBe(fa('smsTalk.help.code_needed', { phone: '۱۴۸۲' }));
    await sms(other, `${toPersianDigits(web.trackingCode)} هنوز خبری نشده، لطفاً پیگیری کنید`);
    expect(eventsOf(web.id).at(-1)).toMatchObject({ action: 'citizen_note' });
    const staff = national();
    transition(db(), web.id, 'accept', staff, {});
    transition(db(), web.id, 'answer', staff, { publicMessage: 'پاسخ' });
    expect((await sms(other, '۵')).json).toEqual({ outcome: 'help' });
    expect(itemById(web.id).state).toBe('answered');
    expect((await sms(other, `${web.trackingCode} ۵`)).json).toEqual({ outcome: 'confirm' });
    expect(itemById(web.id)).toMatchObject({ state: 'closed', rating: 5 });
  });

  it('an English item\'s number is answered in English', async () => {
    const mobile = newMobile();
    const web = fileFeedback(db(), { kind: 'complaint', body: TEXT, mobile, provinceId: 'national', consent: 'on' }, { locale: 'en' });
    // A web item is reached by SMS with its code (outside review, round 9).
    await sms(mobile, `${web.trackingCode} any news about my request please?`);
    expect(eventsOf(web.id).at(-1)).toMatchObject({ action: 'citizen_note' });
    expect(lastSmsTo(mobile)).toMatchObject({ locale: 'en', body: translator('en')('smsTalk.followUp', { code: groupTrackingCode(web.trackingCode) }) });
  });
});

// ---- the rules, pure -----------------------------------------------------------------------------------------------

describe('decideSms (pure)', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const item = (id: number, state: ConversationItem['state'], extra: Partial<ConversationItem> = {}): ConversationItem => ({
    id,
    trackingCode: `48271935061${id}`,
    state,
    rating: null,
    createdAt: new Date(now.getTime() - (10 - id) * DAY),
    closedAt: state === 'closed' ? new Date(now.getTime() - DAY) : null,
    filedBySms: true,
    ...extra,
  });

  it('reads Arabic letters, ZWNJ and extra spaces', () => {
    expect(decideSms('  شكايت   ' + TEXT, [], now)).toMatchObject({ type: 'new_item', kind: 'complaint' });
    expect(decideSms('كد', [], now)).toEqual({ type: 'codes' });
    expect(decideSms('حل‌نشده   مشکل باقی است', [item(1, 'answered')], now)).toEqual({ type: 'appeal', itemId: 1, reason: 'مشکل باقی است' });
    expect(decideSms('اعتراضی ندارم ممنون', [item(1, 'answered')], now)).toMatchObject({ type: 'follow_up' });
  });

  it('old endings file a new complaint; redirected items take no rating', () => {
    const old = item(1, 'closed', { closedAt: new Date(now.getTime() - 40 * DAY) });
    expect(decideSms(TEXT, [old], now)).toMatchObject({ type: 'new_item', keyword: false });
    expect(decideSms('۵', [item(1, 'redirected', { closedAt: now })], now)).toEqual({ type: 'help', topic: 'ended', itemId: 1 });
    expect(decideSms('5', [item(1, 'in_review')], now)).toEqual({ type: 'help', topic: 'general', itemId: 1 });
  });
});
