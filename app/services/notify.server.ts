/**
 * Notification transports (docs/DESIGN.md §8). Each message goes to the first configured transport that handles its
 * channel: SMTP (nodemailer, `SMTP_URL`) for email, a generic HTTP SMS gateway (`SMS_GATEWAY_URL` + token) for SMS,
 * and the file transport (`$DATA_DIR/outbox.log`, one JSON line a message) for anything else, so that a demo shows
 * what a citizen would receive. A transport throws when a message was not accepted; the outbox retries it.
 * The delivery loop (deliverDueMessages) lives here too; the outbox model keeps the rows.
 */
import { closeSync, existsSync, openSync, readSync, writeSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { AppDatabase } from '../../db/client';
import { getConfig, type AppConfig } from '../platform/config.server';
import { isLocale, type AppLocale } from '../i18n/config';
import { translator } from '../i18n/translate';
import { claimMessage, dueMessages, markFailed, markSent } from '../models/outbox.server';
import { emailSubjectKey } from '../domain/email-subject';

export interface OutgoingMessage {
  channel: 'sms' | 'email';
  recipient: string;
  body: string;
  /** The same for every attempt at one message, so the receiving side can drop duplicates. */
  idempotencyKey: string;
  subject?: string;
}

export interface NotificationTransport {
  handles(channel: OutgoingMessage['channel']): boolean;
  send(message: OutgoingMessage): Promise<void>;
}

export function fileTransport(file: string, echo = false): NotificationTransport {
  return {
    handles: () => true,
    async send(message) {
      await mkdir(path.dirname(file), { recursive: true });
      await appendFile(file, JSON.stringify({ at: new Date().toISOString(), ...message }) + '\n', 'utf8');
      // The console gets no contact data (docs/DESIGN.md §7: personal data never in logs).
      if (echo) console.info(`[outbox] ${message.channel} ${message.idempotencyKey} written to ${path.basename(file)}`);
    },
  };
}

/** The file transport's log: `$DATA_DIR/outbox.log`. */
export function outboxLogPath(config: Pick<AppConfig, 'dataDir'> = getConfig()): string {
  return path.join(config.dataDir, 'outbox.log');
}

/**
 * Retention (docs/DESIGN.md §7) reaches the file transport's log too: the recipient of every line whose idempotency key is
 * given is overwritten, in place, with as many `*` as it had bytes. Same length, so lines the worker appends meanwhile
 * (O_APPEND, at the end) are never lost or shifted; read in chunks, so a large log is not held in memory.
 * Returns how many lines were redacted.
 */
export function redactOutboxLog(file: string, idempotencyKeys: ReadonlySet<string>): number {
  if (idempotencyKeys.size === 0 || !existsSync(file)) return 0;
  const fd = openSync(file, 'r+');
  let redacted = 0;
  try {
    const chunk = Buffer.alloc(1 << 20);
    let carry = Buffer.alloc(0);
    // File offset where `carry` starts.
    let offset = 0;
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, offset + carry.length);
      if (read === 0) break; // a last line without its newline is still being written: it is not ours to touch
      const data = Buffer.concat([carry, chunk.subarray(0, read)]);
      let start = 0;
      for (let end = data.indexOf(10, start); end !== -1; end = data.indexOf(10, start)) {
        redacted += redactLine(fd, data.subarray(start, end), offset + start, idempotencyKeys);
        start = end + 1;
      }
      carry = Buffer.from(data.subarray(start));
      offset += start;
    }
  } finally {
    closeSync(fd);
  }
  return redacted;
}

function redactLine(fd: number, line: Buffer, at: number, keys: ReadonlySet<string>): number {
  let entry: { recipient?: unknown; idempotencyKey?: unknown };
  try {
    entry = JSON.parse(line.toString('utf8'));
  } catch {
    return 0;
  }
  if (typeof entry.idempotencyKey !== 'string' || !keys.has(entry.idempotencyKey) || typeof entry.recipient !== 'string' || /^\**$/.test(entry.recipient)) return 0;
  // The line was written by JSON.stringify, so the recipient appears exactly as JSON.stringify writes it.
  const quoted = JSON.stringify(entry.recipient);
  const index = line.indexOf(`"recipient":${quoted}`);
  if (index === -1) return 0;
  const length = Buffer.byteLength(quoted) - 2;
  writeSync(fd, Buffer.alloc(length, '*'), 0, length, at + index + '"recipient":"'.length);
  return 1;
}

