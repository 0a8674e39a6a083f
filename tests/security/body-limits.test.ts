/**
 * Request bodies that try to exhaust the server's memory (outside review, finding 1): enormous bodies, bodies cut into
 * thousands of parts, one huge field, a flood past the rate limit. Every reader stops as soon as a limit is passed and
 * answers 413: each test counts the bytes the server actually pulled from a body produced as it is read. Real
 * actions, real SQLite (the real production server under parallel load is tests/security/body-exhaustion.test.ts).
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { items } from '../../db/schema';
import { MAX_ATTACHMENT_BYTES } from '~/domain/attachments';
import { MAX_FORM_BYTES, MAX_SUBMISSION_BYTES } from '~/domain/body-limits';
import * as feedbackNew from '~/routes/feedback.new';
import * as staffItemsNew from '~/routes/staff.items.new';
import * as staffLogin from '~/routes/staff.login';
import * as trackCode from '~/routes/track.$code';
import { limits } from '~/services/rate-limit.server';
import en from '../../locales/en/common.json';
import fa from '../../locales/fa/common.json';
import { BASE, CookieJar, postForm, routeArgs, run, solvedChallenge } from '../support/http';
import { csrfOf, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';
import { codeOf } from '../support/tracking-page';
import { BOUNDARY, counted, MB, multipartChunks, repeat, type CountedBody, type Part } from './support/bodies';

const { db } = useTestDatabase();

const itemCount = () => db().select({ n: sql<number>`count(*)` }).from(items).get()!.n;

/** A POST whose body is produced as the server reads it. */
function streamed(path: string, body: CountedBody, headers: Record<string, string> = {}, jar?: CookieJar): Request {
  return new Request(BASE + path, {
    method: 'POST',
    headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, ...(jar ? { Cookie: jar.header() } : {}), ...headers },
    body: body.body,
    duplex: 'half',
  } as RequestInit);
}

const textParts = (count: number, size: number) => repeat(count, (i): Part => ({ name: `f${i}`, content: size }));

/** Everything the server may read of a refused body: the limit and one more piece of it. */
const SLACK = 128 * 1024;

describe('the submission form (/feedback/new), without an account', () => {
  const post = (body: CountedBody, headers?: Record<string, string>, clientIp?: string) =>
    run(() => feedbackNew.action({ request: streamed('/feedback/new', body, headers), params: {}, context: clientIp ? { clientIp } : {} }));

  async function expectRefused(body: CountedBody, readAtMost: number, headers?: Record<string, string>) {
    const before = itemCount();
    const response = await post(body, headers);
    expect(response.status).toBe(413);
    const data = await response.json();
    expect(data.errors).toEqual({ form: 'errors.body_too_large' });
    expect(body.pulled()).toBeLessThanOrEqual(readAtMost);
    expect(itemCount()).toBe(before);
  }

  it('195 MB of 65 KB text fields: refused once the form’s text passes 1 MB, the rest never read', async () => {
    await expectRefused(counted(multipartChunks(textParts(3000, 65 * 1024))), MAX_FORM_BYTES + SLACK);
    expect(fa.errors.body_too_large).toMatch(/[\u0600-\u06FF]/);
    expect(en.errors.body_too_large).toMatch(/larger than allowed/);
  });

  it('100,000 tiny fields: refused after a few hundred', async () => {
    await expectRefused(counted(multipartChunks(textParts(100_000, 1))), 64 * 1024);
  });

  it('one text field over 1 MB: refused as soon as it passes the form’s limit', async () => {
    await expectRefused(counted(multipartChunks([{ name: 'body', content: 100 * MB }])), MAX_FORM_BYTES + SLACK);
  });

  it('one text field of 200 KB, too long but within the form’s limit: the field’s own message, the rest kept', async () => {
    const response = await post(counted(multipartChunks([{ name: 'subject', content: 'موضوع' }, { name: 'body', content: 200 * 1024 }])));
    expect(response.status).toBe(400);
    const data = await response.json();
    expect(data.errors.body).toBe('errors.body_too_long');
    expect(data.values.subject).toBe('موضوع');
  });

  it('thousands of (empty) file parts: refused after a few', async () => {
    await expectRefused(counted(multipartChunks(repeat(10_000, (i): Part => ({ name: 'attachments', filename: `${i}.png`, content: '' })))), 64 * 1024);
  });

  it('one 200 MB file: refused once the body passes the largest legitimate submission', async () => {
    await expectRefused(counted(multipartChunks([{ name: 'attachments', filename: 'huge.png', content: 200 * MB }])), MAX_SUBMISSION_BYTES + SLACK);
  });

  it('a declared Content-Length over the limit: refused before reading anything', async () => {
    await expectRefused(counted(multipartChunks(textParts(10, 10))), 0, { 'Content-Length': String(MAX_SUBMISSION_BYTES + 1) });
  });

  it('a file just over 5 MB is still "too large" beside the form, with the text kept', async () => {
    const { challenge, challengeAnswer } = solvedChallenge();
    const response = await post(
      counted(
        multipartChunks([
          { name: 'kind', content: 'complaint' },
          { name: 'subject', content: 'عکس بزرگ' },
          { name: 'challenge', content: challenge },
          { name: 'challengeAnswer', content: challengeAnswer },
          { name: 'attachments', filename: 'big.png', content: MAX_ATTACHMENT_BYTES + 1 },
        ]),
      ),
    );
    expect(response.status).toBe(400);
    const data = await response.json();
    expect(data.errors.attachments).toBe('errors.attachment_too_large');
    expect(data.values.subject).toBe('عکس بزرگ');
  });

  it('past the post limit, a body is refused with 429 before a byte of it is read', async () => {
    const IP = '203.0.113.99';
    limits.feedbackPosts.reset();
    for (let i = 0; i < 20; i++) await post(counted(multipartChunks([{ name: 'kind', content: 'complaint' }])), undefined, IP);
    const body = counted(multipartChunks(textParts(3000, 65 * 1024)));
    const response = await post(body, undefined, IP);
    expect(response.status).toBe(429);
    expect(body.pulled()).toBe(0);
    limits.feedbackPosts.reset();
  });
});

