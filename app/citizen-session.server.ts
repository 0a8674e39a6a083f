/**
 * The citizen's own session (no account): remembers which tracking codes this browser has unlocked with the
 * code + mobile, so the tracking page URL carries nothing but the code (DESIGN §7).
 */
import { createCookieSessionStorage } from '@remix-run/node';
import { cookieIsSecure } from './auth.server';
import { getConfig } from './config.server';

const MAX_REMEMBERED = 10;

type CitizenSessionData = { codes: string[] };

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
  return citizenStorage().commitSession(session);
}
