/**
 * The public Open311 API must never hand out what unlocks an item. For an anonymous item the tracking code is the
 * only secret: whoever has it reads the citizen's text, attachments and staff replies at /track/<code> and may
 * confirm and rate the item. So the public listing shows its own public reference, which unlocks nothing, and
 * look-ups by reference are limited per client address. Real loaders and actions on a real SQLite file.
 */
import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { items } from '../../db/schema';
import { createApiKey } from '~/models/api-keys.server';
import { LOOKUPS_PER_WINDOW, open311Limits } from '~/services/open311.server';
import { limits } from '~/services/rate-limit.server';
import * as collection from '~/routes/api.open311.v2.$resource';
import * as oneRequest from '~/routes/api.open311.v2.requests.$id';
import * as trackIndex from '~/routes/track._index';
import * as trackCode from '~/routes/track.$code';
import { BASE, CookieJar, getRequest, postForm, run } from '../support/http';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const BODY = 'کارمند پذیرش مرکز با مراجعان سالمند بدرفتاری می‌کند و کسی رسیدگی نمی‌کند؛ لطفاً پیگیری کنید.';
const PHONE = '09127654321';
const EMAIL = 'secret.citizen@example.ir';
const NAME = ['زهرا', 'کاظمی‌پور'];

type Handler = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<Response> | Response;
const asRoute = (module: unknown) => module as { loader: Handler; action: Handler };

/** A GET under /api/open311/v2/ from the client address `ip` (as the server passes it in the load context). */
function api(path: string, ip = '203.0.113.7'): Promise<Response> {
  const request = new Request(`${BASE}/api/open311/v2/${path}`);
  const [first, second] = path.split('?')[0]!.split('/');
  const context = { clientIp: ip };
  if (first === 'requests' && second !== undefined) return run(() => asRoute(oneRequest).loader({ request, params: { id: second }, context }));
  return run(() => asRoute(collection).loader({ request, params: { resource: first! }, context }));
}

