/**
 * Fills a benchmark database with synthetic items, fast: raw prepared INSERTs into `items`, `item_events` and the
 * `item_search` FTS table (the same document `indexItem` writes), one transaction per 10 000 items. The monitoring
 * aggregates (stat_current, stat_daily, stat_durations) are filled by the insert triggers of migration 0006.
 *
 *   npx tsx bench/generate.ts --db /tmp/bench-x/didehban.sqlite --items 100000
 *
 * A missing database is created first: migrated and seeded with the demo data (as the server does at its first
 * start). An existing one is topped up to `--items` generated items (so 10 k → 100 k → 1 M reuses the work).
 * Never point this at a real database.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { migrateDatabase, openDatabase } from '../db/client';
import { prepareDatabase } from '../app/seed/index';
import { AREAS } from '../app/domain/areas';
import { searchDocument } from '../app/domain/search';
import { generateTrackingCode } from '../app/domain/tracking-code';
import { runSweeps, type SweepResult } from '../app/services/workflow.server';
import { mulberry32 } from '../tests/support/prng';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const BATCH = 10_000;
/** Generated items carry this locale marker in `subject` so a top-up can count them apart from the demo items. */
const MARK = '[bench]';
/** The default workflow settings (app/domain/settings.ts): generated items are left as the sweeps would leave them. */
const AUTO_CLOSE_ANSWERED = 7 * DAY;
const AUTO_CLOSE_AWAITING = 14 * DAY;
const CONTACT_RETENTION = 180 * DAY;

const KINDS = ['criticism', 'suggestion', 'complaint', 'appreciation'] as const;
const CHANNELS = ['web', 'web', 'web', 'web', 'phone', 'phone', 'counter', 'sms', 'api'] as const;
const SUBJECTS = ['زمان انتظار طولانی', 'برخورد کارکنان', 'کیفیت کلاس مهارت‌آموزی', 'پیشنهاد ساعت کاری عصر', 'تشکر از مشاور مرکز', 'نبود پارکینگ', 'پاسخ ندادن به تلفن', 'هزینه خدمات'];
const BODIES = [
  'برای دریافت مشاوره سه بار به مرکز مراجعه کردم و هر بار گفتند کارشناس حضور ندارد؛ لطفاً پیگیری کنید.',
  'کلاس‌های مهارت‌آموزی بسیار مفید است ولی ظرفیت آن کم است و بسیاری از خانواده‌ها در نوبت مانده‌اند.',
  'پیشنهاد می‌کنم مرکز روزهای پنجشنبه هم باز باشد تا شاغلان هم بتوانند از خدمات استفاده کنند.',
  'از خانم مشاور مرکز بابت پیگیری پرونده فرزندم صمیمانه سپاسگزارم، برخورد ایشان بسیار محترمانه بود.',
  'The centre did not answer the phone for a week and nobody called back about the appointment we booked.',
  'ورودی مرکز برای ویلچر مناسب نیست و رمپ ندارد؛ مراجعان توان‌یاب با مشکل جدی روبه‌رو هستند.',
  'هزینه جلسات گفتاردرمانی نسبت به ماه گذشته دو برابر شده و هیچ توضیحی به خانواده‌ها داده نشده است.',
  'نوبت‌دهی اینترنتی مرکز کار نمی‌کند و باید صبح زود حضوری مراجعه کنیم که برای سالمندان سخت است.',
];

function parseArgs(argv: string[]) {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const db = get('db');
  const n = Number(get('items') ?? '10000');
  if (!db || !Number.isInteger(n) || n < 0) throw new Error('usage: tsx bench/generate.ts --db FILE --items N');
  return { db, n };
}

export interface GenerateResult {
  added: number;
  total: number;
  seconds: number;
  /** What the sweep run after generating changed (auto-closed, escalated, contacts erased). */
  swept: SweepResult;
}

