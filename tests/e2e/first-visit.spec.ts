import { expect, test, type Page } from '@playwright/test';
import { MOBILE_VIEWPORT } from './helpers';

/**
 * What a first visit downloads, for citizens on slow mobile data (benchmark target: the home page ≤ 150 KB, see
 * bench/first-visit.ts; every citizen page ≤ 100 KB since issue 21, bench/pages.ts): the home page is HTML and CSS
 * without the app's scripts and still installs the service worker; the fonts are Vazirmatn's Arabic-script faces, for
 * Persian text only; a page that runs the app (a staff page: citizen pages no longer do, decision 015) loads its own
 * language's strings, never the other language's, and keeps working after a link inside the app and after a language
 * switch.
 */

const TEXT = {
  fa: { menu: 'منوی اصلی', track: 'پیگیری', trackTitle: 'پیگیری بازخورد', feedbackTitle: 'ثبت انتقاد، پیشنهاد یا شکایت', switchTo: 'Read this page in English' },
  en: { menu: 'Main menu', track: 'Track', trackTitle: 'Track your feedback', feedbackTitle: 'Send criticism, a suggestion or a complaint', switchTo: 'این صفحه را به فارسی بخوانید' },
} as const;
const other = (lng: 'fa' | 'en') => (lng === 'fa' ? 'en' : 'fa');

/** Every address the page requests, as path and query. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    urls.push(url.pathname + url.search);
  });
  return urls;
}

/** What the page logs as an error or throws (a hydration mismatch is reported either way). */
function recordErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

const hydrated = (page: Page) => page.waitForFunction(() => (window as { __remixRouter?: unknown }).__remixRouter !== undefined);

/** The fonts Chromium really drew an element's text with, and how many glyphs each (DevTools protocol). */
async function fontsDrawing(page: Page, selector: string): Promise<Record<string, number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return Object.fromEntries(fonts.map((f) => [f.familyName, f.glyphCount]));
}

test.use({ viewport: MOBILE_VIEWPORT });

test('the home page: no app script, the Arabic-script faces only, and the service worker still installs', async ({ page }) => {
  const requests = recordRequests(page);
  const errors = recordErrors(page);
  await page.goto('/?lng=fa');
  await expect(page.locator('h1')).toBeVisible();
  await page.evaluate(() => document.fonts.ready.then(() => undefined));

  await expect(page.locator('script[type="module"], link[rel="modulepreload"]')).toHaveCount(0);
  expect(requests.filter((url) => url.startsWith('/build/') && url.endsWith('.js'))).toEqual([]);
  expect([...new Set(requests.filter((url) => url.startsWith('/fonts/')))].sort()).toEqual(['/fonts/v33/Vazirmatn-NL-Bold.woff2', '/fonts/v33/Vazirmatn-NL-Regular.woff2']);
  // Persian text in Vazirmatn; no other weight or face was needed.
  expect(Object.keys(await fontsDrawing(page, 'h1')).some((family) => /vazirmatn/i.test(family))).toBe(true);

  // Installed by public/sw-register.js, which tells it the page's language.
  expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL)).toMatch(/\/sw\.js$/);

  // Its links are plain links: a new page, which since issue 21 runs no app either, only its own small script.
  await page.getByRole('navigation', { name: TEXT.fa.menu }).getByRole('link', { name: 'ثبت بازخورد' }).click();
  await expect(page).toHaveURL(/\/feedback\/new$/);
  await expect(page.locator('h1')).toHaveText(TEXT.fa.feedbackTitle);
  await expect(page.locator('script[type="module"], link[rel="modulepreload"]')).toHaveCount(0);
  expect(requests.filter((url) => url.startsWith('/build/') && url.endsWith('.js'))).toEqual([]);
  expect(requests.some((url) => url.startsWith('/citizen.js'))).toBe(true);
  expect(errors).toEqual([]);
});

test('English text is drawn in the system font, Persian text on the same page in Vazirmatn', async ({ page }) => {
  await page.goto('/?lng=en');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  expect(Object.keys(await fontsDrawing(page, 'h1')).some((family) => /vazirmatn/i.test(family))).toBe(false);
  // The link to the Persian page is in Persian.
  expect(Object.keys(await fontsDrawing(page, 'a[hreflang="fa"]')).some((family) => /vazirmatn/i.test(family))).toBe(true);
});

for (const lng of ['fa', 'en'] as const) {
  test(`a page that runs the app in ${lng} loads the ${lng} strings only, navigates inside the app and switches language`, async ({ page }) => {
    const t = TEXT[lng];
    const requests = recordRequests(page);
    const errors = recordErrors(page);
    const stringChunks = () => requests.filter((url) => /^\/build\/_shared\/(fa|en)-[A-Z0-9]+\.js$/.test(url));

    // A staff page runs the app (citizen pages do not since issue 21).
    await page.goto(`/staff/login?lng=${lng}`);
    await hydrated(page);
    expect(stringChunks()).toEqual([expect.stringMatching(new RegExp(`/${lng}-`))]);

    // A link inside the app: Remix fetches the data alone, and the page and its title are in the same language.
    await page.getByRole('navigation', { name: t.menu }).getByRole('link', { name: t.track, exact: true }).click();
    await expect(page.locator('h1')).toHaveText(t.trackTitle);
    await expect(page).toHaveTitle(new RegExp(`^${t.trackTitle} \\| `));
    expect(requests.some((url) => url.startsWith('/track?_data='))).toBe(true);
    expect(stringChunks()).toHaveLength(1);

    // The language switch is a link to a new page: a citizen page, without the app, so no strings at all.
    requests.length = 0;
    await page.getByRole('link', { name: t.switchTo }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', other(lng));
    await expect(page.locator('h1')).toHaveText(TEXT[other(lng)].trackTitle);
    expect(stringChunks()).toEqual([]);
    // A staff page in that language loads that language's strings (and only those).
    await page.goto('/staff/login');
    await hydrated(page);
    expect(stringChunks()).toEqual([expect.stringMatching(new RegExp(`/${other(lng)}-`))]);
    expect(errors).toEqual([]);
  });
}

test('the home page reached by a link inside the app: shown by the running app, whose links keep working', async ({ page }) => {
  const errors = recordErrors(page);
  await page.goto('/staff/login?lng=fa');
  await hydrated(page);
  await page.locator('a.brand').click();
  await expect(page.locator('h1')).toHaveText('صدای شما به مراکز بهزیستی می‌رسد');
  await page.getByRole('navigation', { name: TEXT.fa.menu }).getByRole('link', { name: TEXT.fa.track, exact: true }).click();
  await expect(page.locator('h1')).toHaveText(TEXT.fa.trackTitle);
  await page.goBack();
  await expect(page.locator('h1')).toHaveText('صدای شما به مراکز بهزیستی می‌رسد');
  expect(errors).toEqual([]);
});
