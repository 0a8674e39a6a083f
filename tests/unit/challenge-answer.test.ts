import { describe, expect, it } from 'vitest';
import { createChallenge, verifyChallenge } from '~/domain/challenge';
import { checkChallengeAnswer } from '~/domain/challenge-answer';

describe('checkChallengeAnswer (run in the browser and on the server)', () => {
  it('takes the sum in Latin, Persian or Arabic-Indic digits, with spaces around', () => {
    for (const typed of ['17', '۱۷', '١٧', ' 17 ']) expect(checkChallengeAnswer(9, 8, typed)).toBeNull();
  });

  it('says "missing" for nothing typed and "wrong" for anything but the sum', () => {
    expect(checkChallengeAnswer(9, 8, '')).toBe('missing');
    expect(checkChallengeAnswer(9, 8, undefined)).toBe('missing');
    for (const typed of ['18', '17x', '9+8', '0017', '1.7e1']) expect(checkChallengeAnswer(9, 8, typed)).toBe('wrong');
  });

  it('agrees with the server check, which also verifies the signature', () => {
    const challenge = createChallenge('secret');
    const sum = String(challenge.a + challenge.b);
    expect(checkChallengeAnswer(challenge.a, challenge.b, sum)).toBeNull();
    expect(verifyChallenge(challenge.token, sum, 'secret').ok).toBe(true);
    expect(verifyChallenge(challenge.token, String(challenge.a + challenge.b + 1), 'secret')).toEqual({ ok: false, reason: 'wrong' });
  });
});
