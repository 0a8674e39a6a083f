/**
 * Finding 5 (ASVS 5.0 §6.5, L2): the second factor. No session before the code; codes not reusable; wrong codes
 * throttled; enrolment confirmed with a code; recovery codes shown once and spent once; required for admin and
 * national supervisor; an admin's reset, audited. Real loaders and actions on a real SQLite file.
 */
import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, loginThrottles, staffRecoveryCodes, staffSessions, staffUsers } from '../../db/schema';
import { getStaff } from '~/sessions/staff.server';
import { currentTotp } from '~/models/two-factor.server';
import * as adminHome from '~/routes/staff.admin._index';
import * as userPage from '~/routes/staff.admin.users.$id';
import * as staffInbox from '~/routes/staff.inbox/route';
import * as staffLogin from '~/routes/staff.login';
import * as twoFactorPage from '~/routes/staff.two-factor';
import * as staffVerify from '~/routes/staff.verify';
import { CookieJar, getRequest, postForm, routeArgs, run } from '../support/http';
import { csrfOf, DEMO_PASSWORD, DEMO_TOTP_SECRET, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const userRow = (username: string) => db().select().from(staffUsers).where(eq(staffUsers.username, username)).get()!;
const sessionCount = (username: string) => db().select().from(staffSessions).where(eq(staffSessions.userId, userRow(username).id)).all().length;

/** The password step alone, in a fresh browser. */
async function passwordStep(username: string) {
  const jar = new CookieJar();
  const response = jar.take(await run(() => staffLogin.action(routeArgs(postForm('/staff/login', { username, password: DEMO_PASSWORD })))));
  return { jar, response };
}

async function codeStep(jar: CookieJar, code: string) {
  return jar.take(await run(() => staffVerify.action(routeArgs(postForm('/staff/verify', { code }, jar)))));
}

async function twoFactor(jar: CookieJar, fields: Record<string, string>) {
  return run(async () => twoFactorPage.action(routeArgs(postForm('/staff/two-factor', { csrf: await csrfOf(jar), ...fields }, jar))));
}

/** Enrols a user through the page as they would: read the offered secret, type its current code back. */
async function enrol(jar: CookieJar) {
  const page = (await (await run(() => twoFactorPage.loader(routeArgs(getRequest('/staff/two-factor', jar))))).json()) as {
    enrolment: { secret: string; signature: string; uri: string; qrSvgBase64: string };
  };
  const response = await twoFactor(jar, { intent: 'enable', secret: page.enrolment.secret, signature: page.enrolment.signature, code: await currentTotp(page.enrolment.secret) });
  return { page, response, data: (await response.json()) as { recoveryCodes: string[] | null; errors: Record<string, string> | null } };
}

describe('signing in with a second factor', () => {
  it('gives no session after the password alone: only the code page, which the pending cookie opens and nothing else', async () => {
    const before = sessionCount('national');
    const { jar, response } = await passwordStep('national');
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/staff/verify');
    expect(response.headers.getSetCookie().join()).not.toMatch(/__staff=/);
    expect(sessionCount('national')).toBe(before);
    expect(await getStaff(getRequest('/staff/inbox', jar))).toBeNull();
    const inbox = await run(() => staffInbox.loader(routeArgs(getRequest('/staff/inbox', jar))));
    expect(inbox.headers.get('Location')).toMatch(/^\/staff\/login/);
    expect((await run(() => staffVerify.loader(routeArgs(getRequest('/staff/verify', jar))))).status).toBe(200);
  });

  it('starts the session with the right code, and refuses the same code a second time (replay)', async () => {
    db().update(staffUsers).set({ totpLastStep: null }).where(eq(staffUsers.username, 'national')).run();
    const code = await currentTotp(DEMO_TOTP_SECRET);
    const first = await passwordStep('national');
    const ok = await codeStep(first.jar, code);
    expect(ok.status).toBe(302);
    expect(ok.headers.get('Location')).toBe('/staff/inbox');
    expect(await getStaff(getRequest('/staff/inbox', first.jar))).not.toBeNull();

    const second = await passwordStep('national');
    const replay = await codeStep(second.jar, code);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { errors: Record<string, string> }).errors).toEqual({ code: 'twoFactor.errors.code_invalid' });
    expect(await getStaff(getRequest('/staff/inbox', second.jar))).toBeNull();
  });

  it('throttles wrong codes like passwords: after five, even the right code waits', async () => {
    db().update(staffUsers).set({ totpLastStep: null }).where(eq(staffUsers.username, 'admin')).run();
    const { jar } = await passwordStep('admin');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await codeStep(jar, String(100000 + i))).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const right = await codeStep(jar, await currentTotp(DEMO_TOTP_SECRET));
    expect(right.status).toBe(429);
    expect(right.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect(await getStaff(getRequest('/staff', jar))).toBeNull();
    db().delete(loginThrottles).run(); // the admin signs in again below
  });

  it('refuses the code step without the password step, and a forged pending cookie', async () => {
    const code = await currentTotp(DEMO_TOTP_SECRET);
    expect((await run(() => staffVerify.action(routeArgs(postForm('/staff/verify', { code }))))).status).toBe(401);
    const forged = new Request('http://localhost:3000/staff/verify', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `__staff_2fa=${btoa(JSON.stringify({ u: 1, r: '/staff', e: Date.now() + 60_000 }))}` },
      body: new URLSearchParams({ code }).toString(),
    });
    expect((await run(() => staffVerify.action(routeArgs(forged)))).status).toBe(401);
  });
});

