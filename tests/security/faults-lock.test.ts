/**
 * Finding "faults stall everything and nobody is told" (outside review, Medium), the locked half: while another
 * process holds SQLite's write lock (`npm run worker`, `npm run backup`, a CLI, any BEGIN IMMEDIATE), the real
 * production server must keep serving reads promptly and refuse writes with a clear 503 + Retry-After — the public
 * form with the citizen's text kept, Open311 in its error format, the SMS webhook (so the gateway retries), staff
 * actions — and /healthz must say so. Before the fix each write waited 5 s on the event loop (a static file took
 * 15 s), Open311 and SMS answered 500, and /healthz said ok.
 *
 * Needs a current build (build/, public/build/): `npx remix build`.
 */
import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../app/seed/index';
import { TMP_DIR } from '../support/paths';
import { feedbackFields, holdWriteLock, postFeedback, SMS_TOKEN, startFaultServer, stopProcess, timed } from '../support/fault-server';
import type { ServerProcess } from '../support/server-process';

const dataDir = mkdtempSync(path.join(TMP_DIR, 'faults-lock-'));
const databasePath = path.join(dataDir, 'didehban.sqlite');
let server: ServerProcess;
let lock: ChildProcess | undefined;
let staffCookie = '';
let csrf = '';
const bulkItemIds: number[] = [];
let officerCookie = '';
let officerCsrf = '';

/**
 * Under the fault, a read must not queue behind writes waiting for the lock: before the fix each write held the
 * event loop for 5 s (a static file took 15 s in the review, over a minute here). After it, about 1.3 s on this
 * shared 2-core machine behind 5 refused posts (each waits 100 ms, then renders the form again); 4 s leaves room for
 * a loaded machine and still fails on a single 5 s wait.
 */
const PROMPT_MS = 4_000;
const BUSY_FA = 'سامانه در این لحظه پرکار است';

