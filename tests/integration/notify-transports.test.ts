/**
 * Status feedback leaving the building (docs/DESIGN.md §8): a real SMTP server and a real HTTP SMS gateway on loopback
 * receive what the outbox sends; a gateway that is down loses nothing (retries with backoff, the same idempotency
 * key every time), and one that never recovers dead-letters the message for national staff to resend.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { outbox, staffUsers } from '../../db/schema';
import { getConfig, resetConfigForTests } from '~/platform/config.server';
import { feedbackSchema } from '~/domain/feedback-schema';
import { isLocale } from '~/i18n/config';
import { translator } from '~/i18n/translate';
import { findByTrackingCode, type ItemRow } from '~/models/items.server';
import { submitItem, transition } from '~/services/workflow.server';
import { listFailedMessages } from '~/models/outbox.server';
import { deliverDueMessages, MAX_ATTEMPTS, routingTransport, smtpTransport, httpSmsTransport, transportFromConfig, type NotificationTransport, type OutgoingMessage } from '~/services/notify.server';
import * as feedbackNew from '~/routes/feedback.new';
import * as staffOutbox from '~/routes/staff.outbox';
import { getRequest, postForm, routeArgs, run } from '../support/http';
import { csrfOf, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const HOUR = 3_600_000;
const TOKEN = 'gateway-secret-token';
const BODY = 'مرکز بهزیستی محله از ساعت ده صبح تعطیل می‌شود و مراجعان سرگردان می‌مانند.';

// ---- a real SMTP server on loopback ----------------------------------------------------------------------------

interface ReceivedMail {
  from: string | undefined;
  to: string[];
  raw: string;
}

const mails: ReceivedMail[] = [];
let smtp: SMTPServer;
let smtpUrl = '';

function startSmtp(): Promise<void> {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  smtp.on('error', () => {}); // a client hanging up early is not a test failure
  return new Promise((resolve) =>
    smtp.listen(0, '127.0.0.1', () => {
      smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
      resolve();
    }),
  );
}

/** The headers (unfolded, names lower-cased) and the decoded text body of a single-part message. */
function parseMail(raw: string) {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoded = raw.slice(split + 4);
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  let body: string;
  if (encoding === 'base64') body = Buffer.from(encoded.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (encoding === 'quoted-printable') body = decodeQuotedPrintable(encoded);
  else body = encoded;
  return { headers, body: body.replace(/\r\n/g, '\n').replace(/\n+$/, ''), subject: decodeWords(headers.get('subject') ?? '') };
}

function decodeQuotedPrintable(text: string): string {
  const soft = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words, as nodemailer writes a non-ASCII subject. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

// ---- a real HTTP SMS gateway on loopback ----------------------------------------------------------------------

interface GatewayRequest {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: { to?: string; text?: string; idempotencyKey?: string };
  status: number;
}

interface Gateway {
  url: string;
  requests: GatewayRequest[];
  /** Decides the status of the nth request (1-based). */
  policy: (n: number) => number;
  close(): Promise<void>;
}

function startGateway(policy: (n: number) => number): Promise<Gateway> {
  const requests: GatewayRequest[] = [];
  const gateway: Gateway = { url: '', requests, policy, close: () => Promise.resolve() };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: GatewayRequest['body'] = {};
      try {
        body = JSON.parse(rawBody) as GatewayRequest['body'];
      } catch {
        // recorded as an empty body; the assertions catch it
      }
      const status = gateway.policy(requests.length + 1);
      requests.push({ method: req.method, url: req.url, headers: req.headers, rawBody, body, status });
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ok: status < 300 }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      gateway.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
      gateway.close = () => new Promise<void>((done) => server.close(() => done()));
      resolve(gateway);
    }),
  );
}

// ---- helpers ---------------------------------------------------------------------------------------------------

const OFFICER_USERNAME = 'officer.ir-09';

function officer() {
  const user = db().select().from(staffUsers).where(eq(staffUsers.username, OFFICER_USERNAME)).get()!;
  return { role: 'province_officer' as const, provinceId: 'ir-09', staffId: user.id };
}

function submit(fields: { mobile?: string; email?: string }, now?: Date): ItemRow {
  const form = feedbackSchema.parse({ kind: 'complaint', provinceId: 'ir-09', body: BODY, mobile: fields.mobile ?? '', email: fields.email ?? '', anonymous: fields.mobile ? '' : 'on', consent: 'on' });
  return submitItem(db(), form, { channel: 'web', locale: 'fa', actor: { role: 'citizen' }, now });
}

