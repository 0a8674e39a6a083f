/**
 * A browser form past the body limits gets a page, not a cut connection or a generic error: the production build,
 * rendering for real, answers 413 with the Persian "too large" page (English on an English page) and logs nothing as
 * an error, since the client, not the server, is at fault.
 */
import { createRequestHandler, type ServerBuild } from '@remix-run/node';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/test-db';

useTestDatabase();

describe('a staff sign-in form with 100,000 fields', () => {
  let handler: (request: Request) => Promise<Response>;
  beforeAll(async () => {
    const build = (await import(pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild;
    handler = createRequestHandler(build, 'production');
  });

  const post = (query = '') =>
    handler(
      new Request(`http://localhost/staff/login${query}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: Array.from({ length: 100_000 }, (_, i) => `f${i}=`).join('&'),
      }),
    );

  it('is answered 413 with the Persian page', async () => {
    const response = await post();
    expect(response.status).toBe(413);
    const html = await response.text();
    expect(html).toContain('<html lang="fa" dir="rtl">');
    expect(html).toContain('فرم بیش از اندازه بزرگ است');
  });

  it('in English for an English reader', async () => {
    const response = await post('?lng=en');
    expect(response.status).toBe(413);
    const html = await response.text();
    expect(html).toContain('<html lang="en" dir="ltr">');
    expect(html).toContain('The form is too large');
  });
});
