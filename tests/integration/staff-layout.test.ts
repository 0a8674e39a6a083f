import { createRequestHandler, type ServerBuild } from '@remix-run/node';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { getRequest } from '../support/http';
import { fileFeedback } from '../support/items';
import { csrfOf, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

/**
 * The staff layout route (app/routes/staff.tsx), rendering for real through the production build: the bar once on
 * every signed-in staff page and none signed out, every form's token from the one session read, no token in a
 * page's own data, and the error pages as before (no bar).
 */
const { db } = useTestDatabase();
let handler: (request: Request) => Promise<Response>;

beforeAll(async () => {
  const build = (await import(pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild;
  handler = createRequestHandler(build, 'production');
});

const count = (html: string, needle: string) => html.split(needle).length - 1;
const tokensIn = (html: string) => [...html.matchAll(/name="csrf" value="([^"]*)"/g)].map((m) => m[1]);

describe('the staff layout', () => {
  it('shows no bar on the sign-in page', async () => {
    const response = await handler(getRequest('/staff/login'));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(count(html, 'class="staff-bar"')).toBe(0);
    expect(tokensIn(html)).toEqual([]);
  });

  it('shows the bar once on a staff page, and every form there carries the session’s token', async () => {
    const jar = await signInAs('officer.ir-09');
    const item = fileFeedback(db(), { kind: 'suggestion', provinceId: 'ir-09', body: 'لطفاً ساعت کار مرکز را تا عصر تمدید کنید.', mobile: '09121234567', consent: 'on' });
    const token = await csrfOf(jar);
    for (const page of ['/staff/inbox', `/staff/items/${item.id}`, '/staff/password']) {
      const response = await handler(getRequest(page, jar));
      expect(response.status, page).toBe(200);
      const html = await response.text();
      expect(count(html, 'class="staff-bar"'), page).toBe(1);
      const tokens = tokensIn(html);
      expect(tokens.length, page).toBeGreaterThan(0); // at least the sign-out form
      expect(new Set(tokens), page).toEqual(new Set([token]));
    }
  });

  it('keeps the token out of a page’s own data: only the layout’s data carries it', async () => {
    const jar = await signInAs('officer.ir-09');
    const page = await handler(getRequest('/staff/inbox?_data=routes%2Fstaff.inbox', jar));
    expect(page.status).toBe(200);
    expect(await page.json()).not.toHaveProperty('csrfToken');
    const layout = await handler(getRequest('/staff/inbox?_data=routes%2Fstaff', jar));
    expect(await layout.json()).toMatchObject({ csrfToken: await csrfOf(jar), user: { role: 'province_officer' } });
    const signedOut = await handler(getRequest('/staff/login?_data=routes%2Fstaff'));
    expect(await signedOut.json()).toEqual({ user: null, csrfToken: null });
  });

  it('answers another province’s item with the plain not-found page, without the bar', async () => {
    const jar = await signInAs('officer.ir-09');
    const foreign = fileFeedback(db(), { kind: 'suggestion', provinceId: 'ir-23', body: 'لطفاً ساعت کار مرکز را تا عصر تمدید کنید.', anonymous: 'on', consent: 'on' });
    const response = await handler(getRequest(`/staff/items/${foreign.id}`, jar));
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('صفحه پیدا نشد');
    expect(count(html, 'class="staff-bar"')).toBe(0);
  });
});

describe('the state waiting on the citizen (outside review, round 8)', () => {
  it('reads "Waiting for the citizen" on English staff screens, never the citizen’s "Waiting for your reply"', async () => {
    const jar = await signInAs('officer.ir-09');
    const response = await handler(getRequest('/staff/inbox?lng=en&view=all', jar));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Waiting for the citizen');
    expect(html).not.toContain('Waiting for your reply');
  });
});

describe('the national supervisor’s inbox heading (outside review, round 8)', () => {
  it('follows the province filter: every province, one province, or the national office', async () => {
    const jar = await signInAs('national');
    const heading = async (query: string) => /<p class="muted">([^<]*)<\/p>/.exec(await (await handler(getRequest(`/staff/inbox?lng=en${query}`, jar))).text())![1];
    expect(await heading('')).toBe('Feedback from every province and the national office');
    expect(await heading('&province=ir-09')).toBe('Feedback for Khorasan Razavi Province');
    expect(await heading('&province=national')).toBe('Feedback for Behzisti national office');
  });
});
