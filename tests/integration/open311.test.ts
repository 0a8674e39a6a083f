/**
 * The Open311 GeoReport v2 API (docs/DESIGN.md §5) and the admin page that issues its keys: real loaders and actions on a
 * real SQLite file. Field and element names are checked against the spec; a submission goes through the web form's
 * schema and workflow (channel `api`); the public search never shows what the citizen wrote or how to reach them.
 */
import { createHash } from 'node:crypto';
import { and, asc, count, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, auditLog, centers, itemEvents, items, outbox, provinces, services } from '../../db/schema';
import { escapeXml, formatIsoDate, open311Status, parseIsoDate } from '~/domain/open311';
import { TERMINAL_STATES, ITEM_STATES } from '~/domain/workflow';
import { translator } from '~/i18n/translate';
import { createApiKey, revokeApiKey } from '~/models/api-keys.server';
import { transition } from '~/services/workflow.server';
import { requestSearchPlan } from '~/models/open311.server';
import { open311Limits } from '~/services/open311.server';
import * as collection from '~/routes/api.open311.v2.$resource';
import * as oneRequest from '~/routes/api.open311.v2.requests.$id';
import * as serviceDefinition from '~/routes/api.open311.v2.services.$code';
import * as apiKeysPage from '~/routes/staff.admin.api-keys';
import { BASE, CookieJar, getRequest, postForm, routeArgs, run } from '../support/http';
import { csrfOf, signInAs } from '../support/staff';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

// ---- helpers ---------------------------------------------------------------------------------------------------

const DAY = 86_400_000;
const BODY = 'پله‌های ورودی مرکز رمپ ندارد و مراجعان ویلچری نمی‌توانند وارد شوند؛ لطفاً رسیدگی کنید.';
const FIRST_NAME = 'مریم';
const LAST_NAME = 'احمدی‌نژاد';
const PHONE = '09121234567';
const EMAIL = 'maryam.citizen@example.ir';
const PERSIAN = /[\u0600-\u06FF]/;

const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'agency_responsible',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
];

type Args = ReturnType<typeof routeArgs>;
type Handler = (args: Args) => Promise<Response> | Response;

/** The route module and params for an address under /api/open311/v2/, as Remix's flat routes would match it. */
function routeFor(path: string): { loader: Handler; action: Handler; params: Record<string, string> } {
  const [first, second] = path.split('?')[0]!.split('/');
  if (second !== undefined && first === 'services') return { ...(serviceDefinition as unknown as { loader: Handler; action: Handler }), params: { code: second } };
  if (second !== undefined && first === 'requests') return { ...(oneRequest as unknown as { loader: Handler; action: Handler }), params: { id: second } };
  return { ...(collection as unknown as { loader: Handler; action: Handler }), params: { resource: first! } };
}

const url = (path: string) => `${BASE}/api/open311/v2/${path}`;

async function get(path: string): Promise<Response> {
  const route = routeFor(path);
  return run(() => route.loader(routeArgs(new Request(url(path)), route.params)));
}

async function send(path: string, init: RequestInit): Promise<Response> {
  const route = routeFor(path);
  return run(() => route.action(routeArgs(new Request(url(path), init), route.params)));
}

/** A form-encoded POST, as the spec has it. */
function post(path: string, fields: Record<string, string>): Promise<Response> {
  return send(path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
}

async function jsonOf<T = unknown>(response: Response): Promise<T> {
  expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
  return (await response.json()) as T;
}

type ErrorList = { code: number; description: string }[];

async function errorsOf(response: Response, status: number): Promise<ErrorList> {
  expect(response.status).toBe(status);
  const errors = await jsonOf<ErrorList>(response);
  expect(Array.isArray(errors)).toBe(true);
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(Object.keys(error)).toEqual(['code', 'description']);
    expect(error.code).toBe(status);
    expect(typeof error.description).toBe('string');
    expect(error.description.length).toBeGreaterThan(0);
  }
  return errors;
}

/**
 * A simple well-formedness check: the declaration, one root element, every tag closed in order, names that XML
 * allows, and `&` only in entity references. Returns the element names in document order.
 */
function checkXml(text: string): { root: string; names: string[] } {
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
  const body = text.slice(text.indexOf('\n') + 1).trim();
  const names: string[] = [];
  const stack: string[] = [];
  let root = '';
  let closedRoot = false;
  for (const token of body.match(/<[^<>]*>|[^<]+/g) ?? []) {
    if (!token.startsWith('<')) {
      expect(stack.length, `text outside the root: ${token}`).toBeGreaterThan(0);
      expect(token, 'a bare & or <').not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)|</);
      continue;
    }
    expect(closedRoot, 'a second root element').toBe(false);
    const close = /^<\/([A-Za-z_][\w.-]*)>$/.exec(token);
    const open = /^<([A-Za-z_][\w.-]*)(\/?)>$/.exec(token);
    if (close) {
      expect(stack.pop()).toBe(close[1]);
    } else if (open) {
      names.push(open[1]!);
      if (stack.length === 0) root ||= open[1]!;
      if (open[2] !== '/') stack.push(open[1]!);
    } else {
      throw new Error(`not a tag: ${token}`);
    }
    if (stack.length === 0) closedRoot = true;
  }
  expect(stack).toEqual([]);
  expect(root).not.toBe('');
  return { root, names };
}

const unescape = (s: string) =>
  s
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of every element `name` (empty elements give ''). */
function xmlTexts(text: string, name: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(new RegExp(`<${name}>([^<]*)</${name}>|<${name}/>`, 'g'))) found.push(unescape(m[1] ?? ''));
  return found;
}

