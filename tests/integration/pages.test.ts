/**
 * Pages around the slice: language choice, not-found, health, the centre directory, and the staff door
 * (sign-in, lockout, sign-out).
 */
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { centers, staffSessions, staffUsers } from '../../db/schema';
import { recordHeartbeat, WORKER } from '~/models/heartbeat.server';
import * as root from '~/root';
import * as notFound from '~/routes/$';
import * as centerPage from '~/routes/centers.$id';
import * as centerList from '~/routes/centers._index';
import * as healthz from '~/routes/healthz';
import * as staffInbox from '~/routes/staff.inbox/route';
import * as staffLogin from '~/routes/staff.login';
import * as staffLogout from '~/routes/staff.logout';
import { CookieJar, getRequest, postForm, routeArgs, run } from '../support/http';
import { csrfOf, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

// ---- helpers ---------------------------------------------------------------------------------------------------

const PASSWORD = 'demo-password';

async function rootLoader(path: string, jar?: CookieJar) {
  const response = await run(() => root.loader(routeArgs(getRequest(path, jar))));
  jar?.take(response);
  return { response, data: (await response.json()) as { locale: string; demo: boolean } };
}

function setCookie(response: Response, name: string) {
  return response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
}

async function listCenters(query: string) {
  const response = await run(() => centerList.loader(routeArgs(getRequest(`/centers${query}`))));
  expect(response.status).toBe(200);
  return (await response.json()) as { query: { province?: string }; total: number; centers: { id: number; provinceId: string }[] };
}

const activeCenterCount = (provinceId?: string) =>
  db()
    .select({ n: sql<number>`count(*)` })
    .from(centers)
    .where(and(eq(centers.active, true), provinceId ? eq(centers.provinceId, provinceId) : undefined))
    .get()!.n;

async function openCenter(id: string) {
  return run(() => centerPage.loader(routeArgs(getRequest(`/centers/${encodeURIComponent(id)}`), { id })));
}

async function logIn(username: string, password: string, extra: Record<string, string> = {}) {
  return run(() => staffLogin.action(routeArgs(postForm('/staff/login', { username, password, ...extra }))));
}

async function openInbox(cookie: CookieJar | string, path = '/staff/inbox') {
  const request =
    typeof cookie === 'string' ? new Request(`http://localhost:3000${path}`, { headers: { Cookie: cookie } }) : getRequest(path, cookie);
  return run(() => staffInbox.loader(routeArgs(request)));
}

async function errorsOf(response: Response) {
  return ((await response.json()) as { errors: Record<string, string> }).errors;
}

// ---- language --------------------------------------------------------------------------------------------------

describe('the language of the pages', () => {
  it('is Persian by default, without setting a cookie', async () => {
    const { response, data } = await rootLoader('/');
    expect(data.locale).toBe('fa');
    expect(setCookie(response, 'lng')).toBeUndefined();
  });

  it('is English with ?lng=en, remembered in the lng cookie for the next pages', async () => {
    const jar = new CookieJar();
    const first = await rootLoader('/centers?lng=en', jar);
    expect(first.data.locale).toBe('en');
    expect(setCookie(first.response, 'lng')).toMatch(/HttpOnly/i);

    expect((await rootLoader('/track', jar)).data.locale).toBe('en');

    const back = await rootLoader('/?lng=fa', jar);
    expect(back.data.locale).toBe('fa');
    expect(setCookie(back.response, 'lng')).toBeDefined();
    expect((await rootLoader('/', jar)).data.locale).toBe('fa');
  });

  it('stays Persian for a language the portal does not have', async () => {
    const { response, data } = await rootLoader('/?lng=de');
    expect(data.locale).toBe('fa');
    expect(setCookie(response, 'lng')).toBeUndefined();
  });

  it('says that demo data is in use', async () => {
    expect((await rootLoader('/')).data.demo).toBe(true);
  });
});

// ---- machine and error pages -----------------------------------------------------------------------------------

describe('an unknown address', () => {
  it('gets a real 404 status', async () => {
    const response = await run(() => notFound.loader());
    expect(response.status).toBe(404);
  });
});

describe('/healthz', () => {
  it('answers 503 naming the worker while no worker has been heard from, and is never cached', async () => {
    const response = await run(() => healthz.loader());
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'error', database: 'ok', worker: 'silent', workerLastBeatAt: null });
    expect(response.headers.get('Cache-Control')).toBe('no-store');
  });

  it('answers ok while the database answers and the worker beat within three minutes; 503 once it falls silent', async () => {
    recordHeartbeat(db(), WORKER, new Date(Date.now() - 60_000));
    const alive = await run(() => healthz.loader());
    expect(alive.status).toBe(200);
    expect(await alive.json()).toMatchObject({ status: 'ok', database: 'ok', worker: 'alive' });
    recordHeartbeat(db(), WORKER, new Date(Date.now() - 4 * 60_000));
    const silent = await run(() => healthz.loader());
    expect(silent.status).toBe(503);
    expect(await silent.json()).toMatchObject({ worker: 'silent' });
  });
});

