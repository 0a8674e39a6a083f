/**
 * The insight pages of issue 25 in the browser, in Persian and English, at 1440 and 360 px: a national supervisor
 * goes from the dashboard to "same procedure, same outcome?", changes the rows to channels, opens the hotspots, and
 * goes down from a province's dashboard row to a centre's month (the demo seed's answered items at the first centre
 * of Markazi, ir-00). Each page is checked with axe and must not scroll sideways at phone width.
 * With SCREENSHOTS=1 the pages are also saved under tests/.tmp/screens for people to look at.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, MOBILE_VIEWPORT, signIn } from './helpers';

const TEXT = {
  fa: { compare: 'روال یکسان، نتیجه یکسان؟', hotspots: 'کانون‌های تکرار', rows: 'ردیف‌ها', show: 'نمایش', channel: 'تلفن ۱۴۸۲', month: 'ماهِ یک مرکز' },
  en: { compare: 'Same procedure, same outcome?', hotspots: 'Hotspots', rows: 'Rows', show: 'Show', channel: 'Phone 1482', month: 'A centre’s month' },
} as const;

async function look(page: Page, name: string) {
  if (process.env.SCREENSHOTS) await page.screenshot({ path: `tests/.tmp/screens/${name}.png`, fullPage: true });
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}

for (const lng of ['fa', 'en'] as const) {
  const t = TEXT[lng];

  test(`comparison, hotspots and a centre's month, in ${lng}`, async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`/staff/login?lng=${lng}`);
    await signIn(page, 'national');
    await page.goto('/staff/dashboard?period=90');
    await page.getByRole('link', { name: t.compare, exact: true }).first().click();
    await expect(page).toHaveURL(/\/staff\/dashboard\/compare\?/);
    await expect(page.locator('h1')).toContainText(t.compare);
    const rows = page.getByTestId('compare-rows');
    await expect(rows.locator('tbody tr')).toHaveCount(33); // 31 provinces, the national queue, the total
    await expect(rows.locator('tbody tr[data-key="ir-00"] td').first()).not.toHaveText(/^[0۰]$/);
    await expectNoAxeViolations(page, `the ${lng} comparison`);
    await look(page, `compare-${lng}-1440`);

    // Rows by channel: the phone line has the demo's phone items.
    await page.getByLabel(t.rows, { exact: true }).selectOption('channel');
    await page.getByRole('button', { name: t.show }).click();
    await expect(page).toHaveURL(/by=channel/);
    await expect(rows.locator('tbody tr[data-key="phone"] th')).toHaveText(t.channel);

    await page.getByRole('link', { name: t.hotspots }).first().click();
    await expect(page).toHaveURL(/\/staff\/dashboard\/hotspots/);
    await expect(page.locator('h1')).toContainText(t.hotspots);
    await expect(page.getByTestId('hotspots').or(page.getByTestId('hotspots-empty'))).toBeVisible();
    await expectNoAxeViolations(page, `the ${lng} hotspots`);
    await look(page, `hotspots-${lng}-1440`);

    // Down to the centre: Markazi's dashboard, its first centre's row, the centre's month (the demo's last month).
    await page.goto('/staff/dashboard?province=ir-00&period=90');
    await page.getByTestId('dashboard-rows').locator('tbody tr th a').first().click();
    await expect(page).toHaveURL(/\/staff\/centers\/\d+\/month$/);
    await page.getByRole('link', { name: /‹/ }).click();
    await expect(page).toHaveURL(/month=\d{4}-\d{2}/);
    await expect(page.getByTestId('month-figures')).toBeVisible();
    await expect(page.getByTestId('month-replies').or(page.getByText(/No public reply|پاسخ عمومی داده نشده/))).toBeVisible();
    await expectNoAxeViolations(page, `the ${lng} centre's month`);
    await look(page, `month-${lng}-1440`);
    const monthUrl = page.url();

    // At phone width: no page scrolls sideways, axe stays clean.
    await page.setViewportSize(MOBILE_VIEWPORT);
    await noSidewaysScroll(page);
    await expectNoAxeViolations(page, `the ${lng} centre's month at 360 px`);
    await look(page, `month-${lng}-360`);
    await page.goto('/staff/dashboard/compare?period=90');
    await noSidewaysScroll(page);
    await expectNoAxeViolations(page, `the ${lng} comparison at 360 px`);
    await look(page, `compare-${lng}-360`);
    await page.goto('/staff/dashboard/hotspots?period=90');
    await noSidewaysScroll(page);
    await look(page, `hotspots-${lng}-360`);
    expect(monthUrl).toContain('/month');
  });
}