async function xmlOf(response: Response) {
  expect(response.headers.get('Content-Type')).toBe('text/xml; charset=utf-8');
  const text = await response.text();
  return { text, ...checkXml(text) };
}

function firstCenterOf(provinceId: string) {
  const center = db().select().from(centers).where(and(eq(centers.provinceId, provinceId), eq(centers.active, true))).orderBy(asc(centers.id)).get();
  if (!center) throw new Error(`the seed has no centre in ${provinceId}`);
  return center;
}

const provinceOf = (id: string) => db().select().from(provinces).where(eq(provinces.id, id)).get()!;
const serviceOf = (slug: string) => db().select().from(services).where(eq(services.slug, slug)).get()!;
/** The item behind a `service_request_id`: the API's public reference, never the tracking code. */
const itemByRef = (ref: string) => db().select().from(items).where(eq(items.publicRef, ref)).get();
const itemCount = () => db().select({ n: count() }).from(items).get()!.n;

let KEY = '';
let KEY_ID = 0;

beforeAll(() => {
  const created = createApiKey(db(), null, 'سامانه آزمون');
  KEY = created.key;
  KEY_ID = created.id;
});

function validFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    api_key: KEY,
    service_code: 'social-work',
    'attribute[kind]': 'complaint',
    description: BODY,
    address_id: String(firstCenterOf('ir-09').id),
    phone: PHONE,
    email: EMAIL,
    first_name: FIRST_NAME,
    last_name: LAST_NAME,
    ...overrides,
  };
}

type Created = { service_request_id: string; service_notice: string };

async function file(overrides: Record<string, string> = {}): Promise<string> {
  const response = await post('requests.json', validFields(overrides));
  expect(response.status, await response.clone().text()).toBe(201);
  const [created] = await jsonOf<Created[]>(response);
  return created!.service_request_id;
}

/** An item filed at `at`, straight through the model (for date windows in the past). */
function fileAt(at: Date, overrides: Record<string, string> = {}) {
  return fileFeedback(db(), { kind: 'suggestion', provinceId: 'ir-23', body: BODY, anonymous: 'on', consent: 'on', ...overrides }, { channel: 'api', now: at });
}

/** The Tehran civil date of an instant, `YYYY-MM-DD`. */
const tehranDate = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

type PublicRequest = Record<string, string | null>;

