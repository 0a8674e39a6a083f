/**
 * `POST /api/sms/inbound` (docs/DESIGN.md §5): the SMS gateway's webhook on a real SQLite file. A text becomes an item of the
 * national queue through the web form's schema (channel `sms`), or answers a status question by SMS to the item's own
 * number only; every id is answered once and replayed as it was; floods, bad tokens and bad bodies store nothing.
 */
import { asc, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { items, outbox, smsInbound, staffUsers } from '../../db/schema';
import { resetConfigForTests } from '~/platform/config.server';
import { feedbackSchema } from '~/domain/feedback-schema';
import { SMS_TEXT_MAX } from '~/domain/sms-inbound';
import { decideSms } from '~/domain/sms-conversation';
import { toPersianDigits } from '~/domain/persian';
import { dammCheckDigit } from '~/domain/tracking-code';
import { transition } from '~/services/workflow.server';
import { recordSmsItem } from '~/services/sms-inbound.server';
import * as route from '~/routes/api.sms.inbound';
import { BASE, routeArgs, run } from '../support/http';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const TOKEN = 'gateway-inbound-secret-7f3a';
const URL_ = `${BASE}/api/sms/inbound`;
const TEXT = 'نوبت بازدید منزل پدرم سه هفته است انجام نشده و کسی پاسخ نمی‌دهد.';

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
/** A fresh mobile number (local form) and gateway id per use, so tests never share a flood window. */
const newMobile = () => `0912${String(3_000_000 + ++serial)}`;
const newId = () => `gw-${Date.now()}-${++serial}`;
const e164 = (local: string) => `+98${local.slice(1)}`;

interface Options {
  token?: string | null;
  authorization?: string;
  contentType?: string | null;
  method?: string;
}

function smsRequest(body: unknown, options: Options = {}): Request {
  const headers: Record<string, string> = {};
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  if (contentType !== null) headers['Content-Type'] = contentType;
  if (options.authorization !== undefined) headers.Authorization = options.authorization;
  else if (options.token !== null) headers.Authorization = `Bearer ${options.token ?? TOKEN}`;
  return new Request(URL_, { method: options.method ?? 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

async function send(body: unknown, options: Options = {}) {
  const response = await run(() => route.action(routeArgs(smsRequest(body, options))));
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) as Record<string, unknown> };
}

const sms = (from: string, text: string, id = newId()) => send({ id, from, text });

const itemsFrom = (mobile: string) => db().select().from(items).where(eq(items.mobile, e164(mobile))).orderBy(asc(items.id)).all();
const outboxTo = (mobile: string) => db().select().from(outbox).where(eq(outbox.recipient, e164(mobile))).orderBy(asc(outbox.id)).all();
const ledgerFrom = (mobile: string) => db().select().from(smsInbound).where(eq(smsInbound.fromNumber, e164(mobile))).all();
const ledgerRow = (id: string) => db().select().from(smsInbound).where(eq(smsInbound.gatewayId, id)).get();
const itemCount = () => db().select({ n: count() }).from(items).get()!.n;
const ledgerCount = () => db().select({ n: count() }).from(smsInbound).get()!.n;

/** A valid 12-digit code no item has (the right check digit). */
function unusedCode(): string {
  for (;;) {
    const body = String(10_000_000_000 + Math.floor(Math.random() * 89_999_999_999)).slice(0, 11);
    const code = body + String(dammCheckDigit(body));
    if (!db().select().from(items).where(eq(items.trackingCode, code)).get()) return code;
  }
}

// ---- items from texts -------------------------------------------------------------------------------------------

describe('a text becomes an item', () => {
  it('with a keyword: its kind, channel sms, the national queue, the body without the keyword, the code by SMS', async () => {
    const mobile = newMobile();
    const id = newId();
    const answer = await sms(mobile, `انتقاد: ${TEXT}`, id);
    expect(answer.status).toBe(201);
    expect(answer.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(Object.keys(answer.json)).toEqual(['trackingCode']);
    const code = answer.json.trackingCode as string;
    expect(code).toMatch(/^\d{12}$/);

    const [item, ...others] = itemsFrom(mobile);
    expect(others).toEqual([]);
    expect(item).toMatchObject({
      trackingCode: code,
      kind: 'criticism',
      channel: 'sms',
      state: 'routed',
      ownerProvinceId: null,
      provinceId: null,
      centerId: null,
      body: TEXT,
      mobile: e164(mobile),
      anonymous: false,
      locale: 'fa',
    });
    const messages = outboxTo(mobile);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ itemId: item!.id, channel: 'sms', audience: 'citizen', recipient: e164(mobile) });
    expect(messages[0]!.body).toContain(toPersianDigits(code.replace(/(\d{4})(?=\d)/g, '$1 ')));
    expect(messages[0]!.body).toContain(`/track/${code}`);
    expect(ledgerRow(id)).toMatchObject({ fromNumber: e164(mobile), outcome: 'item', itemId: item!.id, response: answer.text });
  });

  it('each keyword picks its kind, with a space, a colon or a dash; without one the item is a complaint', async () => {
    const wordLike = `پیشنهادهای زیادی داده‌ام اما ${TEXT}`; // a word that only starts like a keyword is no keyword
    const cases: [text: string, kind: string, body: string][] = [
      [`پیشنهاد - ${TEXT}`, 'suggestion', TEXT],
      [`شکایت ${TEXT}`, 'complaint', TEXT],
      [`قدردانی:${TEXT}`, 'appreciation', TEXT],
      [`انتقاد — ${TEXT}`, 'criticism', TEXT],
      [`شکایت\n${TEXT}`, 'complaint', TEXT],
      [TEXT, 'complaint', TEXT],
      [wordLike, 'complaint', wordLike],
    ];
    for (const [text, kind, body] of cases) {
      const mobile = newMobile();
      expect((await sms(mobile, text)).status, text).toBe(201);
      expect(itemsFrom(mobile), text).toEqual([expect.objectContaining({ kind, body, channel: 'sms', ownerProvinceId: null })]);
    }
  });

  it('reads the keyword in Arabic spelling (ي, ك) and normalizes the body as the web form does', async () => {
    const mobile = newMobile();
    expect((await sms(mobile, `شكايت: ${TEXT.replace(/ی/g, 'ي').replace(/ک/g, 'ك')}\u200f`)).status).toBe(201);
    expect(itemsFrom(mobile)[0]).toMatchObject({ kind: 'complaint', body: TEXT });
    const other = newMobile();
    expect((await sms(other, `قدرداني ${TEXT}`)).status).toBe(201);
    expect(itemsFrom(other)[0]).toMatchObject({ kind: 'appreciation', body: TEXT });
  });

  it('accepts the usual forms of an Iranian mobile number, stored as E.164', async () => {
    const forms = [
      (d: string) => `+98${d}`,
      (d: string) => `0098${d}`,
      (d: string) => `98${d}`,
      (d: string) => `0${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`,
      (d: string) => `+98 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`,
      (d: string) => toPersianDigits(`0${d}`),
      (d: string) => `0${d}`.replace(/\d/g, (x) => '٠١٢٣٤٥٦٧٨٩'[Number(x)]!),
    ];
    for (const form of forms) {
      const mobile = newMobile();
      const answer = await sms(form(mobile.slice(1)), TEXT);
      expect(answer.status, form(mobile.slice(1))).toBe(201);
      expect(itemsFrom(mobile)).toHaveLength(1);
    }
  });

  it('takes a text of exactly 1,000 characters', async () => {
    const mobile = newMobile();
    const text = TEXT + ' ' + 'ا'.repeat(SMS_TEXT_MAX - TEXT.length - 1);
    expect([...text]).toHaveLength(SMS_TEXT_MAX);
    expect((await sms(mobile, text)).status).toBe(201);
  });
});

// ---- refusals of what a text says --------------------------------------------------------------------------------

describe('texts refused for what they say (400, recorded, no item, a help SMS)', () => {
  it.each([
    ['empty', '   \n\u200b ', 'text_empty'],
    ['too long', 'ب'.repeat(SMS_TEXT_MAX + 1), 'text_too_long'],
    ['too short', 'شکایت: خیلی بد بود', 'text_too_short'],
    ['only a keyword', 'پیشنهاد', 'text_too_short'],
  ])('%s', async (_name, text, error) => {
    const mobile = newMobile();
    const id = newId();
    const before = itemCount();
    const answer = await sms(mobile, text, id);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error });
    expect(typeof answer.json.message).toBe('string');
    expect(itemCount()).toBe(before);
    // Issue 22: every text gets an answer; a refused one, an SMS saying what can be sent (about no item).
    expect(outboxTo(mobile)).toEqual([expect.objectContaining({ itemId: null, channel: 'sms', audience: 'citizen', locale: 'fa' })]);
    expect(ledgerRow(id)).toMatchObject({ outcome: 'refused', itemId: null, response: answer.text });
    // The gateway's retry gets the same answer, and sends nothing new.
    const again = await sms(mobile, text, id);
    expect([again.status, again.text]).toEqual([400, answer.text]);
    expect(outboxTo(mobile)).toHaveLength(1);
  });

  it('refuses numbers that are not Iranian mobiles, recording nothing', async () => {
    const before = { items: itemCount(), ledger: ledgerCount() };
    for (const from of ['', '12345', '+14155550123', '02188776655', '0912123456', '091212345678', 'abc', '+98 21 8877 6655', '۰۹۱۲۱۲۳۴۵۶۷۸']) {
      const answer = await sms(from, TEXT);
      expect(answer.status, from).toBe(400);
      expect(answer.json).toMatchObject({ error: 'from_invalid' });
    }
    expect({ items: itemCount(), ledger: ledgerCount() }).toEqual(before);
  });
});

