/*
 * Didehban's service worker: plain JavaScript, no build step, served from /sw.js with `Cache-Control: no-cache`.
 *
 * What it does, and nothing more:
 *  - keeps the offline page (/offline, in Persian and English) with its stylesheet and fonts: the pages when it is
 *    installed (a few KB), the stylesheet and fonts once a second page has been shown, from the browser's own cache
 *    (the pages just used them), so a first visit does not pay for them twice on a slow network (issue 21);
 *  - keeps hashed build assets (/build/…) and the versioned fonts (/fonts/…) once fetched: they never change;
 *  - when a page cannot be loaded because there is no connection, shows the offline page instead.
 * Pages themselves are never stored: no tracking page, staff page, form, API answer, /metrics or /healthz, and no
 * request other than GET, ever reaches a cache. What may be cached is an allow-list (strategyFor), and on top of it
 * the never-cached paths are refused by name (isNeverCached), so a mistake in one rule cannot leak a page.
 *
 * Bump VERSION when this file's caching changes: the new worker deletes every older cache when it activates.
 * tests/unit/service-worker.test.ts loads this very file with a stand-in `self`.
 */
const VERSION = 'v2';
const CACHE_PREFIX = 'didehban-';
/** The offline pages and what they need to render. */
const OFFLINE_CACHE = `${CACHE_PREFIX}offline-${VERSION}`;
/** Immutable assets fetched while browsing (cache-first), at most MAX_ASSETS of them, oldest dropped first. */
const ASSET_CACHE = `${CACHE_PREFIX}assets-${VERSION}`;
/** The visitor's language and the build the offline page was taken from (no personal data). */
const STATE_CACHE = `${CACHE_PREFIX}state-${VERSION}`;
const STATE_KEY = '/__service-worker-state';
const MAX_ASSETS = 120;
const LANGUAGES = ['fa', 'en'];
/** Persian first: the offline page in each language, fetched with `lng` so no cookie decides which one it is. */
const OFFLINE_PAGES = { fa: '/offline?lng=fa', en: '/offline?lng=en' };

/** Paths whose answers hold a citizen's item, staff data, a form, or live figures: never cached, whatever the rules. */
const NEVER_CACHED = /^\/(?:track|staff|feedback|api|metrics|healthz)(?:[/.]|$)/i;

function isNeverCached(pathname) {
  return NEVER_CACHED.test(pathname);
}

/** Assets whose address changes with their content (hashed build output, fonts under a version folder). */
function isImmutableAsset(pathname) {
  return /^\/build\/./.test(pathname) || /^\/fonts\/v\d+\/[^/]+\.woff2?$/.test(pathname);
}

/**
 * The one caching rule. Given a request's method, address and mode (and the worker's own origin), says what to do:
 *  - 'bypass'  the worker stays out of it (other origins, anything but GET): the browser goes to the network itself;
 *  - 'page'    a page navigation: the network only, the offline page if there is no connection;
 *  - 'data'    Remix loading a page's data in the background (`?_data=`): the network only; with no connection,
 *              Remix is told to load the page as a whole, which then gets the offline page;
 *  - 'asset'   an immutable asset: from the cache, else the network (and then cached).
 * Only 'asset' ever stores anything.
 */
function strategyFor(method, url, mode, origin) {
  const address = new URL(url, origin);
  if (address.origin !== new URL(origin).origin) return 'bypass';
  if (String(method).toUpperCase() !== 'GET') return 'bypass';
  if (mode === 'navigate') return 'page';
  if (address.searchParams.has('_data')) return 'data';
  if (isImmutableAsset(address.pathname) && !isNeverCached(address.pathname) && !address.search) return 'asset';
  return 'bypass';
}

/** The language a URL asks for with `?lng=` (the server remembers the same choice in its cookie), if any. */
function languageOf(url) {
  const lng = new URL(url, self.location.origin).searchParams.get('lng');
  return LANGUAGES.includes(lng) ? lng : null;
}

self.addEventListener('install', (event) => {
  event.waitUntil(takeOfflinePages(false).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keep = [OFFLINE_CACHE, ASSET_CACHE, STATE_CACHE];
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && !keep.includes(name)) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const strategy = strategyFor(request.method, request.url, request.mode, self.location.origin);
  if (strategy === 'page') {
    const lng = languageOf(request.url);
    if (lng) event.waitUntil(rememberState({ lang: lng }));
    event.respondWith(pageOrOffline(request));
  } else if (strategy === 'data') {
    event.respondWith(dataOrReload(request));
  } else if (strategy === 'asset') {
    event.respondWith(cacheFirst(request));
  }
});

/** Each page, once loaded, says which language it is in and which build it came from (public/sw-register.js). */
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'page') return;
  event.waitUntil(
    (async () => {
      const state = await readState();
      const lang = LANGUAGES.includes(data.lang) ? data.lang : state.lang;
      const build = typeof data.build === 'string' ? data.build : state.build;
      let assets = state.assets === true;
      if (state.build && build && build !== state.build) {
        // A new deployment: take the offline page again, so it shows the current texts and styles.
        assets = await takeOfflinePages(true).then(() => true, () => assets);
      } else if (!assets && state.seen) {
        // A second page: its stylesheet and fonts are in the browser's cache now, the offline page's too.
        assets = await takeOfflineAssets().then(() => true, () => false);
      }
      await rememberState({ lang, build, seen: true, assets });
    })(),
  );
});

async function pageOrOffline(request) {
  try {
    return await fetch(request);
  } catch (error) {
    if (error && error.name === 'AbortError') throw error;
    return offlinePage(request.url);
  }
}