// ---- the centre directory --------------------------------------------------------------------------------------

describe('the centre directory', () => {
  it('filters by province: every centre listed is in ir-09, and all of them are there', async () => {
    const data = await listCenters('?province=ir-09');
    expect(data.query.province).toBe('ir-09');
    expect(data.total).toBe(activeCenterCount('ir-09'));
    expect(data.centers.length).toBe(activeCenterCount('ir-09'));
    expect(data.centers.length).toBeGreaterThan(0);
    expect(data.centers.every((c) => c.provinceId === 'ir-09')).toBe(true);
  });

  it('accepts the province code in upper case too', async () => {
    const data = await listCenters('?province=IR-09');
    expect(data.query.province).toBe('ir-09');
    expect(data.centers.every((c) => c.provinceId === 'ir-09')).toBe(true);
  });

  it('ignores an unknown province and lists every centre', async () => {
    const data = await listCenters('?province=ir-99');
    expect(data.query.province).toBeUndefined();
    expect(data.total).toBe(activeCenterCount());
    expect(new Set(data.centers.map((c) => c.provinceId)).size).toBeGreaterThan(1);
  });

  it('opens a centre page by id, also written in Persian digits', async () => {
    const [first] = (await listCenters('?province=ir-09')).centers;
    const response = await openCenter(String(first!.id));
    expect(response.status).toBe(200);
    const data = await response.json();
    expect(data.center.id).toBe(first!.id);
    expect(data.province.id).toBe('ir-09');

    const persian = String(first!.id).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    expect((await openCenter(persian)).status).toBe(200);
  });

  it('answers 404 for a centre id that is not a number or does not exist', async () => {
    expect((await openCenter('abc')).status).toBe(404);
    expect((await openCenter('999999')).status).toBe(404);
    expect((await openCenter('1; drop table centers')).status).toBe(404);
  });
});

// ---- the staff door --------------------------------------------------------------------------------------------

describe('staff pages without a session', () => {
  it('send the visitor to the sign-in page, remembering where they were going', async () => {
    const response = await openInbox(new CookieJar(), '/staff/inbox?state=routed');
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`/staff/login?redirectTo=${encodeURIComponent('/staff/inbox?state=routed')}`);
  });

  it('do not open with a forged session cookie', async () => {
    const response = await openInbox('__staff=forged-session-token');
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toMatch(/^\/staff\/login\?redirectTo=/);
  });
});

