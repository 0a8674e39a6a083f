/**
 * A lost code (issue 22, `/track/recover`): the citizen gives their mobile and the arithmetic answer, gets a one-time
 * code by SMS, types it and sees their items, which then open without retyping. Real loader and action, real SQLite.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { items, outbox, recoveryCodes, staffUsers } from '../../db/schema';
import { CODES_PER_MOBILE, GUESSES_PER_ADDRESS, OTP_MAX_TRIES, REQUESTS_PER_ADDRESS } from '~/domain/recovery';
import * as trackCode from '~/routes/track.$code';
import { resetRecoveryLimitsForTests } from '~/services/recovery.server';
import { transition } from '~/services/workflow.server';
import { CookieJar, getRequest, routeArgs, run } from '../support/http';
import { fileFeedback } from '../support/items';
import { askCode, lastSmsCode, recoverySmsCount, toArabic, toPersian, typeCode, type RecoverAnswer } from '../support/recover';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

let serial = 0;
/** A fresh mobile, local form and E.164. */
function newMobile() {
  const local = `0937${String(3000000 + ++serial)}`;
  return { local, e164: `+98${local.slice(1)}` };
}
let ipSerial = 0;
const newIp = () => `5.162.${Math.floor(++ipSerial / 250)}.${ipSerial % 250}`;

function fileFor(mobile: string, fields: Record<string, string> = {}) {
  return fileFeedback(db(), { kind: 'complaint', provinceId: 'ir-09', body: 'مستمری ماه گذشته هنوز واریز نشده است.', mobile, consent: 'on', ...fields });
}

async function opens(code: string, jar: CookieJar): Promise<boolean> {
  const response = await run(() => trackCode.loader(routeArgs(getRequest(`/track/${code}`, jar), { code })));
  return ((await response.json()) as { item: unknown }).item != null;
}

const json = async (response: Response) => (await response.json()) as RecoverAnswer;

beforeEach(() => resetRecoveryLimitsForTests());

