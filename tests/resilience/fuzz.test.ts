/**
 * Generated hostile requests against the real loaders and actions, in-process (issue "Performance and resilience
 * evidence"): the public submission form, the tracking look-up, and the staff item page and its actions signed in as
 * officer.ir-09 and aimed, among others, at ir-23's items. Seeded (FUZZ_SEED, default 20261121) so a failure
 * reproduces (the requests are seeded; tracking codes the app draws are not, so fields copied from them vary); FUZZ_RUNS sets the number of requests (default 1,200).
 *
 * Targets: no status ≥ 500 and no thrown non-Response error; no cross-province read or write (a staff loader or
 * action on an ir-23 item never answers 2xx/3xx nor echoes its text, and ir-23's items are unchanged afterwards);
 * no live markup (every 200/4xx answer that carries data is JSON, and markup a citizen sent comes back from the
 * tracking page's loader as the same plain string; no module under app/ renders raw HTML).
 */
import { eq, ne } from 'drizzle-orm';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { centers, items } from '../../db/schema';
import { feedbackSchema } from '~/domain/feedback-schema';
import { submitItem } from '~/services/workflow.server';
import * as feedbackNew from '~/routes/feedback.new';
import * as staffItem from '~/routes/staff.items.$id/route';
import * as staffLogin from '~/routes/staff.login';
import * as trackCode from '~/routes/track.$code';
import * as trackIndex from '~/routes/track._index';
import { BASE, CookieJar, getRequest, postForm, routeArgs, run, solvedChallenge } from '../support/http';
import { mulberry32 } from '../support/prng';
import { useTestDatabase } from '../support/test-db';
import { csrfOf } from '../support/staff';

const { db } = useTestDatabase();

const SEED = Number(process.env.FUZZ_SEED || 20261121);
const RUNS = Number(process.env.FUZZ_RUNS || 1200);

// ---- a seeded generator ------------------------------------------------------------------------------------------

const random = mulberry32(SEED);
const chance = (p: number) => random() < p;
const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "</textarea><script>alert('x')</script>",
  'javascript:alert(1)',
  '<a href="javascript:alert(1)">click</a>',
  '{{constructor.constructor("alert(1)")()}}',
];
const BODY_OK = 'نوبت بازدید منزل سه هفته است انجام نشده و تلفن مرکز پاسخ نمی‌دهد.';

/** A hostile text value (as a JS string; lone surrogates survive only where the encoding lets them). */
function hostileString(): string {
  switch (Math.floor(random() * 16)) {
    case 0:
      return '';
    case 1:
      return pick(MARKUP);
    case 2:
      return `${BODY_OK} ${pick(MARKUP)}`;
    case 3:
      return 'ا'.repeat(55_000 + Math.floor(random() * 10_000)); // 110 KB+ of UTF-8
    case 4:
      return 'x'.repeat(100_001 + Math.floor(random() * 20_000));
    case 5:
      return pick(['\uD800', '\uDFFF', 'a\uD83Db', '\uDE00\uD83D', `${BODY_OK}\uD800`]);
    case 6:
      return pick(['۰۹۱۲۱۲۳۴۵۶۷', '٠٩١٢١٢٣٤٥٦٧', '+۹۸ ۹۱۲ ۱۲۳ ۴۵۶۷', '۱۲۳', '٤٥٦', '۰', '٠٠٠٠']);
    case 7:
      return pick(['-1', '0', '-0', '1e9', '1e309', '99999999999999999999999', 'NaN', 'Infinity', '0x1F', ' 12 ', '1.5', '007', '2147483648', '9007199254740993']);
    case 8:
      return pick(['ir-23', 'ir-09', 'IR-23', 'ir-99', 'ir-00', 'ir-', 'national', 'ir-23\n', ' ir-09 ', 'ir-٠٩']);
    case 9:
      return pick(['\0', 'a\0b', '\u202Eevil', '\u200c\u200c\u200c', '\r\n\r\n', '\t', '\uFEFF', '\uFFFD']);
    case 10:
      return pick(["' OR 1=1 --", '"; DROP TABLE items; --', '%00', '../../etc/passwd', '${7*7}', '__proto__', 'constructor']);
    case 11:
      return pick(['on', 'off', 'true', '1', 'checked', 'ON']);
    case 12:
      return pick(['criticism', 'suggestion', 'complaint', 'appreciation', 'question', 'accept', 'reply', 'transfer', 'reveal_contact', 'mark_duplicate']);
    case 13:
      return BODY_OK;
    case 14:
      return 'ي ك ى ة '.repeat(1 + Math.floor(random() * 5)) + BODY_OK;
    default:
      return String(Math.floor(random() * 2 ** 31) - 2 ** 30);
  }
}

