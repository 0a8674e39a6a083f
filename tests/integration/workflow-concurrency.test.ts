/**
 * Concurrency (docs/DESIGN.md §3, §8): two staff acting on one item at once, and two worker processes running the sweeps and
 * the delivery at once on the same SQLite file. The version check and the outbox claim must make every transition and
 * every message happen once.
 */
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeConnection, openDatabase } from '../../db/client';
import { holidays, itemEvents, items, outbox, staffUsers } from '../../db/schema';
import { getConfig } from '~/platform/config.server';
import { addWorkingDays, FIXED_SOLAR_HOLIDAYS } from '~/domain/calendar';
import { holidayRows, LUNAR_HOLIDAYS } from '~/domain/lunar-holidays';
import { isDigestKey } from '~/domain/digest';
import { feedbackSchema } from '~/domain/feedback-schema';
import { type ItemRow } from '~/models/items.server';
import { submitItem, transition } from '~/services/workflow.server';
import { deliverDueMessages, type NotificationTransport, type OutgoingMessage } from '~/services/notify.server';
import { getCalendar, getWorkflowSettings } from '~/models/settings.server';
import * as staffItem from '~/routes/staff.items.$id/route';
import { CookieJar, getRequest, postForm, routeArgs, run } from '../support/http';
import { csrfOf, signInAs } from '../support/staff';
import { TMP_DIR } from '../support/paths';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const DAY = 86_400_000;
const HOUR = 3_600_000;
const BODY = 'پرونده مستمری مادرم شش ماه است در مرکز مانده و کسی پاسخگو نیست.';
const PROCESS_TIMEOUT = 60_000;

// ---- helpers ---------------------------------------------------------------------------------------------------

function staffActor(username: string) {
  const user = db().select().from(staffUsers).where(eq(staffUsers.username, username)).get();
  if (!user) throw new Error(`no staff user ${username}`);
  return { role: user.role as 'province_officer' | 'province_manager' | 'national_supervisor', provinceId: user.provinceId, staffId: user.id };
}

let mobileSerial = 0;
function submit(now: Date, options: { provinceId?: string; email?: string; anonymous?: boolean } = {}): ItemRow {
  mobileSerial++;
  const form = feedbackSchema.parse({
    kind: 'complaint',
    provinceId: options.provinceId ?? 'ir-09',
    body: BODY,
    mobile: options.anonymous ? '' : `0913${String(5000000 + mobileSerial).padStart(7, '0')}`,
    email: options.email ?? '',
    anonymous: options.anonymous ? 'on' : '',
    consent: 'on',
  });
  return submitItem(db(), form, { channel: 'web', locale: 'fa', actor: { role: 'citizen' }, now });
}

function ok(result: ReturnType<typeof transition>): ItemRow {
  if (!result.ok) throw new Error(`transition refused: ${result.reason}`);
  return result.item;
}

const itemById = (id: number) => db().select().from(items).where(eq(items.id, id)).get()!;
const eventsOf = (itemId: number, action?: string) =>
  db()
    .select()
    .from(itemEvents)
    .where(and(eq(itemEvents.itemId, itemId), action ? eq(itemEvents.action, action) : undefined))
    .orderBy(asc(itemEvents.id))
    .all();
const outboxOf = (itemId: number) => db().select().from(outbox).where(eq(outbox.itemId, itemId)).orderBy(asc(outbox.id)).all();

/** What must not move when a change is refused. */
function itemSnapshot(itemId: number) {
  const item = itemById(itemId);
  return {
    state: item.state,
    version: item.version,
    owner: item.ownerProvinceId,
    updatedAt: item.updatedAt.getTime(),
    escalationLevel: item.escalationLevel,
    events: eventsOf(itemId).length,
    messages: outboxOf(itemId).length,
  };
}

function snapshot(itemId: number) {
  return {
    ...itemSnapshot(itemId),
    allEvents: db().select({ n: sql<number>`count(*)` }).from(itemEvents).get()!.n,
    allMessages: db().select({ n: sql<number>`count(*)` }).from(outbox).get()!.n,
  };
}

/** Delivers whatever is pending into a sink, so a later step sees only the messages it caused. */
async function drainOutbox(now = new Date()) {
  const sink: NotificationTransport = { handles: () => true, send: async () => {} };
  await deliverDueMessages(db(), sink, now, 10_000);
  expect(db().select().from(outbox).where(eq(outbox.status, 'pending')).all()).toEqual([]);
}


interface StaffItemPage {
  csrfToken: string;
  item: { id: number; version: number; state: string };
}

