/**
 * Attacks on `/track/recover` (issue 22, a lost code): learning whether a mobile has items (by the body, the headers
 * or the time of the answer), racing guesses past the try counter, bodies too large or of too many parts, posts from
 * another site, and a code used from another browser. Real loader and action, real SQLite.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { recoveryCodes } from '../../db/schema';
import { MAX_FORM_FIELDS } from '~/domain/body-limits';
import { OTP_MAX_TRIES } from '~/domain/recovery';
import * as recover from '~/routes/track.recover';
import { resetRecoveryLimitsForTests } from '~/services/recovery.server';
import { BASE, CookieJar, postForm, run } from '../support/http';
import { fileFeedback } from '../support/items';
import { askCode, codeStepCsrf, lastSmsCode, typeCode, type RecoverAnswer } from '../support/recover';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

let serial = 0;
function newMobile() {
  const local = `0938${String(4000000 + ++serial)}`;
  return { local, e164: `+98${local.slice(1)}` };
}
let ipSerial = 0;
const newIp = () => `5.163.${Math.floor(++ipSerial / 250)}.${ipSerial % 250}`;
const fileFor = (mobile: string) => fileFeedback(db(), { kind: 'complaint', provinceId: 'ir-09', body: 'مستمری ماه گذشته هنوز واریز نشده است.', mobile, consent: 'on' });
const json = async (response: Response) => (await response.json()) as RecoverAnswer;
const attempts = (e164: string) => db().select().from(recoveryCodes).where(eq(recoveryCodes.mobile, e164)).get()!.attempts;

beforeEach(() => resetRecoveryLimitsForTests());

describe('enumeration: does this mobile have items?', () => {
  it('step 1 answers with the same status, headers and body, and cookies of the same shape', async () => {
    const withItems = newMobile();
    fileFor(withItems.local);
    const without = newMobile();
    const a = await askCode(withItems.local, new CookieJar(), newIp());
    const b = await askCode(without.local, new CookieJar(), newIp());
    const shape = (r: Response) => ({
      status: r.status,
      location: r.headers.get('Location'),
      headers: [...r.headers.keys()].sort(),
      // Name and attributes: the value is random per browser (a new ticket and CSRF value, signed and URL-encoded, so
      // even its length varies by a few characters at random, never with the mobile).
      cookies: r.headers.getSetCookie().map((c) => c.replace(/=([^;]*)/, '=<value>')),
    });
    expect(shape(b)).toEqual(shape(a));
    expect(await b.text()).toBe(await a.text());
    // The cookie cannot be read by the page's scripts, nor sent by another site's post.
    expect(a.headers.get('Set-Cookie')).toMatch(/HttpOnly/i);
    expect(a.headers.get('Set-Cookie')).toMatch(/SameSite=Lax/i);
  });

  it('a wrong code answers the same for both', async () => {
    const withItems = newMobile();
    fileFor(withItems.local);
    const answers = [];
    for (const mobile of [withItems, newMobile()]) {
      const jar = new CookieJar();
      await askCode(mobile.local, jar, newIp());
      const refused = await typeCode('000001', jar, newIp());
      answers.push({ status: refused.status, errors: (await json(refused)).errors });
    }
    expect(answers[1]).toEqual(answers[0]);
  });

  it('step 1 takes about the same time for both (the SMS is queued, never sent in the request)', async () => {
    const withItems = newMobile();
    fileFor(withItems.local);
    const without = newMobile();
    const times: Record<'with' | 'without', number[]> = { with: [], without: [] };
    for (let i = 0; i < 40; i++) {
      for (const [key, mobile] of [['with', withItems], ['without', without]] as const) {
        resetRecoveryLimitsForTests();
        const started = performance.now();
        expect((await askCode(mobile.local, new CookieJar(), newIp())).status).toBe(302);
        times[key].push(performance.now() - started);
      }
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const [w, wo] = [median(times.with), median(times.without)];
    // A difference an attacker could measure over the network would be milliseconds; allow noise on a busy machine.
    expect(Math.abs(w - wo)).toBeLessThan(Math.max(2, 0.5 * Math.min(w, wo)));
  });
});

describe('guessing the code', () => {
  it('many guesses posted at once are counted one by one: at most the allowed tries, then the code is dead', async () => {
    const mobile = newMobile();
    fileFor(mobile.local);
    const jar = new CookieJar();
    await askCode(mobile.local, jar, newIp());
    const otp = lastSmsCode(mobile.e164)!;
    const csrf = await codeStepCsrf(jar);
    const guesses = Array.from({ length: 40 }, (_, i) => String((Number(otp) + 1 + i) % 1_000_000).padStart(6, '0'));
    const answers = await Promise.all(
      guesses.map(async (guess) => (await json(await run(() => recover.action({ request: postForm('/track/recover?step=code', { otp: guess, csrf }, jar), params: {}, context: { clientIp: newIp() } })))).errors),
    );
    const wrong = answers.filter((e) => e?.otp === 'recover.errors.otpWrong').length;
    const dead = answers.filter((e) => e?.otp === 'recover.errors.otpDead').length;
    expect(wrong).toBe(OTP_MAX_TRIES - 1);
    expect(dead).toBe(guesses.length - wrong);
    expect(attempts(mobile.e164)).toBeGreaterThanOrEqual(OTP_MAX_TRIES);
    expect((await json(await typeCode(otp, jar, newIp()))).errors).toEqual({ otp: 'recover.errors.otpDead' });
  });

  it('the code only works in the browser that asked for it: typed elsewhere it is just a wrong code', async () => {
    const victim = newMobile();
    fileFor(victim.local);
    const victimJar = new CookieJar();
    await askCode(victim.local, victimJar, newIp());
    const stolen = lastSmsCode(victim.e164)!;
    const attackerJar = new CookieJar();
    await askCode(newMobile().local, attackerJar, newIp());
    const tried = await json(await typeCode(stolen, attackerJar, newIp()));
    expect(tried.errors).toEqual({ otp: 'recover.errors.otpWrong' });
    expect(tried.items).toBeNull();
  });
});

describe('hostile bodies and posts from other sites', () => {
  it('an oversized body is refused with 413, and nothing is spent', async () => {
    const mobile = newMobile();
    fileFor(mobile.local);
    const jar = new CookieJar();
    await askCode(mobile.local, jar, newIp());
    const big = await run(() => recover.action({ request: postForm('/track/recover?step=code', { otp: '1'.repeat(2_000_000) }, jar), params: {}, context: { clientIp: newIp() } }));
    expect(big.status).toBe(413);
    const bigMobile = await run(() => recover.action({ request: postForm('/track/recover', { mobile: '9'.repeat(2_000_000) }), params: {}, context: { clientIp: newIp() } }));
    expect(bigMobile.status).toBe(413);
    expect(attempts(mobile.e164)).toBe(0);
  });

  it('a multipart body of too many parts is refused with 413', async () => {
    const form = new FormData();
    for (let i = 0; i <= MAX_FORM_FIELDS + 5; i++) form.append(`f${i}`, 'x');
    const response = await run(() => recover.action({ request: new Request(`${BASE}/track/recover`, { method: 'POST', body: form }), params: {}, context: { clientIp: newIp() } }));
    expect(response.status).toBe(413);
  });

  it('a JSON or empty body gets the field messages, not an error page', async () => {
    const request = new Request(`${BASE}/track/recover`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"mobile":"09121234567"}' });
    const response = await run(() => recover.action({ request, params: {}, context: { clientIp: newIp() } }));
    expect(response.status).toBe(400);
    expect((await json(response)).errors).toEqual({ mobile: 'errors.mobile_required' });
  });

  it('a code posted from another site (no CSRF value) is refused with 403 and spends no try', async () => {
    const mobile = newMobile();
    fileFor(mobile.local);
    const jar = new CookieJar();
    await askCode(mobile.local, jar, newIp());
    const otp = lastSmsCode(mobile.e164)!;
    for (const csrf of ['', 'A'.repeat(32)]) {
      const refused = await typeCode(otp, jar, newIp(), { csrf });
      expect(refused.status).toBe(403);
      expect((await json(refused)).errors).toEqual({ form: 'errors.citizen_csrf' });
    }
    expect(attempts(mobile.e164)).toBe(0);
    // The page's own form still works afterwards.
    expect((await json(await typeCode(otp, jar, newIp()))).step).toBe('done');
  });

  it('step 1 without a solved question sends nothing (the public forms’ guard against scripted and cross-site posts)', async () => {
    const mobile = newMobile();
    fileFor(mobile.local);
    const refused = await askCode(mobile.local, new CookieJar(), newIp(), { challenge: 'forged.1.2.3.4', challengeAnswer: '3' });
    expect(refused.status).toBe(400);
    expect(lastSmsCode(mobile.e164)).toBeNull();
  });
});