function countItemsWith(marker: string): number {
  const db = new Database(databasePath, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM items WHERE body LIKE ?').get(`%${marker}%`) as { n: number }).n;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  server = await startFaultServer(dataDir);
  // Staff sign in before the fault (signing in records the attempt).
  const login = await fetch(`${server.base}/staff/login`, {
    method: 'POST',
    body: new URLSearchParams({ username: 'manager.ir-09', password: 'demo-password' }),
    redirect: 'manual',
  });
  expect(login.status).toBe(302);
  staffCookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const page = await (await fetch(`${server.base}/staff/canned`, { headers: { cookie: staffCookie } })).text();
  csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
  expect(csrf).not.toBe('');
  // A second staff session, to sign out while the lock is held.
  const officerLogin = await fetch(`${server.base}/staff/login`, {
    method: 'POST',
    body: new URLSearchParams({ username: 'officer.ir-09', password: 'demo-password' }),
    redirect: 'manual',
  });
  expect(officerLogin.status).toBe(302);
  officerCookie = officerLogin.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  officerCsrf = /name="csrf" value="([^"]+)"/.exec(await (await fetch(`${server.base}/staff/inbox`, { headers: { cookie: officerCookie } })).text())?.[1] ?? '';
  expect(officerCsrf).not.toBe('');
  // An item in ir-09 for the staff action (the template's few items are closed).
  const filed = await postFeedback(server.base, new URLSearchParams({ ...feedbackFields('lock-item-0001'), provinceId: 'ir-09' }));
  expect(filed.status).toBe(302);
  // 100 copies of it for a bulk action (written directly: the form's per-address limit would refuse so many).
  const db = new Database(databasePath);
  const row = db.prepare("SELECT * FROM items WHERE body LIKE '%lock-item-0001%'").get() as Record<string, unknown>;
  const columns = Object.keys(row).filter((c) => c !== 'id');
  const insert = db.prepare(`INSERT INTO items (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  for (let n = 0; n < 100; n += 1) {
    const copy: Record<string, unknown> = { ...row, tracking_code: `9${String(n).padStart(11, '0')}`, public_ref: `rbulk${String(n).padStart(12, '0')}`, body: `${row.body} lock-bulk-${n}`, version: 1 };
    delete copy.id;
    bulkItemIds.push(Number(insert.run(copy).lastInsertRowid));
  }
  db.close();
}, 60_000);

afterAll(async () => {
  await stopProcess(lock);
  await stopProcess(server?.child);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('while another process holds the write lock', () => {
  const typed = feedbackFields('lock-marker-0001');

  beforeAll(async () => {
    // The staff session was last seen two minutes ago, so the next page view would touch it (a write).
    const db = new Database(databasePath);
    db.prepare('UPDATE staff_sessions SET last_seen_at = last_seen_at - 120000').run();
    db.close();
    lock = await holdWriteLock(databasePath);
  });

  it('serves a staff page (a read) although the session’s last-seen time cannot be written', async () => {
    const page = await timed(() => fetch(`${server.base}/staff/inbox`, { headers: { cookie: staffCookie }, redirect: 'manual' }));
    expect(page.res.status).toBe(200);
    expect(page.ms).toBeLessThan(PROMPT_MS);
  });

  it('serves a static file and a public page promptly even with writes waiting', async () => {
    // Writes arrive first, as they would from citizens; the reads come in behind them.
    const writes = Array.from({ length: 5 }, (_, n) => timed(() => postFeedback(server.base, new URLSearchParams(feedbackFields(`lock-burst-${n}`)))));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [file, page] = await Promise.all([timed(() => fetch(`${server.base}/favicon.svg`)), timed(() => fetch(`${server.base}/services`))]);
    expect(file.res.status).toBe(200);
    expect(file.ms).toBeLessThan(PROMPT_MS);
    expect(page.res.status).toBe(200);
    expect(page.ms).toBeLessThan(PROMPT_MS);
    const answered = await Promise.all(writes);
    for (const write of answered) expect(write.res.status).toBe(503);
    console.info(
      `[write lock held] static file ${file.ms.toFixed(0)} ms, /services ${page.ms.toFixed(0)} ms, ` +
        `5 posts answered 503 within ${Math.max(...answered.map((w) => w.ms)).toFixed(0)} ms`,
    );
  }, 60_000);

  it('answers a tracking look-up (a read) as usual', async () => {
    const db = new Database(databasePath, { readonly: true });
    const { tracking_code: code } = db.prepare('SELECT tracking_code FROM items WHERE anonymous = 1 LIMIT 1').get() as { tracking_code: string };
    db.close();
    const lookUp = await timed(() =>
      fetch(`${server.base}/track`, { method: 'POST', body: new URLSearchParams({ code, mobile: '' }), redirect: 'manual' }),
    );
    expect(lookUp.res.status).toBe(302);
    const cookie = lookUp.res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const page = await timed(() => fetch(`${server.base}/track/${code}`, { headers: { cookie } }));
    expect(page.res.status).toBe(200);
    expect(page.ms).toBeLessThan(PROMPT_MS);
  });

  it('refuses the public form with 503, Retry-After and a Persian "busy" message, keeping what the citizen typed', async () => {
    const { res, text, ms } = await timed(() => postFeedback(server.base, new URLSearchParams(typed)));
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(ms).toBeLessThan(PROMPT_MS);
    expect(text).toContain(BUSY_FA);
    expect(text).toContain(typed.body);
    expect(text).toContain(typed.subject);
    expect(countItemsWith('lock-marker-0001')).toBe(0);
  });

  it('says it in English on the English form', async () => {
    const english = { ...feedbackFields('lock-marker-en'), body: 'The home visit has not happened for three weeks and nobody answers. lock-marker-en' };
    const res = await fetch(`${server.base}/feedback/new?lng=en`, { method: 'POST', body: new URLSearchParams(english), redirect: 'manual' });
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(text).toContain('The service is busy right now and your form was not recorded.');
    expect(text).toContain(english.body);
  });

  it('refuses an Open311 POST with 503 in the spec\'s error format, with Retry-After', async () => {
    const { res, text } = await timed(() =>
      fetch(`${server.base}/api/open311/v2/requests.json`, {
        method: 'POST',
        body: new URLSearchParams({ api_key: DEMO_API_KEY, service_code: 'social-work', 'attribute[kind]': 'complaint', jurisdiction_id: 'ir-09', description: 'گزارش آزمایشی قفل پایگاه داده: نوبت بازدید انجام نشد. lock-open311' }),
      }),
    );
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = JSON.parse(text) as { code: number; description: string }[];
    expect(body).toEqual([{ code: 503, description: expect.stringContaining('پرکار') }]);
    expect(countItemsWith('lock-open311')).toBe(0);
  });

  it('refuses an inbound SMS with 503 and Retry-After, so the gateway sends it again', async () => {
    const res = await fetch(`${server.base}/api/sms/inbound`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SMS_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'lock-sms-1', from: '09121112233', text: 'نوبت بازدید منزل سه هفته است انجام نشده؛ لطفاً پیگیری کنید. lock-sms' }),
    });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({ error: 'service_busy' });
    expect(countItemsWith('lock-sms')).toBe(0);
  });

  it('refuses a staff action with the 503 "busy" page, not a generic error', async () => {
    const { res, text } = await timed(() =>
      fetch(`${server.base}/staff/canned`, {
        method: 'POST',
        headers: { cookie: staffCookie },
        body: new URLSearchParams({ csrf, intent: 'create', title: 'پاسخ آماده آزمایشی', body: 'متن پاسخ آماده' }),
        redirect: 'manual',
      }),
    );
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(text).toContain('سامانه موقتاً پرکار است');
    expect(text).toContain('data-error-kind="busy"');
  });

  it('refuses a note on an item with 503 and the officer\'s text kept on the item page', async () => {
    const db = new Database(databasePath, { readonly: true });
    const item = db.prepare("SELECT id, version FROM items WHERE body LIKE '%lock-item-0001%'").get() as { id: number; version: number };
    db.close();
    const note = 'یادداشت آزمایشی هنگام قفل بودن پایگاه داده lock-note';
    const { res, text } = await timed(() =>
      fetch(`${server.base}/staff/items/${item.id}`, {
        method: 'POST',
        headers: { cookie: staffCookie },
        body: new URLSearchParams({ csrf, intent: 'note', version: String(item.version), internalNote: note }),
        redirect: 'manual',
      }),
    );
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(text).toContain(BUSY_FA);
    expect(text).toContain(note);
  });

  it('answers a bulk action on 100 items promptly, each said busy, and a page behind it too (outside review, round 8)', async () => {
    // Before the fix each of the 100 items waited for the lock on the event loop: about 11 s for everyone.
    const page = await (await fetch(`${server.base}/staff/inbox`, { headers: { cookie: staffCookie } })).text();
    expect(page).toContain('name="item"');
    const body = new URLSearchParams({ csrf, bulkAction: 'spam', confirm: '1' });
    for (const id of bulkItemIds) body.append('item', `${id}.1`);
    const post = timed(() => fetch(`${server.base}/staff/inbox/bulk`, { method: 'POST', headers: { cookie: staffCookie }, body, redirect: 'manual' }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const behind = await timed(() => fetch(`${server.base}/services`));
    const { res, text, ms } = await post;
    expect(res.status).toBeLessThan(500);
    expect(ms).toBeLessThan(PROMPT_MS);
    expect(behind.res.status).toBe(200);
    expect(behind.ms).toBeLessThan(PROMPT_MS);
    expect(text.split('سامانه در این لحظه پرکار است').length - 1).toBeGreaterThanOrEqual(1);
    expect(countItemsWith('lock-bulk-')).toBe(bulkItemIds.length);
    const db = new Database(databasePath, { readonly: true });
    expect((db.prepare("SELECT count(*) AS n FROM items WHERE body LIKE '%lock-bulk-%' AND state = 'rejected'").get() as { n: number }).n).toBe(0);
    db.close();
  }, 60_000);

  it('signs a user out all the same: the cookie is cleared and the session opens nothing more (outside review, round 8)', async () => {
    // Before the fix: 503 {"fault":"busy"}, no cookie cleared, and the old cookie still opened the inbox afterwards.
    const out = await fetch(`${server.base}/staff/logout`, { method: 'POST', headers: { cookie: officerCookie }, body: new URLSearchParams({ csrf: officerCsrf }), redirect: 'manual' });
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe('/staff/login');
    expect(out.headers.getSetCookie().join('\n')).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    const again = await fetch(`${server.base}/staff/inbox`, { headers: { cookie: officerCookie }, redirect: 'manual' });
    expect(again.status).toBe(302);
    expect(again.headers.get('location')).toContain('/staff/login');
  });

  it('reports the held lock on /healthz, quickly', async () => {
    const { res, text, ms } = await timed(() => fetch(`${server.base}/healthz`));
    expect(res.status).toBe(503);
    expect(JSON.parse(text)).toMatchObject({ status: 'degraded', database: 'ok', writeLock: 'held' });
    expect(ms).toBeLessThan(1_000);
  });

  describe('once the lock is released', () => {
    beforeAll(async () => {
      await stopProcess(lock);
      lock = undefined;
    });

    it('accepts the same submission, and /healthz is ok again', async () => {
      const res = await postFeedback(server.base, new URLSearchParams(typed));
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toMatch(/^\/feedback\/sent\/\d{12}$/);
      expect(countItemsWith('lock-marker-0001')).toBe(1);
      const health = await fetch(`${server.base}/healthz`);
      expect(await health.json()).toMatchObject({ status: 'ok', writeLock: 'free' });
      expect(health.status).toBe(200);
    });
  });
});
