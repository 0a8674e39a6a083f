/** Building requests for loaders and actions, and a tiny cookie jar to carry sessions between them. */
import { getConfig } from '../../app/platform/config.server';
import { createChallenge } from '../../app/domain/challenge';

export const BASE = 'http://localhost:3000';

export class CookieJar {
  private cookies = new Map<string, string>();

  /** Remembers every Set-Cookie of a response (a cookie set to '' with Max-Age=0 is forgotten). */
  take(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      if (value === '' || /max-age=0/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export function getRequest(path: string, jar?: CookieJar): Request {
  return new Request(BASE + path, { headers: jar ? { Cookie: jar.header() } : {} });
}

/** A correctly answered arithmetic challenge, signed with the test configuration's secret. */
export function solvedChallenge(): { challenge: string; challengeAnswer: string } {
  const { a, b, token } = createChallenge(getConfig().sessionSecret);
  return { challenge: token, challengeAnswer: String(a + b) };
}

/**
 * A form POST. The public submission form needs a solved challenge: tests that are not about the challenge get one
 * automatically; a test about it passes its own `challenge` field (even an empty one).
 */
export function postForm(path: string, fields: Record<string, string>, jar?: CookieJar): Request {
  if (path.startsWith('/feedback/new') && !('challenge' in fields)) fields = { ...fields, ...solvedChallenge() };
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (jar) headers.Cookie = jar.header();
  return new Request(BASE + path, { method: 'POST', headers, body: new URLSearchParams(fields).toString() });
}

/** Runs a loader or action, returning the Response whether it was returned or thrown. */
export async function run(fn: () => Promise<unknown> | unknown): Promise<Response> {
  try {
    const result = await fn();
    if (result instanceof Response) return result;
    throw new Error('expected a Response');
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

export function routeArgs(request: Request, params: Record<string, string> = {}) {
  return { request, params, context: {} };
}
