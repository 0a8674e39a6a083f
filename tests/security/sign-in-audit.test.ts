/**
 * Outside review, finding 1 (ASVS 5.0 16.3.1): sign-in and second-factor events are audited — a successful sign-in,
 * a failed one (with the name typed, never the password), a refused attempt inside a wait (once per wait, however
 * many requests), a wrong second-factor code, a recovery code's use and sign-out, each with the client address — and
 * the admin's audit page shows them in Persian and English. Real login actions on a real SQLite file.
 */
import { and, asc, desc, eq, gt, like } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { auditLog, staffUsers } from '../../db/schema';
import { regenerateRecoveryCodes, currentTotp } from '~/models/two-factor.server';
import * as auditPage from '~/routes/staff.admin.audit';
import * as staffLogin from '~/routes/staff.login';
import * as staffLogout from '~/routes/staff.logout';
import * as staffVerify from '~/routes/staff.verify';
import en from '../../locales/en/common.json';
import fa from '../../locales/fa/common.json';
import { CookieJar, getRequest, postForm, run } from '../support/http';
import { csrfOf, DEMO_PASSWORD, DEMO_TOTP_SECRET, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const ADDRESS = '2001:db8:7:8::42';

const userId = (username: string) => db().select().from(staffUsers).where(eq(staffUsers.username, username)).get()!.id;

/** The newest audit row's id: a test looks only at what it recorded after it (the file shares one database). */
const mark = () => db().select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).get()?.id ?? 0;
let since = 0;
beforeEach(() => {
  since = mark();
});

/** The sign-in events recorded by this test, oldest first, with their details parsed. */
const events = () =>
  db()
    .select()
    .from(auditLog)
    .where(and(like(auditLog.action, 'auth.%'), gt(auditLog.id, since)))
    .orderBy(asc(auditLog.id))
    .all()
    .map((row) => ({ ...row, after: JSON.parse(row.after ?? 'null') as Record<string, unknown> }));

async function logIn(username: string, password: string, jar = new CookieJar(), address = ADDRESS) {
  const request = postForm('/staff/login', { username, password }, jar);
  return jar.take(await run(() => staffLogin.action({ request, params: {}, context: { clientIp: address } })));
}

async function codeStep(jar: CookieJar, code: string) {
  const request = postForm('/staff/verify', { code }, jar);
  return jar.take(await run(() => staffVerify.action({ request, params: {}, context: { clientIp: ADDRESS } })));
}

