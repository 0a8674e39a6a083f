/**
 * The citizen's own session (no account): remembers which tracking codes this browser has unlocked with the
 * code + mobile, so the tracking page URL carries nothing but the code (DESIGN §7), and holds the random anti-CSRF
 * value the tracking page's forms must send back (another site can make the browser post, but cannot read the page).
 */
import { createCookieSessionStorage } from '@remix-run/node';
import { randomBytes } from 'node:crypto';
import { sameSecret } from './domain/secrets';
import { cookieIsSecure } from './auth.server';
import { getConfig } from './config.server';

const MAX_REMEMBERED = 10;

type CitizenSessionData = { codes: string[]; csrf: string };

let storage: ReturnType<typeof createCookieSessionStorage<CitizenSessionData>> | undefined;

function citizenStorage() {
  storage ??= createCookieSessionStorage<CitizenSessionData>({
    cookie: {
      name: '__citizen',
      httpOnly: true,
      sameSite: 'lax',
      secure: cookieIsSecure(),
      path: '/',
      maxAge: 60 * 60 * 24 * 30,
      secrets: [getConfig().sessionSecret],
    },
  });
  return storage;
}

export function resetCitizenSessionForTests() {
  storage = undefined;
}

export async function unlockedCodes(request: Request): Promise<string[]> {
  const session = await citizenStorage().getSession(request.headers.get('Cookie'));
  const codes = session.get('codes');
  return Array.isArray(codes) ? codes.filter((c) => typeof c === 'string') : [];
}

/** Remembers `code` for this browser; returns the Set-Cookie header value. */
export async function rememberCode(request: Request, code: string): Promise<string> {
  const session = await citizenStorage().getSession(request.headers.get('Cookie'));
  const previous = session.get('codes');
  const codes = [code, ...(Array.isArray(previous) ? previous.filter((c) => c !== code) : [])].slice(0, MAX_REMEMBERED);
  session.set('codes', codes);
  if (!validCsrf(session.get('csrf'))) session.set('csrf', newCsrf());
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
