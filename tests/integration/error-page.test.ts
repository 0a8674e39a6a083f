import { createRequestHandler, type ServerBuild } from '@remix-run/node';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeConnection } from '../../db/client';
import { resetConfigForTests } from '../../app/platform/config.server';
import { TMP_DIR } from '../support/paths';

/**
 * The production build, rendering for real: when a loader fails (here the database cannot be opened), the citizen
 * gets the Persian error page with status 500 and nothing of the error itself.
 */
describe('a failing loader', () => {
  let handler: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    process.env.DATA_DIR = TMP_DIR;
    process.env.DATABASE_PATH = '/dev/null/unreachable/didehban.sqlite';
    process.env.SESSION_SECRET = 'test-session-secret';
    resetConfigForTests();
    closeConnection();
    const build = (await import(pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild;
    handler = createRequestHandler(build, 'production');
  });

  afterAll(() => {
    closeConnection();
    resetConfigForTests();
  });

  it('gets the error page with no stack trace and no error text', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await handler(new Request('http://localhost/centers?province=ir-09'));
    const html = await response.text();
    expect(response.status).toBe(500);
    expect(html).toContain('<html lang="fa" dir="rtl">');
    expect(html).toContain('خطایی پیش آمد');
    expect(html).not.toMatch(/ENOTDIR|unreachable|\bat .*\.js:\d+/);
    expect(logged).toHaveBeenCalled(); // the operator still gets the error in the server log
    logged.mockClear();
  });

  it('answers an unknown URL with the Persian not-found page', async () => {
    const response = await handler(new Request('http://localhost/no/such/page'));
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('صفحه پیدا نشد');
  });
});