function post(fields: Record<string, string>): Promise<Response> {
  const request = new Request(`${BASE}/api/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return run(() => asRoute(collection).action({ request, params: { resource: 'requests.json' }, context: { clientIp: '198.51.100.1' } }));
}

let KEY = '';
beforeAll(() => {
  KEY = createApiKey(db(), null, 'سامانه آزمون امنیت').key;
});
beforeEach(() => {
  open311Limits.lookups.reset();
  limits.trackingFailures.reset();
});

/** Files an anonymous item, one with contact details through the API, and an SMS-like one without a service. */
async function fileItems() {
  const anonymous = await post({ api_key: KEY, service_code: 'social-work', 'attribute[kind]': 'complaint', description: BODY });
  expect(anonymous.status).toBe(201);
  const named = await post({
    api_key: KEY,
    service_code: 'home-visit',
    'attribute[kind]': 'criticism',
    description: BODY,
    jurisdiction_id: 'ir-09',
    phone: PHONE,
    email: EMAIL,
    first_name: NAME[0]!,
    last_name: NAME[1]!,
  });
  expect(named.status).toBe(201);
  fileFeedback(db(), { kind: 'complaint', provinceId: 'national', body: BODY, anonymous: 'on', consent: 'on' }, { channel: 'sms' });
}

/** Every `service_request_id` a public document holds, in JSON or XML. */
function idsIn(text: string): string[] {
  const json = [...text.matchAll(/"service_request_id":"([^"]*)"/g)].map((m) => m[1]!);
  const xml = [...text.matchAll(/<service_request_id>([^<]*)<\/service_request_id>/g)].map((m) => m[1]!);
  return [...json, ...xml];
}

const PUBLIC_LISTINGS = ['requests.json', 'requests.xml', 'requests.json?locale=en', 'requests.xml?locale=en', 'requests.json?status=open', 'requests.json?service_code=general_feedback'];

describe('the public Open311 listing', () => {
  it('hands out no tracking code, mobile, email or name, in JSON or XML, in Persian or English', async () => {
    await fileItems();
    const all = db().select().from(items).all();
    const secrets = all.flatMap((item) => [item.trackingCode, item.mobile, item.email, item.name, item.body].filter((s): s is string => !!s));
    secrets.push(PHONE, PHONE.slice(1), EMAIL, ...NAME);
    const ids = new Set<string>();
    for (const path of PUBLIC_LISTINGS) {
      const response = await api(path);
      expect(response.status, path).toBe(200);
      const text = await response.text();
      for (const id of idsIn(text)) ids.add(id);
      for (const secret of secrets) expect(text, `${path} holds ${secret}`).not.toContain(secret);
    }
    expect(ids.size).toBe(all.length);
    // Each single request, and the errors a client may provoke, hold none either.
    for (const id of ids) {
      for (const path of [`requests/${id}.json`, `requests/${id}.xml?locale=en`, `requests.json?service_request_id=${id}`]) {
        const text = await (await api(path)).text();
        for (const secret of secrets) expect(text, `${path} holds ${secret}`).not.toContain(secret);
      }
    }
    for (const item of all) {
      for (const path of [`requests/${item.trackingCode}.json`, `requests.json?service_request_id=${item.trackingCode}`, `requests.xml?service_request_id=${item.trackingCode}`]) {
        const response = await api(path);
        const text = await response.text();
        // A tracking code finds nothing: 404 alone, or an empty list.
        expect(idsIn(text), path).toEqual([]);
        expect(text, path).not.toContain(item.trackingCode.slice(0, 8));
      }
    }
  });

  it('every reference it lists unlocks nothing: not the tracking page, not the look-up form, not an action', async () => {
    await fileItems();
    const anonymousItem = db()
      .select()
      .from(items)
      .where(and(eq(items.anonymous, true), eq(items.channel, 'api')))
      .orderBy(desc(items.id))
      .get()!;
    // The control: the anonymous item's own tracking code alone does unlock it, so a leaked code would be caught.
    const control = await run(() => trackIndex.action({ request: postForm('/track', { code: anonymousItem.trackingCode, mobile: '' }), params: {}, context: {} }));
    expect(control.status).toBe(302);

    const ids = new Set<string>();
    for (const path of PUBLIC_LISTINGS) for (const id of idsIn(await (await api(path)).text())) ids.add(id);
    expect(ids.size).toBeGreaterThanOrEqual(3);
    for (const id of ids) {
      // The look-up form, with no mobile (an anonymous item's way in) and with the item's own mobile.
      for (const mobile of ['', PHONE]) {
        const jar = new CookieJar();
        const lookup = jar.take(await run(() => trackIndex.action({ request: postForm('/track', { code: id, mobile }, jar), params: {}, context: {} })));
        expect(lookup.status, `${id} via the look-up form`).not.toBe(302);
        expect(lookup.headers.get('Set-Cookie')).toBeNull();
        // The tracking page at /track/<reference> shows nothing of any item.
        const page = await run(() => trackCode.loader({ request: getRequest(`/track/${id}`, jar), params: { code: id }, context: {} }));
        if (page.status === 200) expect(((await page.json()) as { item: unknown }).item, `/track/${id}`).toBeNull();
        // Confirming and rating through /track/<reference> is refused.
        const confirm = await run(() =>
          trackCode.action({ request: postForm(`/track/${id}`, { intent: 'confirm', rating: '1', version: '1' }, jar), params: { code: id }, context: {} }),
        );
        expect(confirm.status, `confirm via /track/${id}`).toBe(404);
      }
    }
    const after = db().select().from(items).where(eq(items.id, anonymousItem.id)).get()!;
    expect(after.rating).toBeNull();
    expect(after.version).toBe(anonymousItem.version);
  });
});

describe('look-ups by reference', () => {
  it('are limited per client address: single requests and service_request_id lists alike (429, Retry-After, spec format)', async () => {
    await fileItems();
    const [first] = idsIn(await (await api('requests.json')).text());
    // A list of 1,000 guesses uses up the window for its address…
    const guesses = Array.from({ length: LOOKUPS_PER_WINDOW }, (_, i) => `r${i.toString(16).padStart(16, '0')}`);
    const bulk = await api(`requests.json?service_request_id=${guesses.join(',')}`, '192.0.2.10');
    expect(bulk.status).toBe(200);
    for (const path of [`requests/${first}.json`, `requests.json?service_request_id=${first}`, `requests/${first}.xml`]) {
      const refused = await api(path, '192.0.2.10');
      expect(refused.status, path).toBe(429);
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
      const text = await refused.text();
      if (path.endsWith('.xml')) expect(text).toMatch(/<errors><error><code>429<\/code><description>[^<]+<\/description><\/error><\/errors>/);
      else expect(JSON.parse(text)).toEqual([{ code: 429, description: expect.stringMatching(/[\u0600-\u06FF]/) }]);
    }
    // …one by one too, and other addresses are not affected; a search without references is not a look-up.
    for (let i = 0; i < LOOKUPS_PER_WINDOW; i++) await api(`requests/${guesses[i]}.json`, '192.0.2.11');
    expect((await api(`requests/${first}.json`, '192.0.2.11')).status).toBe(429);
    expect((await api(`requests/${first}.json`, '192.0.2.12')).status).toBe(200);
    expect((await api('requests.json', '192.0.2.10')).status).toBe(200);
  });
});