type Fields = [string, string][];

/** Each field: usually a sensible value, sometimes hostile, missing, or sent twice. */
function fieldsFrom(spec: Record<string, () => string>, hostility = 0.4): Fields {
  const out: Fields = [];
  for (const [name, good] of Object.entries(spec)) {
    if (chance(0.12)) continue;
    const value = chance(hostility) ? hostileString() : good();
    out.push([name, value]);
    if (chance(0.08)) out.push([name, chance(0.5) ? hostileString() : good()]);
  }
  if (chance(0.15)) out.push([pick(['__proto__', 'constructor', 'a[]', 'x'.repeat(5000), '', 'ضد']), hostileString()]);
  return out;
}

/** Bytes that are not valid UTF-8, percent-encoded or raw. */
const BROKEN_UTF8 = ['%FF%FE', '%C3%28', '%ED%A0%80', '%E2%82', '%F0%9F%98', '%C0%AF', '%'];

function encodeBody(fields: Fields): { body: BodyInit | undefined; headers: Record<string, string>; encoding: string } {
  const roll = random();
  if (roll < 0.5) {
    const params = new URLSearchParams();
    for (const [k, v] of fields) params.append(k, v);
    return { body: params.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, encoding: 'urlencoded' };
  }
  if (roll < 0.65) {
    // Hand-built: broken UTF-8 and encoded surrogate halves inside otherwise sensible fields.
    const parts = fields.map(([k, v]) => `${safe(k)}=${safe(v)}${chance(0.5) ? pick(BROKEN_UTF8) : ''}`);
    const text = parts.join('&');
    const bytes = chance(0.3) ? Buffer.concat([Buffer.from(text), Buffer.from([0xff, 0xfe, 0x80, 0xc3])]) : Buffer.from(text);
    return { body: bytes, headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' }, encoding: 'broken-utf8' };
  }
  if (roll < 0.8) {
    const form = new FormData();
    for (const [k, v] of fields) form.append(k, v);
    if (chance(0.2)) form.append('attachments', new Blob([Buffer.from('<script>alert(1)</script>')], { type: 'text/html' }), '<img onerror=alert(1)>.html');
    return { body: form, headers: {}, encoding: 'multipart' };
  }
  if (roll < 0.88) {
    return {
      body: '--x\r\nContent-Disposition: form-data; name="body"\r\n\r\n' + pick(MARKUP) + '\r\n--',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
      encoding: 'broken-multipart',
    };
  }
  if (roll < 0.95) {
    return { body: JSON.stringify(Object.fromEntries(fields)), headers: { 'Content-Type': 'application/json' }, encoding: 'json' };
  }
  return { body: chance(0.5) ? undefined : 'garbage=&&==&%', headers: chance(0.5) ? { 'Content-Type': 'text/plain' } : {}, encoding: 'odd' };
}

function safe(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return escape(text); // a lone surrogate: %uD800, which a form parser must survive too
  }
}

function post(pathname: string, fields: Fields, jar?: CookieJar) {
  const { body, headers, encoding } = encodeBody(fields);
  if (jar) headers.Cookie = jar.header();
  return { request: new Request(BASE + pathname, { method: 'POST', headers, body }), encoding };
}

// ---- the world the requests aim at ------------------------------------------------------------------------------

let officer: CookieJar;
let ownIds: number[] = [];
let foreign: (typeof items.$inferSelect)[] = [];
let codes: string[] = [];
let center09 = 0;
let center23 = 0;
let csrfToken = '';