export function smtpTransport(url: string, from = 'Didehban <no-reply@didehban.invalid>'): NotificationTransport {
  const mailer = nodemailer.createTransport(url);
  return {
    handles: (channel) => channel === 'email',
    async send(message) {
      await mailer.sendMail({
        from,
        to: message.recipient,
        subject: message.subject ?? 'دیده‌بان بهزیستی',
        text: message.body,
        // Mail servers and clients use the Message-ID to recognise a message sent twice.
        messageId: `<${message.idempotencyKey}@didehban>`,
        headers: { 'Idempotency-Key': message.idempotencyKey },
      });
    },
  };
}

/** A generic SMS gateway: JSON POST `{to, text, idempotencyKey}` with a bearer token; any 2xx means accepted. */
export function httpSmsTransport(url: string, token: string | undefined, timeoutMs = 10_000): NotificationTransport {
  return {
    handles: (channel) => channel === 'sms',
    async send(message) {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': message.idempotencyKey,
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ to: message.recipient, text: message.body, idempotencyKey: message.idempotencyKey }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
    },
  };
}

/** Sends each message through the first transport that handles its channel. */
export function routingTransport(transports: NotificationTransport[]): NotificationTransport {
  return {
    handles: (channel) => transports.some((t) => t.handles(channel)),
    send(message) {
      const transport = transports.find((t) => t.handles(message.channel));
      if (!transport) return Promise.reject(new Error(`no transport for ${message.channel}`));
      return transport.send(message);
    },
  };
}

/**
 * `NOTIFY_TRANSPORT` lists the transports to use, comma-separated: `file` (default), `smtp`, `http`. Channels that no
 * listed transport handles fall back to the file, so nothing is dropped because of a partial configuration.
 */
export function transportFromConfig(config: AppConfig = getConfig()): NotificationTransport {
  const transports: NotificationTransport[] = [];
  for (const name of config.notifyTransports) {
    if (name === 'smtp') {
      if (!config.smtpUrl) throw new Error('NOTIFY_TRANSPORT includes smtp but SMTP_URL is not set');
      transports.push(smtpTransport(config.smtpUrl));
    } else if (name === 'http') {
      if (!config.smsGatewayUrl) throw new Error('NOTIFY_TRANSPORT includes http but SMS_GATEWAY_URL is not set');
      transports.push(httpSmsTransport(config.smsGatewayUrl, config.smsGatewayToken));
    }
  }
  transports.push(fileTransport(outboxLogPath(config), true));
  return routingTransport(transports);
}

// ---- Delivery -----------------------------------------------------------------------------------------------------

export const MAX_ATTEMPTS = 8;
/** A message being sent is claimed for this long, so a second worker does not send it at the same time. */
const CLAIM_MS = 120_000;

/** Backoff with jitter: about 30 s, 1 min, 2 min … capped at one hour. */
export function nextAttemptDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(base * (0.5 + random()));
}

/**
 * Sends every due message once. Each is claimed first (its next attempt moved forward), so two workers never send
 * it at the same moment; a failure is rescheduled with backoff, and after the last try the message is dead-lettered
 * for staff to see and resend. At least once: a crash between sending and recording means one more send, with the
 * same idempotency key.
 */
export async function deliverDueMessages(db: AppDatabase, transport: NotificationTransport, now: Date = new Date(), limit = 50) {
  const due = dueMessages(db, now, limit);
  let sent = 0;
  // The claim and the backoff count from the moment they are written, not from the round's start: a round can run
  // longer than CLAIM_MS behind a slow gateway, and a claim already expired would let another worker send too.
  const later = (ms: number) => new Date(Math.max(now.getTime(), Date.now()) + ms);
  for (const row of due) {
    if (!claimMessage(db, row, later(CLAIM_MS))) continue;
    const attempts = row.attempts + 1;
    try {
      const locale: AppLocale = isLocale(row.locale) ? row.locale : 'fa';
      await transport.send({
        channel: row.channel,
        recipient: row.recipient,
        body: row.body,
        idempotencyKey: row.idempotencyKey,
        // Fixed wording: no code, name or words of a citizen in a subject (lock screens, mail logs).
        subject: translator(locale)(emailSubjectKey(row)),
      });
      markSent(db, row.id, attempts, new Date());
      sent++;
    } catch (error) {
      const lastError = error instanceof Error ? error.message.slice(0, 500) : 'send failed';
      const dead = attempts >= MAX_ATTEMPTS;
      markFailed(db, row.id, { attempts, lastError, dead, nextAttemptAt: later(nextAttemptDelayMs(attempts)) });
    }
  }
  return { attempted: due.length, sent };
}
