/** Signing staff in through the real login action, and reading the CSRF token of their session. */
import { expect } from 'vitest';
import { getStaff } from '../../app/auth.server';
import * as staffLogin from '../../app/routes/staff.login';
import { CookieJar, getRequest, postForm, routeArgs, run } from './http';

/** The password every seeded demo account has. */
export const DEMO_PASSWORD = 'demo-password';

/** A cookie jar holding the session of `username`, signed in through the login form (which must redirect). */
export async function signInAs(username: string, password = DEMO_PASSWORD): Promise<CookieJar> {
  const jar = new CookieJar();
  const response = jar.take(await run(() => staffLogin.action(routeArgs(postForm('/staff/login', { username, password })))));
  expect(response.status, `signing in as ${username}`).toBe(302);
  return jar;
}

/** The CSRF token of the session in `jar`. */
export async function csrfOf(jar: CookieJar): Promise<string> {
  const staff = await getStaff(getRequest('/staff', jar));
  if (!staff) throw new Error('not signed in');
  return staff.csrfToken;
}