async function openItem(jar: CookieJar, itemId: number): Promise<StaffItemPage> {
  const response = await run(() => staffItem.loader(routeArgs(getRequest(`/staff/items/${itemId}`, jar), { id: String(itemId) })));
  expect(response.status).toBe(200);
  return { ...((await response.json()) as Omit<StaffItemPage, 'csrfToken'>), csrfToken: await csrfOf(jar) };
}

function postAction(jar: CookieJar, itemId: number, fields: Record<string, string>) {
  return run(() => staffItem.action(routeArgs(postForm(`/staff/items/${itemId}`, fields, jar), { id: String(itemId) })));
}

interface WorkerRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `npx tsx scripts/worker.ts --once` against the given database, as an operator would start it. */
function startWorker(env: { DATABASE_PATH: string; DATA_DIR: string }): Promise<WorkerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/worker.ts', '--once'], {
      cwd: path.resolve('.'),
      // Only what a worker needs: none of the test run's own settings (NOTIFY_TRANSPORT, VITEST, …) leak in.
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development', ...env, DEMO_DATA: 'on', SESSION_SECRET: 'x' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), PROCESS_TIMEOUT - 5_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

function workerSummary(stdout: string) {
  const match = /\[worker\] closed (\d+), escalated (\d+), sent (\d+)\/(\d+)/.exec(stdout);
  if (!match) throw new Error(`no summary line in the worker's output:\n${stdout}`);
  return { closed: Number(match[1]), escalated: Number(match[2]), sent: Number(match[3]), attempted: Number(match[4]) };
}

