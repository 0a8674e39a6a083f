/**
 * The citizen pages as a cheap phone on slow 3G sees them on a first visit, measured in real Chromium (the one the
 * browser tests use: @sparticuz/chromium unpacked to /tmp/chromium, or CHROMIUM_PATH) through Playwright:
 *  - a fresh browser context per visit (empty HTTP cache, no cookies but those given), 360 × 740 CSS px at 2×,
 *    touch, an Android user agent, `fa-IR`;
 *  - over the page's DevTools session: `Network.setCacheDisabled` and `Network.emulateNetworkConditions` at
 *    400 kbit/s each way (50,000 bytes/s) and 400 ms latency (Chromium adds it to every request), set before the
 *    navigation. The CPU is not slowed down (the machine is shared and slow enough); only the network is emulated.
 *  - bytes: every response the page received until `load` and then the network went quiet (Playwright's
 *    `networkidle`, at most 30 s more), as `Request.sizes()` reports them: the body as sent (compressed when the
 *    server compressed it) plus the response headers. Split by Playwright's resource type: html (the document),
 *    JS, CSS, fonts, other. HTML is also given decoded (the document as parsed).
 *  - the service worker (public/sw-register.js installs it after `load`; on install it takes the two offline pages,
 *    their stylesheet and fonts only from the second page on): its own downloads are counted apart, in `sw KB` (not throttled: the emulation is
 *    the page's; they happen after `load`, so they change no timing). Counted in the first-visit total, which is
 *    what the phone pays for the visit.
 *  - FCP: `performance.getEntriesByName('first-contentful-paint')`; load: the navigation entry's `loadEventEnd`.
 *    Both in ms from the start of the navigation; the median of `runs` visits (bytes are the first visit's).
 */
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { existsSync } from 'node:fs';

/** The network the targets are set for (the filed issue): slow 3G. */
export const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 } as const;
export const TARGETS = { bytes: 100 * 1024, fcpMs: 2000, loadMs: 4000, htmlGrowth: 2 } as const;

const ANDROID_UA =
  'Mozilla/5.0 (Linux; Android 11; SM-A022F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/143.0.0.0 Mobile Safari/537.36';

export interface PageVisit {
  label: string;
  path: string;
  shown: string;
  status: number;
  finalPath: string;
  requests: number;
  /** Bytes received by the page (bodies as sent plus response headers), all resources. */
  bytes: number;
  html: number;
  htmlDecoded: number;
  js: number;
  css: number;
  font: number;
  other: number;
  swBytes: number;
  swRequests: number;
  fcp: number | null;
  load: number;
  /** Every run's figures, for the medians. */
  fcps: (number | null)[];
  loads: number[];
}

export interface PageToVisit {
  label: string;
  path: string;
  /** The path as the table shows it (a tracking code replaced by `<code>`). */
  shown?: string;
  /** Cookies the visitor already holds (the citizen's look-up session for their own item). */
  cookies?: { name: string; value: string }[];
}

async function chromiumPath(): Promise<string> {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  // The browser tests' global setup does the same (tests/e2e/global-setup.ts).
  const { default: sparticuz } = await import('@sparticuz/chromium');
  return sparticuz.executablePath();
}