beforeAll(async () => {
  // Many small write transactions: the subject is input handling, not fsync.
  db().$client.pragma('synchronous = NORMAL');
  officer = new CookieJar();
  const login = officer.take(await run(() => staffLogin.action(routeArgs(postForm('/staff/login', { username: 'officer.ir-09', password: 'demo-password' })))));
  expect(login.status).toBe(302);
  // Items of both provinces for the staff requests to aim at, with contact data so "reveal" has something to refuse.
  for (const provinceId of ['ir-09', 'ir-23']) {
    for (let i = 0; i < 6; i++) {
      const form = feedbackSchema.parse({ kind: (['criticism', 'suggestion', 'complaint'] as const)[i % 3], provinceId, body: `${BODY_OK} (${provinceId} ${i})`, mobile: '09121234567', consent: 'on' });
      submitItem(db(), form, { channel: 'web', locale: 'fa', actor: { role: 'citizen' } });
    }
  }
  ownIds = db().select({ id: items.id }).from(items).where(eq(items.ownerProvinceId, 'ir-09')).all().map((r) => r.id);
  foreign = db().select().from(items).where(eq(items.ownerProvinceId, 'ir-23')).all();
  codes = db().select({ code: items.trackingCode }).from(items).all().map((r) => r.code);
  center09 = db().select().from(centers).where(eq(centers.provinceId, 'ir-09')).get()!.id;
  center23 = db().select().from(centers).where(eq(centers.provinceId, 'ir-23')).get()!.id;
  expect(ownIds.length).toBeGreaterThan(0);
  expect(foreign.length).toBeGreaterThan(0);
  const page = await run(() => staffItem.loader(routeArgs(getRequest(`/staff/items/${ownIds[0]}`, officer), { id: String(ownIds[0]) })));
  expect(page.status).toBe(200);
  csrfToken = await csrfOf(officer);
});

function hostileId(): string {
  const roll = random();
  if (roll < 0.3) return String(pick(foreign).id);
  if (roll < 0.5) return String(pick(ownIds));
  if (roll < 0.6) return String(pick(foreign).id).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
  if (roll < 0.65) return String(pick(foreign).id).replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);
  return pick(['-1', '0', '00', '999999999', '9999999999', '99999999999999999999', '1e3', 'abc', '1;DROP', '%2e%2e', ' 1', '0x1', '١٢٣٤٥٦٧٨٩٠١', '', '<script>']);
}

function csrfValue(): string | undefined {
  const roll = random();
  if (roll < 0.45) return csrfToken;
  if (roll < 0.55) return undefined;
  if (roll < 0.65) return '';
  if (roll < 0.75) return csrfToken.slice(0, -1) + (csrfToken.endsWith('A') ? 'B' : 'A');
  if (roll < 0.85) return 'ا'.repeat(csrfToken.length); // same length in UTF-16, longer in bytes
  return hostileString();
}

// ---- the requests -----------------------------------------------------------------------------------------------

interface Outcome {
  route: string;
  status: number;
  contentType: string;
  text: string;
}

type Case = { route: string; encoding: string; describe: string; sent?: string; exec: () => Promise<Response>; foreignItem?: (typeof items.$inferSelect) | undefined; markup?: string };

