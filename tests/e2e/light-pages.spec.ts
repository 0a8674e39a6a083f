import { expect, test, type Page } from '@playwright/test';
import { answerChallenge, citizenAddress, expectNoAxeViolations, MOBILE_VIEWPORT, readTrackingCode } from './helpers';

/**
 * Issue 21, light citizen pages (decision 015): no citizen page runs the app's bundle; the submission form offers the
 * centres of one province or of a search, never the whole catalogue, step by step without JavaScript (the finder's button
 * posts the form with `intent=find-centers`) and in place with it (public/citizen.js and /feedback/centers); the form is still
 * sent and checked by the server.
 */

const CITIZEN_PAGES = ['/', '/centers', '/services', '/feedback/new', '/track', '/stats', '/privacy'];

/** Every same-origin script address the page asked for. */
function scriptsOf(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') urls.push(new URL(request.url()).pathname);
  });
  return urls;
}

test.use({ viewport: MOBILE_VIEWPORT });

test('no citizen page loads the app’s bundle; the form page has only its small script', async ({ page }) => {
  const scripts = scriptsOf(page);
  for (const path of CITIZEN_PAGES) {
    await page.goto(`${path}${path.includes('?') ? '&' : '?'}lng=fa`);
    await expect(page.locator('h1')).toBeVisible();
    await expect(page.locator('script[type="module"], link[rel="modulepreload"]'), path).toHaveCount(0);
  }
  expect(scripts.filter((url) => url.startsWith('/build/'))).toEqual([]);
  expect([...new Set(scripts)].sort()).toEqual(['/citizen.js', '/sw-register.js']);
});

for (const lng of ['fa', 'en'] as const) {
  const t =
    lng === 'fa'
      ? { finderProvince: 'استان مرکز', show: 'نمایش مراکز', search: 'جستجوی مرکز', kind: 'پیشنهاد', body: 'متن بازخورد', mobile: 'شماره همراه', consent: /می‌پذیرم/, submit: 'ارسال بازخورد', tehran: 'تهران', query: 'شوق' }
      : { finderProvince: "The centre's province", show: 'Show centres', search: 'Search centres', kind: 'Suggestion', body: 'Your feedback', mobile: 'Mobile number', consent: /I agree/, submit: 'Send feedback', tehran: 'Tehran', query: 'shoq' };

  test(`without JavaScript, at 360 px, in ${lng}: the province, then its centre, then the form is sent`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: MOBILE_VIEWPORT, extraHTTPHeaders: citizenAddress() });
    const page = await context.newPage();
    await page.goto(`/feedback/new?lng=${lng}`);
    const centre = page.locator('#centerId');
    // No centre is listed before a province or a search is given: the page does not grow with the catalogue.
    await expect(centre.locator('option')).toHaveCount(1);

    await page.getByLabel(t.finderProvince, { exact: true }).selectOption({ label: t.tehran });
    await page.getByRole('button', { name: t.show }).click();
    // The finder posts the whole form (outside review, round 8): nothing typed goes into the address.
    await expect(page).not.toHaveURL(/province=/);
    const options = centre.locator('option:not([value=""])');
    expect(await options.count()).toBeGreaterThan(0);
    await expect(centre.locator('optgroup')).toHaveAttribute('label', t.tehran);
    await expectNoAxeViolations(page, `the form with Tehran's centres in ${lng}`, { javaScriptEnabled: false });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(MOBILE_VIEWPORT.width);

    const id = await options.first().getAttribute('value');
    await centre.selectOption(id!);
    await page.getByLabel(t.kind, { exact: true }).check();
    await page.getByLabel(t.body).fill(lng === 'fa' ? 'ساعت کاری مرکز روی در ورودی نوشته نشده و تلفن هم جواب نمی‌دهد.' : 'The opening hours are not posted at the entrance and nobody answers the phone.');
    await page.getByLabel(t.mobile).fill('09121112233');
    await page.getByLabel(t.consent).check();
    await answerChallenge(page);
    await page.getByRole('button', { name: t.submit }).click();
    await expect(page).toHaveURL(/\/feedback\/sent\/\d{12}$/);
    await readTrackingCode(page);

    // A search by name, across provinces.
    await page.goto(`/feedback/new?lng=${lng}`);
    await page.getByLabel(t.search, { exact: true }).fill(t.query);
    await page.getByRole('button', { name: t.show }).click();
    await expect(page).not.toHaveURL(/[?&]q=/);
    expect(await centre.locator('option:not([value=""])').count()).toBeGreaterThan(1);
    await context.close();
  });

  test(`with JavaScript, in ${lng}: the province fills the centre list in place, keeping what was typed`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: MOBILE_VIEWPORT, extraHTTPHeaders: citizenAddress() });
    const page = await context.newPage();
    await page.goto(`/feedback/new?lng=${lng}`);
    await page.getByLabel(t.body).fill('متن نوشته‌شده پیش از انتخاب مرکز باید بماند.');
    await page.getByLabel(t.finderProvince, { exact: true }).selectOption({ label: t.tehran });
    const options = page.locator('#centerId option:not([value=""])');
    await expect.poll(() => options.count()).toBeGreaterThan(0);
    await expect(page).toHaveURL(/\/feedback\/new\?lng=/); // no page load
    await expect(page.getByLabel(t.body)).toHaveValue('متن نوشته‌شده پیش از انتخاب مرکز باید بماند.');
    await expect(page.locator('[data-center-count]')).not.toBeEmpty();
    await page.getByLabel(t.search, { exact: true }).fill(t.query);
    await expect.poll(() => page.locator('#centerId optgroup').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, `the form with the finder used in ${lng}`);
    await context.close();
  });
}

test('the confirmation page, without the app, still offers to copy the code (with JavaScript)', async ({ browser }) => {
  const context = await browser.newContext({ viewport: MOBILE_VIEWPORT, extraHTTPHeaders: citizenAddress() });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await page.goto('/feedback/new?lng=fa');
  await page.getByLabel('انتقاد', { exact: true }).check();
  await page.locator('#provinceId').selectOption('ir-23');
  await page.getByLabel('متن بازخورد').fill('صف انتظار مرکز بسیار طولانی است و نوبت‌دهی اینترنتی کار نمی‌کند.');
  await page.getByLabel('شماره همراه').fill('09121112244');
  await page.getByLabel(/می‌پذیرم/).check();
  await answerChallenge(page);
  await page.getByRole('button', { name: 'ارسال بازخورد' }).click();
  await expect(page).toHaveURL(/\/feedback\/sent\/\d{12}$/);
  const code = await readTrackingCode(page);
  await page.getByRole('button', { name: 'رونوشت کد' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  await context.close();
});