async function search(query: string): Promise<PublicRequest[]> {
  const response = await get(`requests.json${query ? `?${query}` : ''}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return jsonOf<PublicRequest[]>(response);
}

// ---- GET services ----------------------------------------------------------------------------------------------

describe('GET services', () => {
  it('lists every active service with the spec’s fields, in Persian by default and in English with locale=en', async () => {
    const response = await get('services.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const list = await jsonOf<Record<string, unknown>[]>(response);
    const active = db().select().from(services).where(eq(services.active, true)).all();
    // Every active service, then the general service of items filed without one.
    expect(list).toHaveLength(active.length + 1);
    expect(list.at(-1)).toMatchObject({ service_code: 'general_feedback', service_name: 'بازخورد عمومی' });
    for (const entry of list) {
      expect(Object.keys(entry)).toEqual(SERVICE_FIELDS);
      expect(entry).toMatchObject({ metadata: true, type: 'realtime', group: 'Behzisti' });
      expect(entry.service_name).toMatch(PERSIAN);
      expect(entry.keywords).toBe('انتقاد,پیشنهاد,شکایت');
    }
    const socialWork = serviceOf('social-work');
    expect(list.find((s) => s.service_code === 'social-work')).toMatchObject({ service_name: socialWork.nameFa, description: socialWork.summaryFa });

    const english = await jsonOf<Record<string, unknown>[]>(await get('services.json?locale=en'));
    expect(english.find((s) => s.service_code === 'social-work')).toMatchObject({ service_name: socialWork.nameEn, description: socialWork.summaryEn });
  });

  it('in XML: a well-formed <services> document with one <service> per service and the same fields', async () => {
    const json = await jsonOf<unknown[]>(await get('services.json'));
    const response = await get('services.xml');
    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const { text, root, names } = await xmlOf(response);
    expect(root).toBe('services');
    expect(names.filter((n) => n === 'service')).toHaveLength(json.length);
    for (const field of SERVICE_FIELDS) expect(names.filter((n) => n === field)).toHaveLength(json.length);
    expect(xmlTexts(text, 'service_code')).toContain('social-work');
    expect(new Set(xmlTexts(text, 'metadata'))).toEqual(new Set(['true']));
    expect(new Set(xmlTexts(text, 'type'))).toEqual(new Set(['realtime']));
  });

  it('defines a service by its attributes: kind, a required single-value list of three kinds, and the optional priority (issue 23)', async () => {
    const response = await get('services/social-work.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const definition = await jsonOf<{ service_code: string; attributes: Record<string, unknown>[] }>(response);
    expect(Object.keys(definition)).toEqual(['service_code', 'attributes']);
    expect(definition.service_code).toBe('social-work');
    expect(definition.attributes).toHaveLength(2);
    const [kind, priority] = definition.attributes;
    expect(priority).toMatchObject({ variable: true, code: 'priority', datatype: 'singlevaluelist', required: false, order: 2 });
    expect((priority!.values as { key: string }[]).map((v) => v.key)).toEqual(['normal', 'urgent']);
    expect(Object.keys(kind!)).toEqual(['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values']);
    expect(kind).toMatchObject({ variable: true, code: 'kind', datatype: 'singlevaluelist', required: true, order: 1 });
    expect(kind!.values).toEqual([
      { key: 'criticism', name: 'انتقاد' },
      { key: 'suggestion', name: 'پیشنهاد' },
      { key: 'complaint', name: 'شکایت' },
    ]);
    const english = await jsonOf<{ attributes: { values: { key: string; name: string }[] }[] }>(await get('services/social-work.json?locale=en'));
    expect(english.attributes[0]!.values.map((v) => v.name)).toEqual(['Criticism', 'Suggestion', 'Complaint']);

    const { text, root, names } = await xmlOf(await get('services/social-work.xml'));
    expect(root).toBe('service_definition');
    for (const name of ['service_code', 'attributes', 'attribute', 'variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values', 'value', 'key', 'name']) {
      expect(names).toContain(name);
    }
    expect(names.filter((n) => n === 'value')).toHaveLength(5);
    expect(xmlTexts(text, 'key')).toEqual(['criticism', 'suggestion', 'complaint', 'normal', 'urgent']);
  });

  it('answers an unknown or inactive service code, a missing or unknown extension with 404 in the spec’s format', async () => {
    const [error] = await errorsOf(await get('services/no-such-service.json'), 404);
    expect(error!.description).toMatch(PERSIAN);
    const xml = await get('services/no-such-service.xml');
    expect(xml.status).toBe(404);
    const { text, root, names } = await xmlOf(xml);
    expect(root).toBe('errors');
    expect(names).toEqual(['errors', 'error', 'code', 'description']);
    expect(xmlTexts(text, 'code')).toEqual(['404']);

    await errorsOf(await get('services'), 404);
    await errorsOf(await get('services.csv'), 404);
    await errorsOf(await get('services/social-work'), 404);
    await errorsOf(await get('tokens.json'), 404);
    const [english] = await errorsOf(await get('services/nothing.json?locale=en'), 404);
    expect(english!.description).not.toMatch(PERSIAN);
  });
});

// ---- POST requests ---------------------------------------------------------------------------------------------

describe('POST requests', () => {
  it('files an item through the web form’s workflow: channel api, routed to the centre’s province, code as service_request_id', async () => {
    const before = db().select({ lastUsedAt: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, KEY_ID)).get()!;
    const center = firstCenterOf('ir-09');
    const response = await post('requests.json', validFields());
    expect(response.status).toBe(201);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const body = await jsonOf<Created[]>(response);
    expect(body).toHaveLength(1);
    // Since the public reference: service_request_id is the item's public reference, not the tracking code, and
    // account_id (null, which the spec's schema does not allow) is left out.
    expect(Object.keys(body[0]!)).toEqual(['service_request_id', 'service_notice']);
    const { service_request_id: code, service_notice: notice } = body[0]!;
    expect(code).toMatch(/^r[0-9a-f]{16}$/);
    expect(notice).toMatch(PERSIAN);
    expect(notice).toContain(provinceOf('ir-09').nameFa);

    const item = itemByRef(code)!;
    // The filing client passes the tracking code on to the citizen: it is in the notice only.
    expect(notice).toContain(`/track/${item.trackingCode}`);
    expect(item).toMatchObject({
      channel: 'api',
      kind: 'complaint',
      state: 'routed',
      centerId: center.id,
      provinceId: 'ir-09',
      ownerProvinceId: 'ir-09',
      serviceId: serviceOf('social-work').id,
      body: BODY,
      name: `${FIRST_NAME} ${LAST_NAME}`,
      mobile: '+989121234567',
      email: EMAIL,
      anonymous: false,
      locale: 'fa',
    });
    const events = db().select().from(itemEvents).where(eq(itemEvents.itemId, item.id)).orderBy(asc(itemEvents.id)).all();
    expect(events.map((e) => [e.action, e.actorType])).toEqual([
      ['submit', 'citizen'],
      ['route', 'system'],
    ]);
    // The citizen hears about it, as after the web form.
    expect(db().select().from(outbox).where(eq(outbox.itemId, item.id)).all().length).toBeGreaterThan(0);
    const after = db().select({ lastUsedAt: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, KEY_ID)).get()!;
    expect(after.lastUsedAt).not.toBeNull();
    expect(after.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(before.lastUsedAt?.getTime() ?? 0);

    // The reference works at once with GET requests/{id}.
    const one = await get(`requests/${code}.json`);
    expect(one.status).toBe(200);
    expect(one.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const [found] = await jsonOf<PublicRequest[]>(one);
    expect(Object.keys(found!)).toEqual(REQUEST_FIELDS);
    expect(found).toMatchObject({
      service_request_id: code,
      status: 'open',
      status_notes: 'ارجاع به استان',
      service_code: 'social-work',
      service_name: serviceOf('social-work').nameFa,
      agency_responsible: `بهزیستی استان ${provinceOf('ir-09').nameFa}`,
      address_id: String(center.id),
      requested_datetime: formatIsoDate(item.createdAt),
      updated_datetime: formatIsoDate(item.updatedAt),
      expected_datetime: formatIsoDate(item.answerDueAt),
    });
    expect(found!.address).toContain(center.nameFa);
    if (center.cityFa) expect(found!.address).toContain(center.cityFa);
    expect(found!.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);

    const [english] = await jsonOf<PublicRequest[]>(await get(`requests/${code}.json?locale=en`));
    expect(english).toMatchObject({ status_notes: 'Routed to the province', agency_responsible: `Behzisti, ${provinceOf('ir-09').nameEn} Province`, service_name: serviceOf('social-work').nameEn });
  });

  it('answers in XML when posted to requests.xml', async () => {
    const response = await post('requests.xml', validFields());
    expect(response.status).toBe(201);
    const { text, root, names } = await xmlOf(response);
    expect(root).toBe('service_requests');
    expect(names).toEqual(['service_requests', 'request', 'service_request_id', 'service_notice']);
    const [code] = xmlTexts(text, 'service_request_id');
    expect(itemByRef(code!)?.channel).toBe('api');

    const one = await xmlOf(await get(`requests/${code}.xml`));
    expect(one.root).toBe('service_requests');
    expect(one.names.slice(0, 2)).toEqual(['service_requests', 'request']);
    expect(one.names.slice(2)).toEqual(REQUEST_FIELDS);
    expect(xmlTexts(one.text, 'service_request_id')).toEqual([code]);
  });

  it('routes by jurisdiction_id without a centre, to the national queue without either, and files anonymously without phone and email', async () => {
    const byProvince = itemByRef(await file({ address_id: '', jurisdiction_id: 'IR-23' }))!;
    expect(byProvince).toMatchObject({ centerId: null, provinceId: 'ir-23', ownerProvinceId: 'ir-23' });
    // docs/DESIGN.md §5's spelling of the same parameter.
    expect(itemByRef(await file({ address_id: '', 'attribute[province]': 'ir-05' }))!.ownerProvinceId).toBe('ir-05');

    const nationalCode = await file({ address_id: '', jurisdiction_id: '' });
    expect(itemByRef(nationalCode)).toMatchObject({ centerId: null, provinceId: null, ownerProvinceId: null });
    const [national] = await jsonOf<PublicRequest[]>(await get(`requests/${nationalCode}.json`));
    expect(national).toMatchObject({ agency_responsible: 'ستاد ملی بهزیستی', address: null, address_id: null });

    const anonymous = itemByRef(await file({ phone: '', email: '' }))!;
    expect(anonymous).toMatchObject({ anonymous: true, name: null, mobile: null, email: null });
  });

  it('accepts multipart/form-data without files, and locale=en for the notice and the citizen’s messages', async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(validFields({ locale: 'en', 'attribute[kind]': 'suggestion' }))) form.append(k, v);
    const response = await send('requests.json', { method: 'POST', body: form });
    expect(response.status).toBe(201);
    const [created] = await jsonOf<Created[]>(response);
    expect(created!.service_notice).not.toMatch(PERSIAN);
    expect(created!.service_notice).toContain(itemByRef(created!.service_request_id)!.trackingCode);
    expect(itemByRef(created!.service_request_id)).toMatchObject({ kind: 'suggestion', locale: 'en', channel: 'api' });
  });

  it('refuses a missing, unknown or revoked key with 403, before reading anything else', async () => {
    const before = itemCount();
    const [missing] = await errorsOf(await post('requests.json', validFields({ api_key: '' })), 403);
    expect(missing!.description).toMatch(PERSIAN);
    expect(missing!.description).toContain('api_key');
    const { api_key: _key, ...withoutKey } = validFields();
    await errorsOf(await post('requests.json', withoutKey), 403);
    await errorsOf(await post('requests.json', validFields({ api_key: `${KEY}x` })), 403);
    await errorsOf(await post('requests.json', validFields({ api_key: 'x'.repeat(5000) })), 403);

    const revoked = createApiKey(db(), null, 'کلید باطل‌شده');
    expect((await post('requests.json', validFields({ api_key: revoked.key }))).status).toBe(201);
    revokeApiKey(db(), null, revoked.id);
    const [refused] = await errorsOf(await post('requests.json', validFields({ api_key: revoked.key })), 403);
    expect(refused!.description).toMatch(PERSIAN);

    const xml = await post('requests.xml', validFields({ api_key: '' }));
    expect(xml.status).toBe(403);
    const { text, names } = await xmlOf(xml);
    expect(names).toEqual(['errors', 'error', 'code', 'description']);
    expect(xmlTexts(text, 'code')).toEqual(['403']);
    // A JSON body has no form fields, hence no key.
    await errorsOf(await send('requests.json', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(validFields()) }), 403);
    expect(itemCount()).toBe(before + 1);
  });

  it('refuses bad input with 400 and a Persian description naming the parameter; nothing is stored', async () => {
    const before = itemCount();
    const refusal = async (overrides: Record<string, string>, param: string, text?: RegExp) => {
      const errors = await errorsOf(await post('requests.json', validFields(overrides)), 400);
      const error = errors.find((e) => e.description.includes(param));
      expect(error, `${JSON.stringify(overrides)} → ${JSON.stringify(errors)}`).toBeDefined();
      expect(error!.description).toMatch(PERSIAN);
      if (text) expect(error!.description).toMatch(text);
      return errors;
    };
    await refusal({ service_code: 'no-such-service' }, 'service_code');
    await refusal({ service_code: '' }, 'service_code');
    await refusal({ description: '' }, 'description', /متن بازخورد را بنویسید/);
    await refusal({ description: '   \u200b ' }, 'description');
    await refusal({ description: 'کوتاه است' }, 'description', /دست‌کم/);
    await refusal({ description: 'ب'.repeat(5001) }, 'description', /حداکثر/);
    await refusal({ address_id: '999999' }, 'address_id');
    await refusal({ address_id: 'abc' }, 'address_id');
    await refusal({ address_id: '', jurisdiction_id: 'ir-99' }, 'jurisdiction_id');
    await refusal({ address_id: '', jurisdiction_id: 'tehran' }, 'jurisdiction_id');
    await refusal({ 'attribute[kind]': 'appreciation' }, 'attribute[kind]');
    await refusal({ 'attribute[kind]': '' }, 'attribute[kind]');
    await refusal({ phone: '12345' }, 'phone');
    await refusal({ phone: '', email: EMAIL }, 'phone');
    await refusal({ email: 'not-an-email' }, 'email');
    await refusal({ first_name: 'ن'.repeat(60), last_name: 'ف'.repeat(60) }, 'first_name');
    // Every problem at once, in the order of the spec's parameters.
    const all = await errorsOf(await post('requests.json', validFields({ service_code: 'nope', description: '', phone: 'x' })), 400);
    expect(all.map((e) => /(service_code|description|phone)/.exec(e.description)?.[1])).toEqual(['service_code', 'description', 'phone']);
    // English on request.
    const [english] = await errorsOf(await post('requests.json?locale=en', validFields({ description: '' })), 400);
    expect(english!.description).toBe('description: Write your feedback.');
    expect(itemCount()).toBe(before);
  });

  it('limits each key: 429 with Retry-After once the window is used up, other keys unaffected', async () => {
    const busy = createApiKey(db(), null, 'پرکار');
    try {
      for (let i = 0; i < 300; i++) open311Limits.posts.hit(`key:${busy.id}`);
      const response = await post('requests.json', validFields({ api_key: busy.key }));
      const [error] = await errorsOf(response, 429);
      expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect(error!.description).toMatch(PERSIAN);
      expect((await post('requests.json', validFields())).status).toBe(201);
    } finally {
      open311Limits.posts.reset();
    }
  });

  it('answers other methods with 405 and Allow, unknown addresses with 404, never a 500', async () => {
    const put = await send('requests.json', { method: 'PUT', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: '' });
    await errorsOf(put, 405);
    expect(put.headers.get('Allow')).toBe('GET, HEAD, POST');
    const servicesPost = await post('services.json', validFields());
    await errorsOf(servicesPost, 405);
    expect(servicesPost.headers.get('Allow')).toBe('GET, HEAD');
    await errorsOf(await post('services/social-work.json', validFields()), 405);
    await errorsOf(await post('requests/123456789012.json', validFields()), 405);
    const xml = await post('services.xml', {});
    expect(xml.status).toBe(405);
    expect((await xmlOf(xml)).root).toBe('errors');
    await errorsOf(await post('tokens.json', validFields()), 404);
    // A body over the form cap (1 MB) is refused unread, in the spec's format.
    await errorsOf(await post('requests.json', validFields({ description: 'ب'.repeat(600_000) })), 413);
    await errorsOf(await post('requests', validFields()), 404);

    // Odd input everywhere: refused in the spec's format, never a failure.
    const odd = ['', ' ', '\u0000', '<x>&amp;', '"\'', 'ي ك ۱۲۳', '\ud800', '9'.repeat(30), '-1', '0', '1e3', 'ir-', 'null', '[]', '%00'];
    for (const value of odd) {
      for (const field of ['service_code', 'attribute[kind]', 'description', 'address_id', 'jurisdiction_id', 'phone', 'email', 'first_name', 'locale']) {
        const response = await post('requests.json', validFields({ [field]: value }));
        expect([201, 400], `${field}=${JSON.stringify(value)} → ${response.status}`).toContain(response.status);
      }
      // A lone surrogate cannot be percent-encoded as UTF-8: send the bytes a client would, raw.
      const segment = /[\ud800-\udfff]/.test(value) ? '%ED%A0%80' : encodeURIComponent(value);
      for (const path of [`requests/${segment}.json`, `services/${segment}.xml`]) {
        expect((await get(path)).status, path).toBe(404);
      }
      for (const param of ['start_date', 'end_date', 'status', 'service_code', 'service_request_id']) {
        const response = await get(`requests.json?${new URLSearchParams({ [param]: value })}`);
        expect([200, 400], `${param}=${JSON.stringify(value)}`).toContain(response.status);
      }
    }
  });
});

// ---- GET requests ----------------------------------------------------------------------------------------------

describe('GET requests', () => {
  it('never shows what the citizen wrote, their name, mobile or email, in JSON or XML', async () => {
    const secretBody = 'متن محرمانه شهروند درباره رفتار کارمند مرکز که نباید در فهرست عمومی دیده شود.';
    const code = await file({ description: secretBody });
    const item = itemByRef(code)!;
    expect(item.body).toBe(secretBody);
    const secrets = [secretBody, FIRST_NAME, LAST_NAME, PHONE, '9121234567', EMAIL, 'maryam.citizen'];
    for (const path of ['requests.json', 'requests.xml', `requests/${code}.json`, `requests/${code}.xml`, `requests.json?service_request_id=${code}`, 'requests.json?locale=en']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      const text = await response.text();
      expect(text, path).toContain(code);
      for (const secret of secrets) expect(text, `${path} shows ${secret}`).not.toContain(secret);
      expect(text).not.toMatch(/"description"|<description>|media_url|"lat"|"long"|<lat>|<long>/);
    }
    for (const entry of await search('')) expect(Object.keys(entry)).toEqual(REQUEST_FIELDS);
  });

  it('maps the workflow’s final states to closed and every other state to open, and filters by status', async () => {
    for (const state of ITEM_STATES) expect(open311Status(state)).toBe((TERMINAL_STATES as readonly string[]).includes(state) ? 'closed' : 'open');

    const openCode = await file();
    const closedCode = await file();
    const officer = { role: 'province_officer' as const, provinceId: 'ir-09', staffId: null };
    const closedItem = itemByRef(closedCode)!;
    expect(transition(db(), closedItem.id, 'reject', officer, { publicMessage: 'این موضوع تکراری است و پیش‌تر رسیدگی شده است.' }).ok).toBe(true);
    const inReview = itemByRef(await file())!;
    expect(transition(db(), inReview.id, 'accept', officer, {}).ok).toBe(true);

    const [closed] = await jsonOf<PublicRequest[]>(await get(`requests/${closedCode}.json`));
    expect(closed).toMatchObject({ status: 'closed', status_notes: 'رد شده' });
    const [closedEn] = await jsonOf<PublicRequest[]>(await get(`requests/${closedCode}.json?locale=en`));
    expect(closedEn!.status_notes).toBe('Rejected');
    const [reviewing] = await jsonOf<PublicRequest[]>(await get(`requests/${inReview.publicRef}.json`));
    expect(reviewing).toMatchObject({ status: 'open', status_notes: 'در حال بررسی' });

    const codes = (list: PublicRequest[]) => list.map((r) => r.service_request_id);
    const closedOnly = await search('status=closed');
    expect(closedOnly.every((r) => r.status === 'closed')).toBe(true);
    expect(codes(closedOnly)).toContain(closedCode);
    expect(codes(closedOnly)).not.toContain(openCode);
    const openOnly = await search('status=OPEN');
    expect(openOnly.every((r) => r.status === 'open')).toBe(true);
    expect(codes(openOnly)).toEqual(expect.arrayContaining([openCode, inReview.publicRef]));
    expect(codes(openOnly)).not.toContain(closedCode);
    expect(codes(await search('status=open,closed'))).toEqual(expect.arrayContaining([openCode, closedCode]));
    const [bad] = await errorsOf(await get('requests.json?status=pending'), 400);
    expect(bad!.description).toContain('status');
  });

  it('searches the last 90 days by default, newest first; start_date and end_date (ISO 8601) move the window', async () => {
    const now = Date.now();
    const old120 = fileAt(new Date(now - 120 * DAY));
    const old200 = fileAt(new Date(now - 200 * DAY));
    const recent = await file();

    const byDefault = await search('');
    const codes = byDefault.map((r) => r.service_request_id);
    expect(codes).toContain(recent);
    expect(codes).not.toContain(old120.publicRef);
    expect(codes).not.toContain(old200.publicRef);
    const times = byDefault.map((r) => Date.parse(r.requested_datetime!));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // Dates alone: the whole Tehran days from start to end.
    const window = await search(`start_date=${tehranDate(new Date(now - 125 * DAY))}&end_date=${tehranDate(old120.createdAt)}`);
    expect(window.map((r) => r.service_request_id)).toContain(old120.publicRef);
    expect(window.map((r) => r.service_request_id)).not.toContain(old200.publicRef);
    expect(window.map((r) => r.service_request_id)).not.toContain(recent);
    // Only a start: 90 days from it.
    expect((await search(`start_date=${tehranDate(new Date(now - 130 * DAY))}`)).map((r) => r.service_request_id)).toContain(old120.publicRef);
    // Only an end: 90 days up to it.
    const endOnly = (await search(`end_date=${new Date(now - 105 * DAY).toISOString()}`)).map((r) => r.service_request_id);
    expect(endOnly).toContain(old120.publicRef);
    expect(endOnly).not.toContain(old200.publicRef);

    // Times with an offset, with Z, and with the `+` a query string turns into a space; the end is included.
    const exact = formatIsoDate(old120.createdAt)!;
    expect(exact).toMatch(/\+03:30$/);
    const atExact = await get(`requests.json?start_date=${exact}&end_date=${exact}`);
    expect((await jsonOf<PublicRequest[]>(atExact)).map((r) => r.service_request_id)).toContain(old120.publicRef);
    const justAfter = new Date(old120.createdAt.getTime() + 1000).toISOString();
    expect((await search(`start_date=${justAfter}&end_date=${new Date(now - 100 * DAY).toISOString()}`)).map((r) => r.service_request_id)).not.toContain(old120.publicRef);
    expect(parseIsoDate('2026-11-21T08:00:00 03:30')?.instant.toISOString()).toBe('2026-11-21T04:30:00.000Z');
    expect(parseIsoDate('2026-11-21T08:00')?.instant.toISOString()).toBe('2026-11-21T04:30:00.000Z');
    expect(parseIsoDate('۲۰۲۶-۱۱-۲۱')?.dateOnly).toBe(true);

    // service_request_id overrides every other parameter.
    const byIds = await search(`service_request_id=${old200.publicRef},${recent},000000000000,garbage&status=closed&start_date=2020-01-01&end_date=2020-01-02`);
    expect(byIds.map((r) => r.service_request_id).sort()).toEqual([old200.publicRef, recent].sort());

    // service_code narrows the search; an unknown code finds nothing.
    const homeVisit = await file({ service_code: 'home-visit' });
    const onlyHomeVisits = await search('service_code=home-visit');
    expect(onlyHomeVisits.map((r) => r.service_request_id)).toContain(homeVisit);
    expect(onlyHomeVisits.every((r) => r.service_code === 'home-visit')).toBe(true);
    expect(await search('service_code=nothing-like-this')).toEqual([]);
  });

  it('refuses malformed dates and windows with 400 naming the parameter, in JSON and XML', async () => {
    for (const bad of ['2026-13-01', '2026-02-30', 'yesterday', '2026-11-21T25:00', '21/11/2026', '2026-11-21T08:00:00+15:00', '0999-01-01']) {
      const [error] = await errorsOf(await get(`requests.json?${new URLSearchParams({ start_date: bad })}`), 400);
      expect(error!.description, bad).toContain('start_date');
      expect(error!.description).toMatch(PERSIAN);
    }
    const [order] = await errorsOf(await get('requests.json?start_date=2026-10-02&end_date=2026-10-01'), 400);
    expect(order!.description).toContain('end_date');
    const [span] = await errorsOf(await get('requests.json?start_date=2026-01-01&end_date=2026-06-01'), 400);
    expect(span!.description).toContain('end_date');
    expect((await get('requests.json?start_date=2026-01-01&end_date=2026-03-31')).status).toBe(200);

    const xml = await get('requests.xml?end_date=soon&locale=en');
    expect(xml.status).toBe(400);
    expect(xml.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const { text, names } = await xmlOf(xml);
    expect(names).toEqual(['errors', 'error', 'code', 'description']);
    expect(xmlTexts(text, 'code')).toEqual(['400']);
    expect(xmlTexts(text, 'description')[0]).toMatch(/^end_date: /);
  });

  it('answers an unknown or malformed reference, and a tracking code, with 404', async () => {
    const code = await file();
    // One hex digit changed: well-formed, but no item's.
    const unknown = code.slice(0, 16) + (code[16] === '0' ? '1' : '0');
    const trackingCode = itemByRef(code)!.trackingCode;
    for (const path of [`requests/${unknown}.json`, `requests/${trackingCode}.json`, 'requests/123.json', 'requests/abc.xml', `requests/${code}`, `requests/${code}.html`]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
    }
    await errorsOf(await get(`requests/${unknown}.json`), 404);
    expect((await xmlOf(await get('requests/abc.xml'))).root).toBe('errors');
  });

  it('answers at most 1000 requests, newest first, reading the index on created_at', async () => {
    const base = Date.now() - 160 * DAY;
    const rows = Array.from({ length: 1005 }, (_, i) => ({
      trackingCode: `9${String(i).padStart(11, '0')}`,
      publicRef: `r${String(i).padStart(16, '0')}`,
      kind: 'suggestion' as const,
      state: 'routed',
      channel: 'api' as const,
      body: BODY,
      ownerProvinceId: 'ir-23',
      createdAt: new Date(base + i * 60_000),
      updatedAt: new Date(base + i * 60_000),
      stateEnteredAt: new Date(base + i * 60_000),
    }));
    db().transaction((tx) => {
      for (let i = 0; i < rows.length; i += 200) tx.insert(items).values(rows.slice(i, i + 200)).run();
    });
    const from = new Date(base - DAY).toISOString();
    const to = new Date(base + 2 * DAY).toISOString();
    const found = await search(`start_date=${from}&end_date=${to}`);
    expect(found).toHaveLength(1000);
    expect(found[0]!.service_request_id).toBe(rows[1004]!.publicRef);
    expect(found[999]!.service_request_id).toBe(rows[5]!.publicRef);

    const plan = requestSearchPlan(db(), { by: 'search', serviceCode: null, from: new Date(from), to: new Date(to), statuses: ['open'] }).join('\n');
    expect(plan).toMatch(/items_created_idx/);
    expect(plan).not.toMatch(/SCAN items\b(?! USING)/);
  });
});

// ---- XML escaping ----------------------------------------------------------------------------------------------

describe('XML', () => {
  it('escapes any text correctly and drops characters XML cannot carry', async () => {
    expect(escapeXml(`a<b>&"c'\r\n\td\u0001\u0008\ud800\uffff😀`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;&#13;\n\td😀');
    const tricky = `خدمت <ویژه> & "آزمون" 'x' ]]> \u0001 پایان\r\nخط دوم`;
    db().insert(services).values({ slug: 'xml-escape-test', nameFa: tricky, nameEn: 'A & B <c>', summaryFa: '<![CDATA[x]]>' }).run();
    const { text } = await xmlOf(await get('services.xml'));
    const index = xmlTexts(text, 'service_code').indexOf('xml-escape-test');
    expect(xmlTexts(text, 'service_name')[index]).toBe(tricky.replace('\u0001', ''));
    expect(xmlTexts(text, 'description')[index]).toBe('<![CDATA[x]]>');
    const english = await xmlOf(await get('services/xml-escape-test.xml?locale=en'));
    expect(english.root).toBe('service_definition');
    const json = await jsonOf<{ service_code: string; service_name: string }[]>(await get('services.json?locale=en'));
    expect(json.find((s) => s.service_code === 'xml-escape-test')!.service_name).toBe('A & B <c>');
  });
});

