/**
 * Someone who knows a tracking code must not lock its owner out without ever testing a mobile: after a few wrong
 * mobiles the code needs the arithmetic question, and tries that do not answer it (or answer it wrongly) never reach
 * the mobile check, so they do not count toward the code's lock. Real actions, real SQLite.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { centers } from '../../db/schema';
import { CODE_FAILURES_BEFORE_QUESTION, CODE_FAILURE_CEILING } from '~/domain/lookup-guard';
import * as feedbackNew from '~/routes/feedback.new';
import * as trackIndex from '~/routes/track._index';
import { limits } from '~/services/rate-limit.server';
import { CookieJar, postForm, run } from '../support/http';
import { useTestDatabase } from '../support/test-db';
import { codeOf } from '../support/tracking-page';

const { db } = useTestDatabase();

type Challenge = { a: number; b: number; token: string } | null;
interface Answer {
  errors: Record<string, string>;
  challenge: Challenge;
}

async function submitItem(): Promise<{ code: string; mobile: string }> {
  const centerId = String(db().select({ id: centers.id }).from(centers).where(eq(centers.provinceId, 'ir-09')).get()!.id);
  const mobile = '09365550101';
  const form = { kind: 'complaint', centerId, provinceId: '', serviceId: '', subject: 'نوبت', body: 'نوبت غربالگری بینایی کودکان دو بار لغو شد.', name: '', mobile, email: '', nationalCode: '', consent: 'on', website: '' };
  const response = await run(() => feedbackNew.action({ request: postForm('/feedback/new', form), params: {}, context: {} }));
  return { code: codeOf(response), mobile };
}

const lookUp = async (fields: Record<string, string>, clientIp: string, jar = new CookieJar()) =>
  jar.take(await run(() => trackIndex.action({ request: postForm('/track', fields, jar), params: {}, context: { clientIp } })));
const answered = (challenge: Challenge) => ({ challenge: challenge!.token, challengeAnswer: String(challenge!.a + challenge!.b) });

beforeEach(() => {
  limits.trackingFailures.reset();
  limits.trackingCodeFailures.reset();
});

describe('the code lock is reached only by tested mobiles', () => {
  it('3 wrong mobiles and 20 tries without (or with a wrong) answer from many addresses leave the owner able to get in', async () => {
    const target = await submitItem();
    for (let i = 0; i < CODE_FAILURES_BEFORE_QUESTION; i++) {
      expect((await lookUp({ code: target.code, mobile: `0912${String(4000000 + i)}` }, `100.66.0.${i + 1}`)).status).toBe(404);
    }
    for (let i = 0; i < CODE_FAILURE_CEILING * 2; i++) {
      const tries: Record<string, string> = i % 2 === 0 ? { code: target.code, mobile: `0912${String(5000000 + i)}` } : { code: target.code, mobile: `0912${String(5000000 + i)}`, challenge: 'forged', challengeAnswer: '7' };
      const response = await lookUp(tries, `100.66.1.${i + 1}`);
      expect(response.status, `unanswered try ${i + 1}`).toBe(400);
    }
    const asked = (await (await lookUp({ code: target.code, mobile: target.mobile }, '100.66.2.1')).json()) as Answer;
    expect(asked.errors).toEqual({ challengeAnswer: 'errors.challenge_required' });
    const owner = await lookUp({ code: target.code, mobile: target.mobile, ...answered(asked.challenge) }, '100.66.2.1');
    expect(owner.status).toBe(302);
    expect(owner.headers.get('Location')).toBe(`/track/${target.code}`);
  });
});
