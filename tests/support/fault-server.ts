/**
 * A real server process on its own data folder, and the faults to put it through (tests/security/faults-*.test.ts):
 * another process holding SQLite's write lock, and helpers to post the public form and read the answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { createChallenge } from '../../app/domain/challenge';
import { TEMPLATE_DB } from './paths';
import { clientAddress, freePort, startServerProcess, type ServerProcess } from './server-process';

export const FAULT_SECRET = 'faults-test-session-secret-' + 'x'.repeat(32);
export const SMS_TOKEN = 'faults-test-sms-token';


/** The production server on `dataDir`, started from a copy of the seeded template database. */
export async function startFaultServer(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const databasePath = path.join(dataDir, 'didehban.sqlite');
  copyFileSync(TEMPLATE_DB, databasePath);
  return startServerProcess('server.ts', await freePort(), {
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    DATABASE_PATH: databasePath,
    PUBLIC_URL: '',
    SESSION_SECRET: FAULT_SECRET,
    DEMO_DATA: 'on',
    NOTIFY_TRANSPORT: 'file',
    SMS_INBOUND_TOKEN: SMS_TOKEN,
    ...env,
  });
}

export async function stopProcess(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/**
 * Another process (as `npm run worker`, `npm run backup` or a CLI might) holding the database's write lock: a
 * connection in BEGIN IMMEDIATE until it is stopped (the lock goes with the process).
 */
export async function holdWriteLock(databasePath: string): Promise<ChildProcess> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(databasePath)});
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    setInterval(() => {}, 60_000);
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code})`)));
  });
  return child;
}

/** The public form's fields, valid, with a fresh challenge and `marker` in the text. */
export function feedbackFields(marker: string): Record<string, string> {
  const challenge = createChallenge(FAULT_SECRET);
  return {
    kind: 'complaint',
    provinceId: 'national',
    subject: `موضوع ${marker}`,
    mobile: '09121234567',
    body: `نوبت بازدید منزل سه هفته است انجام نشده و کسی پاسخ نمی‌دهد؛ لطفاً پیگیری کنید. ${marker}`,
    consent: 'on',
    website: '',
    challenge: challenge.token,
    challengeAnswer: String(challenge.a + challenge.b),
  };
}

let nextAddress = 1;

/** POST /feedback/new as a browser without JavaScript would, from its own client address (the per-address limit). */
export function postFeedback(base: string, body: URLSearchParams | FormData): Promise<Response> {
  return fetch(`${base}/feedback/new`, {
    method: 'POST',
    body,
    headers: { 'x-forwarded-for': clientAddress(nextAddress++), 'accept-language': 'fa' },
    redirect: 'manual',
  });
}

/** A request's answer and how long it took (ms). */
export async function timed(request: () => Promise<Response>): Promise<{ res: Response; text: string; ms: number }> {
  const started = performance.now();
  const res = await request();
  const text = await res.text();
  return { res, text, ms: performance.now() - started };
}
