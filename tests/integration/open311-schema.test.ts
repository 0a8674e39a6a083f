/**
 * The Open311 API's JSON against the published GeoReport v2 JSON schemas (tests/fixtures/open311/, see its README
 * for where each comes from), validated with ajv: services, a service's definition, the requests search with its
 * filters, one request, the POST answer, errors, and the discovery document. And every item's service_code is one
 * services.json lists, also for items filed without a service or whose service was deactivated.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { items, services } from '../../db/schema';
import { createApiKey } from '~/models/api-keys.server';
import { open311Limits } from '~/services/open311.server';
import * as collection from '~/routes/api.open311.v2.$resource';
import * as oneRequest from '~/routes/api.open311.v2.requests.$id';
import * as serviceDefinition from '~/routes/api.open311.v2.services.$code';
import { BASE, run } from '../support/http';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

// ---- the schemas ---------------------------------------------------------------------------------------------------

const FIXTURES = path.resolve('tests/fixtures/open311');
const schemaFile = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as Record<string, unknown>;

// The published schemas are taken as they are (`strict: false`: they put minItems on non-arrays); formats are
// checked (date-time, uri), and swagger's `uid` is any string.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('uid', true);
for (const name of ['request.json', 'service.json', 'post-response.json']) ajv.addSchema(schemaFile(name), name);
const schemas: Record<string, ValidateFunction> = Object.fromEntries(
  ['requests.json', 'services.json', 'service-definition.json', 'post-responses.json', 'errors.json', 'discovery.json'].map((name) => [name, ajv.compile(schemaFile(name))]),
);

/** Asserts that `body` (parsed JSON) is valid against the fixture `schema`, naming ajv's complaints if not. */
function expectValid(schema: string, body: unknown, what: string) {
  const validate = schemas[schema]!;
  const valid = validate(body);
  expect(valid, `${what} against ${schema}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 400)}`).toBe(true);
}

// ---- the API -------------------------------------------------------------------------------------------------------

type Handler = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<Response> | Response;
const asRoute = (module: unknown) => module as { loader: Handler; action: Handler };

function routeFor(p: string): { route: { loader: Handler; action: Handler }; params: Record<string, string> } {
  const [first, second] = p.split('?')[0]!.split('/');
  if (second !== undefined && first === 'services') return { route: asRoute(serviceDefinition), params: { code: second } };
  if (second !== undefined && first === 'requests') return { route: asRoute(oneRequest), params: { id: second } };
  return { route: asRoute(collection), params: { resource: first! } };
}

async function call(p: string, init?: RequestInit, ip = '192.0.2.50'): Promise<{ status: number; body: unknown }> {
  const { route, params } = routeFor(p);
  const request = new Request(`${BASE}/api/open311/v2/${p}`, init);
  const handler = init?.method && init.method !== 'GET' ? route.action : route.loader;
  const response = await run(() => handler({ request, params, context: { clientIp: ip } }));
  expect(response.headers.get('Content-Type'), p).toBe('application/json; charset=utf-8');
  return { status: response.status, body: await response.json() };
}

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

const BODY = 'در مرکز توان‌بخشی محله ما نوبت‌دهی تلفنی کار نمی‌کند و مراجعان ساعت‌ها منتظر می‌مانند.';
let KEY = '';

beforeAll(() => {
  KEY = createApiKey(db(), null, 'سامانه آزمون قالب').key;
  // Items of every shape: through the API with a service, without one (SMS, the national queue), and one whose
  // service is deactivated afterwards.
  fileFeedback(db(), { kind: 'complaint', provinceId: 'national', body: BODY, anonymous: 'on', consent: 'on' }, { channel: 'sms' });
  fileFeedback(db(), { kind: 'suggestion', provinceId: 'ir-23', body: BODY, anonymous: 'on', consent: 'on' });
  const retired = db().insert(services).values({ slug: 'retired-service', nameFa: 'خدمت بازنشسته', nameEn: 'Retired service', sortOrder: 99 }).returning().get();
  fileFeedback(db(), { kind: 'criticism', provinceId: 'ir-09', serviceId: String(retired.id), body: BODY, anonymous: 'on', consent: 'on' });
  db().update(services).set({ active: false }).where(eq(services.id, retired.id)).run();
});

async function filed(fields: Record<string, string> = {}, format = 'json') {
  const answer = await call(`requests.${format}`, form({ api_key: KEY, service_code: 'social-work', 'attribute[kind]': 'complaint', description: BODY, ...fields }));
  return answer;
}