describe('enrolment and recovery codes', () => {
  it('turns the factor on only with a code from the offered secret, shows ten recovery codes once and keeps only hashes; each works once', async () => {
    const officer = await signInAs('officer.ir-25');
    const page = (await (await run(() => twoFactorPage.loader(routeArgs(getRequest('/staff/two-factor', officer))))).json()) as {
      enrolment: { secret: string; signature: string; uri: string; qrSvgBase64: string };
    };
    expect(page.enrolment.uri).toMatch(/^otpauth:\/\/totp\/Didehban:officer\.ir-25\?.*secret=[A-Z2-7]{32}/);
    expect(Buffer.from(page.enrolment.qrSvgBase64, "base64").toString()).toMatch(/^<svg /);

    // A secret the server did not offer (the signature does not match) is refused.
    const forged = await twoFactor(officer, { intent: 'enable', secret: 'A'.repeat(32), signature: page.enrolment.signature, code: await currentTotp('A'.repeat(32)) });
    expect(forged.status).toBe(400);
    // A wrong code is refused, keeping the same secret on the page.
    const wrong = await twoFactor(officer, { intent: 'enable', secret: page.enrolment.secret, signature: page.enrolment.signature, code: '000000' === (await currentTotp(page.enrolment.secret)) ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { enrolment: { secret: string } }).enrolment.secret).toBe(page.enrolment.secret);
    expect(userRow('officer.ir-25').totpEnabledAt).toBeNull();

    const response = await twoFactor(officer, { intent: 'enable', secret: page.enrolment.secret, signature: page.enrolment.signature, code: await currentTotp(page.enrolment.secret) });
    expect(response.status).toBe(200);
    const { recoveryCodes } = (await response.json()) as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    const stored = db().select().from(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, userRow('officer.ir-25').id)).all();
    expect(stored).toHaveLength(10);
    for (const code of recoveryCodes) expect(JSON.stringify(stored)).not.toContain(code.replace('-', ''));
    // Shown once: the page does not show them again.
    const again = JSON.stringify(await (await run(() => twoFactorPage.loader(routeArgs(getRequest('/staff/two-factor', officer))))).json());
    for (const code of recoveryCodes) expect(again).not.toContain(code);

    // Signing in now takes a code; a recovery code (typed in capitals, with Persian-keyboard spacing) works once.
    const first = await passwordStep('officer.ir-25');
    expect(first.response.headers.get('Location')).toBe('/staff/verify');
    expect((await codeStep(first.jar, ` ${recoveryCodes[0]!.toUpperCase()} `)).status).toBe(302);
    const second = await passwordStep('officer.ir-25');
    expect((await codeStep(second.jar, recoveryCodes[0]!)).status).toBe(401);
    expect((await codeStep(second.jar, recoveryCodes[1]!)).status).toBe(302);
  });

  it('is required for admins: a new admin is sent to the enrolment page from every staff page until it is on', async () => {
    db().update(staffUsers).set({ role: 'admin', provinceId: null }).where(eq(staffUsers.username, 'manager.ir-26')).run();
    const jar = await signInAs('manager.ir-26');
    const home = await run(() => adminHome.loader(routeArgs(getRequest('/staff/admin', jar))));
    expect(home.headers.get('Location')).toBe('/staff/two-factor');
    // It cannot be turned off for a role that requires it.
    const { data } = await enrol(jar);
    expect(data.recoveryCodes).toHaveLength(10);
    expect((await run(() => adminHome.loader(routeArgs(getRequest('/staff/admin', jar))))).status).toBe(200);
    const off = await twoFactor(jar, { intent: 'disable', code: '123456' });
    expect(((await off.json()) as { errors: Record<string, string> }).errors).toEqual({ form: 'twoFactor.errors.required_for_role' });
    expect(userRow('manager.ir-26').totpEnabledAt).not.toBeNull();
  });

  it('can be reset by an admin, audited like a password reset: the user is signed out and signs in with the password alone', async () => {
    const officer = await signInAs('officer.ir-27');
    await enrol(officer);
    const id = userRow('officer.ir-27').id;
    const admin = await signInAs('admin');
    const response = await run(async () =>
      userPage.action(routeArgs(postForm(`/staff/admin/users/${id}`, { csrf: await csrfOf(admin), intent: 'reset_two_factor' }, admin), { id: String(id) })),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`/staff/admin/users/${id}?done=two_factor_reset`);
    expect(userRow('officer.ir-27')).toMatchObject({ totpSecret: null, totpEnabledAt: null });
    expect(await getStaff(getRequest('/staff', officer))).toBeNull();
    const [entry] = db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'user'), eq(auditLog.entityId, String(id)), eq(auditLog.action, 'user.reset_two_factor')))
      .orderBy(desc(auditLog.id))
      .all();
    expect(entry!.actorStaffId).toBe(userRow('admin').id);
    expect(JSON.parse(entry!.before!)).toMatchObject({ twoFactor: true });
    expect(JSON.parse(entry!.after!)).toMatchObject({ twoFactor: false, sessionsRevoked: 1 });
    expect(`${entry!.before}${entry!.after}`).not.toMatch(/secret|totp/i);
    expect((await passwordStep('officer.ir-27')).response.headers.get('Location')).toBe('/staff/inbox');
  });
});