describe('forms read with readFormData', () => {
  it('the staff sign-in form (no account needed): 100,000 url-encoded fields in under 1 MB are refused with 413', async () => {
    const request = postForm('/staff/login', Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`f${i}`, ''])));
    expect((await run(() => staffLogin.action(routeArgs(request)))).status).toBe(413);
  });

  it('the staff sign-in form sent as multipart: many parts are refused as they stream in', async () => {
    const body = counted(multipartChunks(textParts(100_000, 1)));
    expect((await run(() => staffLogin.action(routeArgs(streamed('/staff/login', body))))).status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(64 * 1024);
  });

  it('a citizen’s actions on their tracking page (/track/:code): 195 MB of parts is refused after 1 MB', async () => {
    const jar = new CookieJar();
    const fields = { kind: 'complaint', provinceId: 'ir-09', subject: 'آزمون', body: 'متنی به اندازه کافی بلند برای پذیرفته شدن در فرم.', name: '', mobile: '09351234567', email: '', nationalCode: '', consent: 'on', website: '' };
    const code = codeOf(jar.take(await run(() => feedbackNew.action({ request: postForm('/feedback/new', fields, jar), params: {}, context: {} }))));
    const body = counted(multipartChunks(textParts(3000, 65 * 1024)));
    const response = await run(() => trackCode.action(routeArgs(streamed(`/track/${code}`, body, {}, jar), { code })));
    expect(response.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(MAX_FORM_BYTES + SLACK);
  });

  it('staff entry (/staff/items/new): many parts and one huge file are refused as they stream in', async () => {
    const jar = await signInAs('agent');
    const csrf = await csrfOf(jar);
    for (const parts of [
      [{ name: 'csrf', content: csrf }, ...textParts(100_000, 1)],
      [{ name: 'csrf', content: csrf }, { name: 'x', filename: 'x.bin', content: 200 * MB }],
    ]) {
      const body = counted(multipartChunks(parts));
      const response = await run(() => staffItemsNew.action(routeArgs(streamed('/staff/items/new', body, {}, jar))));
      expect(response.status).toBe(413);
      expect(body.pulled()).toBeLessThanOrEqual(MAX_FORM_BYTES + SLACK);
    }
  });
});