describe('recovering lost codes', () => {
  it('happy path: the SMS code shows the mobile’s items, which then open in this browser without retyping', async () => {
    const mobile = newMobile();
    const first = fileFor(mobile.local);
    const second = fileFor(mobile.local, { kind: 'suggestion' });
    const someoneElse = fileFor(newMobile().local);
    const jar = new CookieJar();
    expect(await opens(first.trackingCode, jar)).toBe(false);

    const asked = await askCode(mobile.local, jar, newIp());
    expect(asked.status).toBe(302);
    expect(asked.headers.get('Location')).toBe('/track/recover?step=code');
    expect(recoverySmsCount(mobile.e164)).toBe(1);
    const otp = lastSmsCode(mobile.e164)!;
    expect(otp).toMatch(/^\d{6}$/);
    // Only a hash is stored.
    const row = db().select().from(recoveryCodes).where(eq(recoveryCodes.mobile, mobile.e164)).get()!;
    expect(row.codeHash).not.toContain(otp);

    const done = await typeCode(otp, jar, newIp());
    expect(done.status).toBe(200);
    const answer = await json(done);
    expect(answer.step).toBe('done');
    expect(answer.items!.map((i) => i.trackingCode).sort()).toEqual([first.trackingCode, second.trackingCode].sort());
    expect(await opens(first.trackingCode, jar)).toBe(true);
    expect(await opens(second.trackingCode, jar)).toBe(true);
    expect(await opens(someoneElse.trackingCode, jar)).toBe(false);
  });

  it('answers a mobile without items exactly as one with items, and sends it no SMS', async () => {
    const withItems = newMobile();
    fileFor(withItems.local);
    const without = newMobile();
    const a = await askCode(withItems.local, new CookieJar(), newIp());
    const b = await askCode(without.local, new CookieJar(), newIp());
    expect(b.status).toBe(a.status);
    expect(b.headers.get('Location')).toBe(a.headers.get('Location'));
    expect([...b.headers.keys()].sort()).toEqual([...a.headers.keys()].sort());
    expect(await b.text()).toBe(await a.text());
    expect(recoverySmsCount(without.e164)).toBe(0);
    // A code row is stored all the same, so typing a code answers the same way too.
    expect(db().select().from(recoveryCodes).where(eq(recoveryCodes.mobile, without.e164)).all()).toHaveLength(1);
  });

  it('refuses an expired code with its field message', async () => {
    const mobile = newMobile();
    fileFor(mobile.local);
    const jar = new CookieJar();
    await askCode(mobile.local, jar, newIp());
    db().update(recoveryCodes).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(recoveryCodes.mobile, mobile.e164)).run();
    const refused = await typeCode(lastSmsCode(mobile.e164)!, jar, newIp());
    expect(refused.status).toBe(400);
    expect((await json(refused)).errors).toEqual({ otp: 'recover.errors.otpExpired' });
  });

  it(`kills the code after ${OTP_MAX_TRIES} wrong tries: even the right one no longer opens anything`, async () => {
    const mobile = newMobile();
    const item = fileFor(mobile.local);
    const jar = new CookieJar();
    await askCode(mobile.local, jar, newIp());
    const otp = lastSmsCode(mobile.e164)!;
    const wrong = otp === '000000' ? '111111' : '000000';
    for (let i = 1; i < OTP_MAX_TRIES; i++) expect((await json(await typeCode(wrong, jar, newIp()))).errors).toEqual({ otp: 'recover.errors.otpWrong' });
    expect((await json(await typeCode(wrong, jar, newIp()))).errors).toEqual({ otp: 'recover.errors.otpDead' });
    const late = await typeCode(otp, jar, newIp());
    expect((await json(late)).errors).toEqual({ otp: 'recover.errors.otpDead' });
    expect(await opens(item.trackingCode, jar)).toBe(false);
  });

  it('refuses a used code typed again (replay), in the same browser or another', async () => {
    const mobile = newMobile();
    fileFor(mobile.local);
    const jar = new CookieJar();
    await askCode(mobile.local, jar, newIp());
    const otp = lastSmsCode(mobile.e164)!;
    // The session cookie of the moment before the code was typed, as an attacker who copied it would keep it.
    const copy = new CookieJar();
    copy.take(new Response(null, { headers: { 'Set-Cookie': `${jar.header()}; Path=/` } }));
    expect((await typeCode(otp, jar, newIp())).status).toBe(200);
    expect((await json(await typeCode(otp, copy, newIp()))).errors).toEqual({ otp: 'recover.errors.otpUsed' });
    expect((await json(await typeCode(otp, new CookieJar(), newIp(), { csrf: '' }))).errors).toEqual({ form: 'errors.citizen_csrf' });
  });

  it('takes the mobile and the code in Persian or Arabic digits, with spaces', async () => {
    const mobile = newMobile();
    const item = fileFor(mobile.local);
    const jar = new CookieJar();
    expect((await askCode(toPersian(mobile.local), jar, newIp())).status).toBe(302);
    const otp = lastSmsCode(mobile.e164)!;
    const done = await json(await typeCode(` ${toPersian(otp.slice(0, 3))} ${toArabic(otp.slice(3))} `, jar, newIp()));
    expect(done.items!.map((i) => i.trackingCode)).toEqual([item.trackingCode]);
  });

  it('never lists anonymous items, items whose contact data was erased, or items closed long ago', async () => {
    const mobile = newMobile();
    // An anonymous item keeps no mobile (decided: it cannot be recovered by mobile; the page says so).
    const anonymous = fileFor(mobile.local, { anonymous: 'on' });
    expect(anonymous.mobile).toBeNull();
    const erased = fileFor(mobile.local);
    db().update(items).set({ contactErasedAt: new Date() }).where(eq(items.id, erased.id)).run();
    const old = fileFor(mobile.local);
    db().update(items).set({ state: 'closed', closedAt: new Date(Date.now() - 100 * 24 * 60 * 60_000) }).where(eq(items.id, old.id)).run();
    const recent = fileFor(mobile.local);
    const user = db().select().from(staffUsers).where(eq(staffUsers.username, 'officer.ir-09')).get()!;
    const officer = { role: 'province_officer' as const, provinceId: user.provinceId, staffId: user.id };
    expect(transition(db(), recent.id, 'accept', officer, {}).ok).toBe(true);
    expect(transition(db(), recent.id, 'answer', officer, { publicMessage: 'واریز شد.' }).ok).toBe(true);
    expect(transition(db(), recent.id, 'confirm', { role: 'citizen' }, { rating: 5 }).ok).toBe(true);

    const jar = new CookieJar();
    await askCode(mobile.local, jar, newIp());
    const done = await json(await typeCode(lastSmsCode(mobile.e164)!, jar, newIp()));
    expect(done.items!.map((i) => i.trackingCode)).toEqual([recent.trackingCode]);
    expect(done.items![0]!.state).toBe('closed');
  });

  it('a mobile whose only item is anonymous gets no SMS (and the same page)', async () => {
    const mobile = newMobile();
    fileFor(mobile.local, { anonymous: 'on' });
    const response = await askCode(mobile.local, new CookieJar(), newIp());
    expect(response.status).toBe(302);
    expect(recoverySmsCount(mobile.e164)).toBe(0);
  });
});

