import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, MOBILE_VIEWPORT } from './helpers';

/** What each step looks for, in each language. */
const TEXT = {
  fa: { search: 'جست‌وجو', program: 'برنامه', shoq: 'شوق زندگی', show: 'نمایش', city: 'مشهد', count: /^[۰-۹]+ مرکز$/, services: 'خدمات مراکز', scorecard: 'کارنامه عمومی مرکز', feedback: 'فرستادن انتقاد، پیشنهاد یا شکایت درباره این مرکز', home: 'خانه' },
  en: { search: 'Search', program: 'Programme', shoq: 'Shoq-e Zendegi', show: 'Show', city: 'Mashhad', count: /^\d+ centres?$/, services: 'Services of the centres', scorecard: 'Public scorecard', feedback: 'Send criticism, a suggestion or a complaint about this centre', home: 'Home' },
} as const;

/**
 * The directory (issue "Centres and services directory"): a citizen on a 360-px phone finds a centre by search and
 * filter and opens its page, in Persian and English, with JavaScript on and off; axe checks every page on the way.
 */
for (const lng of ['fa', 'en'] as const) {
  for (const javaScriptEnabled of [false, true]) {
    test.describe(`the directory in ${lng}, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
      test.use({ javaScriptEnabled, viewport: MOBILE_VIEWPORT });
      const t = TEXT[lng];

      test('find a centre by search and programme, open it, then browse a service', async ({ page }) => {
        await page.goto(`/centers?lng=${lng}`);
        await expect(page.locator('html')).toHaveAttribute('dir', lng === 'fa' ? 'rtl' : 'ltr');
        await expectNoAxeViolations(page, '/centers', { javaScriptEnabled });

        await page.getByLabel(t.search, { exact: true }).fill(t.city);
        await page.getByLabel(t.program).selectOption({ label: t.shoq });
        await page.getByRole('button', { name: t.show, exact: true }).click();
        await expect(page).toHaveURL(/program=shoq/);
        await expect(page.getByTestId('result-count')).toHaveText(t.count);
        const results = page.locator('.center-list a');
        await expect(results.first()).toBeVisible();
        await page.waitForLoadState('load'); // the whole list, not the first part of a streamed page
        for (const text of await page.locator('.center-list li').allTextContents()) expect(text).toContain(t.shoq);
        await expectNoAxeViolations(page, '/centers with a search', { javaScriptEnabled });

        const name = (await results.first().textContent())!.trim();
        await results.first().click();
        await expect(page.locator('h1')).toHaveText(name);
        await expect(page.getByRole('navigation', { name: lng === 'fa' ? 'مسیر صفحه' : 'Breadcrumb' }).getByRole('link', { name: t.home })).toBeVisible();
        await expect(page.getByRole('heading', { name: t.scorecard })).toBeVisible();
        await expect(page.getByRole('link', { name: t.feedback })).toHaveAttribute('href', /\/feedback\/new\?center=\d+$/);
        await expect(page.locator('a[href^="tel:"]')).toBeVisible();
        await expectNoAxeViolations(page, 'a centre page', { javaScriptEnabled });
        // The page never scrolls sideways on a phone.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(MOBILE_VIEWPORT.width);

        await page.locator('section[aria-labelledby="services-title"] a').first().click();
        await expect(page).toHaveURL(/\/services\/[a-z-]+$/);
        await expect(page.locator('h1')).not.toBeEmpty();
        await expectNoAxeViolations(page, 'a service page', { javaScriptEnabled });
        await page.getByRole('link', { name: t.services }).click();
        await expect(page.locator('h1')).toHaveText(t.services);
        await expectNoAxeViolations(page, '/services', { javaScriptEnabled });
      });
    });
  }
}

test('a search typed with Arabic ye and kaf finds the same centres as the Persian spelling (JavaScript off)', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: MOBILE_VIEWPORT });
  const page = await context.newPage();
  const namesFor = async (typed: string) => {
    await page.goto('/centers');
    await page.getByLabel('جست‌وجو', { exact: true }).fill(typed);
    await page.getByRole('button', { name: 'نمایش', exact: true }).click();
    // allTextContents reads once: wait for this search's page, all of it (the document streams in).
    await page.waitForURL((url) => url.searchParams.get('q') === typed);
    await page.waitForLoadState('load');
    return page.locator('.center-list a').allTextContents();
  };
  const persian = await namesFor('مرکز شوق زندگی شکوفه');
  expect(persian.length).toBeGreaterThan(0);
  expect(await namesFor('مركز شوق زندگي شكوفه')).toEqual(persian);
  await context.close();
});
