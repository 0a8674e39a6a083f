import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { answerChallenge, citizenAddress, expectNoAxeViolations, MOBILE_VIEWPORT, openFirstCenter, readTrackingCode } from './helpers';

/**
 * The installable portal (issue "Every channel into one workflow", part "Installable"): the web app manifest and its
 * icons, the service worker, and the Persian offline page shown for any page that cannot load without a connection,
 * tracking pages included, while no tracking (or staff, or form) page is ever kept in a cache.
 */

const OFFLINE = { fa: 'اتصال به اینترنت برقرار نیست', en: 'No internet connection' } as const;
const NEVER_CACHED = /^\/(track|staff|feedback|api|metrics|healthz)([/.]|$)/i;

/** Waits until the service worker is active and controls this page (it claims open pages when it activates). */
async function serviceWorkerInControl(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  });
}

/** Every address held in any of the origin's caches. */
function cachedUrls(page: Page) {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    }
    return urls;
  });
}

/** The width and height written in a PNG's IHDR chunk. */
function pngSize(body: Buffer) {
  expect(body.subarray(1, 4).toString('ascii')).toBe('PNG');
  return `${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`;
}

/**
 * No connection, for the page and for its service worker alike: with this Chromium (143), `setOffline` alone let the
 * worker's own fetch of a tracking page reach the server while the page was offline, so the context refuses every
 * request too. What the worker answers from its caches is still what the test checks.
 */
async function goOffline(context: BrowserContext) {
  await context.setOffline(true);
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
}

async function goOnline(context: BrowserContext) {
  await context.unrouteAll();
  await context.setOffline(false);
}