export async function launchBrowser(): Promise<Browser> {
  // Lets Playwright report the service worker's own requests (with `Request.serviceWorker()`).
  process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
  return chromium.launch({
    executablePath: await chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function visitOnce(browser: Browser, base: string, page: PageToVisit) {
  const context: BrowserContext = await browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    userAgent: ANDROID_UA,
    locale: 'fa-IR',
    timezoneId: 'Asia/Tehran',
  });
  try {
    if (page.cookies?.length) await context.addCookies(page.cookies.map((c) => ({ ...c, url: base })));
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);

    const sizes: Promise<{ type: string; sw: boolean; bytes: number; decoded: number }>[] = [];
    context.on('requestfinished', (request) => {
      sizes.push(
        (async () => {
          const s = await request.sizes().catch(() => ({ responseBodySize: 0, responseHeadersSize: 0 }));
          const type = request.resourceType();
          const decoded = type === 'document' ? ((await (await request.response())?.body().catch(() => null))?.length ?? 0) : 0;
          return { type, sw: request.serviceWorker() !== null, bytes: Math.max(0, s.responseBodySize) + Math.max(0, s.responseHeadersSize), decoded };
        })(),
      );
    });
    const response = await tab.goto(base + page.path, { waitUntil: 'load', timeout: 180_000 });
    await tab.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => undefined);
    const timing = await tab.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return { fcp, load: nav?.loadEventEnd ?? 0 };
    });
    const done = await Promise.all(sizes);
    const sum = (keep: (r: (typeof done)[number]) => boolean) => done.filter(keep).reduce((n, r) => n + r.bytes, 0);
    const ofPage = (r: (typeof done)[number]) => !r.sw;
    return {
      status: response?.status() ?? 0,
      finalPath: new URL(tab.url()).pathname + new URL(tab.url()).search,
      requests: done.filter(ofPage).length,
      bytes: sum(ofPage),
      html: sum((r) => ofPage(r) && r.type === 'document'),
      htmlDecoded: done.filter((r) => ofPage(r) && r.type === 'document').reduce((n, r) => n + r.decoded, 0),
      js: sum((r) => ofPage(r) && r.type === 'script'),
      css: sum((r) => ofPage(r) && r.type === 'stylesheet'),
      font: sum((r) => ofPage(r) && r.type === 'font'),
      other: sum((r) => ofPage(r) && !['document', 'script', 'stylesheet', 'font'].includes(r.type)),
      swBytes: sum((r) => r.sw),
      swRequests: done.filter((r) => r.sw).length,
      fcp: timing.fcp,
      load: timing.load,
    };
  } finally {
    await context.close();
  }
}

/** Visits each page `runs` times, each time as a first visit. */
export async function measurePages(browser: Browser, base: string, pages: PageToVisit[], runs = 1, log = (_: string) => {}): Promise<PageVisit[]> {
  const results: PageVisit[] = [];
  for (const page of pages) {
    const visits = [];
    for (let i = 0; i < runs; i++) visits.push(await visitOnce(browser, base, page));
    const first = visits[0]!;
    const fcps = visits.map((v) => v.fcp);
    const known = fcps.filter((f): f is number => f !== null);
    const result: PageVisit = {
      label: page.label,
      path: page.path,
      shown: page.shown ?? page.path,
      ...first,
      fcp: known.length ? median(known) : null,
      load: median(visits.map((v) => v.load)),
      fcps,
      loads: visits.map((v) => v.load),
    };
    log(`${page.label}: ${(result.bytes / 1024).toFixed(1)} KB (+ sw ${(result.swBytes / 1024).toFixed(1)} KB), FCP ${result.fcp?.toFixed(0)} ms, load ${result.load.toFixed(0)} ms`);
    results.push(result);
  }
  return results;
}

const kb = (n: number) => (n / 1024).toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const ms = (n: number | null) => (n === null ? 'n/a' : Math.round(n).toLocaleString('en-US'));
const pass = (ok: boolean) => (ok ? 'PASS' : '**FAIL**');

/** Whether a visit meets the three page targets (bytes counted with the service worker's). */
export function verdicts(v: PageVisit) {
  const total = v.bytes + v.swBytes;
  return { total, bytes: total <= TARGETS.bytes, fcp: v.fcp !== null && v.fcp <= TARGETS.fcpMs, load: v.load <= TARGETS.loadMs };
}

export function pagesTable(visits: PageVisit[]): string {
  return [
    '| page | catalogue | status | requests | total KB | page KB | sw KB | HTML KB (decoded) | JS KB | CSS KB | font KB | FCP ms | load ms | ≤ 100 KB | FCP ≤ 2 s | load ≤ 4 s |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|',
    ...visits.map((v) => {
      const t = verdicts(v);
      const redirected = v.finalPath !== v.path ? ` → \`${v.finalPath.replace(/\d{12}/g, '<code>')}\`` : '';
      return `| \`${v.shown}\`${redirected} | ${v.label} | ${v.status} | ${v.requests} | **${kb(t.total)}** | ${kb(v.bytes)} | ${kb(v.swBytes)} | ${kb(v.html)} (${kb(v.htmlDecoded)}) | ${kb(v.js)} | ${kb(v.css)} | ${kb(v.font)} | ${ms(v.fcp)} | ${ms(v.load)} | ${pass(t.bytes)} | ${pass(t.fcp)} | ${pass(t.load)} |`;
    }),
  ].join('\n');
}