// ---- the admin page for keys -----------------------------------------------------------------------------------

describe('API keys in the back office', () => {
  const PAGE = '/staff/admin/api-keys';
  const load = (jar: CookieJar) => run(() => apiKeysPage.loader(routeArgs(getRequest(PAGE, jar))));
  const act = async (jar: CookieJar, fields: Record<string, string>) =>
    run(() => apiKeysPage.action(routeArgs(postForm(PAGE, { csrf: fields.csrf ?? '', ...fields }, jar))));
  const audits = (action: string, id: number) =>
    db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'api_key'), eq(auditLog.entityId, String(id)), eq(auditLog.action, action)))
      .orderBy(desc(auditLog.id))
      .all();

  it('an admin issues a key shown once (only its hash kept), lists it, revokes it; both audited without the key', async () => {
    const admin = await signInAs('admin');
    const csrf = await csrfOf(admin);
    expect((await load(admin)).status).toBe(200);

    // Field-level Persian messages.
    const empty = await act(admin, { csrf, intent: 'create', name: '   ' });
    expect(empty.status).toBe(400);
    const emptyErrors = ((await empty.json()) as { errors: Record<string, string> }).errors;
    expect(emptyErrors).toEqual({ name: 'admin.apiKeys.errors.name_required' });
    expect(translator('fa')(emptyErrors.name!)).toMatch(PERSIAN);
    const long = await act(admin, { csrf, intent: 'create', name: 'س'.repeat(101) });
    expect(((await long.json()) as { errors: Record<string, string> }).errors).toEqual({ name: 'admin.apiKeys.errors.name_too_long' });

    const response = await act(admin, { csrf, intent: 'create', name: '  سامانه   ۱۴۸۲ ' });
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const { created } = (await response.json()) as { created: { id: number; name: string; key: string } };
    expect(created.name).toBe('سامانه ۱۴۸۲');
    expect(created.key).toMatch(/^dbn_[A-Za-z0-9_-]{43}$/);
    const hash = createHash('sha256').update(created.key).digest('hex');
    const row = db().select().from(apiKeys).where(eq(apiKeys.id, created.id)).get()!;
    expect(row).toMatchObject({ name: 'سامانه ۱۴۸۲', keyHash: hash, keyPrefix: created.key.slice(0, 10), revokedAt: null, lastUsedAt: null });
    expect(JSON.stringify(db().select().from(apiKeys).all())).not.toContain(created.key);
    const [createdAudit] = audits('api_key.create', created.id);
    expect(createdAudit).toMatchObject({ entityId: String(created.id), actorStaffId: expect.any(Number) });
    expect(JSON.parse(createdAudit!.after!)).toEqual({ name: 'سامانه ۱۴۸۲', keyPrefix: row.keyPrefix });

    // The list shows name and prefix, never the key or its hash; the key works at once and its use is shown.
    expect((await post('requests.json', validFields({ api_key: created.key }))).status).toBe(201);
    const listText = await (await load(admin)).text();
    expect(listText).not.toContain(created.key);
    expect(listText).not.toContain(hash);
    const { keys } = JSON.parse(listText) as { keys: { id: number; name: string; keyPrefix: string; lastUsedAt: string | null; revokedAt: string | null; createdBy: string }[] };
    expect(keys.find((k) => k.id === created.id)).toMatchObject({ name: 'سامانه ۱۴۸۲', keyPrefix: row.keyPrefix, revokedAt: null, createdBy: 'admin', lastUsedAt: expect.any(String) });

    // Revoking: then the key is refused; revoking again changes nothing.
    const revoked = await act(admin, { csrf, intent: 'revoke', keyId: String(created.id) });
    expect(revoked.status).toBe(302);
    expect(revoked.headers.get('Location')).toBe('/staff/admin/api-keys?done=revoked');
    expect(db().select().from(apiKeys).where(eq(apiKeys.id, created.id)).get()!.revokedAt).not.toBeNull();
    await errorsOf(await post('requests.json', validFields({ api_key: created.key })), 403);
    const [revokeAudit] = audits('api_key.revoke', created.id);
    expect(revokeAudit!.entityId).toBe(String(created.id));
    expect(JSON.parse(revokeAudit!.before!)).toMatchObject({ revokedAt: null });
    expect(JSON.parse(revokeAudit!.after!).revokedAt).toEqual(expect.any(String));
    const again = await act(admin, { csrf, intent: 'revoke', keyId: String(created.id) });
    expect(again.headers.get('Location')).toBe('/staff/admin/api-keys?done=alreadyRevoked');
    expect(audits('api_key.revoke', created.id)).toHaveLength(1);
    expect((await act(admin, { csrf, intent: 'revoke', keyId: '999999' })).status).toBe(404);
    expect((await act(admin, { csrf, intent: 'revoke', keyId: 'abc' })).status).toBe(404);

    for (const entry of db().select().from(auditLog).where(eq(auditLog.entity, 'api_key')).all()) {
      const text = `${entry.before ?? ''}${entry.after ?? ''}`;
      expect(text).not.toContain(created.key);
      expect(text).not.toContain(hash);
      expect(text).not.toMatch(/keyHash|key_hash/);
    }
    // A form without its CSRF token changes nothing.
    expect((await act(admin, { csrf: '', intent: 'create', name: 'بدون توکن' })).status).toBe(403);
  });

  it('is not there for anyone but admins (404), as every admin page', async () => {
    for (const username of ['officer.ir-09', 'manager.ir-09', 'national', 'agent']) {
      const jar = await signInAs(username);
      expect((await load(jar)).status, username).toBe(404);
      expect((await act(jar, { csrf: await csrfOf(jar), intent: 'create', name: 'نفوذی' })).status, username).toBe(404);
    }
    expect(db().select().from(apiKeys).where(eq(apiKeys.name, 'نفوذی')).all()).toEqual([]);
    const anonymous = await load(new CookieJar());
    expect(anonymous.status).toBe(302);
  });
});

describe('the demo key', () => {
  it('is seeded with the demo data (docs/DESIGN.md §5), so the README examples work on a fresh start', async () => {
    const code = await file({ api_key: 'demo-open311-key' });
    expect(itemByRef(code)).toMatchObject({ channel: 'api' });
  });
});
