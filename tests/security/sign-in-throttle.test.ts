/**
 * Findings 1–3 of the sign-in review (ASVS 5.0 §6.3.1, §6.2.4, §3.5 / open redirects): the wait after failed
 * attempts holds against parallel guesses, cannot be used to lock the owner out or to learn which names exist,
 * and the page after sign-in is always a path of this site. Real login actions on a real SQLite file.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { staffSessions, staffUsers } from '../../db/schema';
import { safeRedirect } from '~/sessions/staff.server';
import * as staffLogin from '~/routes/staff.login';
import * as userPage from '~/routes/staff.admin.users.$id';
import { postForm, run } from '../support/http';
import { csrfOf, DEMO_PASSWORD, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

async function logIn(username: string, password: string, options: { clientIp?: string; redirectTo?: string } = {}) {
  const fields: Record<string, string> = { username, password };
  if (options.redirectTo !== undefined) fields.redirectTo = options.redirectTo;
  const request = postForm('/staff/login', fields);
  return run(() => staffLogin.action({ request, params: {}, context: options.clientIp ? { clientIp: options.clientIp } : {} }));
}

const sessionsOf = (username: string) => {
  const user = db().select().from(staffUsers).where(eq(staffUsers.username, username)).get()!;
  return db().select().from(staffSessions).where(eq(staffSessions.userId, user.id)).all();
};

describe('finding 1: guesses sent all at once', () => {
  it('are counted before the password is checked: of 150 parallel guesses at most five are checked, and the right password among them does not sign in', { timeout: 120_000 }, async () => {
    const user = 'officer.ir-12';
    const guesses = Array.from({ length: 150 }, (_, i) => (i === 120 ? DEMO_PASSWORD : `guess-${i}`));
    const responses = await Promise.all(guesses.map((password) => logIn(user, password)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 302)).toEqual([]);
    expect(sessionsOf(user)).toEqual([]);
    // Four answered "wrong", the fifth started the wait; every other one was refused unchecked.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(4);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(146);
  });
});

describe('finding 2: the wait cannot lock the owner out or tell names apart', () => {
  it('lets the admin in again once the wait is over, after a stranger’s guesses', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      for (let i = 0; i < 8; i++) await logIn('admin', `stranger-${i}`);
      expect((await logIn('admin', DEMO_PASSWORD)).status).toBe(429);
      vi.setSystemTime(Date.now() + 16 * 60_000); // past the longest wait
      const response = await logIn('admin', DEMO_PASSWORD);
      expect(response.status).toBe(302);
      expect(response.headers.get('Location')).toBe('/staff/verify'); // on to the code step
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives an unknown name, an inactive account and a real one the same answers: same text, same status, same wait', async () => {
    db().update(staffUsers).set({ active: false }).where(eq(staffUsers.username, 'officer.ir-14')).run();
    vi.useFakeTimers({ toFake: ['Date'] }); // the clock stands still, so the seconds of the wait compare exactly
    const answers: Record<string, { status: number; body: unknown; retryAfter: string | null }[]> = {};
    for (const name of ['officer.ir-13', 'nobody.at.all', 'officer.ir-14']) {
      answers[name] = [];
      for (let i = 0; i < 7; i++) {
        const response = await logIn(name, `wrong-${i}`);
        const { values: _typed, ...body } = (await response.json()) as Record<string, unknown>; // the typed name is kept in the form
        answers[name]!.push({ status: response.status, body, retryAfter: response.headers.get('Retry-After') });
      }
    }
    expect(answers['nobody.at.all']).toEqual(answers['officer.ir-13']);
    expect(answers['officer.ir-14']).toEqual(answers['officer.ir-13']);
    expect(answers['officer.ir-13']!.map((a) => a.status)).toEqual([401, 401, 401, 401, 429, 429, 429]);
    expect(JSON.stringify(answers['officer.ir-13'])).not.toMatch(/lock/i);
    vi.useRealTimers();
  });

  it('spends about the same time on an unknown name as on a wrong password (a dummy hash)', async () => {
    const time = async (name: string) => {
      const started = performance.now();
      await logIn(name, 'some-wrong-password');
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time(`manager.ir-1${i + 5}`));
      unknown.push(await time(`no.such.user.${i}`));
    }
    const ratio = unknown.reduce((a, b) => a + b) / known.reduce((a, b) => a + b);
    expect(ratio).toBeGreaterThan(0.3);
    expect(ratio).toBeLessThan(3);
  });

  it('also slows one address guessing at many names, not the others', async () => {
    const guesser = '203.0.113.7';
    for (let i = 0; i < 31; i++) await logIn(`spray.${i}`, 'Winter2026!', { clientIp: guesser });
    const refused = await logIn('manager.ir-20', DEMO_PASSWORD, { clientIp: guesser });
    expect(refused.status).toBe(429);
    expect((await logIn('manager.ir-20', DEMO_PASSWORD, { clientIp: '203.0.113.8' })).status).toBe(302);
  });

  it('is lifted by the admin’s “unlock”', async () => {
    for (let i = 0; i < 6; i++) await logIn('officer.ir-19', `wrong-${i}`);
    expect((await logIn('officer.ir-19', DEMO_PASSWORD)).status).toBe(429);
    const admin = await signInAs('admin');
    const id = db().select().from(staffUsers).where(eq(staffUsers.username, 'officer.ir-19')).get()!.id;
    const url = `/staff/admin/users/${id}`;
    const unlock = await run(() => userPage.action({ request: postForm(url, { csrf: '', intent: 'unlock' }, admin), params: { id: String(id) }, context: {} }).catch((e) => e));
    expect(unlock.status).toBe(403); // no form token, no change
    const csrf = await csrfOf(admin);
    const done = await run(() => userPage.action({ request: postForm(url, { csrf, intent: 'unlock' }, admin), params: { id: String(id) }, context: {} }));
    expect(done.status).toBe(302);
    expect((await logIn('officer.ir-19', DEMO_PASSWORD)).status).toBe(302);
  });
});

describe('finding 3: the page after sign-in', () => {
  const HOSTILE = [
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/%09/evil.example'.replace('%09', '\t'),
    '\t//evil.example',
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    '\\\\evil.example',
    '/./\\evil.example',
    '/.//evil.example',
    '/..//evil.example',
    '/staff/../..//evil.example',
    'https://evil.example',
    'http:/evil.example',
    'javascript:alert(1)',
    ' /staff/inbox',
    '/\u0000/evil.example',
    '/\u007f/evil.example',
    '/\u0085/evil.example',
    '',
    'staff/inbox',
  ];

  it.each(HOSTILE)('refuses %j and falls back to the home page', (to) => {
    expect(safeRedirect(to, '/staff/inbox')).toBe('/staff/inbox');
  });

  it('keeps a path of the site with its query', () => {
    expect(safeRedirect('/staff/inbox?state=routed&q=%D8%A7', '/x')).toBe('/staff/inbox?state=routed&q=%D8%A7');
    expect(safeRedirect('/staff/items/12#history', '/x')).toBe('/staff/items/12#history');
  });

  it('answers a real sign-in with a same-site Location for tab, newline and slash tricks, never a 500', async () => {
    for (const to of ['/\t/evil.example', '/\n/evil.example', '/.//evil.example', '/\\evil.example']) {
      const response = await logIn('officer.ir-23', DEMO_PASSWORD, { redirectTo: to });
      expect(response.status, JSON.stringify(to)).toBe(302);
      expect(response.headers.get('Location'), JSON.stringify(to)).toBe('/staff/inbox');
    }
  });
});
