import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';

/**
 * public/sw.js is plain JavaScript with no build step, so this test loads that very file with a stand-in `self`
 * (listeners, caches, fetch) and checks its caching rule and its handlers: tracking, staff, form, API, /metrics and
 * /healthz answers and non-GET requests never reach a cache, and a navigation without a connection gets the
 * offline page in the visitor's language.
 */

const ORIGIN = 'https://didehban.example';
const SOURCE = readFileSync(path.resolve('public/sw.js'), 'utf8');

type Strategy = 'bypass' | 'page' | 'data' | 'asset';
interface Exposed {
  strategyFor(method: string, url: string, mode: string, origin: string): Strategy;
  isNeverCached(pathname: string): boolean;
  VERSION: string;
}

class FakeCache {
  entries = new Map<string, Response>();
  private key(request: string | { url: string }) {
    return new URL(typeof request === 'string' ? request : request.url, ORIGIN).href;
  }
  async match(request: string | { url: string }) {
    return this.entries.get(this.key(request))?.clone();
  }
  async put(request: string | { url: string }, response: Response) {
    this.entries.set(this.key(request), response);
  }
  async delete(request: string | { url: string }) {
    return this.entries.delete(this.key(request));
  }
  async keys() {
    return [...this.entries.keys()].map((url) => ({ url }));
  }
}

class FakeCacheStorage {
  stores = new Map<string, FakeCache>();
  async open(name: string) {
    if (!this.stores.has(name)) this.stores.set(name, new FakeCache());
    return this.stores.get(name)!;
  }
  async keys() {
    return [...this.stores.keys()];
  }
  async delete(name: string) {
    return this.stores.delete(name);
  }
  /** Every URL held in any cache. */
  allUrls() {
    return [...this.stores.values()].flatMap((c) => [...c.entries.keys()]);
  }
}

/** A same-origin network answer (the worker stores only responses of type "basic"). */
function basic(body: string, init: ResponseInit = {}) {
  const response = new Response(body, { status: 200, ...init });
  Object.defineProperty(response, 'type', { value: 'basic' });
  return response;
}

const offlineHtml = (lang: string) =>
  `<!DOCTYPE html><html lang="${lang}"><head>` +
  '<link rel="preload" href="/fonts/v33/Vazirmatn-Regular.woff2" as="font" type="font/woff2" crossorigin="anonymous"/>' +
  '<link rel="stylesheet" href="/build/_assets/app-ABC123.css"/><link rel="icon" href="/favicon.svg"/>' +
  '<link rel="manifest" href="/manifest.webmanifest"/><link rel="canonical" href="/track/123456789012"/>' +
  `</head><body><h1>${lang === 'fa' ? 'اتصال به اینترنت برقرار نیست' : 'No internet connection'}</h1></body></html>`;
const CSS = "@font-face{src:url('/fonts/v33/Vazirmatn-Regular.woff2')}@font-face{src:url(/fonts/v33/Vazirmatn-Bold.woff2)}";

interface Worker {
  rule: Exposed;
  caches: FakeCacheStorage;
  fetched: { url: string; credentials?: string; cache?: string }[];
  online: boolean;
  /** Network answers by path; anything else is a page with its path as body. */
  network: Map<string, () => Response>;
  dispatch(type: string, event: Record<string, unknown>): Promise<{ response?: Response; responded: boolean }>;
  navigate(url: string, method?: string): Promise<{ response?: Response; responded: boolean }>;
}

function loadWorker(): Worker {
  const listeners = new Map<string, (event: unknown) => void>();
  const caches = new FakeCacheStorage();
  const worker = { caches, fetched: [], online: true, network: new Map() } as unknown as Worker;
  worker.network.set('/offline?lng=fa', () => basic(offlineHtml('fa'), { headers: { 'Content-Type': 'text/html' } }));
  worker.network.set('/offline?lng=en', () => basic(offlineHtml('en'), { headers: { 'Content-Type': 'text/html' } }));
  worker.network.set('/build/_assets/app-ABC123.css', () => basic(CSS, { headers: { 'Content-Type': 'text/css' } }));
  const self = {
    location: new URL(`${ORIGIN}/sw.js`),
    addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, listener),
    skipWaiting: async () => undefined,
    clients: { claim: async () => undefined },
  };
  // In a worker, a relative address is read against the worker's own; Node needs it spelled out.
  const WorkerRequest = class extends Request {
    constructor(input: string, init?: RequestInit) {
      super(new URL(input, ORIGIN).href, init);
    }
  };
  const fetch = async (input: string | { url: string; credentials?: string; cache?: string }) => {
    const request = typeof input === 'string' ? { url: new URL(input, ORIGIN).href } : input;
    worker.fetched.push({ url: request.url, credentials: request.credentials, cache: request.cache });
    if (!worker.online) throw new TypeError('Failed to fetch');
    const address = new URL(request.url);
    const answer = worker.network.get(address.pathname + address.search);
    return answer ? answer() : basic(`page ${address.pathname}`, { headers: { 'Content-Type': 'text/html' } });
  };
  const expose = '\nreturn { strategyFor, isNeverCached, VERSION };';
  worker.rule = new Function('self', 'caches', 'fetch', 'Request', SOURCE + expose)(self, caches, fetch, WorkerRequest) as Exposed;

  worker.dispatch = async (type, fields) => {
    const waits: Promise<unknown>[] = [];
    let responded: Promise<Response> | undefined;
    listeners.get(type)!({
      ...fields,
      waitUntil: (p: Promise<unknown>) => waits.push(p),
      respondWith: (p: Promise<Response>) => (responded = p),
    });
    const response = responded ? await responded : undefined;
    await Promise.all(waits);
    return { response, responded: responded !== undefined };
  };
  worker.navigate = (url, method = 'GET') => worker.dispatch('fetch', { request: { method, url: new URL(url, ORIGIN).href, mode: 'navigate' } });
  return worker;
}