function nextCase(): Case {
  const roll = random();
  if (roll < 0.3) {
    const fields = fieldsFrom({
      kind: () => pick(['criticism', 'suggestion', 'complaint']),
      centerId: () => String(chance(0.5) ? center09 : center23),
      provinceId: () => pick(['ir-09', 'ir-23', 'national', '']),
      serviceId: () => '',
      area: () => '',
      subject: () => pick(MARKUP),
      body: () => `${BODY_OK} ${pick(MARKUP)}`,
      name: () => pick(MARKUP),
      mobile: () => pick(['09121234567', '۰۹۱۲۱۲۳۴۵۶۷', '٠٩١٢١٢٣٤٥٦٧']),
      email: () => '',
      consent: () => 'on',
      website: () => '',
    }, chance(0.3) ? 0 : 0.25);
    if (chance(0.7)) {
      const solved = solvedChallenge();
      fields.push(['challenge', chance(0.9) ? solved.challenge : hostileString()], ['challengeAnswer', chance(0.9) ? solved.challengeAnswer : hostileString()]);
    }
    const { request, encoding } = post('/feedback/new', fields, new CookieJar());
    const markup = fields.find(([k]) => k === 'body')?.[1];
    return { route: 'feedback.new action', encoding, describe: `${encoding} ${JSON.stringify(fields).slice(0, 400)}`, exec: () => run(() => feedbackNew.action(routeArgs(request))), markup };
  }
  if (roll < 0.35) {
    const center = chance(0.5) ? hostileString() : hostileId();
    const url = `/feedback/new?center=${safe(center)}${chance(0.3) ? '&center=' + safe(hostileString()) : ''}`;
    return { route: 'feedback.new loader', encoding: 'query', describe: url.slice(0, 300), exec: () => run(() => feedbackNew.loader(routeArgs(getRequest(url)))) };
  }
  if (roll < 0.5) {
    const fields = fieldsFrom({ code: () => pick(codes).replace(/(\d{4})(?=\d)/g, chance(0.5) ? '$1 ' : '$1'), mobile: () => pick(['09121234567', '۰۹۱۲۱۲۳۴۵۶۷', '']) }, 0.5);
    const { request, encoding } = post('/track', fields);
    return { route: 'track._index action', encoding, describe: `${encoding} ${JSON.stringify(fields).slice(0, 400)}`, exec: () => run(() => trackIndex.action(routeArgs(request))) };
  }
  const id = hostileId();
  const foreignItem = foreign.find((f) => String(f.id) === id.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d))).replace(/[٠-٩]/g, (d) => String('٠١٢٣٤٥٦٧٨٩'.indexOf(d))));
  if (roll < 0.65) {
    const query = chance(0.3) ? `?canned=${safe(hostileString())}` : chance(0.2) ? `?saved=${safe(pick(MARKUP))}` : '';
    const jar = chance(0.9) ? officer : new CookieJar();
    const url = `/staff/items/${safe(id)}${query}`;
    return { route: 'staff.items.$id loader', encoding: 'query', describe: `${url.slice(0, 300)}${jar === officer ? '' : ' (signed out)'}`, exec: () => run(() => staffItem.loader(routeArgs(getRequest(url, jar), { id }))), foreignItem };
  }
  const fields = fieldsFrom({
    intent: () => pick(['accept', 'reply', 'note', 'transfer', 'assign', 'classify', 'mark_duplicate', 'redirect', 'reject', 'answer', 'ask_citizen', 'reveal_contact']),
    version: () => String(foreignItem?.version ?? 1 + Math.floor(random() * 3)),
    publicMessage: () => `${BODY_OK} ${pick(MARKUP)}`,
    internalNote: () => pick(MARKUP),
    targetOwner: () => pick(['ir-23', 'ir-09', 'national', 'ir-99', 'ir-00']),
    assignee: () => pick(['none', '1', '999999999', '0']),
    organization: () => pick(['1', '999999999', '0']),
    area: () => pick(['', 'unknown']),
    kind: () => pick(['complaint', 'question', '']),
    original: () => (chance(0.5) ? pick(codes) : `#${pick(foreign).id}`),
    preview: () => pick(['1', '']),
  });
  const csrf = csrfValue();
  if (csrf !== undefined) fields.unshift(['csrf', csrf]);
  if (chance(0.05)) fields.push(['csrf', csrfToken]);
  const { request, encoding } = post(`/staff/items/${safe(id)}`, fields, officer);
  return {
    route: 'staff.items.$id action',
    encoding,
    sent: JSON.stringify(fields),
    describe: `id=${id} ${encoding} ${JSON.stringify(fields).slice(0, 400)}`,
    exec: () => run(() => staffItem.action(routeArgs(request, { id }))),
    foreignItem,
  };
}

