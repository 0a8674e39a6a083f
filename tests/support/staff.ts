/** Signing staff in through the real login action (and the code step, for a second factor), and reading the CSRF token. */
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { staffUsers } from '../../db/schema';
import { DEMO_TOTP_SECRET } from '../../app/seed/index';
import { db } from '../../app/platform/db.server';
import { currentTotp } from '../../app/models/two-factor.server';
import * as staffLayout from '../../app/routes/staff';
import * as staffLogin from '../../app/routes/staff.login';
import * as staffVerify from '../../app/routes/staff.verify';
import { CookieJar, getRequest, postForm, routeArgs, run } from './http';

/** The password every seeded demo account has. */
export const DEMO_PASSWORD = 'demo-password';
export { DEMO_TOTP_SECRET };

/**
 * A cookie jar holding the session of `username`, signed in through the login form (which must redirect). Accounts
 * with a second factor (the demo's admin and national) then type the current code of `totpSecret`.
 */
export async function signInAs(username: string, password = DEMO_PASSWORD, totpSecret = DEMO_TOTP_SECRET): Promise<CookieJar> {
  const jar = new CookieJar();
  const response = jar.take(await run(() => staffLogin.action(routeArgs(postForm('/staff/login', { username, password })))));
  expect(response.status, `signing in as ${username}`).toBe(302);
  if (response.headers.get('Location') === '/staff/verify') {
    // A code is accepted once per 30-second step (replay protection); tests sign the same user in many times a
    // minute, so the helper forgets the last accepted step first. The replay rule itself is tested on its own.
    db().update(staffUsers).set({ totpLastStep: null }).where(eq(staffUsers.username, username.trim().toLowerCase())).run();
    const code = await currentTotp(totpSecret);
    const verified = jar.take(await run(() => staffVerify.action(routeArgs(postForm('/staff/verify', { code }, jar)))));
    expect(verified.status, `the second step as ${username}`).toBe(302);
  }
  return jar;
}

/** The CSRF token of the session in `jar`, as staff pages get it: from the staff layout route's loader (app/routes/staff.tsx). */
export async function csrfOf(jar: CookieJar): Promise<string> {
  const response = await run(() => staffLayout.loader(routeArgs(getRequest('/staff', jar))));
  const { csrfToken } = (await response.json()) as { csrfToken: string | null };
  if (!csrfToken) throw new Error('not signed in');
  return csrfToken;
}
