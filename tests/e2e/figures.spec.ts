/**
 * Decision 016 in the browser: a national supervisor opens the dashboard for a custom range of Solar dates (the
 * period "since the last regional meeting") at desk and phone width, in Persian and English: the range is read, every
 * figure carries its count and the previous period, the definitions are one link away, a bad date is named under
 * its field, and axe finds nothing. Screenshots of the dashboard, /stats and the monthly report go to
 * tests/.tmp/screens for a person to look at.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, MOBILE_VIEWPORT, signIn } from './helpers';

const DESK = { width: 1440, height: 900 };
const TEXT = {
  fa: { inTime: 'پاسخ در مهلت', definitions: 'این ارقام چگونه تعریف شده‌اند', invalid: 'تاریخی درست مانند ۱۴۰۵/۰۸/۰۱ بنویسید.', range: /۱ آبان ۱۴۰۵/ },
  en: { inTime: 'Answered in time', definitions: 'How these figures are defined', invalid: 'Write a real date like 1405/08/01.', range: /23 October 2026 to 21 November 2026/ },
} as const;

for (const lng of ['fa', 'en'] as const) {
  const t = TEXT[lng];
  test(`the dashboard over a custom range, in ${lng}, at 1440 and 360 px`, async ({ page }) => {
    await page.setViewportSize(DESK);
    await page.goto(`/staff/login?lng=${lng}`);
    await signIn(page, 'national');
    for (const viewport of [DESK, MOBILE_VIEWPORT]) {
      await page.setViewportSize(viewport);
      await page.goto('/staff/dashboard?from=1405-08-01&to=1405-08-30');
      await expect(page.getByTestId('dashboard-range')).toContainText(t.range);
      const inTime = page.locator('[data-testid="figures-period"] [data-figure="answeredInTime"]');
      await expect(inTime.locator('dt')).toHaveText(t.inTime);
      await expect(inTime.locator('dd small')).toBeVisible(); // the previous period beside it
      await expect(page.getByTestId('figures-ageing').locator('.figure')).toHaveCount(4);
      await expect(page.getByRole('link', { name: t.definitions })).toHaveAttribute('href', '/stats#definitions');
      // The in-time column is the first after the name, so it is in view on a phone too.
      const cell = await page.getByTestId('dashboard-rows').locator('tbody tr').first().locator('td').first().boundingBox();
      expect(cell!.x).toBeGreaterThanOrEqual(0);
      expect(cell!.x + cell!.width).toBeLessThanOrEqual(viewport.width);
      await expectNoAxeViolations(page, `the ${lng} dashboard at ${viewport.width} px`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({ path: `tests/.tmp/screens/dashboard-${lng}-${viewport.width}.png`, fullPage: true });
      await page.goto('/staff/reports/monthly');
      await page.screenshot({ path: `tests/.tmp/screens/report-${lng}-${viewport.width}.png`, fullPage: true });
      await page.goto('/stats');
      await page.screenshot({ path: `tests/.tmp/screens/stats-${lng}-${viewport.width}.png`, fullPage: true });
    }

    // A bad date: the message under its field, what was typed kept, the usual period shown.
    await page.goto('/staff/dashboard?from=1405-13-40&to=1405-08-30');
    await expect(page.locator('#range-from-error')).toHaveText(t.invalid);
    await expect(page.locator('#range-from')).toHaveValue('1405-13-40');
    await expect(page.locator('#range-from')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('range-refused')).toBeVisible();
  });
}