describe(`hostile requests (seed ${SEED}, ${RUNS} requests)`, () => {
  it('never answer 5xx, never cross provinces, never echo live markup', async () => {
    const failures: string[] = [];
    const crossProvince: string[] = [];
    const notJson: string[] = [];
    const counts = new Map<string, Map<number, number>>();
    const encodings = new Map<string, number>();
    const submittedMarkup: { location: string; body: string; jar: CookieJar }[] = [];

    for (let i = 0; i < RUNS; i++) {
      const c = nextCase();
      const enc = c.encoding;
      encodings.set(enc, (encodings.get(enc) ?? 0) + 1);
      let response: Response;
      try {
        response = await c.exec();
      } catch (error) {
        failures.push(`#${i} ${c.route} threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n    input: ${c.describe}`);
        count(c.route, -1);
        continue;
      }
      count(c.route, response.status);
      const text = await response.text();
      const outcome: Outcome = { route: c.route, status: response.status, contentType: response.headers.get('Content-Type') ?? '', text };
      if (outcome.status >= 500) failures.push(`#${i} ${c.route} → ${outcome.status} ${text.slice(0, 200)}\n    input: ${c.describe}`);
      // A redirect to the sign-in page (signed out) reads nothing; any other 2xx/3xx on ir-23's item would.
      const toLogin = outcome.status >= 300 && outcome.status < 400 && (response.headers.get('Location') ?? '').startsWith('/staff/login');
      // A 400 echoes the fields sent: a code the request itself carried is no leak, the item's own text would be.
      const leaks = (secret: string) => text.includes(secret) && !(c.sent ?? c.describe).includes(secret);
      if (c.foreignItem && ((outcome.status < 400 && !toLogin) || leaks(c.foreignItem.trackingCode) || leaks(c.foreignItem.body))) {
        crossProvince.push(`#${i} ${c.route} → ${outcome.status} on ir-23 item ${c.foreignItem.id}\n    input: ${c.describe}`);
      }
      // Data answers are JSON: whatever markup they carry is a string in a JSON document, never HTML.
      if ((outcome.status === 200 || outcome.status === 400 || outcome.status === 429 || outcome.status === 409) && !/^application\/json/.test(outcome.contentType)) {
        notJson.push(`#${i} ${c.route} → ${outcome.status} ${outcome.contentType}`);
      }
      if (outcome.status === 200 || outcome.status === 400) JSON.parse(text);
      if (outcome.status === 404 || outcome.status === 403 || outcome.status === 413) expect(/<script|<img|<svg/i.test(text), `#${i} a plain-text refusal echoes markup: ${text.slice(0, 200)}`).toBe(false);
      if (c.route === 'feedback.new action' && outcome.status === 302 && c.markup && /<script|<img|<svg/.test(c.markup)) {
        const jar = new CookieJar();
        jar.take(response);
        submittedMarkup.push({ location: response.headers.get('Location')!, body: c.markup, jar });
      }
    }

    // Markup that was accepted comes back from the citizen's tracking page as the same inert string.
    let roundTrips = 0;
    for (const { location, jar } of submittedMarkup.slice(0, 50)) {
      const code = location.split('/').pop()!;
      const page = await run(() => trackCode.loader(routeArgs(getRequest(`/track/${code}`, jar), { code })));
      expect(page.status).toBe(200);
      expect(page.headers.get('Content-Type')).toMatch(/^application\/json/);
      const data = JSON.parse(await page.text());
      const stored = db().select().from(items).where(eq(items.trackingCode, code)).get()!;
      expect(/<script|<img|<svg/.test(stored.body)).toBe(true);
      if (data.item) {
        expect(JSON.stringify(data.item)).toContain(JSON.stringify(stored.body).slice(1, -1));
        roundTrips++;
      }
    }

    // ir-23's items are exactly as they were: no write crossed the province line either.
    for (const before of foreign) {
      const after = db().select().from(items).where(eq(items.id, before.id)).get()!;
      if (after.version !== before.version || after.state !== before.state || after.ownerProvinceId !== before.ownerProvinceId) {
        crossProvince.push(`ir-23 item ${before.id} changed: v${before.version} ${before.state} → v${after.version} ${after.state} (${after.ownerProvinceId})`);
      }
    }

    const summary = [...counts].map(([route, statuses]) => `  ${route.padEnd(26)} ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s === -1 ? 'threw' : s}×${n}`).join('  ')}`);
    console.info(
      [
        `[fuzz] seed ${SEED}, ${RUNS} requests; bodies: ${[...encodings].map(([e, n]) => `${e} ${n}`).join(', ')}`,
        ...summary,
        `  5xx or thrown: ${failures.length}; cross-province: ${crossProvince.length}; non-JSON data answers: ${notJson.length}`,
        `  markup submissions accepted: ${submittedMarkup.length}, read back as inert strings: ${roundTrips}`,
        ...[...new Set(failures.map((f) => f.split('\n')[0]!.replace(/^#\d+ /, '')))].map((kind) => `  distinct failure: ${kind}`),
        ...failures.slice(0, 3).map((f) => `  FAIL ${f.slice(0, 600)}`),
        ...crossProvince.slice(0, 5).map((f) => `  CROSS ${f.slice(0, 600)}`),
      ].join('\n'),
    );
    expect(crossProvince).toEqual([]);
    expect(notJson).toEqual([]);
    expect(failures).toEqual([]);
    expect(submittedMarkup.length).toBeGreaterThan(0);
    expect(db().select().from(items).where(ne(items.ownerProvinceId, 'ir-23')).all().length).toBeGreaterThan(0);

    function count(route: string, status: number) {
      const byStatus = counts.get(route) ?? new Map<number, number>();
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
      counts.set(route, byStatus);
    }
  });

  it('renders no raw HTML anywhere in app/ (React escapes every text the loaders return)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (/\.(tsx?|jsx?)$/.test(name) && /dangerouslySetInnerHTML|\.innerHTML\s*=/.test(readFileSync(file, 'utf8'))) offenders.push(file);
      }
    };
    walk(path.resolve('app'));
    expect(offenders).toEqual([]);
  });
});
