/**
 * Issue 24 ("axe clean on every staff page in fa and en"): every staff page a province manager and an admin reach,
 * in both languages, with JavaScript on. Pages with ids take the first the page before them links to.
 */
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { signIn, WCAG_TAGS } from './helpers';

async function firstHref(page: Page, from: string, pattern: RegExp): Promise<string> {
  await page.goto(from);
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const found = hrefs.find((h) => pattern.test(h.split('?')[0]!));
  expect(found, `a link matching ${pattern} on ${from}`).toBeTruthy();
  return found!;
}

async function sweep(page: Page, paths: string[], lng: string) {
  for (const path of paths) {
    const response = await page.goto(path);
    expect.soft(response?.status(), path).toBe(200);
    await expect(page.locator('html')).toHaveAttribute('lang', lng);
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    expect.soft(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `axe on ${path} in ${lng}`).toEqual([]);
  }
}

for (const lng of ['fa', 'en'] as const) {
  test(`every page of a province manager is axe clean, in ${lng}`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(`/staff/login?lng=${lng}`);
    await sweep(page, ['/staff/login'], lng);
    await signIn(page, 'manager.ir-09');
    const item = await firstHref(page, '/staff/inbox', /^\/staff\/items\/\d+$/);
    const month = await firstHref(page, '/staff/dashboard', /^\/staff\/centers\/\d+\/month$/);
    await sweep(
      page,
      [
        '/staff/inbox',
        '/staff/inbox?all=1',
        item,
        '/staff/items/new',
        '/staff/canned',
        '/staff/notifications',
        '/staff/password',
        '/staff/two-factor',
        '/staff/dashboard',
        '/staff/dashboard/compare',
        '/staff/dashboard/hotspots',
        month,
        '/staff/reports/monthly',
      ],
      lng,
    );
  });

  test(`every page of an admin is axe clean, in ${lng}`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(`/staff/login?lng=${lng}`);
    await signIn(page, 'admin');
    const user = await firstHref(page, '/staff/admin/users', /^\/staff\/admin\/users\/\d+$/);
    const centre = await firstHref(page, '/staff/admin/centers', /^\/staff\/admin\/centers\/\d+$/);
    await sweep(
      page,
      [
        '/staff',
        '/staff/admin',
        '/staff/admin/users',
        '/staff/admin/users/new',
        user,
        '/staff/admin/centers',
        centre,
        `${centre}/programmes`,
        '/staff/admin/services',
        '/staff/admin/settings',
        '/staff/admin/organizations',
        '/staff/admin/api-keys',
        '/staff/admin/audit',
        '/staff/outbox',
      ],
      lng,
    );
  });
}