const rowsOfItems = (itemIds: number[]) => db().select().from(outbox).where(inArray(outbox.itemId, itemIds)).orderBy(asc(outbox.id)).all();
const pendingRows = () => db().select().from(outbox).where(eq(outbox.status, 'pending')).all();

function recordingTransport(channel: OutgoingMessage['channel']): NotificationTransport & { sent: OutgoingMessage[] } {
  const sent: OutgoingMessage[] = [];
  return {
    sent,
    handles: (c) => c === channel,
    send: async (message) => {
      sent.push(message);
    },
  };
}


function trackLink(item: ItemRow) {
  return `${getConfig().publicUrl}/track/${item.trackingCode}`;
}

function localeOf(item: ItemRow) {
  return isLocale(item.locale) ? item.locale : 'fa';
}

beforeAll(startSmtp);
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
afterEach(() => {
  mails.length = 0;
  // Every test leaves nothing pending behind, so the next one's delivery rounds see only its own messages.
  expect(pendingRows()).toEqual([]);
});

// ---- SMTP ------------------------------------------------------------------------------------------------------

describe('feedback by email through a real SMTP server', () => {
  it('delivers the submission mail with the tracking link and the idempotency key, then the mail of a staff transition', async () => {
    const email = 'citizen.one@example.org';
    const response = await run(() =>
      feedbackNew.action(routeArgs(postForm('/feedback/new', { kind: 'complaint', provinceId: 'ir-09', body: BODY, mobile: '09121112233', email, consent: 'on', website: '' }))),
    );
    expect(response.status).toBe(302);
    const code = response.headers.get('Location')!.split('/').pop()!;
    const item = findByTrackingCode(db(), code)!;
    expect(item.email).toBe(email);

    const queued = rowsOfItems([item.id]);
    expect(queued.map((r) => r.channel).sort()).toEqual(['email', 'sms']);
    const emailRow = queued.find((r) => r.channel === 'email')!;

    const sms = recordingTransport('sms');
    const transport = routingTransport([smtpTransport(smtpUrl), sms]);
    const result = await deliverDueMessages(db(), transport);
    expect(result).toEqual({ attempted: 2, sent: 2 });

    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.to).toEqual([email]);
    const parsed = parseMail(mail.raw);
    expect(parsed.headers.get('message-id')).toBe(`<${emailRow.idempotencyKey}@didehban>`);
    expect(parsed.headers.get('idempotency-key')).toBe(emailRow.idempotencyKey);
    expect(parsed.headers.get('to')).toContain(email);
    expect(parsed.subject).toBe(translator(localeOf(item))('notify.subject'));
    expect(parsed.body).toContain(trackLink(item));
    expect(parsed.body).toBe(emailRow.body);

    // The SMS of the same event went to the SMS transport, not to the mail server.
    expect(sms.sent).toHaveLength(1);
    expect(sms.sent[0]).toMatchObject({ channel: 'sms', recipient: '+989121112233', idempotencyKey: `event-${emailRow.eventId}-sms` });
    expect(sms.sent[0]!.body).toContain(trackLink(item));

    for (const row of rowsOfItems([item.id])) {
      expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
      expect(row.sentAt).toBeInstanceOf(Date);
    }

    // A staff transition queues (in its own transaction) and then delivers a second mail.
    const accepted = transition(db(), item.id, 'accept', officer(), { expectedVersion: item.version });
    expect(accepted.ok).toBe(true);
    const second = rowsOfItems([item.id]).filter((r) => r.id > Math.max(...queued.map((q) => q.id)));
    expect(second.map((r) => [r.channel, r.status])).toEqual(
      expect.arrayContaining([
        ['sms', 'pending'],
        ['email', 'pending'],
      ]),
    );
    expect(await deliverDueMessages(db(), transport)).toEqual({ attempted: 2, sent: 2 });
    expect(mails).toHaveLength(2);
    const secondEmail = second.find((r) => r.channel === 'email')!;
    const secondMail = parseMail(mails[1]!.raw);
    expect(mails[1]!.to).toEqual([email]);
    expect(secondMail.headers.get('message-id')).toBe(`<${secondEmail.idempotencyKey}@didehban>`);
    expect(secondMail.headers.get('message-id')).not.toBe(parsed.headers.get('message-id'));
    expect(secondMail.body).toContain(trackLink(item));
    expect(secondMail.body).toContain(translator(localeOf(item))('status.in_review'));
    expect(rowsOfItems([item.id]).every((r) => r.status === 'sent')).toBe(true);
  });
});

