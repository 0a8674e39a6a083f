/**
 * Don't read what you will refuse: a POST to the Open311 API with a missing or wrong key, or beyond its key's rate
 * limit, is refused before its body is read, in the spec's error format. The body is a stream that counts what the
 * server pulls from it, so "not read" is measured, not assumed.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { items } from '../../db/schema';
import { createApiKey, revokeApiKey } from '~/models/api-keys.server';
import { OPEN311_BODY_MAX, open311Limits } from '~/services/open311.server';
import * as collection from '~/routes/api.open311.v2.$resource';
import { BASE, run } from '../support/http';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const BOUNDARY = '----didehban-test-boundary';
const CHUNK = 64 * 1024;

/**
 * A multipart body of `totalBytes`: the form fields first, then one big file part, produced chunk by chunk as it is
 * pulled. `pulled()` tells how many bytes the server has taken.
 */
function streamingBody(fields: Record<string, string>, totalBytes: number) {
  const encoder = new TextEncoder();
  const head = encoder.encode(
    Object.entries(fields)
      .map(([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join('') + `--${BOUNDARY}\r\nContent-Disposition: form-data; name="media"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = encoder.encode(`\r\n--${BOUNDARY}--\r\n`);
  let sent = 0;
  let headSent = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!headSent) {
        headSent = true;
        sent += head.length;
        controller.enqueue(head);
        return;
      }
      const left = totalBytes - sent - tail.length;
      if (left <= 0) {
        sent += tail.length;
        controller.enqueue(tail);
        controller.close();
        return;
      }
      const size = Math.min(CHUNK, left);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
    // Nothing is produced ahead of a read: what was pulled is what the server read.
  }, { highWaterMark: 0 });
  return { stream, pulled: () => sent };
}

function post(body: ReturnType<typeof streamingBody>, headers: Record<string, string> = {}, format = 'json'): Promise<Response> {
  const request = new Request(`${BASE}/api/open311/v2/requests.${format}`, {
    method: 'POST',
    headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
    body: body.stream,
    duplex: 'half',
  } as RequestInit);
  return run(() => (collection as unknown as { action: (a: unknown) => Promise<Response> }).action({ request, params: { resource: `requests.${format}` }, context: {} }));
}

const FIELDS = {
  service_code: 'social-work',
  'attribute[kind]': 'complaint',
  description: 'نوبت بازدید منزل پدرم سه هفته است انجام نشده و کسی پاسخ نمی‌دهد؛ لطفاً رسیدگی کنید.',
};
const BIG = 20 * 1024 * 1024;
const itemCount = () => db().select({ n: count() }).from(items).get()!.n;

async function expectSpecError(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
  expect(await response.json()).toEqual([{ code: status, description: expect.stringMatching(/\S/) }]);
}

let KEY = '';
let KEY_ID = 0;
beforeAll(() => {
  const created = createApiKey(db(), null, 'سامانه آزمون بدنه');
  KEY = created.key;
  KEY_ID = created.id;
});
beforeEach(() => open311Limits.posts.reset());

describe('POST requests refuses before reading the body', () => {
  it('a wrong or revoked key in the Authorization header: 403 at once, not a byte of a 20 MB body read', async () => {
    const revoked = createApiKey(db(), null, 'کلید باطل');
    revokeApiKey(db(), null, revoked.id);
    for (const key of ['dbn_wrong-key', revoked.key]) {
      const body = streamingBody({ ...FIELDS, api_key: key }, BIG);
      const started = performance.now();
      await expectSpecError(await post(body, { Authorization: `Bearer ${key}`, 'Content-Length': String(BIG) }), 403);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(body.pulled()).toBe(0);
    }
    const xml = streamingBody(FIELDS, BIG);
    const refused = await post(xml, { Authorization: 'Bearer dbn_wrong-key' }, 'xml');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/<errors><error><code>403<\/code><description>[^<]+<\/description><\/error><\/errors>/);
    expect(xml.pulled()).toBe(0);
  });

  it('a key beyond its rate limit: 429 with Retry-After, the body unread', async () => {
    for (let i = 0; i < 300; i++) open311Limits.posts.hit(`key:${KEY_ID}`);
    const body = streamingBody(FIELDS, BIG);
    const response = await post(body, { Authorization: `Bearer ${KEY}` });
    expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0);
    await expectSpecError(response, 429);
    expect(body.pulled()).toBe(0);
  });

  it('a key only in the body: a large body is refused (413) by its Content-Length unread, or at the cap, never parsed whole', async () => {
    const before = itemCount();
    const declared = streamingBody({ ...FIELDS, api_key: 'dbn_wrong-key' }, BIG);
    const started = performance.now();
    await expectSpecError(await post(declared, { 'Content-Length': String(BIG) }), 413);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(declared.pulled()).toBe(0);

    // Without a Content-Length (chunked): read up to the cap, no further.
    const chunked = streamingBody({ ...FIELDS }, BIG);
    await expectSpecError(await post(chunked), 413);
    expect(chunked.pulled()).toBeLessThanOrEqual(OPEN311_BODY_MAX + 2 * CHUNK);
    expect(itemCount()).toBe(before);
  });

  it('a valid key in the Authorization header files the item as the api_key parameter does', async () => {
    const before = itemCount();
    const request = new Request(`${BASE}/api/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Bearer ${KEY}` },
      body: new URLSearchParams(FIELDS).toString(),
    });
    const response = await run(() => (collection as unknown as { action: (a: unknown) => Promise<Response> }).action({ request, params: { resource: 'requests.json' }, context: {} }));
    expect(response.status, await response.clone().text()).toBe(201);
    expect(itemCount()).toBe(before + 1);
  });
});
