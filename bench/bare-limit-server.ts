/**
 * The bare limit of a submission on this machine: what any server that accepts one must at least do, with nothing
 * of the app's own on the way. `node:http`, the same zod schema (`feedbackSchema`), then ONE better-sqlite3
 * transaction (`BEGIN IMMEDIATE … COMMIT`, `journal_mode = WAL`, `synchronous = FULL`: the durability docs/DESIGN.md §7
 * promises, so one fsync per submission as in the app) on statements prepared once, that
 *  - reads the chosen centre's province (the item is routed to it, and a centre that does not exist is refused),
 *  - inserts the item (`routed`, a fresh 12-digit tracking code, a public reference, deadlines at a fixed 2 and
 *    10 days),
 *  - inserts its two events (`submit`, `route`),
 *  - inserts one outbox row (the SMS to the citizen's mobile; none for an anonymous item, as in the app),
 * and answers 303 to `/feedback/sent/<code>`. The schema's own triggers (the statistics of migrations 0006/0010)
 * fire as they do for the app: they are the schema, not the app.
 *
 * Left out, on purpose (this is the floor, not a second app): Remix, express, drizzle, compression, cookies and the
 * citizen session, the rate limit, the signed challenge (neither checked nor recorded in `used_challenges`), the
 * item's full-text row (`item_search`), the working-day calendar and the settings behind the deadlines, and the
 * message text rendered from the translations. `bench/baseline-server.ts` is the step between: bare `node:http`
 * but the app's model (`submitItem`), challenge included.
 *
 *   PORT=3417 DATA_DIR=/tmp/bench-bare npx tsx bench/bare-limit-server.ts
 *
 * DATA_DIR may hold a prepared database (a copy of the bench's catalogue); otherwise it is prepared the way the app
 * prepares one at its first start (migrated, demo data), before the first request.
 */
import Database from 'better-sqlite3';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { migrateDatabase, openDatabase } from '../db/client';
import { prepareDatabase } from '../app/seed/index';
import { feedbackSchema } from '../app/domain/feedback-schema';

const DAY = 86_400_000;
const dataDir = path.resolve(process.env.DATA_DIR || '/tmp/bench-bare');
const file = path.join(dataDir, 'didehban.sqlite');
if (!existsSync(file)) {
  mkdirSync(dataDir, { recursive: true });
  const prepared = openDatabase(file);
  migrateDatabase(prepared);
  await prepareDatabase(prepared, { demoData: true });
  prepared.$client.close();
}

const sqlite = new Database(file);
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = FULL');
sqlite.pragma('foreign_keys = ON');
sqlite.pragma('busy_timeout = 5000');

const centreProvince = sqlite.prepare<[number], { p: string }>('SELECT province_id AS p FROM centers WHERE id = ? AND active = 1');
const insertItem = sqlite.prepare(`INSERT INTO items (tracking_code, public_ref, kind, state, channel, area, center_id, service_id, province_id,
    owner_province_id, subject, body, name, mobile, email, national_code, anonymous, locale, version, created_at, updated_at,
    state_entered_at, first_response_due_at, answer_due_at)
  VALUES (?, ?, ?, 'routed', 'web', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'fa', 1, ?, ?, ?, ?, ?)`);
const insertEvent = sqlite.prepare(`INSERT INTO item_events (item_id, at, action, from_state, to_state, actor_type, owner_province_id)
  VALUES (?, ?, ?, ?, ?, ?, ?)`);
const insertOutbox = sqlite.prepare(`INSERT INTO outbox (item_id, event_id, channel, audience, recipient, locale, body, idempotency_key, status,
    attempts, next_attempt_at, created_at)
  VALUES (?, ?, 'sms', 'citizen', ?, 'fa', ?, ?, 'pending', 0, ?, ?)`);

class UnknownCentre extends Error {}

/** Tracking codes are 12 digits; the unique index decides, so a (rare) collision is retried. */
const trackingCode = () => String(randomInt(1e11, 1e12));

const submit = sqlite.transaction((form: ReturnType<typeof feedbackSchema.parse>) => {
  const now = Date.now();
  const provinceId = form.centerId ? centreProvince.get(form.centerId)?.p : form.provinceId;
  if (form.centerId && !provinceId) throw new UnknownCentre();
  let code = trackingCode();
  let itemId = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      itemId = Number(
        insertItem.run(
          code, `r${randomBytes(8).toString('hex')}`, form.kind, form.area, form.centerId, form.serviceId, provinceId ?? null, provinceId ?? null,
          form.subject, form.body, form.name, form.mobile, form.email, form.nationalCode, form.anonymous ? 1 : 0,
          now, now, now, now + 2 * DAY, now + 10 * DAY,
        ).lastInsertRowid,
      );
      break;
    } catch (error) {
      if (attempt >= 3 || !String((error as Error).message).includes('tracking_code')) throw error;
      code = trackingCode();
    }
  }
  insertEvent.run(itemId, now, 'submit', null, 'submitted', 'citizen', null);
  const routed = Number(insertEvent.run(itemId, now, 'route', 'submitted', 'routed', 'system', provinceId ?? null).lastInsertRowid);
  if (form.mobile) {
    insertOutbox.run(itemId, routed, form.mobile, `دیده‌بان: پیام شما با کد پیگیری ${code} ثبت شد.`, `event-${routed}-sms`, now, now);
  }
  return code;
});

const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/feedback/new') {
    res.writeHead(req.url === '/healthz' ? 200 : 404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const parsed = feedbackSchema.safeParse(Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    if (!parsed.success) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('invalid');
      return;
    }
    try {
      const code = submit.immediate(parsed.data);
      res.writeHead(303, { Location: `/feedback/sent/${code}` }).end();
    } catch (error) {
      res.writeHead(error instanceof UnknownCentre ? 400 : 500).end();
    }
  });
});
server.listen(Number(process.env.PORT || 3417), () => console.info(`bare limit on ${process.env.PORT || 3417}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