// ---- HTTP SMS gateway ------------------------------------------------------------------------------------------

describe('feedback by SMS through an HTTP gateway that is down for a while', () => {
  const K = 25;
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startGateway((n) => (n <= K ? 503 : 200));
  });
  afterAll(() => gateway.close());

  it('retries with backoff until every message is accepted, with the same key each time, and loses none', async () => {
    const items = Array.from({ length: 20 }, (_, i) => submit({ mobile: `0912${String(3000000 + i).padStart(7, '0')}` }));
    const ids = items.map((i) => i.id);
    const rows = rowsOfItems(ids);
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => r.channel === 'sms' && r.status === 'pending')).toBe(true);

    const transport = routingTransport([httpSmsTransport(gateway.url, TOKEN)]);
    let now = new Date(Date.now() + 1000);
    let rounds = 0;
    while (rowsOfItems(ids).some((r) => r.status === 'pending')) {
      expect(rounds, 'delivery did not finish').toBeLessThan(MAX_ATTEMPTS);
      await deliverDueMessages(db(), transport, now);
      rounds++;
      if (rounds === 1) {
        // After the first round every message failed once and waits about 30 s (with jitter), not longer.
        for (const row of rowsOfItems(ids)) {
          expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'SMS gateway answered 503' });
          const wait = row.nextAttemptAt.getTime() - now.getTime();
          expect(wait).toBeGreaterThanOrEqual(15_000);
          expect(wait).toBeLessThanOrEqual(45_000);
        }
        // Nothing is due again before its backoff: a round a second later sends nothing.
        expect(await deliverDueMessages(db(), transport, new Date(now.getTime() + 1000))).toEqual({ attempted: 0, sent: 0 });
      }
      now = new Date(now.getTime() + 2 * HOUR);
    }
    expect(rounds).toBe(3); // 20 failures, then 5 more failures and 15 successes, then the last 5

    const final = rowsOfItems(ids);
    expect(final.every((r) => r.status === 'sent' && r.lastError === null)).toBe(true);

    // Every request: POST, bearer token, an Idempotency-Key header equal to the body's key, the row's text.
    const byKey = new Map(final.map((r) => [r.idempotencyKey, r]));
    for (const request of gateway.requests) {
      expect(request.method).toBe('POST');
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(request.headers['content-type']).toContain('application/json');
      expect(request.headers['idempotency-key']).toBe(request.body.idempotencyKey);
      const row = byKey.get(request.body.idempotencyKey!);
      expect(row, `the gateway got a message the outbox does not hold: ${request.body.idempotencyKey}`).toBeDefined();
      expect(request.body).toEqual({ to: row!.recipient, text: row!.body, idempotencyKey: row!.idempotencyKey });
    }
    expect(gateway.requests).toHaveLength(20 + K);

    // None lost: the keys the gateway accepted are exactly the outbox's keys, each accepted once.
    const accepted = gateway.requests.filter((r) => r.status === 200).map((r) => r.body.idempotencyKey!);
    expect(new Set(accepted)).toEqual(new Set(byKey.keys()));
    expect(accepted).toHaveLength(byKey.size);
    expect(new Set(gateway.requests.map((r) => r.body.idempotencyKey))).toEqual(new Set(byKey.keys()));

    // A key seen more than once was a retry of the same message: same body, failures before the one success.
    for (const [key, row] of byKey) {
      const seen = gateway.requests.filter((r) => r.body.idempotencyKey === key);
      expect(new Set(seen.map((r) => r.rawBody)).size).toBe(1);
      expect(seen.map((r) => r.status)).toEqual([...Array(seen.length - 1).fill(503), 200]);
      expect(row.attempts).toBe(seen.length);
    }
  });
});

