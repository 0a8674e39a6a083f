/** The pure rules of staff sign-in: the progressive delay's schedule and the code field of the second factor. */
import { describe, expect, it } from 'vitest';
import { ACCOUNT_POLICY, ADDRESS_POLICY, delaySeconds } from '~/domain/login-throttle';
import { parseSecondFactorCode, secondFactorRequired, totpStep } from '~/domain/two-factor';

describe('the progressive delay', () => {
  it('lets four failures on a name pass, then waits 10 s, doubling up to 15 minutes', () => {
    expect([1, 2, 3, 4].map((n) => delaySeconds(ACCOUNT_POLICY, n))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8].map((n) => delaySeconds(ACCOUNT_POLICY, n))).toEqual([10, 20, 40, 80]);
    expect(delaySeconds(ACCOUNT_POLICY, 12)).toBe(900);
    expect(delaySeconds(ACCOUNT_POLICY, 10_000)).toBe(900);
  });

  it('gives an address 30 free failures', () => {
    expect(delaySeconds(ADDRESS_POLICY, 30)).toBe(0);
    expect(delaySeconds(ADDRESS_POLICY, 31)).toBe(10);
  });
});

describe('the code field', () => {
  it('reads six digits in Persian or Latin digits, with spaces', () => {
    expect(parseSecondFactorCode('۱۲۳ ۴۵۶')).toEqual({ kind: 'totp', code: '123456' });
    expect(parseSecondFactorCode(' 123456 ')).toEqual({ kind: 'totp', code: '123456' });
  });

  it('reads a recovery code with or without its dash, in any case', () => {
    expect(parseSecondFactorCode('ABCDE-FGHJK')).toEqual({ kind: 'recovery', code: 'abcdefghjk' });
    expect(parseSecondFactorCode('abcdefghjk')).toEqual({ kind: 'recovery', code: 'abcdefghjk' });
  });

  it('refuses anything else', () => {
    for (const bad of ['', '12345', '1234567', 'abc', '12345a', null, 42]) expect(parseSecondFactorCode(bad)).toBeNull();
  });

  it('is required for admins and national supervisors only', () => {
    expect(secondFactorRequired('admin')).toBe(true);
    expect(secondFactorRequired('national_supervisor')).toBe(true);
    expect(secondFactorRequired('province_officer')).toBe(false);
    expect(secondFactorRequired('call_center_agent')).toBe(false);
  });

  it('counts 30-second steps', () => {
    expect(totpStep(new Date(59_000))).toBe(1);
    expect(totpStep(new Date(60_000))).toBe(2);
  });
});