async function dataOrReload(request) {
  try {
    return await fetch(request);
  } catch (error) {
    if (error && error.name === 'AbortError') throw error;
    const address = new URL(request.url);
    address.searchParams.delete('_data');
    // Remix's own redirect protocol: load this address as a whole document (which gets the offline page).
    return new Response(null, {
      status: 204,
      headers: { 'X-Remix-Redirect': address.pathname + address.search, 'X-Remix-Reload-Document': 'true' },
    });
  }
}

async function offlinePage(url) {
  const lang = languageOf(url) || (await readState()).lang || 'fa';
  const cache = await caches.open(OFFLINE_CACHE);
  const page = (await cache.match(OFFLINE_PAGES[lang])) || (await cache.match(OFFLINE_PAGES.fa));
  if (page) return page;
  return new Response('اتصال به اینترنت برقرار نیست. No internet connection.', {
    status: 503,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

async function cacheFirst(request) {
  // Immutable: the same bytes whatever the encoding negotiated, so Vary does not matter.
  const options = { ignoreVary: true };
  const cached =
    (await caches.open(OFFLINE_CACHE).then((c) => c.match(request, options))) ||
    (await caches.open(ASSET_CACHE).then((c) => c.match(request, options)));
  if (cached) return cached;
  const response = await fetch(request);
  if (isStorable(response)) {
    const cache = await caches.open(ASSET_CACHE);
    await cache.put(request, response.clone());
    await trim(cache, MAX_ASSETS);
  }
  return response;
}

function isStorable(response) {
  return Boolean(response) && response.ok && response.status === 200 && response.type === 'basic' && !/no-store/i.test(response.headers.get('Cache-Control') || '');
}

async function trim(cache, max) {
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - max))) await cache.delete(key);
}

/** A fetch of `path` for the offline cache, without cookies (nothing personal, the language cookie left alone). */
function taker(taken) {
  return async (path, mode) => {
    if (taken.has(path)) return null;
    const response = await fetch(new Request(path, { credentials: 'omit', cache: mode }));
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    taken.set(path, response);
    return response;
  };
}

/**
 * Takes what the offline pages' HTML links to (stylesheets, preloaded fonts, and the fonts the stylesheets name)
 * into `taken`: immutable files, so from the browser's HTTP cache when it has them (`force-cache`).
 */
async function takeLinked(pages, take) {
  const linked = [];
  for (const html of pages) linked.push(...linkedAssets(html));
  for (const path of linked) {
    const response = await take(path, 'force-cache');
    if (response && /\.css$/.test(path)) {
      for (const font of urlsInCss(await response.clone().text(), path)) await take(font, 'force-cache');
    }
  }
}

/**
 * Fetches both offline pages afresh and, with `withAssets`, what they link to, all or nothing, then keeps exactly
 * those in the offline cache.
 */
async function takeOfflinePages(withAssets) {
  const taken = new Map();
  const take = taker(taken);
  const pages = [];
  for (const page of Object.values(OFFLINE_PAGES)) pages.push(await (await take(page, 'reload')).clone().text());
  if (withAssets) await takeLinked(pages, take);
  const cache = await caches.open(OFFLINE_CACHE);
  for (const [path, response] of taken) await cache.put(path, response);
  for (const key of await cache.keys()) {
    const address = new URL(key.url);
    if (!taken.has(address.pathname + address.search)) await cache.delete(key);
  }
}

/** Adds the stylesheet and fonts of the offline pages already kept, all or nothing. */
async function takeOfflineAssets() {
  const cache = await caches.open(OFFLINE_CACHE);
  const pages = [];
  for (const page of Object.values(OFFLINE_PAGES)) {
    const kept = await cache.match(page);
    if (!kept) throw new Error(`${page} is not kept`);
    pages.push(await kept.text());
  }
  const taken = new Map();
  await takeLinked(pages, taker(taken));
  for (const [path, response] of taken) await cache.put(path, response);
}

/** Same-origin stylesheets and preloads of an HTML page that may be cached (never a page of the never-cached kind). */
function linkedAssets(html) {
  const found = [];
  for (const tag of html.match(/<link\b[^>]*>/gi) || []) {
    const rel = (/\brel="([^"]*)"/i.exec(tag) || [])[1] || '';
    const href = ((/\bhref="([^"]*)"/i.exec(tag) || [])[1] || '').replace(/&amp;/g, '&');
    if (!/^(stylesheet|preload)$/i.test(rel.trim())) continue;
    const path = sameOriginPath(href, self.location.origin);
    if (path && isImmutableAsset(path)) found.push(path);
  }
  return found;
}

function urlsInCss(css, base) {
  const found = [];
  for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
    const path = sameOriginPath(match[2], new URL(base, self.location.origin).href);
    if (path && isImmutableAsset(path)) found.push(path);
  }
  return found;
}

function sameOriginPath(href, base) {
  if (!href || href.startsWith('data:')) return null;
  const address = new URL(href, base);
  if (address.origin !== self.location.origin || address.search || isNeverCached(address.pathname)) return null;
  return address.pathname;
}

async function readState() {
  const response = await caches.open(STATE_CACHE).then((c) => c.match(STATE_KEY));
  if (!response) return {};
  try {
    return await response.json();
  } catch {
    return {};
  }
}

async function rememberState(change) {
  const state = { ...(await readState()), ...change };
  const cache = await caches.open(STATE_CACHE);
  await cache.put(STATE_KEY, new Response(JSON.stringify(state), { headers: { 'Content-Type': 'application/json' } }));
}