// ---- idempotency ------------------------------------------------------------------------------------------------

describe('the same id again', () => {
  it('gets the same answer and status, byte for byte, and still one item', async () => {
    const mobile = newMobile();
    const id = newId();
    const first = await sms(mobile, TEXT, id);
    const second = await sms(mobile, TEXT, id);
    const third = await sms(`+98${mobile.slice(1)}`, 'متن دیگری که نباید مورد دوم شود چون شناسه تکراری است', id);
    expect(first.status).toBe(201);
    expect([second.status, second.text]).toEqual([201, first.text]);
    expect([third.status, third.text]).toEqual([201, first.text]);
    expect(itemsFrom(mobile)).toHaveLength(1);
    expect(outboxTo(mobile)).toHaveLength(1);
  });

  it('sent twice at once makes one item, and both get its code', async () => {
    const mobile = newMobile();
    const id = newId();
    const answers = await Promise.all([sms(mobile, TEXT, id), sms(mobile, TEXT, id), sms(mobile, TEXT, id)]);
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(itemsFrom(mobile)).toHaveLength(1);
    expect(ledgerFrom(mobile)).toHaveLength(1);
  });

  it('when a twin committed first (another process), the item is rolled back and the stored answer returned', () => {
    const mobile = newMobile();
    const id = newId();
    const stored = JSON.stringify({ trackingCode: '111111111111' });
    db().insert(smsInbound).values({ gatewayId: id, fromNumber: e164(mobile), receivedAt: new Date(), outcome: 'item', itemId: null, response: stored }).run();
    const before = itemCount();
    const form = feedbackSchema.parse({ kind: 'complaint', body: TEXT, mobile: e164(mobile), provinceId: 'national', consent: 'on' });
    const result = recordSmsItem(db(), { gatewayId: id, fromNumber: e164(mobile), now: new Date() }, form);
    expect(result).toEqual({ type: 'stored', stored: { fromNumber: e164(mobile), status: 201, response: stored } });
    expect(itemCount()).toBe(before);
    expect(outboxTo(mobile)).toEqual([]);
  });

  it('an item and its ledger row commit together or not at all', () => {
    const mobile = newMobile();
    const id = newId();
    const sqlite = db().$client;
    sqlite.exec(`CREATE TRIGGER test_ledger_down BEFORE INSERT ON sms_inbound WHEN NEW.gateway_id = '${id}' BEGIN SELECT RAISE(ABORT, 'ledger unavailable'); END;`);
    try {
      const form = feedbackSchema.parse({ kind: 'complaint', body: TEXT, mobile: e164(mobile), provinceId: 'national', consent: 'on' });
      expect(() => recordSmsItem(db(), { gatewayId: id, fromNumber: e164(mobile), now: new Date() }, form)).toThrow(/ledger unavailable/);
    } finally {
      sqlite.exec('DROP TRIGGER test_ledger_down');
    }
    expect(itemsFrom(mobile)).toEqual([]);
    expect(outboxTo(mobile)).toEqual([]);
  });

  it('from another number is refused (409) and changes nothing', async () => {
    const mobile = newMobile();
    const id = newId();
    const first = await sms(mobile, TEXT, id);
    const other = newMobile();
    const answer = await sms(other, TEXT, id);
    expect(answer.status).toBe(409);
    expect(answer.json).toMatchObject({ error: 'id_conflict' });
    expect(answer.text).not.toContain(first.json.trackingCode as string);
    expect(itemsFrom(other)).toEqual([]);
  });
});