describe('limits', () => {
  it(`gives one mobile at most ${CODES_PER_MOBILE} codes an hour, whatever the address, whether or not it has items`, async () => {
    for (const [mobile, hasItems] of [[newMobile(), true], [newMobile(), false]] as const) {
      if (hasItems) fileFor(mobile.local);
      for (let i = 0; i < CODES_PER_MOBILE; i++) expect((await askCode(mobile.local, new CookieJar(), newIp())).status).toBe(302);
      const refused = await askCode(mobile.local, new CookieJar(), newIp());
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
      const answer = await json(refused);
      expect(answer.errors).toEqual({ mobile: 'recover.errors.mobileLimited' });
      expect(answer.values.mobile).toBe(mobile.local);
    }
  });

  it(`takes at most ${REQUESTS_PER_ADDRESS} code requests from one address in its window`, async () => {
    const ip = newIp();
    for (let i = 0; i < REQUESTS_PER_ADDRESS; i++) expect((await askCode(newMobile().local, new CookieJar(), ip)).status).toBe(302);
    const refused = await askCode(newMobile().local, new CookieJar(), ip);
    expect(refused.status).toBe(429);
    expect((await json(refused)).errors).toEqual({ form: 'recover.errors.rateLimited' });
    expect((await askCode(newMobile().local, new CookieJar(), newIp())).status).toBe(302);
  });

  it(`takes at most ${GUESSES_PER_ADDRESS} typed codes from one address, spread over many tickets`, async () => {
    const ip = newIp();
    let typed = 0;
    while (typed < GUESSES_PER_ADDRESS) {
      const jar = new CookieJar();
      await askCode(newMobile().local, jar, newIp());
      for (let i = 0; i < OTP_MAX_TRIES - 1 && typed < GUESSES_PER_ADDRESS; i++, typed++) expect((await typeCode('123456', jar, ip)).status).toBe(400);
    }
    const jar = new CookieJar();
    const mobile = newMobile();
    fileFor(mobile.local);
    await askCode(mobile.local, jar, newIp());
    const refused = await typeCode(lastSmsCode(mobile.e164)!, jar, ip);
    expect(refused.status).toBe(429);
    expect((await json(refused)).errors).toEqual({ form: 'recover.errors.rateLimited' });
  });
});

describe('the form’s field messages', () => {
  it('refuses an empty or wrong mobile and a missing answer, keeping what was typed', async () => {
    expect((await json(await askCode('', new CookieJar(), newIp()))).errors).toEqual({ mobile: 'errors.mobile_required' });
    const wrong = await json(await askCode('۰۲۱۸۸۸۸', new CookieJar(), newIp()));
    expect(wrong.errors).toEqual({ mobile: 'errors.mobile_invalid' });
    expect(wrong.values.mobile).toBe('۰۲۱۸۸۸۸');
    expect(wrong.challenge?.token).toBeTruthy();
    const unanswered = await json(await askCode(newMobile().local, new CookieJar(), newIp(), { challenge: '', challengeAnswer: '' }));
    expect(unanswered.errors).toEqual({ challengeAnswer: 'errors.challenge_required' });
  });

  it('refuses a code that is not six digits without spending a try', async () => {
    const mobile = newMobile();
    fileFor(mobile.local);
    const jar = new CookieJar();
    await askCode(mobile.local, jar, newIp());
    expect((await json(await typeCode('', jar, newIp()))).errors).toEqual({ otp: 'recover.errors.otpRequired' });
    expect((await json(await typeCode('12ab', jar, newIp()))).errors).toEqual({ otp: 'recover.errors.otpFormat' });
    expect(db().select().from(recoveryCodes).where(eq(recoveryCodes.mobile, mobile.e164)).get()!.attempts).toBe(0);
  });

  it('a browser that asked for no code is told to start again', async () => {
    const jar = new CookieJar();
    const { codeStepCsrf } = await import('../support/recover');
    // Without a ticket the code step is the mobile step.
    expect(await codeStepCsrf(jar)).toBe('');
    const refused = await typeCode('123456', jar, newIp(), { csrf: '' });
    expect(refused.status).toBe(403);
  });
});

describe('what is kept', () => {
  it('forgets old codes and the number and text of recovery SMS a day after they are done with', async () => {
    const mobile = newMobile();
    fileFor(mobile.local);
    await askCode(mobile.local, new CookieJar(), newIp());
    const dayAgo = new Date(Date.now() - 25 * 60 * 60_000);
    db().update(recoveryCodes).set({ expiresAt: dayAgo }).where(eq(recoveryCodes.mobile, mobile.e164)).run();
    db().update(outbox).set({ createdAt: dayAgo, status: 'sent' }).where(eq(outbox.recipient, mobile.e164)).run();
    // The next request of anyone clears them.
    await askCode(newMobile().local, new CookieJar(), newIp());
    expect(db().select().from(recoveryCodes).where(eq(recoveryCodes.mobile, mobile.e164)).all()).toHaveLength(0);
    expect(recoverySmsCount(mobile.e164)).toBe(0);
  });
});