describe('signing in', () => {
  it('takes the officer back to the page they were going to, but only within the site', async () => {
    const inside = await logIn('officer.ir-23', PASSWORD, { redirectTo: '/staff/inbox?state=routed' });
    expect(inside.headers.get('Location')).toBe('/staff/inbox?state=routed');
    for (const outside of ['//evil.example/phish', 'https://evil.example', '/\\evil.example']) {
      const response = await logIn('officer.ir-23', PASSWORD, { redirectTo: outside });
      expect(response.headers.get('Location'), outside).toBe('/staff/inbox');
    }
  });

  it('accepts the username in any letter case', async () => {
    expect((await logIn('  Officer.IR-23 ', PASSWORD)).status).toBe(302);
  });

  it('asks for the username and password when they are missing', async () => {
    const response = await logIn('', '');
    expect(response.status).toBe(400);
    expect(await errorsOf(response)).toEqual({ username: 'errors.username_required', password: 'errors.password_required' });
  });

  it('gives the same answer for an unknown user as for a wrong password', async () => {
    const unknown = await logIn('nobody.here', PASSWORD);
    const wrong = await logIn('officer.ir-23', 'not-the-password');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await errorsOf(unknown)).toEqual({ form: 'errors.login_invalid' });
    expect(await errorsOf(wrong)).toEqual({ form: 'errors.login_invalid' });
  });

  it('skips the sign-in page for someone already signed in', async () => {
    const jar = await signInAs('officer.ir-23');
    const response = await run(() => staffLogin.loader(routeArgs(getRequest('/staff/login', jar))));
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/staff/inbox');
  });
});

describe('five wrong passwords in a row', () => {
  const USER = 'officer.ir-10';

  it('make the next attempts wait (even with the right password), without locking the owner out for good', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      for (let attempt = 1; attempt <= 4; attempt++) {
        const response = await logIn(USER, `wrong-${attempt}`);
        expect(response.status).toBe(401);
        expect(await errorsOf(response), `attempt ${attempt}`).toEqual({ form: 'errors.login_invalid' });
      }
      const fifth = await logIn(USER, 'wrong-5');
      expect(fifth.status).toBe(429);
      expect(await errorsOf(fifth)).toEqual({ form: 'errors.login_throttled' });
      expect(fifth.headers.get('Retry-After')).toBe('10');

      const right = await logIn(USER, PASSWORD);
      expect(right.status).toBe(429);
      expect(setCookie(right, '__staff')).toBeUndefined();
      const user = db().select().from(staffUsers).where(eq(staffUsers.username, USER)).get()!;
      expect(db().select().from(staffSessions).where(eq(staffSessions.userId, user.id)).all()).toEqual([]);

      vi.setSystemTime(Date.now() + 11_000);
      expect((await logIn(USER, PASSWORD)).status).toBe(302);
    } finally {
      vi.useRealTimers();
    }
  });

  it('slow down only that account', async () => {
    expect((await logIn('manager.ir-10', PASSWORD)).status).toBe(302);
  });

  it('do not count failures interrupted by a successful sign-in', async () => {
    const user = 'officer.ir-11';
    for (let attempt = 1; attempt <= 4; attempt++) await logIn(user, `wrong-${attempt}`);
    expect((await logIn(user, PASSWORD)).status).toBe(302);
    const again = await logIn(user, 'wrong-again');
    expect(await errorsOf(again)).toEqual({ form: 'errors.login_invalid' });
    expect((await logIn(user, PASSWORD)).status).toBe(302);
  });
});

describe('signing out', () => {
  it('revokes the session: the old cookie no longer opens the inbox', async () => {
    const jar = await signInAs('officer.ir-23');
    const inbox = await openInbox(jar);
    expect(inbox.status).toBe(200);
    const csrfToken = await csrfOf(jar);
    const oldCookie = jar.header();

    const response = jar.take(await run(() => staffLogout.action(routeArgs(postForm('/staff/logout', { csrf: csrfToken }, jar)))));
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/staff/login');
    expect(setCookie(response, '__staff')).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);

    const replayed = await openInbox(oldCookie);
    expect(replayed.status).toBe(302);
    expect(replayed.headers.get('Location')).toMatch(/^\/staff\/login\?redirectTo=/);
  });

  it('needs the form token, so another site cannot sign staff out', async () => {
    const jar = await signInAs('officer.ir-23');
    const response = await run(() => staffLogout.action(routeArgs(postForm('/staff/logout', { csrf: 'forged' }, jar))));
    expect(response.status).toBe(403);
    expect((await openInbox(jar)).status).toBe(200);
  });
});