test.describe('the installable portal', () => {
  test.use({ viewport: MOBILE_VIEWPORT });

  test('the page links a manifest that names the portal in Persian, right to left, with its icons', async ({ page, request }) => {
    await page.goto('/');
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
    await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', '#0b5d57');
    const touchIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');

    const response = await request.get('/manifest.webmanifest');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest = JSON.parse(await response.text());
    expect(manifest).toMatchObject({
      name: 'دیده‌بان — بهزیستی کشور',
      short_name: 'دیده‌بان',
      lang: 'fa',
      dir: 'rtl',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: '#0b5d57',
    });
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);

    const icons = manifest.icons as { src: string; sizes: string; type: string; purpose?: string }[];
    const described = icons.map((i) => `${i.sizes} ${i.type} ${i.purpose ?? 'any'}`);
    expect(described).toEqual(
      expect.arrayContaining(['192x192 image/png any', '512x512 image/png any', '512x512 image/png maskable', 'any image/svg+xml any']),
    );
    for (const icon of [...icons, { src: touchIcon!, sizes: '180x180', type: 'image/png' }]) {
      const file = await request.get(icon.src);
      expect(file.status(), icon.src).toBe(200);
      expect(file.headers()['content-type'], icon.src).toContain(icon.type);
      if (icon.type === 'image/png') expect(pngSize(await file.body()), icon.src).toBe(icon.sizes);
    }

    const worker = await request.get('/sw.js');
    expect(worker.status()).toBe(200);
    expect(worker.headers()['cache-control']).toBe('no-cache');
    expect(worker.headers()['content-type']).toMatch(/javascript/);
  });

  test('the offline page: Persian first, English too, no index, no scripts, nothing axe objects to', async ({ page }) => {
    for (const lng of ['fa', 'en'] as const) {
      await page.goto(`/offline?lng=${lng}`);
      await expect(page.locator('h1')).toHaveText(OFFLINE[lng]);
      await expect(page.locator('html')).toHaveAttribute('dir', lng === 'fa' ? 'rtl' : 'ltr');
      await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
      await expect(page.locator('a[href="tel:1482"]')).toBeVisible();
      await expect(page.locator('script')).toHaveCount(0);
      await expectNoAxeViolations(page, `/offline in ${lng}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(MOBILE_VIEWPORT.width);
      await page.screenshot({ path: `tests/.tmp/shots/offline-${lng}.png`, fullPage: true });
    }
  });

  test('without a connection every page gets the offline page, and no tracking page is ever cached', async ({ browser }) => {
    const context = await browser.newContext({ viewport: MOBILE_VIEWPORT, extraHTTPHeaders: citizenAddress() });
    const page = await context.newPage();
    await page.goto('/?lng=fa');
    await serviceWorkerInControl(page);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js$/);

    // With the worker in place, a citizen sends feedback (a form post goes straight to the network) and follows it.
    await openFirstCenter(page, 'ir-09');
    await page.locator('a[href^="/feedback/new?center="]').click();
    await page.getByLabel('انتقاد', { exact: true }).check();
    await page.getByLabel('متن بازخورد').fill('در ساعت اعلام‌شده کسی در پذیرش مرکز نبود و تلفن هم پاسخ داده نشد.');
    await page.getByLabel('شماره همراه').fill('09151234567');
    await page.getByLabel(/می‌پذیرم/).check();
    await answerChallenge(page);
    await page.getByRole('button', { name: 'ارسال بازخورد' }).click();
    await expect(page).toHaveURL(/\/feedback\/sent\/\d{12}$/);
    const code = await readTrackingCode(page);
    await page.getByRole('link', { name: 'مشاهده وضعیت' }).click();
    await expect(page).toHaveURL(new RegExp(`/track/${code}$`));
    await expect(page.getByTestId('item-status')).toBeVisible();
    await page.reload(); // a full page load of the tracking page too, through the worker
    await expect(page.getByTestId('item-status')).toBeVisible();

    const cached = await cachedUrls(page);
    expect(cached.map((u) => new URL(u).pathname).filter((p) => NEVER_CACHED.test(p))).toEqual([]);
    expect(cached.some((u) => u.endsWith('/offline?lng=fa'))).toBe(true);
    expect(cached.some((u) => /\/build\/.+\.css$/.test(u))).toBe(true);

    await goOffline(context);
    await page.goto('/centers');
    await expect(page.locator('h1')).toHaveText(OFFLINE.fa);
    await expect(page).toHaveURL(/\/centers$/);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    // styled from the cache: the stylesheet and the Persian font loaded without a connection
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')!).backgroundColor)).toBe('rgb(11, 93, 87)');
    const fontLoaded = await page.evaluate(async () => {
      await document.fonts.load('16px Vazirmatn', 'دیده‌بان');
      return Array.from(document.fonts as unknown as Iterable<FontFace>).some((f) => f.family.replace(/["']/g, '') === 'Vazirmatn' && f.status === 'loaded');
    });
    expect(fontLoaded).toBe(true);

    await page.goto(`/track/${code}`);
    await expect(page.locator('h1')).toHaveText(OFFLINE.fa);
    await expect(page.getByTestId('item-status')).toHaveCount(0); // never an old copy of the tracking page
    await page.goto('/staff/inbox');
    await expect(page.locator('h1')).toHaveText(OFFLINE.fa);
    expect((await cachedUrls(page)).map((u) => new URL(u).pathname).filter((p) => NEVER_CACHED.test(p))).toEqual([]);

    // "Try again" loads the very address once the connection is back.
    await goOnline(context);
    await page.goto('/centers');
    await expect(page.locator('h1')).not.toHaveText(OFFLINE.fa);
    await goOffline(context);
    await page.goto('/track');
    await expect(page.locator('h1')).toHaveText(OFFLINE.fa);
    await goOnline(context);
    await page.getByRole('link', { name: 'تلاش دوباره' }).click();
    await expect(page).toHaveURL(/\/track$/);
    await expect(page.locator('h1')).not.toHaveText(OFFLINE.fa);
    await expect(page.locator('script').first()).toBeAttached(); // the real page, with its scripts as usual

    // A link followed inside the running app (Remix fetches the data alone) ends on the offline page too. (From a
    // staff page: citizen pages are plain HTML without the app since issue 21, decision 015.)
    await page.goto('/staff/login');
    await page.waitForFunction(() => 'serviceWorker' in navigator && (window as { __remixRouter?: unknown }).__remixRouter !== undefined);
    await serviceWorkerInControl(page);
    await goOffline(context);
    await page.getByRole('navigation', { name: 'منوی اصلی' }).getByRole('link', { name: 'مراکز' }).click();
    // The citizen page's route module was never loaded (citizen pages run no app), so the app, unable to fetch it,
    // loads a page afresh (the one it is on): the offline page either way, never an error.
    await expect(page.locator('h1')).toHaveText(OFFLINE.fa);

    // The visitor who chose English gets the English offline page.
    await goOnline(context);
    await page.goto('/?lng=en');
    await serviceWorkerInControl(page);
    await goOffline(context);
    await page.goto('/centers');
    await expect(page.locator('h1')).toHaveText(OFFLINE.en);
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await context.close();
  });
});