describe('the password step', () => {
  it('records a successful sign-in under the user, with the address and "password"', async () => {
    expect((await logIn('officer.ir-09', DEMO_PASSWORD)).status).toBe(302);
    const [event] = events();
    expect(event).toMatchObject({ action: 'auth.sign_in', entity: 'user', entityId: String(userId('officer.ir-09')), actorStaffId: userId('officer.ir-09') });
    expect(event!.after).toEqual({ factor: 'password', address: ADDRESS });
  });

  it('records a failed sign-in with the name as typed and the address, never the password — for a real name and an unknown one', async () => {
    expect((await logIn(' Officer.IR-10 ', 'secret-guess-123')).status).toBe(401);
    expect((await logIn('no.such.user', 'another-guess-456')).status).toBe(401);
    const failed = events().filter((e) => e.action === 'auth.sign_in_failed');
    expect(failed.map((e) => [e.entity, e.entityId, e.actorStaffId, e.after])).toEqual([
      ['sign_in', 'officer.ir-10', null, { username: 'officer.ir-10', address: ADDRESS }],
      ['sign_in', 'no.such.user', null, { username: 'no.such.user', address: ADDRESS }],
    ]);
    const everything = JSON.stringify(db().select().from(auditLog).all());
    expect(everything).not.toContain('secret-guess-123');
    expect(everything).not.toContain('another-guess-456');
  });

  it('records attempts refused inside a wait once per wait, not per request: a flood of 40 parallel guesses writes one row', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      // Four free failures; the fifth starts the 10-second wait.
      for (let i = 0; i < 5; i++) await logIn('officer.ir-11', `guess-${i}`);
      const flood = await Promise.all(Array.from({ length: 40 }, (_, i) => logIn('officer.ir-11', `flood-${i}`)));
      expect(flood.every((r) => r.status === 429)).toBe(true);
      let throttled = events().filter((e) => e.action === 'auth.sign_in_throttled');
      expect(throttled).toHaveLength(1);
      expect(throttled[0]).toMatchObject({ entity: 'sign_in', entityId: 'officer.ir-11', actorStaffId: null });
      expect(throttled[0]!.after).toMatchObject({ username: 'officer.ir-11', address: ADDRESS });
      expect(typeof throttled[0]!.after.waitEndsAt).toBe('string');
      // Only the five checked attempts are failures; the refused ones are not each a row.
      expect(events().filter((e) => e.action === 'auth.sign_in_failed')).toHaveLength(5);

      // The next wait (after one more failure once this one is over) is a new wait, recorded once more.
      vi.setSystemTime(Date.now() + 11_000);
      expect((await logIn('officer.ir-11', 'guess-after-wait')).status).toBe(429);
      for (let i = 0; i < 10; i++) expect((await logIn('officer.ir-11', `again-${i}`)).status).toBe(429);
      throttled = events().filter((e) => e.action === 'auth.sign_in_throttled');
      expect(throttled).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the second step', () => {
  it('records a wrong code, a sign-in with the authenticator code, and a recovery code\'s use with the address (never the code)', async () => {
    const admin = userId('admin');
    const first = new CookieJar();
    expect((await logIn('admin', DEMO_PASSWORD, first)).headers.get('Location')).toBe('/staff/verify');
    // The password step alone is no sign-in yet.
    expect(events().filter((e) => e.action === 'auth.sign_in')).toHaveLength(0);
    expect((await codeStep(first, '000000')).status).toBe(401);
    db().update(staffUsers).set({ totpLastStep: null }).where(eq(staffUsers.id, admin)).run();
    expect((await codeStep(first, await currentTotp(DEMO_TOTP_SECRET))).status).toBe(302);

    const [recovery] = regenerateRecoveryCodes(db(), admin)!;
    const second = new CookieJar();
    await logIn('admin', DEMO_PASSWORD, second);
    expect((await codeStep(second, recovery!)).status).toBe(302);

    expect(events().map((e) => [e.action, e.entityId, e.after])).toEqual([
      ['auth.second_factor_failed', String(admin), { address: ADDRESS }],
      ['auth.sign_in', String(admin), { factor: 'totp', address: ADDRESS }],
      ['auth.sign_in', String(admin), { factor: 'recovery', address: ADDRESS }],
    ]);
    const used = db().select().from(auditLog).where(and(eq(auditLog.action, 'user.recovery_code_used'), gt(auditLog.id, since))).all();
    expect(used).toHaveLength(1);
    expect(JSON.parse(used[0]!.after!)).toMatchObject({ address: ADDRESS });
    expect(JSON.stringify(db().select().from(auditLog).all())).not.toContain(recovery!.replace('-', ''));
  });

  it('records wrong codes refused inside the wait once per wait', async () => {
    const jar = new CookieJar();
    await logIn('national', DEMO_PASSWORD, jar);
    for (let i = 0; i < 5; i++) await codeStep(jar, '000000');
    const flood = await Promise.all(Array.from({ length: 20 }, () => codeStep(jar, '000000')));
    expect(flood.every((r) => r.status === 429)).toBe(true);
    expect(events().filter((e) => e.action === 'auth.second_factor_failed')).toHaveLength(5);
    const throttled = events().filter((e) => e.action === 'auth.second_factor_throttled');
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({ entity: 'user', entityId: String(userId('national')) });
    expect(throttled[0]!.after).toMatchObject({ address: ADDRESS });
  });
});

describe('sign-out and the audit page', () => {
  it('records sign-out with the address, and the admin\'s audit page lists every event with its Persian and English label', async () => {
    const jar = await signInAs('officer.ir-12');
    const csrf = await csrfOf(jar);
    const request = postForm('/staff/logout', { csrf }, jar);
    expect((await run(() => staffLogout.action({ request, params: {}, context: { clientIp: ADDRESS } }))).status).toBe(302);
    const out = events().filter((e) => e.action === 'auth.sign_out');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ entity: 'user', entityId: String(userId('officer.ir-12')), actorStaffId: userId('officer.ir-12') });
    expect(out[0]!.after).toEqual({ address: ADDRESS });

    await logIn('nobody.here', 'wrong-password-1');
    const admin = await signInAs('admin');
    const page = await run(() => auditPage.loader({ request: getRequest('/staff/admin/audit', admin), params: {}, context: {} }));
    const data = (await page.json()) as { entries: { action: string; changes: { field: string; after: unknown }[] }[]; entities: string[] };
    const actions = new Set(data.entries.map((e) => e.action));
    for (const action of ['auth.sign_in', 'auth.sign_in_failed', 'auth.sign_out']) expect(actions).toContain(action);
    expect(data.entries.find((e) => e.action === 'auth.sign_in_failed')!.changes).toEqual([
      { field: 'username', before: null, after: 'nobody.here' },
      { field: 'address', before: null, after: ADDRESS },
    ]);
    expect(data.entities).toContain('sign_in');

    // Every sign-in action, entity, field and factor has its own words in both languages.
    const actionsAll = ['auth.sign_in', 'auth.sign_in_failed', 'auth.sign_in_throttled', 'auth.second_factor_failed', 'auth.second_factor_throttled', 'auth.sign_out'];
    for (const strings of [fa, en]) {
      const audit = strings.admin.audit as unknown as { actions: Record<string, string>; entities: Record<string, string>; factors: Record<string, string>; noActor: string };
      for (const action of actionsAll) expect(audit.actions[action], action).toBeTruthy();
      expect(audit.entities.sign_in).toBeTruthy();
      for (const factor of ['password', 'totp', 'recovery']) expect(audit.factors[factor]).toBeTruthy();
      expect(audit.noActor).toBeTruthy();
      const fields = strings.admin.fields as Record<string, string>;
      for (const field of ['address', 'factor', 'waitEndsAt', 'username']) expect(fields[field], field).toBeTruthy();
    }
    expect((fa.admin.audit.actions as Record<string, string>)['auth.sign_in_failed']).toMatch(/[\u0600-\u06FF]/);
  });
});