// ---- status by SMS ----------------------------------------------------------------------------------------------

describe('a text that is only a tracking code', () => {
  it("sends the item's current state to its own number; another number gets nothing, and the same-shaped answer", async () => {
    const owner = newMobile();
    const code = (await sms(owner, `شکایت ${TEXT}`)).json.trackingCode as string;
    const item = itemsFrom(owner)[0]!;
    const national = db().select().from(staffUsers).where(eq(staffUsers.username, 'national')).get()!;
    expect(transition(db(), item.id, 'accept', { role: 'national_supervisor', provinceId: null, staffId: national.id }, {}).ok).toBe(true);
    const messagesBefore = outboxTo(owner).length;

    const grouped = toPersianDigits(code.replace(/(\d{4})(?=\d)/g, '$1 '));
    const asked = await sms(owner, `  ${grouped} `);
    expect(asked.status).toBe(200);
    expect(asked.json).toEqual({ trackingCode: code, status: 'sent' });
    const messages = outboxTo(owner);
    expect(messages).toHaveLength(messagesBefore + 1);
    const reply = messages.at(-1)!;
    expect(reply).toMatchObject({ itemId: item.id, channel: 'sms', audience: 'citizen', recipient: e164(owner), locale: 'fa' });
    expect(reply.idempotencyKey).toMatch(/^sms-status-[0-9a-f]{32}$/);
    expect(reply.body).toContain('در حال بررسی');
    expect(reply.body).toContain(`/track/${code}`);
    expect(itemsFrom(owner)).toHaveLength(1);

    const stranger = newMobile();
    const outboxBefore = db().select({ n: count() }).from(outbox).get()!.n;
    const refused = await sms(stranger, code);
    expect(refused.status).toBe(200);
    expect(refused.json).toEqual({ trackingCode: code, status: 'not_sent' });
    expect(Object.keys(refused.json)).toEqual(Object.keys(asked.json));
    expect(refused.text).not.toMatch(/in_review|routed|در حال/);
    // Issue 22: the stranger is answered too, with words that hold nothing of the item (the same as for no item).
    expect(db().select({ n: count() }).from(outbox).get()!.n).toBe(outboxBefore + 1);
    expect(itemsFrom(stranger)).toEqual([]);
    expect(outboxTo(stranger)).toEqual([expect.objectContaining({ itemId: null, eventId: null })]);
    expect(outboxTo(stranger)[0]!.body).not.toMatch(/در حال|بررسی|استان|track/);
  });

  it('an unknown code or a wrong check digit: not_sent, no item, only the same not-found SMS', async () => {
    const mobile = newMobile();
    const code = unusedCode();
    const wrong = code.slice(0, 11) + String((Number(code[11]) + 1) % 10);
    const outboxBefore = db().select({ n: count() }).from(outbox).get()!.n;
    for (const text of [code, `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`, wrong]) {
      const answer = await sms(mobile, text);
      expect(answer.status, text).toBe(200);
      expect(answer.json).toEqual({ trackingCode: text === wrong ? wrong : code, status: 'not_sent' });
    }
    // One answer per text (issue 22), each about no item.
    expect(db().select({ n: count() }).from(outbox).get()!.n).toBe(outboxBefore + 3);
    expect(outboxTo(mobile).map((m) => m.itemId)).toEqual([null, null, null]);
    expect(itemsFrom(mobile)).toEqual([]);
    expect(ledgerFrom(mobile).map((r) => r.outcome)).toEqual(['status', 'status', 'status']);
  });

  it('recognises codes in the text rules (pure)', () => {
    const now = new Date();
    expect(decideSms('۴۸۲۷ ۱۹۳۵ ۰۶۱۲', [], now)).toEqual({ type: 'status', code: '482719350612' });
    expect(decideSms('482719350612', [], now)).toMatchObject({ type: 'status' });
    expect(decideSms('4827193506', [], now)).toMatchObject({ type: 'new_item' });
    expect(decideSms('کد 482719350612', [], now)).toMatchObject({ type: 'new_item' });
  });
});

