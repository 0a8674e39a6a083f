import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';

/**
 * Issue 23, safeguarding: a province manager marks an item of their inbox as safeguarding (with a reason); the page
 * shows the mark and stays axe clean; the province's officer no longer finds the item, in the inbox or by its address.
 */
test('a manager marks an item safeguarding and the officer no longer finds it', async ({ browser }) => {
  test.setTimeout(120_000);
  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await manager.goto('/staff/login?lng=fa');
  await signIn(manager, 'manager.ir-09');
  await manager.goto('/staff/inbox');
  await manager.locator('table a[href^="/staff/items/"]').first().click();
  await expect(manager).toHaveURL(/\/staff\/items\/\d+$/);
  const path = new URL(manager.url()).pathname;

  const section = manager.getByRole('region', { name: 'محافظت از فرد در خطر (حساس)' });
  await section.getByLabel(/دلیل علامت زدن/).fill('شهروند از آزار سالمند در خانه خبر داده است.');
  await section.getByRole('button', { name: 'علامت زدن به‌عنوان حساس' }).click();
  await expect(manager.getByTestId('safeguarding-mark')).toBeVisible();
  await expect(manager.getByRole('button', { name: 'برداشتن علامت حساس' })).toBeVisible();
  await expectNoAxeViolations(manager, 'a safeguarding item, for its manager');
  await managerContext.close();

  const officerContext = await browser.newContext();
  const officer = await officerContext.newPage();
  await officer.goto('/staff/login?lng=fa');
  await signIn(officer, 'officer.ir-09');
  await officer.goto('/staff/inbox?all=1');
  await expect(officer.locator(`a[href="${path}"]`)).toHaveCount(0);
  const response = await officer.goto(path);
  expect(response?.status()).toBe(404);
  await officerContext.close();
});
