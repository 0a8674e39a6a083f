/**
 * The same finding, in-process and without root: the database refusing to grow (SQLite's `max_page_count`, which
 * fails a write with SQLITE_FULL as a full disk does) after the attachments were written, and a lock error from any
 * route (withFaultAnswers). Real loaders and actions on a real SQLite file; each answer is 503 + Retry-After, the
 * form keeps the citizen's text, the files already written are removed, and /healthz reports the failing storage.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { ServerBuild } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { DEMO_API_KEY } from '../../app/seed/index';
import { faultKind } from '~/domain/faults';
import { getConfig, resetConfigForTests } from '~/platform/config.server';
import { recordHeartbeat } from '~/models/heartbeat.server';
import * as feedbackNew from '~/routes/feedback.new';
import * as healthz from '~/routes/healthz';
import * as open311 from '~/routes/api.open311.v2.$resource';
import { resetFaultsForTests, withFaultAnswers } from '~/services/faults.server';
import { BASE, routeArgs, run, solvedChallenge } from '../support/http';
import { noisePng } from '../support/images';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();
const BODY = 'نوبت بازدید منزل سه هفته است انجام نشده و کسی پاسخ نمی‌دهد؛ لطفاً پیگیری کنید. '.repeat(40);

function attachmentFiles(): string[] {
  try {
    return readdirSync(path.join(getConfig().dataDir, 'attachments'));
  } catch {
    return [];
  }
}

async function feedbackRequest(marker: string): Promise<Request> {
  const form = new FormData();
  const fields = { kind: 'complaint', provinceId: 'national', subject: marker, body: `${BODY} ${marker}`, mobile: '09121234567', consent: 'on', website: '', ...solvedChallenge() };
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  // A real image: photos are re-encoded before they are stored, so a bare signature would be refused (400).
  form.append('attachments', new Blob([new Uint8Array(await noisePng(50_000))], { type: 'image/png' }), 'photo.png');
  return new Request(`${BASE}/feedback/new`, { method: 'POST', body: form });
}

const itemCount = () => (db().$client.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;

describe('when the database cannot grow (SQLITE_FULL)', () => {
  let pageCount = 0;
  beforeAll(() => {
    resetFaultsForTests();
    recordHeartbeat(db());
    // Free pages would still be handed out; start from none, then allow no page more.
    db().$client.exec('VACUUM');
    pageCount = db().$client.pragma('page_count', { simple: true }) as number;
    db().$client.pragma(`max_page_count = ${pageCount + 64}`);
    // Then fill the pages left, down to small rows, so that any write needing a page more fails.
    db().$client.exec('CREATE TABLE filler (b BLOB)');
    for (const size of [4000, 500, 50]) {
      try {
        for (;;) db().$client.prepare('INSERT INTO filler VALUES (randomblob(?))').run(size);
      } catch (error) {
        expect(faultKind(error)).toBe('full');
      }
    }
  });
  afterAll(() => {
    db().$client.pragma('max_page_count = 4294967294');
    db().$client.exec('DROP TABLE filler');
  });

  it('answers the public form with 503 + Retry-After and the busy message, keeps the text, removes the files written', async () => {
    const before = itemCount();
    const request = await feedbackRequest('simulated-full-1');
    const response = await run(() => feedbackNew.action(routeArgs(request)));
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0);
    const data = await response.json();
    expect(data.errors).toEqual({ form: 'errors.service_busy' });
    expect(data.values.body).toContain('simulated-full-1');
    expect(data.values.subject).toBe('simulated-full-1');
    expect(attachmentFiles()).toEqual([]);
    expect(itemCount()).toBe(before);
  });

  it('answers Open311 with 503 in the spec format' /* the SMS webhook: faults-lock.test.ts */, async () => {
    const open = await run(() =>
      open311.action(
        routeArgs(
          new Request(`${BASE}/api/open311/v2/requests.json`, {
            method: 'POST',
            body: new URLSearchParams({ api_key: DEMO_API_KEY, service_code: 'social-work', 'attribute[kind]': 'complaint', jurisdiction_id: 'ir-09', description: BODY }),
          }),
          { resource: 'requests.json' },
        ),
      ),
    );
    expect(open.status).toBe(503);
    expect(open.headers.get('Retry-After')).not.toBeNull();
    expect(await open.json()).toEqual([{ code: 503, description: expect.stringContaining('پرکار') }]);

  });

  it('reports the failing storage on /healthz', async () => {
    const response = await run(() => healthz.loader());
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'degraded', storage: 'failing', lastFaults: { full: expect.any(String) } });
  });
});

describe('a lock or disk error thrown by any loader or action (withFaultAnswers)', () => {
  const failing = (code: string) => () => {
    throw new DrizzleQueryError('insert into x', [], Object.assign(new Error('database is locked'), { code }));
  };
  const build = withFaultAnswers({
    routes: { 'routes/x': { id: 'routes/x', path: 'x', module: { action: failing('SQLITE_BUSY'), loader: failing('SQLITE_IOERR_WRITE') } } },
  } as unknown as ServerBuild);
  const module = build.routes['routes/x']!.module;

  it('becomes a thrown 503 with Retry-After that the error boundary shows as "busy"', async () => {
    for (const handler of [module.action!, module.loader!]) {
      const thrown = await run(() => handler(routeArgs(new Request(`${BASE}/x`)) as never));
      expect(thrown.status).toBe(503);
      expect(Number(thrown.headers.get('Retry-After'))).toBeGreaterThan(0);
    }
  });

  it('leaves other errors alone', async () => {
    const other = withFaultAnswers({ routes: { r: { id: 'r', module: { action: () => { throw new Error('bug'); } } } } } as unknown as ServerBuild);
    await expect(Promise.resolve().then(() => other.routes.r!.module.action!({} as never))).rejects.toThrow('bug');
    expect(faultKind(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBeNull();
    expect(faultKind(Object.assign(new Error('x'), { code: 'ENOSPC' }))).toBe('full');
  });
});

describe('/healthz when the data folder cannot be read', () => {
  it('still answers, with the disk unknown rather than a 500', async () => {
    const dataDir = process.env.DATA_DIR;
    process.env.DATA_DIR = path.join(getConfig().dataDir, 'not-created-yet');
    resetConfigForTests();
    resetFaultsForTests();
    try {
      recordHeartbeat(db());
      const response = await run(() => healthz.loader());
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok', disk: { status: 'ok' } });
    } finally {
      process.env.DATA_DIR = dataDir;
      resetConfigForTests();
    }
  });
});
