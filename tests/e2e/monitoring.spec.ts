/**
 * Monitoring in the browser: a national supervisor opens the dashboard and the map in Persian and in English,
 * follows a province's tile to its own view, and a citizen reads the public /stats without JavaScript. The demo
 * seed's answered items of Markazi (ir-00) and East Azerbaijan (ir-03) give the figures something to show.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, MOBILE_VIEWPORT, signIn } from './helpers';

const TEXT = {
  fa: { title: 'پایش: سراسر کشور', map: 'نقشه استان‌ها', province: 'مرکزی', provinceTitle: 'پایش: مرکزی', answered: 'پاسخ داده‌شده', stats: 'آمار عمومی', dataTable: 'جدول داده‌ها' },
  en: { title: 'Monitoring: Whole country', map: 'Map of the provinces', province: 'Markazi', provinceTitle: 'Monitoring: Markazi', answered: 'Answered', stats: 'Public statistics', dataTable: 'Data table' },
} as const;

for (const lng of ['fa', 'en'] as const) {
  const t = TEXT[lng];

  test(`the dashboard and its map, in ${lng}, at phone width`, async ({ page }) => {
    await page.setViewportSize(MOBILE_VIEWPORT);
    await page.goto(`/staff/login?lng=${lng}`);
    await signIn(page, 'national');
    await page.getByRole('link', { name: lng === 'fa' ? 'پایش' : 'Monitoring', exact: true }).click();
    await expect(page).toHaveURL(/\/staff\/dashboard$/);
    await expect(page.locator('h1')).toHaveText(t.title);
    await expect(page.locator('html')).toHaveAttribute('dir', lng === 'fa' ? 'rtl' : 'ltr');

    // Ninety days hold the demo's answered items: the period's figures show them.
    await page.getByLabel(lng === 'fa' ? 'دوره' : 'Period', { exact: true }).selectOption('90');
    await page.getByRole('button', { name: lng === 'fa' ? 'نمایش' : 'Show' }).click();
    await expect(page).toHaveURL(/period=90/);
    const answered = page.locator('[data-testid="figures-period"] [data-figure="answers"] dd');
    await expect(answered).not.toHaveText(lng === 'fa' ? '۰' : '0');

    // The map: 31 province links, and its data table as the text alternative.
    const map = page.locator('section[aria-labelledby="map-title"]');
    await expect(map.getByRole('heading', { name: t.map })).toBeVisible();
    await expect(map.locator('svg a')).toHaveCount(31);
    await map.getByText(t.dataTable).click();
    await expect(map.locator('table tbody tr')).toHaveCount(31);
    await expectNoAxeViolations(page, `the ${lng} dashboard`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(MOBILE_VIEWPORT.width);

    // A tile leads to the province's own view, rows per centre.
    await map.locator('svg a', { hasText: t.province }).first().click();
    await expect(page).toHaveURL(/province=ir-00/);
    await expect(page.locator('h1')).toHaveText(t.provinceTitle);
    await expect(page.getByTestId('dashboard-rows').locator('tbody tr').first()).toBeVisible();
    await expectNoAxeViolations(page, `the ${lng} province dashboard`);
  });

  test(`the public statistics in ${lng}, JavaScript off`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: MOBILE_VIEWPORT });
    const page = await context.newPage();
    await page.goto(`/?lng=${lng}`);
    await page.getByRole('link', { name: t.stats }).click();
    await expect(page).toHaveURL(/\/stats$/);
    await expect(page.locator('h1')).toHaveText(t.stats);
    // Markazi's ten demo items (and whatever other tests sent there) are enough to publish its count, in the
    // interface's digits; a province without items shows "fewer than 5".
    const markazi = page.getByTestId('stats-provinces').locator('tr[data-key="ir-00"]');
    await expect(markazi.locator('td').first()).toHaveText(lng === 'fa' ? /^[۱-۹][۰-۹]+$/ : /^[1-9]\d+$/);
    await expect(page.getByTestId('stats-provinces').locator('tr[data-key="ir-30"] td').first()).toHaveText(lng === 'fa' ? 'کمتر از ۵ مورد' : 'fewer than 5 items');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(MOBILE_VIEWPORT.width);
    await expectNoAxeViolations(page, `the ${lng} statistics page`, { javaScriptEnabled: false });
    await context.close();
  });
}