describe('the API’s JSON against the GeoReport v2 schemas', () => {
  it('services.json and every service’s definition, in Persian and English', async () => {
    for (const locale of ['', '?locale=en']) {
      const list = await call(`services.json${locale}`);
      expect(list.status).toBe(200);
      expectValid('services.json', list.body, `services.json${locale}`);
      for (const service of list.body as { service_code: string }[]) {
        const definition = await call(`services/${service.service_code}.json${locale}`);
        expect(definition.status, service.service_code).toBe(200);
        expectValid('service-definition.json', definition.body, `services/${service.service_code}.json`);
      }
    }
  });

  it('the POST answer, and the request it filed (with a service, with the general one, anonymous, named)', async () => {
    const variants: Record<string, string>[] = [{}, { service_code: 'general_feedback' }, { phone: '09121112233', first_name: 'علی', last_name: 'رضایی' }, { locale: 'en' }];
    for (const fields of variants) {
      const answer = await filed(fields);
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      expectValid('post-responses.json', answer.body, `POST ${JSON.stringify(fields)}`);
      const ref = (answer.body as { service_request_id: string }[])[0]!.service_request_id;
      for (const locale of ['', '?locale=en']) {
        const one = await call(`requests/${ref}.json${locale}`);
        expect(one.status).toBe(200);
        expectValid('requests.json', one.body, `requests/${ref}.json${locale}`);
      }
    }
  });

  it('requests.json: the default search and every filter, and every item’s service_code is in services.json', async () => {
    const ref = ((await filed()).body as { service_request_id: string }[])[0]!.service_request_id;
    const listed = new Set((((await call('services.json')).body) as { service_code: string }[]).map((s) => s.service_code));
    const today = new Date().toISOString().slice(0, 10);
    const queries = [
      '',
      '?locale=en',
      '?status=open',
      '?status=closed',
      '?status=open,closed',
      '?service_code=social-work',
      '?service_code=general_feedback',
      `?start_date=${today}`,
      `?end_date=${today}`,
      `?start_date=2026-01-01&end_date=2026-03-31`,
      `?service_request_id=${ref},r0000000000000000,123456789012`,
    ];
    for (const query of queries) {
      const answer = await call(`requests.json${query}`);
      expect(answer.status, query).toBe(200);
      expectValid('requests.json', answer.body, `requests.json${query}`);
      for (const request of answer.body as { service_code: string }[]) expect(listed, `${query}: ${request.service_code}`).toContain(request.service_code);
    }
    // Every item is found under a listed code: those without a service, or with a deactivated one, under the general one.
    const all = (await call('requests.json')).body as { service_request_id: string; service_code: string }[];
    expect(all).toHaveLength(db().select().from(items).all().length);
    const general = ((await call('requests.json?service_code=general_feedback')).body as { service_request_id: string }[]).map((r) => r.service_request_id);
    expect(general.sort()).toEqual(all.filter((r) => r.service_code === 'general_feedback').map((r) => r.service_request_id).sort());
    expect(general.length).toBeGreaterThanOrEqual(3);
    expect(listed).not.toContain('retired-service');
    expect((await call('requests.json?service_code=retired-service')).body).toEqual([]);
  });

  it('errors: 400, 403, 404, 405, 413 and 429 are the spec’s error list', async () => {
    const answers = [
      await call('requests.json?start_date=yesterday'),
      await call('requests.json', form({ api_key: 'wrong' })),
      await call('requests.json', form({ api_key: KEY, service_code: 'nope' })),
      await call('services/nothing.json'),
      await call('requests/r0000000000000000.json?locale=en'),
      await call('services.json', form({})),
      await call('requests.json', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(10_000_000) }, body: 'api_key=x' }),
    ];
    open311Limits.lookups.reset();
    for (let i = 0; i < 1000; i++) open311Limits.lookups.hit('ip:192.0.2.99');
    answers.push(await call('requests/r0000000000000000.json', undefined, '192.0.2.99'));
    expect(answers.map((a) => a.status)).toEqual([400, 403, 400, 404, 404, 405, 413, 429]);
    for (const answer of answers) expectValid('errors.json', answer.body, `error ${answer.status}`);
  });

  it('discovery.json: the service discovery document, pointing at this API in both formats', async () => {
    const answer = await call('discovery.json');
    expect(answer.status).toBe(200);
    expectValid('discovery.json', answer.body, 'discovery.json');
    const { endpoints } = answer.body as { endpoints: { url: string; formats: string[]; specification: string }[] };
    expect(endpoints[0]!.url).toMatch(/\/api\/open311\/v2$/);
    expect(endpoints[0]!.specification).toBe('http://wiki.open311.org/GeoReport_v2');
    expect(endpoints[0]!.formats.sort()).toEqual(['application/json', 'text/xml']);
    expectValid('discovery.json', (await call('discovery.json?locale=en')).body, 'discovery.json?locale=en');

    const { route, params } = routeFor('discovery.xml');
    const xml = await run(() => route.loader({ request: new Request(`${BASE}/api/open311/v2/discovery.xml`), params, context: {} }));
    expect(xml.status).toBe(200);
    expect(xml.headers.get('Content-Type')).toBe('text/xml; charset=utf-8');
    const text = await xml.text();
    expect(text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<discovery><changeset>[^<]+<\/changeset><contact>[^<]+<\/contact><key_service>[^<]+<\/key_service><endpoints><endpoint><specification>/);
    expect(text).toContain('<formats><format>text/xml</format><format>application/json</format></formats>');
  });
});
