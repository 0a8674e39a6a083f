/**
 * Staff authentication for routes: the session cookie, the `requireStaff` guard every staff loader and action
 * starts with, and CSRF tokens for staff forms.
 */
import { createCookie, redirect } from '@remix-run/node';
import { createHmac } from 'node:crypto';
import { getConfig } from './config.server';
import { db } from './db.server';
import { hasPermission, type Permission } from './domain/permissions';
import { sameSecret } from './domain/secrets';
import { createSession, revokeSession, userForSession, type StaffUser } from './models/staff.server';

let staffCookie: ReturnType<typeof createCookie> | undefined;

/** Secure whenever the portal is served over https, so a demo on http://localhost still signs in. */
export function cookieIsSecure(): boolean {
  return getConfig().publicUrl.startsWith('https://');
}

function sessionCookie() {
  staffCookie ??= createCookie('__staff', {
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieIsSecure(),
    path: '/',
    secrets: [getConfig().sessionSecret],
  });
  return staffCookie;
}

export function resetAuthForTests() {
  staffCookie = undefined;
}

/** The raw session token of the request (never sent to the browser in data; used to keep the current session). */
export async function sessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get('Cookie'));
  return typeof value === 'string' ? value : null;
}

export interface StaffContext {
  user: StaffUser;
  csrfToken: string;
}

export async function getStaff(request: Request): Promise<StaffContext | null> {
  const token = await sessionToken(request);
  if (!token) return null;
  const user = userForSession(db(), token);
  return user ? { user, csrfToken: csrfFor(token) } : null;
}

/**
 * The guard at the top of every staff loader and action: redirects to the login page without a session, and
 * answers 404 (not 403) when the role lacks the permission, so staff learn nothing about what exists.
 */
export async function requireStaff(request: Request, permission?: Permission): Promise<StaffContext> {
  const staff = await getStaff(request);
  if (!staff) {
    const url = new URL(request.url);
    throw redirect(`/staff/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (permission && !hasPermission(staff.user.role, permission)) {
    throw new Response('Not Found', { status: 404 });
  }
  // After an admin reset the password, the temporary one opens only the password page (and signing out).
  if (staff.user.mustChangePassword && !PASSWORD_CHANGE_EXEMPT.has(new URL(request.url).pathname.replace(/\/+$/, ''))) {
    throw redirect(PASSWORD_PAGE);
  }
  return staff;
}

export const PASSWORD_PAGE = '/staff/password';
const PASSWORD_CHANGE_EXEMPT = new Set([PASSWORD_PAGE, '/staff/logout']);

/** Checks the CSRF token a staff form posted; a mismatch is refused before any change is made. */
export function assertCsrf(staff: StaffContext, formData: FormData) {
  if (!sameSecret(formData.get('csrf'), staff.csrfToken)) {
    throw new Response('Invalid form token. Reload the page and try again.', { status: 403 });
  }
}

function csrfFor(token: string): string {
  return createHmac('sha256', getConfig().sessionSecret).update(`csrf:${token}`).digest('base64url');
}

export async function startSession(userId: number, redirectTo: string) {
  const token = createSession(db(), userId);
  return redirect(redirectTo, { headers: { 'Set-Cookie': await sessionCookie().serialize(token) } });
}

export async function endSession(request: Request) {
  const token = await sessionToken(request);
  if (token) revokeSession(db(), token);
  return redirect('/staff/login', { headers: { 'Set-Cookie': await sessionCookie().serialize('', { maxAge: 0 }) } });
}

/** Only same-site paths, so a crafted link cannot send a signed-in user elsewhere. */
export function safeRedirect(to: FormDataEntryValue | string | null, fallback: string): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback;
  return to;
}
