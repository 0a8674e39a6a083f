/**
 * Staff authentication for routes: the session cookie, the `requireStaff` guard every staff loader and action
 * starts with, and CSRF tokens for staff forms.
 */
import { createCookie, redirect } from '@remix-run/node';
import { createHmac } from 'node:crypto';
import { getConfig } from '../platform/config.server';
import { db } from '../platform/db.server';
import { hasPermission, type Permission } from '../domain/permissions';
import { sameSecret } from '../domain/secrets';
import { secondFactorRequired } from '../domain/two-factor';
import { createSession, revokeSession, userForSession, type SignInFactor, type StaffUser } from '../models/staff.server';
import { asFault } from '../services/faults.server';

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

/**
 * Between the password and the code: a signed cookie naming the user, where to go next and until when (5 minutes).
 * It opens nothing but the code page; the session starts only when the code is right.
 */
let secondStepCookie: ReturnType<typeof createCookie> | undefined;
const SECOND_STEP_MS = 5 * 60_000;
export const SECOND_STEP_PAGE = '/staff/verify';

function pendingCookie() {
  secondStepCookie ??= createCookie('__staff_2fa', {
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieIsSecure(),
    path: '/staff',
    maxAge: SECOND_STEP_MS / 1000,
    secrets: [getConfig().sessionSecret],
  });
  return secondStepCookie;
}

export async function startSecondStep(userId: number, redirectTo: string) {
  const value = { u: userId, r: redirectTo, e: Date.now() + SECOND_STEP_MS };
  return redirect(SECOND_STEP_PAGE, { headers: { 'Set-Cookie': await pendingCookie().serialize(value) } });
}

/** The user who passed the password step in this browser and has yet to type the code, or null. */
export async function pendingSecondStep(request: Request): Promise<{ userId: number; redirectTo: string } | null> {
  const value: unknown = await pendingCookie().parse(request.headers.get('Cookie'));
  if (!value || typeof value !== 'object') return null;
  const { u, r, e } = value as Record<string, unknown>;
  if (typeof u !== 'number' || typeof r !== 'string' || typeof e !== 'number' || e < Date.now()) return null;
  return { userId: u, redirectTo: r };
}

/** Ends the second step: the session cookie, and the pending one cleared. */
export async function finishSecondStep(userId: number, redirectTo: string, signIn?: { factor: SignInFactor; address: string | null }) {
  const response = await startSession(userId, redirectTo, signIn);
  response.headers.append('Set-Cookie', await pendingCookie().serialize('', { maxAge: 0 }));
  return response;
}

export function resetAuthForTests() {
  staffCookie = undefined;
  secondStepCookie = undefined;
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
  if (!token || signedOutPending.has(token)) return null;
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
  const pathname = new URL(request.url).pathname.replace(/\/+$/, '');
  if (staff.user.mustChangePassword && !PASSWORD_CHANGE_EXEMPT.has(pathname)) {
    throw redirect(PASSWORD_PAGE);
  }
  // A role that must have a second factor and has none yet (a new admin, or after a reset) enrols before anything else.
  if (!staff.user.twoFactorEnabled && secondFactorRequired(staff.user.role) && !ENROLMENT_EXEMPT.has(pathname)) {
    throw redirect(TWO_FACTOR_PAGE);
  }
  return staff;
}

export const PASSWORD_PAGE = '/staff/password';
export const TWO_FACTOR_PAGE = '/staff/two-factor';
const PASSWORD_CHANGE_EXEMPT = new Set([PASSWORD_PAGE, '/staff/logout']);
const ENROLMENT_EXEMPT = new Set([TWO_FACTOR_PAGE, PASSWORD_PAGE, '/staff/logout']);

/** Checks the CSRF token a staff form posted; a mismatch is refused before any change is made. */
export function assertCsrf(staff: StaffContext, formData: FormData) {
  if (!sameSecret(formData.get('csrf'), staff.csrfToken)) {
    throw new Response('Invalid form token. Reload the page and try again.', { status: 403 });
  }
}

function csrfFor(token: string): string {
  return createHmac('sha256', getConfig().sessionSecret).update(`csrf:${token}`).digest('base64url');
}

/** Signs the user in; `signIn` says how and from where, for the audit log. */
export async function startSession(userId: number, redirectTo: string, signIn?: { factor: SignInFactor; address: string | null }) {
  const token = createSession(db(), userId, new Date(), signIn);
  return redirect(redirectTo, { headers: { 'Set-Cookie': await sessionCookie().serialize(token) } });
}

/** Signs out (audited with the client address). */
/**
 * Sessions signed out while the database could not be written (its write lock held elsewhere, a full disk): refused at
 * once in this process and revoked in the database as soon as it takes the write. Signing out must end the session
 * whatever the storage does, and the cookie is cleared in any case (outside review, round 8: the 503 left it usable).
 */
const signedOutPending = new Map<string, { address: string | null; at: Date }>();
let pendingTimer: ReturnType<typeof setTimeout> | undefined;
const PENDING_RETRY_MS = 5_000;

function revokePending() {
  pendingTimer = undefined;
  for (const [token, { address, at }] of signedOutPending) {
    try {
      revokeSession(db(), token, at, { address });
      signedOutPending.delete(token);
    } catch (error) {
      if (!asFault(error)) throw error;
    }
  }
  if (signedOutPending.size > 0) pendingTimer = setTimeout(revokePending, PENDING_RETRY_MS).unref();
}

export async function endSession(request: Request, address: string | null = null) {
  const token = await sessionToken(request);
  if (token) {
    try {
      revokeSession(db(), token, new Date(), { address });
    } catch (error) {
      if (!asFault(error)) throw error;
      signedOutPending.set(token, { address, at: new Date() });
      pendingTimer ??= setTimeout(revokePending, PENDING_RETRY_MS).unref();
    }
  }
  return redirect('/staff/login', { headers: { 'Set-Cookie': await sessionCookie().serialize('', { maxAge: 0 }) } });
}

/** Tests: retry the pending sign-outs now. */
export const revokePendingForTests = revokePending;

/**
 * Only a path of this site, so a crafted link (`/staff/login?redirectTo=…`) cannot send a signed-in user elsewhere.
 * Browsers drop tabs and newlines from URLs and read `\` as `/`, so `/\t/evil.example` is `//evil.example` to
 * them: anything with a control character or a backslash is refused outright, and what is left must parse, relative
 * to a placeholder origin, to that same origin. A newline would also have made the Location header throw (a 500).
 */
export function safeRedirect(to: FormDataEntryValue | string | null, fallback: string): string {
  if (typeof to !== 'string' || to.length > 2000 || !to.startsWith('/') || to.startsWith('//')) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\\]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  // Dot segments are resolved (`/.//evil` is `//evil`): the result must still be a path, not a network address.
  const path = url.pathname + url.search + url.hash;
  return path.startsWith('//') ? fallback : path;
}
const PLACEHOLDER_ORIGIN = 'http://didehban.invalid';
