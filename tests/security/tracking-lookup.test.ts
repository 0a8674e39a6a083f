/**
 * Guessing tracking codes behind a shared address (CGNAT, as on Iran's mobile carriers): failures from one address
 * make every look-up from it answer the arithmetic question, but never lock out a neighbour with the right code and
 * mobile; failures per code stop a guesser spread over many addresses; a flood from one address is refused outright.
 * Real actions, real SQLite.
 */
import { eq } from 'drizzle-orm';
import { randomInt } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { centers, items } from '../../db/schema';
import { ADDRESS_FAILURE_CEILING, ADDRESS_FAILURES_BEFORE_QUESTION, CODE_FAILURE_CEILING } from '~/domain/lookup-guard';
import { generateTrackingCode } from '~/domain/tracking-code';
import * as feedbackNew from '~/routes/feedback.new';
import * as trackIndex from '~/routes/track._index';
import { limits } from '~/services/rate-limit.server';
import fa from '../../locales/fa/common.json';
import { CookieJar, postForm, run } from '../support/http';
import { useTestDatabase } from '../support/test-db';
import { codeOf } from '../support/tracking-page';

const { db } = useTestDatabase();

interface Answer {
  errors: Record<string, string>;
  values: Record<string, string>;
  challenge: { a: number; b: number; token: string } | null;
}

let serial = 0;
async function submitItem(): Promise<{ code: string; mobile: string }> {
  const centerId = String(db().select({ id: centers.id }).from(centers).where(eq(centers.provinceId, 'ir-09')).get()!.id);
  const mobile = `0936${String(2000000 + ++serial)}`;
  const form = { kind: 'complaint', centerId, provinceId: '', serviceId: '', subject: 'نوبت', body: 'نوبت غربالگری بینایی کودکان دو بار لغو شد.', name: '', mobile, email: '', nationalCode: '', consent: 'on', website: '' };
  const response = await run(() => feedbackNew.action({ request: postForm('/feedback/new', form), params: {}, context: {} }));
  return { code: codeOf(response), mobile };
}

function unusedCode(): string {
  for (;;) {
    const code = generateTrackingCode(randomInt);
    if (!db().select().from(items).where(eq(items.trackingCode, code)).get()) return code;
  }
}

const lookUp = async (fields: Record<string, string>, clientIp: string, jar = new CookieJar()) =>
  jar.take(await run(() => trackIndex.action({ request: postForm('/track', fields, jar), params: {}, context: { clientIp } })));

/** The question a refusal brought, answered (in Persian digits, as a citizen may type it). */
const answered = (challenge: Answer['challenge']) => ({ challenge: challenge!.token, challengeAnswer: String(challenge!.a + challenge!.b).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!) });

beforeEach(() => {
  limits.trackingFailures.reset();
  limits.trackingCodeFailures.reset();
});