describe('a gateway that never answers well', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startGateway(() => 500);
  });
  afterAll(() => gateway.close());

  it('dead-letters the message after the last try, shows it masked to national staff only, and resends it', async () => {
    const mobile = '09129876543';
    const item = submit({ mobile });
    const [row] = rowsOfItems([item.id]);
    expect(row).toBeDefined();
    const transport = httpSmsTransport(gateway.url, TOKEN);

    let now = new Date(Date.now() + 1000);
    for (let round = 1; round <= MAX_ATTEMPTS; round++) {
      await deliverDueMessages(db(), transport, now);
      const current = db().select().from(outbox).where(eq(outbox.id, row!.id)).get()!;
      expect(current.attempts).toBe(round);
      expect(current.status).toBe(round < MAX_ATTEMPTS ? 'pending' : 'dead');
      expect(current.lastError).toBe('SMS gateway answered 500');
      now = new Date(now.getTime() + 2 * HOUR);
    }
    expect(gateway.requests).toHaveLength(MAX_ATTEMPTS);
    expect(new Set(gateway.requests.map((r) => r.headers['idempotency-key']))).toEqual(new Set([row!.idempotencyKey]));

    // Dead is dead: later rounds leave it alone.
    expect(await deliverDueMessages(db(), transport, new Date(now.getTime() + 24 * HOUR))).toEqual({ attempted: 0, sent: 0 });
    expect(gateway.requests).toHaveLength(MAX_ATTEMPTS);

    // The dead-letter list: masked recipient, never the full number.
    const failed = listFailedMessages(db()).find((m) => m.id === row!.id);
    expect(failed).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS, channel: 'sms', audience: 'citizen', recipientMasked: '0912***6543', trackingCode: item.trackingCode });
    expect(failed!.lastError).toBe('SMS gateway answered 500');
    const listed = JSON.stringify(listFailedMessages(db()));
    expect(listed).not.toContain('9129876543');
    expect(listed).not.toContain(mobile);

    // A national supervisor sees it on the dead-letter page; the JSON the page gets has no full number either.
    const national = await signInAs('national');
    const page = await run(() => staffOutbox.loader(routeArgs(getRequest('/staff/outbox', national))));
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).not.toContain('9129876543');
    const data = { ...(JSON.parse(text) as { messages: { id: number; status: string; recipientMasked: string }[] }), csrfToken: await csrfOf(national) };
    expect(data.messages).toContainEqual(expect.objectContaining({ id: row!.id, status: 'dead', recipientMasked: '0912***6543' }));

    // A province officer learns nothing: 404 for the page and for the resend.
    const provinceOfficer = await signInAs(OFFICER_USERNAME);
    expect((await run(() => staffOutbox.loader(routeArgs(getRequest('/staff/outbox', provinceOfficer))))).status).toBe(404);
    expect((await run(() => staffOutbox.action(routeArgs(postForm('/staff/outbox', { csrf: data.csrfToken, id: String(row!.id) }, provinceOfficer))))).status).toBe(404);
    // A resend without the form token is refused.
    expect((await run(() => staffOutbox.action(routeArgs(postForm('/staff/outbox', { csrf: 'forged', id: String(row!.id) }, national))))).status).toBe(403);
    expect(db().select().from(outbox).where(eq(outbox.id, row!.id)).get()!.status).toBe('dead');

    // The supervisor resends it: back in the queue with a fresh set of attempts.
    const resent = await run(() => staffOutbox.action(routeArgs(postForm('/staff/outbox', { csrf: data.csrfToken, id: String(row!.id) }, national))));
    expect(resent.status).toBe(302);
    expect(resent.headers.get('Location')).toBe('/staff/outbox?resent=1');
    expect(db().select().from(outbox).where(eq(outbox.id, row!.id)).get()).toMatchObject({ status: 'pending', attempts: 0, lastError: null });

    // The gateway recovers and the message goes out, with the key it always had.
    gateway.policy = () => 200;
    expect(await deliverDueMessages(db(), transport, new Date(Date.now() + 1000))).toEqual({ attempted: 1, sent: 1 });
    expect(db().select().from(outbox).where(eq(outbox.id, row!.id)).get()).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    const last = gateway.requests.at(-1)!;
    expect(last).toMatchObject({ status: 200, body: { to: '+989129876543', idempotencyKey: row!.idempotencyKey } });
    expect(listFailedMessages(db()).some((m) => m.id === row!.id)).toBe(false);
  });
});

// ---- transportFromConfig ---------------------------------------------------------------------------------------