/** Tops the database up to `target` generated items. */
export async function generate(file: string, target: number, now = Date.now()): Promise<GenerateResult> {
  const started = performance.now();
  const fresh = !existsSync(file);
  const db = openDatabase(file);
  migrateDatabase(db);
  if (fresh) await prepareDatabase(db, { demoData: true });
  const sqlite = db.$client;
  // Speed over durability while generating: the file is thrown away if the process dies.
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('temp_store = MEMORY');

  const existing = (sqlite.prepare('SELECT count(*) AS n FROM items WHERE subject LIKE ?').get(`${MARK}%`) as { n: number }).n;
  const toAdd = Math.max(0, target - existing);
  const centers = sqlite.prepare('SELECT id, province_id AS provinceId FROM centers WHERE active = 1').all() as { id: number; provinceId: string }[];
  const provinces = (sqlite.prepare('SELECT id FROM provinces').all() as { id: string }[]).map((p) => p.id);
  const services = (sqlite.prepare('SELECT id FROM services').all() as { id: number }[]).map((s) => s.id);
  const staff = (sqlite.prepare("SELECT id FROM staff_users WHERE role IN ('province_officer','province_manager','national_supervisor')").all() as { id: number }[]).map((s) => s.id);
  if (centers.length === 0) throw new Error('no centres: the database was not seeded with demo data');
  const codes = new Set((sqlite.prepare('SELECT tracking_code AS c FROM items').all() as { c: string }[]).map((r) => r.c));

  // public_ref: the Open311 API's random reference (db/schema.ts), as the app writes it.
  const insertItem = sqlite.prepare(`INSERT INTO items (tracking_code, public_ref, kind, state, channel, area, center_id, service_id, province_id,
      owner_province_id, subject, body, name, mobile, email, national_code, anonymous, locale, version, created_at, updated_at,
      state_entered_at, first_response_due_at, answer_due_at, escalation_level, first_responded_at, rating, answered_at, closed_at,
      contact_erased_at)
    VALUES (?, 'r' || lower(hex(randomblob(8))), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertEvent = sqlite.prepare(`INSERT INTO item_events (item_id, at, action, from_state, to_state, actor_type, actor_staff_id,
      owner_province_id, public_message, via) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertEscalation = sqlite.prepare(`INSERT INTO item_events (item_id, at, action, from_state, to_state, actor_type, owner_province_id,
      internal_note) VALUES (?, ?, 'escalate', ?, ?, 'system', ?, ?)`);
  const insertSearch = sqlite.prepare('INSERT OR REPLACE INTO item_search (rowid, body) VALUES (?, ?)');

  const random = mulberry32(0x5eed + existing); // seeded, so runs are comparable
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const randomInt = (max: number) => Math.floor(random() * max);
  const span = 730 * DAY;

  const writeOne = (index: number) => {
    // Newer items are more frequent (the portal's use grows): created_at skews towards now.
    const createdAt = Math.round(now - span * random() ** 1.6 - randomInt(HOUR));
    const age = now - createdAt;
    let code = generateTrackingCode(randomInt);
    while (codes.has(code)) code = generateTrackingCode(randomInt);
    codes.add(code);
    const kind = pick(KINDS);
    const channel = pick(CHANNELS);
    const withCenter = random() < 0.85;
    const center = withCenter ? pick(centers) : null;
    const provinceId = center ? center.provinceId : random() < 0.8 ? pick(provinces) : null;
    let owner: string | null = provinceId;
    const area = random() < 0.3 ? null : pick(AREAS);
    const anonymous = random() < 0.2;
    const subject = `${MARK} ${pick(SUBJECTS)}`;
    const body = `${pick(BODIES)} (${index})`;
    const firstDue = createdAt + 2 * DAY;
    const answerDue = createdAt + 10 * DAY;

    // Old items are mostly finished; recent ones mostly open.
    const roll = random();
    const finishedShare = age > 60 * DAY ? 0.97 : age > 14 * DAY ? 0.75 : age > 3 * DAY ? 0.35 : 0.05;
    let state: string;
    if (roll < finishedShare) {
      const end = random();
      state = end < 0.78 ? 'closed' : end < 0.9 ? 'redirected' : end < 0.95 ? 'rejected' : 'answered';
    } else {
      const open = random();
      state = open < 0.3 ? 'routed' : open < 0.75 ? 'in_review' : open < 0.85 ? 'awaiting_citizen' : open < 0.95 ? 'answered' : 'appealed';
    }
    if (state === 'routed' && age > 5 * DAY && random() < 0.5) owner = null; // some wait in the national queue
    const cap = (t: number) => Math.min(t, now - 1000);
    const firstRespondedAt = state === 'routed' ? null : cap(createdAt + Math.round((1 + random() * 70) * HOUR));
    let answeredAt =
      state === 'answered' || state === 'appealed' || state === 'closed' ? cap(Math.max(firstRespondedAt ?? 0, createdAt + Math.round((12 + random() * 330) * HOUR))) : null;
    let closedAt =
      state === 'closed' ? cap((answeredAt ?? createdAt) + AUTO_CLOSE_ANSWERED) : state === 'redirected' || state === 'rejected' ? cap((firstRespondedAt ?? createdAt) + HOUR) : null;
    let stateEnteredAt = closedAt ?? answeredAt ?? firstRespondedAt ?? createdAt;
    // The state the minute sweep would have left: what it closes is closed (so the server's first sweep has nothing
    // to catch up on, as on a server that ran all along).
    let autoClosedFrom: string | null = null;
    if (state === 'answered' && stateEnteredAt <= now - AUTO_CLOSE_ANSWERED) {
      autoClosedFrom = 'answered';
      closedAt = stateEnteredAt + AUTO_CLOSE_ANSWERED;
    } else if (state === 'awaiting_citizen' && stateEnteredAt <= now - AUTO_CLOSE_AWAITING) {
      autoClosedFrom = 'awaiting_citizen';
      answeredAt = null;
      closedAt = stateEnteredAt + AUTO_CLOSE_AWAITING;
    }
    if (autoClosedFrom) {
      state = 'closed';
      stateEnteredAt = closedAt!;
    }
    const awaitingStaff = state === 'routed' || state === 'in_review' || state === 'appealed';
    const escalationLevel = !awaitingStaff ? 0 : answeredAt === null && answerDue <= now ? 2 : firstRespondedAt === null && firstDue <= now ? 1 : 0;
    const contactErasedAt = closedAt !== null && closedAt <= now - CONTACT_RETENTION ? closedAt + CONTACT_RETENTION : null;
    const rating = state === 'closed' && !autoClosedFrom && random() < 0.4 ? 1 + randomInt(5) : null;
    const updatedAt = stateEnteredAt;
    const keepsContact = !anonymous && contactErasedAt === null;

    const id = Number(
      insertItem.run(
        code, kind, state, channel, area, center?.id ?? null, random() < 0.4 ? pick(services) : null, provinceId,
        owner, subject, body, keepsContact ? 'شهروند نمونه' : null, keepsContact ? `0912${String(1_000_000 + randomInt(8_999_999))}` : null,
        null, null, anonymous ? 1 : 0, random() < 0.93 ? 'fa' : 'en', 2, createdAt, updatedAt, stateEnteredAt, firstDue, answerDue,
        escalationLevel, firstRespondedAt, rating, answeredAt, closedAt, contactErasedAt,
      ).lastInsertRowid,
    );
    const via = channel === 'phone' || channel === 'counter' ? channel : null;
    insertEvent.run(id, createdAt, 'submit', null, 'submitted', 'citizen', null, null, null, via);
    insertEvent.run(id, createdAt, 'route', 'submitted', 'routed', 'system', null, provinceId, null, null);
    const actor = staff.length ? pick(staff) : null;
    if (firstRespondedAt !== null) {
      if (state === 'redirected' || state === 'rejected') {
        insertEvent.run(id, closedAt, state === 'redirected' ? 'redirect' : 'reject', 'routed', state, 'staff', actor, owner, 'پاسخ نمونه', null);
      } else {
        insertEvent.run(id, firstRespondedAt, 'accept', 'routed', 'in_review', 'staff', actor, owner, 'درخواست شما بررسی می‌شود.', null);
        if (state === 'awaiting_citizen' || autoClosedFrom === 'awaiting_citizen') {
          insertEvent.run(id, autoClosedFrom ? closedAt! - AUTO_CLOSE_AWAITING : stateEnteredAt, 'ask_citizen', 'in_review', 'awaiting_citizen', 'staff', actor, owner, 'لطفاً توضیح بیشتری بدهید.', null);
        }
        if (answeredAt !== null) insertEvent.run(id, answeredAt, 'answer', 'in_review', 'answered', 'staff', actor, owner, 'پاسخ نمونه', null);
        if (state === 'appealed') insertEvent.run(id, answeredAt! + HOUR, 'appeal', 'answered', 'appealed', 'citizen', null, owner, null, null);
        if (state === 'closed') {
          const by = autoClosedFrom ? 'system' : rating ? 'citizen' : 'system';
          insertEvent.run(id, closedAt, rating ? 'confirm' : 'auto_close', autoClosedFrom ?? 'answered', 'closed', by, null, owner, null, null);
        }
      }
    }
    if (escalationLevel >= 1) insertEscalation.run(id, firstDue, state, state, owner, 'first_response_overdue');
    if (escalationLevel === 2) insertEscalation.run(id, answerDue, state, state, owner, 'answer_overdue');
    insertSearch.run(id, searchDocument([code, subject, body]));
  };

  const batch = sqlite.transaction((from: number, count: number) => {
    for (let i = 0; i < count; i++) writeOne(from + i);
  });
  for (let done = 0; done < toAdd; done += BATCH) {
    batch.immediate(existing + done, Math.min(BATCH, toAdd - done));
    if (process.stdout.isTTY) process.stdout.write(`\r  ${existing + done + Math.min(BATCH, toAdd - done)} / ${target}`);
  }
  if (process.stdout.isTTY && toAdd > 0) process.stdout.write('\n');
  // One real sweep, as the server's first minute would run it: with the states above it finds (almost) nothing.
  const swept = runSweeps(db, new Date(now));
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  return { added: toAdd, total: existing + toAdd, seconds: (performance.now() - started) / 1000, swept };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { db, n } = parseArgs(process.argv.slice(2));
  const result = await generate(db, n);
  console.info(`${result.added} items added (${result.total} generated in all) in ${result.seconds.toFixed(1)} s → ${db}; the sweep after it: ${JSON.stringify(result.swept)}`);
}
