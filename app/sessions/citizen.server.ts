/**
 * The citizen's own session (no account): remembers which tracking codes this browser has unlocked with the
 * code + mobile, so the tracking page URL carries nothing but the code (docs/DESIGN.md §7), and holds the random anti-CSRF
 * value the tracking page's forms must send back (another site can make the browser post, but cannot read the page).
 */
import { createCookieSessionStorage } from '@remix-run/node';
import { randomBytes } from 'node:crypto';
import { sameSecret } from '../domain/secrets';
import { cookieIsSecure } from './staff.server';
import { getConfig } from '../platform/config.server';

const MAX_REMEMBERED = 10;

/**
 * How long this browser keeps items open after the last code + mobile check: a sitting, not a month. A complaint
 * about abuse or mental health must not stay readable on a shared family phone (docs/decisions/002). Enforced twice:
 * the cookie's Max-Age (phone browsers restore "session" cookies, so a cookie without one can live for weeks), and a
 * signed stamp checked here, so a kept copy of the cookie opens nothing later either.
 */
export const CITIZEN_UNLOCK_MS = 2 * 60 * 60 * 1000;

type CitizenSessionData = { codes: string[]; csrf: string; until: number; recover: string };

let storage: ReturnType<typeof createCookieSessionStorage<CitizenSessionData>> | undefined;

function citizenStorage() {
  storage ??= createCookieSessionStorage<CitizenSessionData>({
    cookie: {
      name: '__citizen',
      httpOnly: true,
      sameSite: 'lax',
      secure: cookieIsSecure(),
      path: '/',
      maxAge: CITIZEN_UNLOCK_MS / 1000,
      secrets: [getConfig().sessionSecret],
    },
  });
  return storage;
}

export function resetCitizenSessionForTests() {
  storage = undefined;
}

/** The codes this browser unlocked, while the unlock lasts (a cookie from before the stamp existed opens nothing). */
export async function unlockedCodes(request: Request, now = Date.now()): Promise<string[]> {
  const session = await citizenStorage().getSession(request.headers.get('Cookie'));
  const until = session.get('until');
  if (typeof until !== 'number' || until <= now) return [];
  const codes = session.get('codes');
  return Array.isArray(codes) ? codes.filter((c) => typeof c === 'string') : [];
}

/** Remembers `code` for this browser (the others it holds for the same new period); returns the Set-Cookie value. */
export async function rememberCode(request: Request, code: string, now = Date.now()): Promise<string> {
  const session = await citizenStorage().getSession(request.headers.get('Cookie'));
  const previous = await unlockedCodes(request, now);
  const codes = [code, ...previous.filter((c) => c !== code)].slice(0, MAX_REMEMBERED);
  session.set('codes', codes);
  session.set('until', now + CITIZEN_UNLOCK_MS);
  if (!validCsrf(session.get('csrf'))) session.set('csrf', newCsrf());
  return citizenStorage().commitSession(session);
}

/**
 * "Forget this item on this device": drops `code` from this browser; the next visit asks for code + mobile again.
 * With nothing left to remember the cookie itself is removed. Returns the Set-Cookie value.
 */
export async function forgetCode(request: Request, code: string): Promise<string> {
  const session = await citizenStorage().getSession(request.headers.get('Cookie'));
  const codes = (await unlockedCodes(request)).filter((c) => c !== code);
  if (codes.length === 0) return citizenStorage().destroySession(session);
  session.set('codes', codes);
  return citizenStorage().commitSession(session);
}

const newCsrf = () => randomBytes(24).toString('base64url');
const validCsrf = (value: unknown): value is string => typeof value === 'string' && value.length >= 32;

/**
 * The anti-CSRF value of this browser's session, for the tracking page's forms. A session from before the value
 * existed gets one now: `setCookie` is then the header to send with the page.
 */
export async function citizenCsrf(request: Request): Promise<{ token: string; setCookie: string | null }> {
  const session = await citizenStorage().getSession(request.headers.get('Cookie'));
  const known = session.get('csrf');
  if (validCsrf(known)) return { token: known, setCookie: null };
  const token = newCsrf();
  session.set('csrf', token);
  return { token, setCookie: await citizenStorage().commitSession(session) };
}

/** Whether a posted form carries this browser's anti-CSRF value. */
export async function citizenCsrfMatches(request: Request, given: unknown): Promise<boolean> {
  const session = await citizenStorage().getSession(request.headers.get('Cookie'));
  const known = session.get('csrf');
  return validCsrf(known) && sameSecret(given, known);
}

// ---- /track/recover (issue 22, "a lost code") ----------------------------------------------------------------------
// The ticket of the code this browser asked for lives in this cookie (httpOnly, SameSite=Lax): the code typed is only
// good in the browser that asked for it, and another site's post carries no ticket.

/** Remembers the ticket of a code just asked for (the one before is replaced); returns the Set-Cookie value. */
export async function startRecovery(request: Request, ticket: string): Promise<string> {
  const session = await citizenStorage().getSession(request.headers.get('Cookie'));
  session.set('recover', ticket);
  if (!validCsrf(session.get('csrf'))) session.set('csrf', newCsrf());
  return citizenStorage().commitSession(session);
}

/** The ticket of the code this browser asked for, if any. */
export async function recoveryTicket(request: Request): Promise<string | null> {
  const session = await citizenStorage().getSession(request.headers.get('Cookie'));
  const ticket = session.get('recover');
  return typeof ticket === 'string' && ticket !== '' ? ticket : null;
}

/**
 * After a right code: unlocks the mobile's items in this browser as a code + mobile look-up would (same period, same
 * cap of remembered codes, newest first) and drops the ticket. Returns the Set-Cookie value.
 */
export async function rememberRecoveredCodes(request: Request, codes: string[], now = Date.now()): Promise<string> {
  const session = await citizenStorage().getSession(request.headers.get('Cookie'));
  const previous = await unlockedCodes(request, now);
  session.set('codes', [...new Set([...codes, ...previous])].slice(0, MAX_REMEMBERED));
  session.set('until', now + CITIZEN_UNLOCK_MS);
  session.unset('recover');
  if (!validCsrf(session.get('csrf'))) session.set('csrf', newCsrf());
  return citizenStorage().commitSession(session);
}