const PRIVATE_URLS = [
  '/track',
  '/track/',
  '/track/123456789012',
  '/track/123456789012?lng=en',
  '/track/123456789012/attachments/7',
  '/TRACK/123456789012',
  '/staff',
  '/staff/login',
  '/staff/inbox',
  '/staff/inbox.csv',
  '/staff/items/12',
  '/staff/dashboard.csv',
  '/feedback/new',
  '/feedback/new?center=3',
  '/feedback/sent/123456789012',
  '/api/open311/v2/services.json',
  '/api/open311/v2/requests.json',
  '/api/sms/inbound',
  '/metrics',
  '/healthz',
  '/healthz.json',
];

describe('the caching rule (strategyFor)', () => {
  const { strategyFor, isNeverCached } = loadWorker().rule;
  const rule = (method: string, url: string, mode = 'no-cors') => strategyFor(method, url, mode, ORIGIN);

  it('lets only immutable same-origin assets be cached, and only GET', () => {
    const cases: [string, string, string, Strategy][] = [
      ['GET', '/build/_assets/app-ABC123.css', 'no-cors', 'asset'],
      ['GET', '/build/entry.client-XYZ.js', 'cors', 'asset'],
      ['GET', '/build/manifest-8F3A.js', 'cors', 'asset'],
      ['GET', '/fonts/v33/Vazirmatn-Regular.woff2', 'cors', 'asset'],
      ['GET', '/fonts/v33/Vazirmatn-Bold.woff2', 'cors', 'asset'],
      ['GET', '/build/entry.client-XYZ.js?v=2', 'cors', 'bypass'],
      ['GET', '/build/', 'no-cors', 'bypass'],
      ['GET', '/fonts/Vazirmatn.woff2', 'cors', 'bypass'],
      ['HEAD', '/build/_assets/app-ABC123.css', 'no-cors', 'bypass'],
      ['POST', '/build/_assets/app-ABC123.css', 'no-cors', 'bypass'],
      ['GET', '/favicon.svg', 'no-cors', 'bypass'],
      ['GET', '/manifest.webmanifest', 'cors', 'bypass'],
      ['GET', '/icons/icon-192.png', 'no-cors', 'bypass'],
      ['GET', '/sw.js', 'same-origin', 'bypass'],
      ['GET', '/centers', 'cors', 'bypass'],
      ['GET', 'https://elsewhere.example/build/x.js', 'cors', 'bypass'],
      ['GET', 'http://didehban.example/build/x.js', 'cors', 'bypass'],
    ];
    for (const [method, url, mode, expected] of cases) {
      expect(rule(method, url.startsWith('/') ? `${ORIGIN}${url}` : url, mode), `${method} ${url}`).toBe(expected);
    }
  });

  it('sends every page navigation to the network (the offline page only when there is none)', () => {
    for (const url of ['/', '/centers', '/centers/4', '/offline', '/stats?days=90', ...PRIVATE_URLS]) {
      expect(rule('GET', `${ORIGIN}${url}`, 'navigate'), url).toBe('page');
    }
    expect(rule('GET', 'https://elsewhere.example/', 'navigate')).toBe('bypass');
  });

  it('leaves every request other than GET alone, navigations (form posts) included', () => {
    for (const method of ['POST', 'post', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      for (const url of ['/feedback/new', '/track/123456789012', '/staff/items/12', '/api/open311/v2/requests.json', '/', '/build/x.js']) {
        for (const mode of ['navigate', 'cors', 'same-origin']) expect(rule(method, `${ORIGIN}${url}`, mode), `${method} ${url} ${mode}`).toBe('bypass');
      }
    }
  });

  it("sends Remix's data requests to the network", () => {
    expect(rule('GET', `${ORIGIN}/centers?province=ir-09&_data=routes%2Fcenters._index`, 'cors')).toBe('data');
    expect(rule('GET', `${ORIGIN}/track/123456789012?_data=routes%2Ftrack.%24code`, 'cors')).toBe('data');
    expect(rule('POST', `${ORIGIN}/feedback/new?_data=routes%2Ffeedback.new`, 'cors')).toBe('bypass');
  });

  it('never caches a tracking, staff, form, API, metrics or health address, whatever the method or mode', () => {
    for (const url of PRIVATE_URLS) {
      expect(isNeverCached(new URL(url, ORIGIN).pathname), url).toBe(true);
      for (const method of ['GET', 'POST', 'HEAD']) {
        for (const mode of ['navigate', 'cors', 'no-cors', 'same-origin']) expect(rule(method, `${ORIGIN}${url}`, mode), `${method} ${url} ${mode}`).not.toBe('asset');
      }
    }
    for (const url of ['/', '/centers', '/trackers', '/staffing', '/offline', '/build/x.js', '/fonts/v33/a.woff2']) {
      expect(isNeverCached(url), url).toBe(false);
    }
  });
});

describe('the service worker at work', () => {
  let worker: Worker;
  beforeEach(async () => {
    worker = loadWorker();
    await worker.dispatch('install', {});
    await worker.dispatch('activate', {});
    worker.fetched = [];
  });

  const offlineCache = () => worker.caches.stores.get(`didehban-offline-${worker.rule.VERSION}`)!;

  // Issue 21: a first visit on a slow network does not fetch the stylesheet and fonts a second time for the worker.
  it('keeps the offline pages when installed, their stylesheet and fonts from the second page on (from the browser’s cache), fetched without cookies', async () => {
    const fresh = loadWorker();
    await fresh.dispatch('install', {});
    const kept = () => [...fresh.caches.stores.get(`didehban-offline-${fresh.rule.VERSION}`)!.entries.keys()].sort();
    expect(kept()).toEqual(['/offline?lng=en', '/offline?lng=fa'].map((p) => `${ORIGIN}${p}`));
    await fresh.dispatch('message', { data: { type: 'page', lang: 'fa', build: 'aaaa1111' } });
    expect(kept()).toHaveLength(2); // the first page: nothing more
    await fresh.dispatch('message', { data: { type: 'page', lang: 'fa', build: 'aaaa1111' } });
    expect(kept()).toEqual(
      [
        '/build/_assets/app-ABC123.css',
        '/fonts/v33/Vazirmatn-Bold.woff2',
        '/fonts/v33/Vazirmatn-Regular.woff2',
        '/offline?lng=en',
        '/offline?lng=fa',
      ].map((p) => `${ORIGIN}${p}`),
    );
    expect(fresh.fetched.filter((f) => !f.url.includes('/offline?')).every((f) => f.cache === 'force-cache')).toBe(true);
    expect(fresh.fetched.every((f) => f.credentials === 'omit')).toBe(true);
    await fresh.dispatch('message', { data: { type: 'page', lang: 'fa', build: 'aaaa1111' } });
    expect(fresh.fetched).toHaveLength(5); // taken once
  });

  it('deletes its older caches when activated, and nobody else’s', async () => {
    const fresh = loadWorker();
    await fresh.caches.open('didehban-offline-v0');
    await fresh.caches.open('didehban-assets-v0');
    await fresh.caches.open('someone-else');
    await fresh.dispatch('install', {});
    await fresh.dispatch('activate', {});
    const names = await fresh.caches.keys();
    expect(names).not.toContain('didehban-offline-v0');
    expect(names).not.toContain('didehban-assets-v0');
    expect(names).toContain('someone-else');
    expect(names).toContain(`didehban-offline-${fresh.rule.VERSION}`);
  });

  it('shows pages from the network, and stores none of them', async () => {
    for (const url of ['/', '/centers', '/track/123456789012', '/staff/inbox', '/feedback/new', '/offline']) {
      const { response } = await worker.navigate(url);
      expect(await response!.text()).toBe(`page ${url}`);
    }
    const before = new Set(worker.caches.allUrls());
    expect([...before].filter((u) => !/\/(offline\?lng=|build\/|fonts\/)/.test(u) && !u.endsWith('/__service-worker-state'))).toEqual([]);
  });

  it('shows the Persian offline page for a navigation with no connection, tracking and staff pages included', async () => {
    worker.online = false;
    for (const url of ['/centers', '/track/123456789012', '/staff/inbox', '/feedback/new', '/']) {
      const { response } = await worker.navigate(url);
      expect(await response!.text(), url).toContain('اتصال به اینترنت برقرار نیست');
    }
    expect(worker.caches.allUrls().some((u) => /\/(track|staff|feedback)\b/.test(u))).toBe(false);
  });

  it('shows the offline page in the language the visitor chose', async () => {
    worker.online = false;
    expect(await (await worker.navigate('/centers?lng=en')).response!.text()).toContain('No internet connection');
    // the choice is remembered, as the server remembers it in its cookie
    expect(await (await worker.navigate('/track/123456789012')).response!.text()).toContain('No internet connection');
    await worker.dispatch('message', { data: { type: 'page', lang: 'fa' } });
    expect(await (await worker.navigate('/centers')).response!.text()).toContain('اتصال به اینترنت برقرار نیست');
  });

  it('never touches a form post, online or not', async () => {
    for (const online of [true, false]) {
      worker.online = online;
      expect((await worker.navigate('/feedback/new', 'POST')).responded).toBe(false);
      expect((await worker.dispatch('fetch', { request: { method: 'POST', url: `${ORIGIN}/track/123456789012?_data=x`, mode: 'cors' } })).responded).toBe(false);
    }
    expect(worker.fetched).toEqual([]);
  });

  it("tells Remix to load the whole page when a data request finds no connection", async () => {
    worker.online = false;
    const { response } = await worker.dispatch('fetch', {
      request: { method: 'GET', url: `${ORIGIN}/centers?province=ir-09&_data=routes%2Fcenters._index`, mode: 'cors' },
    });
    expect(response!.status).toBe(204);
    expect(response!.headers.get('X-Remix-Redirect')).toBe('/centers?province=ir-09');
    expect(response!.headers.get('X-Remix-Reload-Document')).toBe('true');
  });

  it('passes data requests through when online, storing nothing', async () => {
    const { response } = await worker.dispatch('fetch', {
      request: { method: 'GET', url: `${ORIGIN}/track/123456789012?_data=routes%2Ftrack.%24code`, mode: 'cors' },
    });
    expect(await response!.text()).toBe('page /track/123456789012');
    expect(worker.caches.allUrls().some((u) => u.includes('_data') || u.includes('/track'))).toBe(false);
  });

  it('serves immutable assets from the cache once fetched, and never stores a failed answer', async () => {
    const asset = { method: 'GET', url: `${ORIGIN}/build/entry.client-XYZ.js`, mode: 'cors' };
    worker.network.set('/build/entry.client-XYZ.js', () => basic('code', { headers: { 'Content-Type': 'text/javascript' } }));
    expect(await (await worker.dispatch('fetch', { request: asset })).response!.text()).toBe('code');
    worker.online = false;
    expect(await (await worker.dispatch('fetch', { request: asset })).response!.text()).toBe('code');
    expect(worker.fetched.filter((f) => f.url === asset.url)).toHaveLength(1); // cache first: the second time, no network at all

    worker.online = true;
    worker.network.set('/build/missing.js', () => basic('not found', { status: 404 }));
    await worker.dispatch('fetch', { request: { ...asset, url: `${ORIGIN}/build/missing.js` } });
    expect(worker.caches.allUrls()).not.toContain(`${ORIGIN}/build/missing.js`);
    // the offline page's own stylesheet comes from the offline cache (taken once a second page was shown)
    await worker.dispatch('message', { data: { type: 'page', lang: 'fa' } });
    await worker.dispatch('message', { data: { type: 'page', lang: 'fa' } });
    worker.online = false;
    const css = await worker.dispatch('fetch', { request: { method: 'GET', url: `${ORIGIN}/build/_assets/app-ABC123.css`, mode: 'no-cors' } });
    expect(await css.response!.text()).toBe(CSS);
  });

  it('takes the offline page again after a new deployment, dropping the old stylesheet', async () => {
    await worker.dispatch('message', { data: { type: 'page', lang: 'fa', build: 'aaaa1111' } });
    expect(worker.fetched).toEqual([]); // the first build it hears of is the one it installed with
    worker.network.set('/offline?lng=fa', () => basic(offlineHtml('fa').replace('app-ABC123', 'app-DEF456')));
    worker.network.set('/offline?lng=en', () => basic(offlineHtml('en').replace('app-ABC123', 'app-DEF456')));
    worker.network.set('/build/_assets/app-DEF456.css', () => basic(CSS));
    await worker.dispatch('message', { data: { type: 'page', lang: 'fa', build: 'bbbb2222' } });
    const kept = [...offlineCache().entries.keys()];
    expect(kept).toContain(`${ORIGIN}/build/_assets/app-DEF456.css`);
    expect(kept).not.toContain(`${ORIGIN}/build/_assets/app-ABC123.css`);
    expect(await (await offlineCache().match('/offline?lng=fa'))!.text()).toContain('app-DEF456');
  });
});
