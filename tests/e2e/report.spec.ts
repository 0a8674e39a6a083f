/**
 * The breakdowns and the monthly report in the browser: a national supervisor sees the dashboard's breakdowns by
 * channel and area, follows the link to the monthly report, picks another month and reads every section, in Persian
 * and in English; the pages are checked with axe, at phone width and (the report) in print media: no staff bar or
 * forms on paper. The public /stats shows the breakdowns with small counts withheld. The demo seed's answered items
 * (over the past two months, by phone and on the website) give the last complete month figures.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, MOBILE_VIEWPORT, signIn } from './helpers';

const TEXT = {
  fa: {
    monitoring: 'پایش',
    byChannel: 'به تفکیک مسیر دریافت',
    byArea: 'به تفکیک حوزه',
    link: 'گزارش عملکرد ماهانه (چاپی و CSV)',
    title: 'گزارش عملکرد ماهانه: سراسر کشور',
    month: 'ماه',
    show: 'نمایش',
    received: /^در .+، [۰-۹٬]+ پیام دریافت شد که /,
    phone: 'تلفن ۱۴۸۲',
    byProvince: 'به تفکیک استان',
    zero: '۰',
    few: 'کمتر از ۵ مورد',
  },
  en: {
    monitoring: 'Monitoring',
    byChannel: 'By channel',
    byArea: 'By area',
    link: 'Monthly performance report (printable, CSV)',
    title: 'Monthly performance report: Whole country',
    month: 'Month',
    show: 'Show',
    received: /^In .+, [\d,]+ messages? (was|were) received: /,
    phone: 'Phone 1482',
    byProvince: 'By province',
    zero: '0',
    few: 'fewer than 5 items',
  },
} as const;

for (const lng of ['fa', 'en'] as const) {
  const t = TEXT[lng];

  test(`the breakdowns and the monthly report, in ${lng}`, async ({ page }) => {
    await page.goto(`/staff/login?lng=${lng}`);
    await signIn(page, 'national');
    await page.getByRole('link', { name: t.monitoring, exact: true }).click();
    await expect(page).toHaveURL(/\/staff\/dashboard$/);

    // The dashboard's breakdowns over its period: a bar and a table line per channel and per area.
    const channels = page.getByTestId('breakdown-channels');
    await expect(channels.getByRole('heading', { name: t.byChannel })).toBeVisible();
    await expect(channels.locator('.bar-list li')).toHaveCount(5);
    await expect(channels.locator('tbody tr[data-key="phone"] th')).toHaveText(t.phone);
    await expect(page.getByTestId('breakdown-areas').getByRole('heading', { name: t.byArea })).toBeVisible();
    await expect(page.getByTestId('breakdown-areas').locator('tbody tr')).toHaveCount(7); // six areas and "not known"
    await expectNoAxeViolations(page, `the ${lng} dashboard with its breakdowns`);

    // The link leads to the report of the last complete month, which holds some of the demo items.
    await page.getByRole('link', { name: t.link }).click();
    await expect(page).toHaveURL(/\/staff\/reports\/monthly$/);
    await expect(page.locator('h1')).toContainText(t.title);
    await expect(page.getByTestId('report-summary')).toHaveText(t.received);
    await expect(page.getByTestId('report-figures').locator('[data-figure="received"] dd')).not.toHaveText(t.zero);

    // Another month from the picker: the address and the heading follow it.
    const picker = page.getByLabel(t.month, { exact: true });
    const options = picker.locator('option');
    await expect(options).toHaveCount(12);
    const [value, label] = await Promise.all([options.nth(1).getAttribute('value'), options.nth(1).textContent()]);
    await picker.selectOption(value!);
    await page.getByRole('button', { name: t.show }).click();
    await expect(page).toHaveURL(new RegExp(`month=${value}`));
    await expect(page.locator('h1')).toContainText(label!);
    await expect(page.getByTestId('report-summary')).not.toBeEmpty();
    await expect(page.getByTestId('report-channels').locator('tbody tr')).toHaveCount(5);
    await expect(page.getByTestId('report-areas').locator('tbody tr')).toHaveCount(7);
    await expect(page.getByTestId('report-provinces').getByRole('heading', { name: t.byProvince })).toBeVisible();
    await expect(page.getByTestId('report-provinces').locator('tbody tr')).toHaveCount(32);
    await expect(page.getByRole('link', { name: /CSV/ })).toHaveAttribute('href', `/staff/reports/monthly.csv?month=${value}`);
    await expectNoAxeViolations(page, `the ${lng} monthly report`);

    // On paper: the report only, without the staff bar, the trail or the month form.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.staff-bar')).toBeHidden();
    await expect(page.locator('form.report-controls')).toBeHidden();
    await expect(page.getByTestId('report-channels')).toBeVisible();
    await page.emulateMedia({ media: 'screen' });

    // At phone width neither the report nor the dashboard with its breakdowns scrolls sideways.
    await page.setViewportSize(MOBILE_VIEWPORT);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(MOBILE_VIEWPORT.width);
    await page.goto('/staff/dashboard');
    await expect(page.getByTestId('breakdown-areas')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(MOBILE_VIEWPORT.width);

    // The public /stats shows the same breakdowns, counts below five withheld.
    await page.goto('/stats');
    await expect(page.getByTestId('stats-channels').locator('tbody tr')).toHaveCount(5);
    // Each channel's count is either withheld or at least five (other specs file items through the API too).
    for (const cell of await page.getByTestId('stats-channels').locator('tbody tr td:first-of-type').allTextContents()) {
      const n = Number(cell.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d))).replace(/[^0-9]/g, ''));
      expect(cell === t.few || n >= 5, `"${cell}"`).toBe(true);
    }
    await expect(page.getByTestId('stats-areas').locator('tbody tr')).toHaveCount(7);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(MOBILE_VIEWPORT.width);
    await expectNoAxeViolations(page, `the ${lng} statistics with breakdowns`);
  });
}