// ---- floods -----------------------------------------------------------------------------------------------------

describe('floods from one number', () => {
  it('the 11th text in 10 minutes gets 429 with Retry-After and no item; another number is unaffected', async () => {
    const mobile = newMobile();
    // Each with a keyword: a new item each (issue 22: a keyword-less text would join the first as a follow-up).
    for (let i = 0; i < 10; i++) expect((await sms(mobile, `شکایت ${TEXT} ${i}`)).status).toBe(201);
    const before = itemCount();
    const sixth = await sms(mobile, `${TEXT} 11`);
    expect(sixth.status).toBe(429);
    expect(sixth.json).toMatchObject({ error: 'rate_limited' });
    const retryAfter = Number(sixth.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);
    // Also a status question or a refusal: nothing is recorded while flooded.
    expect((await sms(`+98${mobile.slice(1)}`, 'کوتاه')).status).toBe(429);
    expect(itemCount()).toBe(before);
    expect(ledgerFrom(mobile)).toHaveLength(10);
    // A retry of an id already answered is still answered.
    const firstId = ledgerFrom(mobile)[0]!.gatewayId;
    expect((await sms(mobile, TEXT, firstId)).status).toBe(201);

    expect((await sms(newMobile(), TEXT)).status).toBe(201);
  });

  it('at most 40 a day', async () => {
    const mobile = newMobile();
    const now = Date.now();
    const hour = 3_600_000;
    // 40 texts over the last 23 hours, none in the last 10 minutes.
    db().insert(smsInbound)
      .values(
        Array.from({ length: 40 }, (_, i) => ({
          gatewayId: newId(),
          fromNumber: e164(mobile),
          receivedAt: new Date(now - 23 * hour + i * 30 * 60_000),
          outcome: 'refused',
          itemId: null,
          response: '{}',
        })),
      )
      .run();
    const answer = await sms(mobile, TEXT);
    expect(answer.status).toBe(429);
    const retryAfter = Number(answer.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThan(hour / 1000 - 5);
    expect(retryAfter).toBeLessThanOrEqual(hour / 1000);
    expect(itemsFrom(mobile)).toEqual([]);
  });
});

// ---- the request itself ------------------------------------------------------------------------------------------

describe('requests refused before reading the text (nothing recorded)', () => {
  const nothingStored = async (work: () => Promise<void>) => {
    const before = { items: itemCount(), ledger: ledgerCount() };
    await work();
    expect({ items: itemCount(), ledger: ledgerCount() }).toEqual(before);
  };

  it('a wrong or missing token: 401', async () => {
    await nothingStored(async () => {
      const payload = { id: newId(), from: newMobile(), text: TEXT };
      for (const options of [
        { token: null },
        { token: 'wrong' },
        { token: TOKEN.slice(0, -1) + 'x' },
        { token: TOKEN + 'x' },
        { authorization: TOKEN },
        { authorization: `Basic ${TOKEN}` },
      ] satisfies Options[]) {
        const answer = await send(payload, options);
        expect(answer.status, JSON.stringify(options)).toBe(401);
        expect(answer.json).toMatchObject({ error: 'unauthorized' });
        expect(answer.headers.get('WWW-Authenticate')).toBe('Bearer');
      }
    });
  });

  it('SMS_INBOUND_TOKEN unset: 503, whatever is sent', async () => {
    delete process.env.SMS_INBOUND_TOKEN;
    resetConfigForTests();
    try {
      await nothingStored(async () => {
        expect((await sms(newMobile(), TEXT)).status).toBe(503);
        expect((await send({ id: newId(), from: newMobile(), text: TEXT }, { token: null })).json).toMatchObject({ error: 'not_configured' });
      });
    } finally {
      process.env.SMS_INBOUND_TOKEN = TOKEN;
      resetConfigForTests();
    }
  });

  it('only POST (405 with Allow) and only application/json (415)', async () => {
    await nothingStored(async () => {
      const get = await run(() => route.loader());
      expect(get.status).toBe(405);
      expect(get.headers.get('Allow')).toBe('POST');
      const put = await send({ id: newId(), from: newMobile(), text: TEXT }, { method: 'PUT' });
      expect(put.status).toBe(405);
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', null]) {
        const answer = await send({ id: newId(), from: newMobile(), text: TEXT }, { contentType });
        expect(answer.status, String(contentType)).toBe(415);
        expect(answer.json).toMatchObject({ error: 'unsupported_media_type' });
      }
    });
    // The media type is read without case and parameters.
    expect((await send({ id: newId(), from: newMobile(), text: TEXT }, { contentType: 'Application/JSON; charset=UTF-8' })).status).toBe(201);
  });

  it('malformed JSON and wrong types: 400', async () => {
    await nothingStored(async () => {
      const mobile = newMobile();
      const bodies: unknown[] = [
        '{"id": "a", "from": ',
        'not json',
        '',
        'null',
        '[]',
        '"text"',
        { id: 12, from: mobile, text: TEXT },
        { id: newId(), from: 9121234567, text: TEXT },
        { id: newId(), from: mobile, text: null },
        { id: newId(), from: mobile },
        { id: '', from: mobile, text: TEXT },
        { id: '   ', from: mobile, text: TEXT },
        { id: 'x'.repeat(101), from: mobile, text: TEXT },
        { id: newId(), from: mobile.repeat(5), text: TEXT },
      ];
      for (const body of bodies) {
        const answer = await send(body);
        expect(answer.status, JSON.stringify(body)).toBe(400);
        expect(['json_invalid', 'payload_invalid']).toContain(answer.json.error);
      }
      const invalidUtf8 = new Request(URL_, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
        body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      });
      expect((await run(() => route.action(routeArgs(invalidUtf8)))).status).toBe(400);
    });
    // An id of 100 characters is fine.
    expect((await send({ id: 'y'.repeat(100), from: newMobile(), text: TEXT })).status).toBe(201);
  });

  it('a body over 16 KB: 413', async () => {
    await nothingStored(async () => {
      const answer = await send({ id: newId(), from: newMobile(), text: 'پ'.repeat(9000) });
      expect(answer.status).toBe(413);
      expect(answer.json).toMatchObject({ error: 'payload_too_large' });
      const declared = new Request(URL_, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}`, 'Content-Length': String(10_000_000) },
        body: '{}',
      });
      expect((await run(() => route.action(routeArgs(declared)))).status).toBe(413);
    });
  });
});

describe('any input', () => {
  it('odd characters are never a server error', async () => {
    const odd = [
      { id: 'nul\u0000id', from: newMobile(), text: `${TEXT}\ud800` },
      { id: '\ud83d', from: newMobile(), text: '\u202e\u0000' },
      { id: newId(), from: '\u202d09121234567\u202c'.replace('1234567', String(4_000_000 + ++serial)), text: `قدردانی\u200c ${TEXT}` },
      { id: newId(), from: newMobile(), text: '۴۸۲۷\u200c۱۹۳۵\u200c۰۶۱۲' },
    ];
    for (const body of odd) {
      const first = await send(body);
      expect(first.status, JSON.stringify(body)).toBeLessThan(500);
      const again = await send(body);
      expect([again.status, again.text]).toEqual([first.status, first.text]);
    }
  });
});

// The table is only ever written through the endpoint: sanity of what the tests left behind.
describe('the ledger', () => {
  it('keeps no row without a valid E.164 sender', () => {
    expect(db().select({ n: count() }).from(smsInbound).where(like(smsInbound.fromNumber, '+989%')).get()!.n).toBe(ledgerCount());
  });
});