describe('the configured transport', () => {
  const NOTIFY_ENV = ['NOTIFY_TRANSPORT', 'SMTP_URL', 'SMS_GATEWAY_URL', 'SMS_GATEWAY_TOKEN'] as const;
  const saved = Object.fromEntries(NOTIFY_ENV.map((name) => [name, process.env[name]]));
  let gateway: Gateway;

  function configure(env: Partial<Record<(typeof NOTIFY_ENV)[number], string>>) {
    for (const name of NOTIFY_ENV) {
      if (env[name] === undefined) delete process.env[name];
      else process.env[name] = env[name];
    }
    resetConfigForTests();
    return getConfig();
  }

  function logLines(): (OutgoingMessage & { at: string })[] {
    const file = path.join(getConfig().dataDir, 'outbox.log');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as OutgoingMessage & { at: string });
  }

  beforeAll(async () => {
    gateway = await startGateway(() => 200);
  });
  afterAll(async () => {
    for (const name of NOTIFY_ENV) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    resetConfigForTests();
    await gateway.close();
  });

  it('writes one JSON line per message to $DATA_DIR/outbox.log when NOTIFY_TRANSPORT is unset, with no contact data on the console', async () => {
    const config = configure({});
    expect(config.notifyTransports).toEqual(['file']);
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    try {
      const item = submit({ mobile: '09121231234', email: 'file.citizen@example.org' });
      const rows = rowsOfItems([item.id]);
      expect(rows).toHaveLength(2);
      const before = logLines().length;

      expect(await deliverDueMessages(db(), transportFromConfig())).toEqual({ attempted: 2, sent: 2 });

      const lines = logLines().slice(before);
      expect(lines).toHaveLength(2);
      for (const row of rows) {
        const line = lines.find((l) => l.idempotencyKey === row.idempotencyKey);
        expect(line).toMatchObject({ channel: row.channel, recipient: row.recipient, body: row.body, idempotencyKey: row.idempotencyKey });
        expect(Number.isNaN(Date.parse(line!.at))).toBe(false);
      }
      expect(rowsOfItems([item.id]).every((r) => r.status === 'sent')).toBe(true);
      const echoed = info.mock.calls.map((c) => c.map(String).join(' ')).join('\n');
      expect(echoed).toContain(rows[0]!.idempotencyKey);
      expect(echoed).not.toContain('9121231234');
      expect(echoed).not.toContain('file.citizen@example.org');
    } finally {
      info.mockRestore();
    }
  });

  it('sends email by SMTP and SMS by the HTTP gateway when both are configured, writing neither to the file', async () => {
    configure({ NOTIFY_TRANSPORT: 'smtp,http', SMTP_URL: smtpUrl, SMS_GATEWAY_URL: gateway.url, SMS_GATEWAY_TOKEN: TOKEN });
    const item = submit({ mobile: '09124445566', email: 'routed.citizen@example.org' });
    const rows = rowsOfItems([item.id]);
    const before = logLines().length;
    const gatewayBefore = gateway.requests.length;

    expect(await deliverDueMessages(db(), transportFromConfig())).toEqual({ attempted: 2, sent: 2 });

    const emailRow = rows.find((r) => r.channel === 'email')!;
    const smsRow = rows.find((r) => r.channel === 'sms')!;
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['routed.citizen@example.org']);
    expect(parseMail(mails[0]!.raw).headers.get('message-id')).toBe(`<${emailRow.idempotencyKey}@didehban>`);
    const smsRequests = gateway.requests.slice(gatewayBefore);
    expect(smsRequests).toHaveLength(1);
    expect(smsRequests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(smsRequests[0]!.body).toEqual({ to: '+989124445566', text: smsRow.body, idempotencyKey: smsRow.idempotencyKey });
    expect(logLines().slice(before)).toEqual([]);
  });

  it('falls back to the file for a channel no configured transport handles', async () => {
    configure({ NOTIFY_TRANSPORT: 'smtp', SMTP_URL: smtpUrl });
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    try {
      const item = submit({ mobile: '09127778899', email: 'half.configured@example.org' });
      const rows = rowsOfItems([item.id]);
      const before = logLines().length;
      expect(await deliverDueMessages(db(), transportFromConfig())).toEqual({ attempted: 2, sent: 2 });
      expect(mails.map((m) => m.to)).toEqual([['half.configured@example.org']]);
      expect(logLines().slice(before).map((l) => l.idempotencyKey)).toEqual([rows.find((r) => r.channel === 'sms')!.idempotencyKey]);
    } finally {
      info.mockRestore();
    }
  });

  it('refuses a configuration that names a transport without its address', () => {
    expect(() => transportFromConfig(configure({ NOTIFY_TRANSPORT: 'http' }))).toThrow(/SMS_GATEWAY_URL/);
    expect(() => transportFromConfig(configure({ NOTIFY_TRANSPORT: 'smtp' }))).toThrow(/SMTP_URL/);
    expect(() => configure({ NOTIFY_TRANSPORT: 'pigeon' })).toThrow(/NOTIFY_TRANSPORT/);
    configure({});
  });
});