describe('failed look-ups from one shared address', () => {
  let mine = { code: '', mobile: '' };
  beforeAll(async () => {
    mine = await submitItem();
  });

  it('a guesser trying many codes from one address must answer a question each time, and is refused outright at the flood ceiling', async () => {
    const IP = '5.160.0.1';
    for (let i = 0; i < ADDRESS_FAILURES_BEFORE_QUESTION; i++) expect((await lookUp({ code: unusedCode(), mobile: '09121234567' }, IP)).status).toBe(404);
    // Now a guess without an answer is not even looked at: the question comes back, with what was typed.
    const asked = await lookUp({ code: unusedCode(), mobile: '09121234567' }, IP);
    expect(asked.status).toBe(400);
    const data = (await asked.json()) as Answer;
    expect(data.errors).toEqual({ challengeAnswer: 'errors.challenge_required' });
    expect(data.values.mobile).toBe('09121234567');
    expect(data.challenge?.token).toBeTruthy();
    // A wrong answer, a forged token and a replayed answer get nowhere either.
    expect(((await (await lookUp({ code: unusedCode(), mobile: '', challenge: data.challenge!.token, challengeAnswer: '99' }, IP)).json()) as Answer).errors).toEqual({ challengeAnswer: 'errors.challenge_wrong' });
    expect(((await (await lookUp({ code: unusedCode(), mobile: '', challenge: `${data.challenge!.token}x`, challengeAnswer: '2' }, IP)).json()) as Answer).errors).toEqual({ challengeAnswer: 'errors.challenge_expired' });
    let challenge = data.challenge;
    const once = answered(challenge);
    const first = (await (await lookUp({ code: unusedCode(), mobile: '', ...once }, IP)).json()) as Answer;
    expect(first.errors).toEqual({ form: 'track.notFound' });
    expect(((await (await lookUp({ code: unusedCode(), mobile: '', ...once }, IP)).json()) as Answer).errors).toEqual({ challengeAnswer: 'errors.challenge_expired' });
    challenge = first.challenge;
    // Answering every question still ends at the ceiling: then even the right code and mobile are refused with 429
    // (no question is offered any more), so the limit never tells a guesser when they hit.
    for (let i = ADDRESS_FAILURES_BEFORE_QUESTION + 1; i < ADDRESS_FAILURE_CEILING; i++) {
      const response = await lookUp({ code: unusedCode(), mobile: '', ...answered(challenge) }, IP);
      expect(response.status, `failure ${i + 1}`).toBe(404);
      challenge = ((await response.json()) as Answer).challenge;
    }
    expect(challenge).toBeNull();
    const blocked = await lookUp({ code: mine.code, mobile: mine.mobile }, IP);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(((await blocked.json()) as Answer).errors).toEqual({ form: 'track.rateLimited' });
    expect(blocked.headers.getSetCookie()).toEqual([]);
  });

  it('a neighbour behind the same address with the right code and mobile gets through by answering the question', async () => {
    const IP = '5.160.0.2';
    for (let i = 0; i < ADDRESS_FAILURES_BEFORE_QUESTION + 5; i++) {
      // Someone else's typos (and then unanswered tries) from the same carrier address.
      const response = await lookUp({ code: unusedCode(), mobile: '09121234567' }, IP);
      expect(response.status).toBe(i < ADDRESS_FAILURES_BEFORE_QUESTION ? 404 : 400);
    }
    // The neighbour opens the form: it already carries the question, and says why.
    const form = (await (await trackIndex.loader({ request: new Request('http://localhost:3000/track'), params: {}, context: { clientIp: IP } })).json()) as { challenge: Answer['challenge'] };
    expect(form.challenge).not.toBeNull();
    expect(fa.track.questionWhy).toMatch(/[\u0600-\u06FF]/);
    const jar = new CookieJar();
    const response = await lookUp({ code: mine.code, mobile: mine.mobile, ...answered(form.challenge) }, IP, jar);
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`/track/${mine.code}`);
    expect(jar.header()).toContain('__citizen=');
  });

  it('another address is not asked anything', async () => {
    for (let i = 0; i < ADDRESS_FAILURES_BEFORE_QUESTION; i++) await lookUp({ code: unusedCode(), mobile: '' }, '5.160.0.3');
    expect((await lookUp({ code: mine.code, mobile: mine.mobile }, '5.160.0.4')).status).toBe(302);
  });
});

describe('a guesser spread over many addresses, aiming at one code', () => {
  it('is asked the question, then the code is locked, even for the right mobile, from any address', async () => {
    const target = await submitItem();
    const address = (i: number) => `100.64.${Math.floor(i / 250)}.${(i % 250) + 1}`;
    let challenge: Answer['challenge'] = null;
    for (let i = 0; i < CODE_FAILURE_CEILING; i++) {
      const guess = { code: target.code, mobile: `0912${String(1000000 + i)}`, ...(challenge ? answered(challenge) : {}) };
      const response = await lookUp(guess, address(i));
      expect(response.status, `guess ${i + 1}`).toBe(404);
      challenge = ((await response.json()) as Answer).challenge;
    }
    // Even the right mobile, from a fresh address with an answered question, does not tell the guesser they hit.
    const fresh = (await (await lookUp({ code: target.code, mobile: '' }, '100.64.9.9')).json()) as Answer;
    expect(fresh.errors).toEqual({ form: 'track.codeLocked' });
    const right = await lookUp({ code: target.code, mobile: target.mobile, ...(fresh.challenge ? answered(fresh.challenge) : {}) }, address(999));
    expect(right.status).toBe(429);
    expect(right.headers.getSetCookie()).toEqual([]);
    expect(((await right.json()) as Answer).errors).toEqual({ form: 'track.codeLocked' });
    expect(fa.track.codeLocked).toContain('۱۴۸۲');
    // Other codes are not affected.
    const other = await submitItem();
    expect((await lookUp({ code: other.code, mobile: other.mobile }, address(3))).status).toBe(302);
  });

  it('after a few failures on one code, its next look-up needs the question whatever the address', async () => {
    const target = await submitItem();
    for (let i = 0; i < 3; i++) await lookUp({ code: target.code, mobile: `0912${String(3000000 + i)}` }, `100.65.0.${i + 1}`);
    const asked = await lookUp({ code: target.code, mobile: target.mobile }, '100.65.1.1');
    expect(asked.status).toBe(400);
    const data = (await asked.json()) as Answer;
    expect(data.errors).toEqual({ challengeAnswer: 'errors.challenge_required' });
    expect((await lookUp({ code: target.code, mobile: target.mobile, ...answered(data.challenge) }, '100.65.1.1')).status).toBe(302);
  });
});