function describeRun(label: string, r: WorkerRun) {
  return `${label} exited ${r.code} (${r.signal ?? 'no signal'})\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;
}

// ---- two staff at once -----------------------------------------------------------------------------------------

describe('two staff act on one item at once', () => {
  it('the first change wins; the second, made on the same version, is refused as stale and writes nothing', () => {
    const item = submit(new Date());
    const officer = staffActor('officer.ir-09');
    const manager = staffActor('manager.ir-09');
    // Both open the item and see the same version.
    const seenByOfficer = itemById(item.id).version;
    const seenByManager = itemById(item.id).version;
    expect(seenByOfficer).toBe(seenByManager);

    const first = transition(db(), item.id, 'accept', officer, { expectedVersion: seenByOfficer });
    expect(first.ok).toBe(true);
    const after = snapshot(item.id);
    expect(after).toMatchObject({ state: 'in_review', version: seenByOfficer + 1 });

    // The manager's reject was decided on what is now an old version: refused, whatever it would have done.
    const second = transition(db(), item.id, 'reject', manager, { expectedVersion: seenByManager, publicMessage: 'خارج از حوزه بهزیستی است.' });
    expect(second).toEqual({ ok: false, reason: 'stale' });
    expect(snapshot(item.id)).toEqual(after);

    // Even the very same action is stale, not applied twice.
    expect(transition(db(), item.id, 'accept', manager, { expectedVersion: seenByManager })).toEqual({ ok: false, reason: 'stale' });
    expect(snapshot(item.id)).toEqual(after);
    expect(eventsOf(item.id, 'accept')).toHaveLength(1);
  });

  it('through the item page: the second form post gets 409 with errors.stale and changes nothing', async () => {
    const item = submit(new Date());
    const officer = await signInAs('officer.ir-09');
    const manager = await signInAs('manager.ir-09');
    const officerPage = await openItem(officer, item.id);
    const managerPage = await openItem(manager, item.id);
    expect(officerPage.item.version).toBe(managerPage.item.version);

    const accepted = await postAction(officer, item.id, { csrf: officerPage.csrfToken, intent: 'accept', version: String(officerPage.item.version) });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get('Location')).toBe(`/staff/items/${item.id}?saved=accept`);
    const after = snapshot(item.id);
    expect(after.state).toBe('in_review');

    const late = await postAction(manager, item.id, {
      csrf: managerPage.csrfToken,
      intent: 'reject',
      version: String(managerPage.item.version),
      publicMessage: 'این مورد تکراری است.',
    });
    expect(late.status).toBe(409);
    const body = (await late.json()) as { intent: string; errors: Record<string, string> };
    expect(body.intent).toBe('reject');
    expect(body.errors).toEqual({ form: 'errors.stale' });
    expect(snapshot(item.id)).toEqual(after);

    // Reloaded, the manager sees the new version and may act on it.
    const reloaded = await openItem(manager, item.id);
    expect(reloaded.item).toMatchObject({ version: after.version, state: 'in_review' });
  });
});

// ---- the outbox claim ------------------------------------------------------------------------------------------

describe('the outbox claim between two delivering workers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  // The claim must count from when it is written, not from when the round began (outbox.server.ts,
  // deliverDueMessages): in a round that has already run longer than CLAIM_MS (slow or timing-out gateway) a claim
  // from the round start would already have expired and a second worker would send the same message.
  it('does not let a second worker send a message the first is still sending, however long the first round has run', async () => {
    await drainOutbox();
    const T = Date.now() + HOUR;
    const first = submit(new Date(T - 1000));
    const second = submit(new Date(T - 1000));
    const keys = [...outboxOf(first.id), ...outboxOf(second.id)].map((r) => r.idempotencyKey);
    expect(keys).toHaveLength(2);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T);
    const sentByB: OutgoingMessage[] = [];
    const workerB: NotificationTransport = { handles: () => true, send: async (m) => void sentByB.push(m) };
    const sentByA: string[] = [];
    const workerA: NotificationTransport = {
      handles: () => true,
      async send(message) {
        sentByA.push(message.idempotencyKey);
        if (sentByA.length === 1) {
          vi.setSystemTime(T + 100_000); // the first message took 100 s (a gateway timing out, a slow SMTP server)
        } else {
          // While worker A is still sending the second message, 125 s after its round began, worker B runs a round.
          vi.setSystemTime(T + 125_000);
          await deliverDueMessages(db(), workerB);
        }
      },
    };
    await deliverDueMessages(db(), workerA);
    vi.useRealTimers();

    expect(sentByA).toEqual(keys);
    expect(sentByB.map((m) => m.idempotencyKey), 'worker B sent a message that worker A had claimed and was sending').toEqual([]);
  });
});

// ---- two worker processes at once ------------------------------------------------------------------------------

describe('two worker processes at once', () => {
  it(
    'apply each auto-close and escalation once, and queue and send each message once',
    async () => {
      const now = Date.now();
      const monthAgo = new Date(now - 30 * DAY);
      const officer09 = staffActor('officer.ir-09');
      const officer23 = staffActor('officer.ir-23');

      // Answered a month ago and left silent: to be auto-closed (answeredAutoCloseDays is 7 by default). Most are
      // anonymous (no messages), so the sweeps take long enough for the two workers' sweeps to overlap.
      const answered = Array.from({ length: 60 }, (_, i) => {
        const province = i % 3 === 2 ? 'ir-23' : 'ir-09';
        const officer = province === 'ir-09' ? officer09 : officer23;
        const item = submit(monthAgo, { provinceId: province, email: i === 0 ? 'answered.citizen@example.org' : '', anonymous: i >= 6 });
        ok(transition(db(), item.id, 'accept', officer, { expectedVersion: item.version }, monthAgo));
        return ok(transition(db(), item.id, 'answer', officer, { publicMessage: 'پرونده بررسی و مستمری برقرار شد.', expectedVersion: item.version + 1 }, monthAgo));
      });
      // Asked a question a month ago, never answered: to be closed (awaitingCitizenAutoCloseDays is 14).
      const awaiting = Array.from({ length: 2 }, () => {
        const item = submit(monthAgo);
        ok(transition(db(), item.id, 'accept', officer09, {}, monthAgo));
        return ok(transition(db(), item.id, 'ask_citizen', officer09, { publicMessage: 'شماره پرونده را بفرستید.' }, monthAgo));
      });
      // Routed a month ago and never touched, or accepted and never answered: answer overdue (level 2).
      const answerOverdue = [
        ...Array.from({ length: 5 }, (_, i) => submit(monthAgo, { provinceId: i === 4 ? 'ir-23' : 'ir-09' })),
        ok(transition(db(), submit(monthAgo).id, 'accept', officer09, {}, monthAgo)),
      ];
      // Sent long enough ago that the first response is overdue but the answer is not (level 1).
      const settings = getWorkflowSettings(db());
      const calendar = getCalendar(db());
      const { firstResponseDays, answerDays } = settings.deadlines.complaint;
      let sentAt: Date | undefined;
      for (let days = 1; days < 30 && !sentAt; days++) {
        const candidate = new Date(now - days * DAY);
        if (addWorkingDays(candidate, firstResponseDays, calendar).getTime() < now - HOUR && addWorkingDays(candidate, answerDays, calendar).getTime() > now + HOUR) {
          sentAt = candidate;
        }
      }
      expect(sentAt, 'no send time with only the first-response deadline passed').toBeDefined();
      const firstResponseOverdue = Array.from({ length: 3 }, () => submit(sentAt!));
      // Controls: nothing to do for these.
      const fresh = submit(new Date(now));
      const answeredYesterday = (() => {
        const yesterday = new Date(now - DAY);
        const item = submit(yesterday);
        ok(transition(db(), item.id, 'accept', officer09, {}, yesterday));
        return ok(transition(db(), item.id, 'answer', officer09, { publicMessage: 'انجام شد.' }, yesterday));
      })();

      for (const item of firstResponseOverdue) {
        expect(item.firstResponseDueAt!.getTime()).toBeLessThan(now);
        expect(item.answerDueAt!.getTime()).toBeGreaterThan(now);
      }

      // Only what the workers cause is pending when they start.
      await drainOutbox(new Date(now));
      const lastOutboxId = db().select({ id: sql<number>`coalesce(max(id), 0)` }).from(outbox).get()!.id;
      const before = new Map([...answered, ...awaiting, ...answerOverdue, ...firstResponseOverdue, fresh, answeredYesterday].map((i) => [i.id, itemSnapshot(i.id)]));

      const { databasePath, dataDir } = getConfig();
      const logFile = path.join(dataDir, 'outbox.log');
      rmSync(logFile, { force: true });
      closeConnection(); // the file is the workers' now

      const [a, b] = await Promise.all([startWorker({ DATABASE_PATH: databasePath, DATA_DIR: dataDir }), startWorker({ DATABASE_PATH: databasePath, DATA_DIR: dataDir })]);
      expect(a.code, describeRun('worker A', a)).toBe(0);
      expect(b.code, describeRun('worker B', b)).toBe(0);

      // Between them, the workers did each piece of work once.
      const sa = workerSummary(a.stdout);
      const sb = workerSummary(b.stdout);
      expect(sa.closed + sb.closed).toBe(answered.length + awaiting.length);
      expect(sa.escalated + sb.escalated).toBe(answerOverdue.length + firstResponseOverdue.length);

      for (const item of [...answered, ...awaiting]) {
        const closes = eventsOf(item.id, 'auto_close');
        expect(closes, `auto_close events of item ${item.id}`).toHaveLength(1);
        expect(closes[0]).toMatchObject({ actorType: 'system', fromState: item.state, toState: 'closed' });
        expect(itemById(item.id)).toMatchObject({ state: 'closed', version: item.version + 1 });
        expect(eventsOf(item.id)).toHaveLength(before.get(item.id)!.events + 1);
      }
      for (const item of answerOverdue) {
        const escalations = eventsOf(item.id, 'escalate');
        expect(escalations, `escalate events of item ${item.id}`).toHaveLength(1);
        expect(escalations[0]).toMatchObject({ internalNote: 'answer_overdue', fromState: item.state, toState: item.state });
        expect(itemById(item.id)).toMatchObject({ state: item.state, escalationLevel: 2, version: item.version + 1 });
      }
      for (const item of firstResponseOverdue) {
        const escalations = eventsOf(item.id, 'escalate');
        expect(escalations, `escalate events of item ${item.id}`).toHaveLength(1);
        expect(escalations[0]).toMatchObject({ internalNote: 'first_response_overdue' });
        expect(itemById(item.id)).toMatchObject({ state: 'routed', escalationLevel: 1, version: item.version + 1 });
      }
      for (const item of [fresh, answeredYesterday]) {
        expect(itemSnapshot(item.id)).toEqual(before.get(item.id));
      }

      // Exactly one message per (event, channel, recipient): no duplicate from the second worker.
      const duplicates = db()
        .select({ eventId: outbox.eventId, channel: outbox.channel, recipient: outbox.recipient, n: sql<number>`count(*)` })
        .from(outbox)
        .groupBy(outbox.eventId, outbox.channel, outbox.recipient)
        .having(sql`count(*) > 1`)
        .all();
      expect(duplicates).toEqual([]);

      const created = db().select().from(outbox).where(gt(outbox.id, lastOutboxId)).orderBy(asc(outbox.id)).all();
      // The citizen hears of each auto-close once per channel they gave.
      for (const item of [...answered, ...awaiting]) {
        const [close] = eventsOf(item.id, 'auto_close');
        const rows = created.filter((r) => r.eventId === close!.id);
        const expected = [...(item.mobile ? [['sms', item.mobile]] : []), ...(item.email ? [['email', item.email]] : [])];
        expect(rows.map((r) => [r.channel, r.recipient]).sort()).toEqual(expected.sort());
        expect(rows.every((r) => r.audience === 'citizen')).toBe(true);
      }
      // The national supervisor and the owning province's manager hear of each escalation once.
      const nationalEmail = db().select().from(staffUsers).where(eq(staffUsers.username, 'national')).get()!.email!;
      for (const item of [...answerOverdue, ...firstResponseOverdue]) {
        const [escalation] = eventsOf(item.id, 'escalate');
        const rows = created.filter((r) => r.eventId === escalation!.id);
        const managerEmail = db().select().from(staffUsers).where(eq(staffUsers.username, `manager.${item.ownerProvinceId}`)).get()!.email!;
        expect(rows.map((r) => r.recipient).sort()).toEqual([managerEmail, nationalEmail].sort());
        expect(rows.every((r) => r.audience === 'staff' && r.channel === 'email')).toBe(true);
      }
      const publicEvents = created.filter((r) => r.audience === 'citizen').length;
      // The staff daily digest (issue 24) is queued from 07:00 Tehran by whichever worker comes first: once per user
      // and day, never twice; before 07:00 there is none (so this test reads the same at any hour).
      const digests = created.filter((r) => isDigestKey(r.idempotencyKey));
      expect(new Set(digests.map((r) => r.recipient)).size).toBe(digests.length);
      const staffMessages = created.filter((r) => r.audience === 'staff' && !isDigestKey(r.idempotencyKey)).length;
      const contacts = (list: ItemRow[]) => list.filter((i) => i.mobile).length + list.filter((i) => i.email).length;
      expect(publicEvents).toBe(contacts([...answered, ...awaiting]));
      expect(staffMessages).toBe(2 * (answerOverdue.length + firstResponseOverdue.length));
      expect(created).toHaveLength(publicEvents + staffMessages + digests.length);

      // Both workers delivered (to the default file transport) and no message went out twice.
      expect(created.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
      expect(existsSync(logFile)).toBe(true);
      const logged = readFileSync(logFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as OutgoingMessage).idempotencyKey);
      expect([...logged].sort()).toEqual(created.map((r) => r.idempotencyKey).sort());
      expect(sa.sent + sb.sent).toBe(created.length);
    },
    PROCESS_TIMEOUT,
  );

  // On a fresh installation the server and `npm run worker` (or two workers) migrate and seed the empty database at
  // the same moment: each must wait for the other's write lock rather than fail with SQLITE_BUSY or write twice.
  // Several pairs run at once because the race does not fire every time.
  it(
    'start side by side on a fresh installation: both exit 0 and the seed is written once',
    async () => {
      const pairs = 4;
      const dirs = Array.from({ length: pairs }, () => mkdtempSync(path.join(TMP_DIR, 'fresh-')));
      try {
        const runs = await Promise.all(
          dirs.flatMap((dir) => {
            const env = { DATABASE_PATH: path.join(dir, 'didehban.sqlite'), DATA_DIR: dir };
            return [startWorker(env), startWorker(env)];
          }),
        );
        const problems: string[] = [];
        runs.forEach((r, i) => {
          if (r.code === 0) return;
          const error = /^\w*Error: .*$/m.exec(r.stderr)?.[0] ?? r.stderr.slice(0, 500);
          const frames = r.stderr.split('\n').filter((line) => /^\s+at .*\/(db|app|scripts)\//.test(line) && !line.includes('node_modules'));
          problems.push(`pair ${Math.floor(i / 2) + 1}, worker ${(i % 2) + 1} exited ${r.code}: ${error}${frames.map((f) => `\n  ${f.trim()}`).join('')}`);
        });
        for (const dir of dirs) {
          const fresh = openDatabase(path.join(dir, 'didehban.sqlite'));
          try {
            const count = fresh.select({ n: sql<number>`count(*)` }).from(holidays).get()!.n;
            // The fixed solar holidays and the seeded lunar ones (each date once), written once however many start.
            const expected = FIXED_SOLAR_HOLIDAYS.length + new Set(LUNAR_HOLIDAYS.flatMap((year) => holidayRows(year).map((row) => row.date))).size;
            if (count !== expected) problems.push(`${path.basename(dir)}: ${count} holidays, expected ${expected}`);
            const national = fresh.select({ n: sql<number>`count(*)` }).from(staffUsers).where(inArray(staffUsers.username, ['national'])).get()!.n;
            if (national !== 1) problems.push(`${path.basename(dir)}: ${national} national accounts`);
          } finally {
            fresh.$client.close();
          }
        }
        expect(problems).toEqual([]);
      } finally {
        for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      }
    },
    PROCESS_TIMEOUT,
  );
});
