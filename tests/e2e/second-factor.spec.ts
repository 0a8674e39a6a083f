/**
 * The second factor in the browser: signing in with the code step without JavaScript at phone width, in Persian and
 * English, and an officer turning the factor on (QR code, key, confirmation, recovery codes shown once).
 */
import { generateTOTP } from '@epic-web/totp';
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectNoAxeViolations, MOBILE_VIEWPORT, signIn, typeSecondFactorCode } from './helpers';

for (const lng of ['fa', 'en'] as const) {
  test(`the national supervisor signs in with a code, in ${lng}, JavaScript off, at phone width`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: MOBILE_VIEWPORT });
    const page = await context.newPage();
    await page.goto(`/staff/login?lng=${lng}`);
    await page.getByLabel(/نام کاربری|Username/).fill('national');
    await page.getByLabel(/گذرواژه|Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /^(ورود|Sign in)$/ }).click();
    await expect(page).toHaveURL(/\/staff\/verify$/);
    await expect(page.locator('h1')).toHaveText(lng === 'fa' ? 'کد ورود دومرحله‌ای' : 'Two-step sign-in code');
    await expectNoAxeViolations(page, `the ${lng} code page`, { javaScriptEnabled: false });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(MOBILE_VIEWPORT.width);

    // A wrong code: a field message in the page's language, still on the code page.
    await page.getByLabel(/^(کد|Code)/).fill('12345');
    await page.getByRole('button', { name: /^(تأیید|Verify)$/ }).click();
    await expect(page.locator('#code-error')).toHaveText(lng === 'fa' ? /شش رقم/ : /six digits/);
    await typeSecondFactorCode(page);
    await expect(page).toHaveURL(/\/staff\/inbox/);
    await context.close();
  });
}

test('an officer turns the second factor on and keeps the recovery codes, at phone width', async ({ page }) => {
  await page.setViewportSize(MOBILE_VIEWPORT);
  await page.goto('/staff/login');
  await signIn(page, 'officer.ir-05');
  await page.getByRole('link', { name: 'ورود دومرحله‌ای' }).click();
  await expect(page).toHaveURL(/\/staff\/two-factor$/);
  await expect(page.locator('img.qr-code')).toBeVisible();
  expect(await page.locator('img.qr-code').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0); // the SVG decodes
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expectNoAxeViolations(page, 'the enrolment page');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(MOBILE_VIEWPORT.width);

  await page.getByLabel('کد', { exact: true }).fill((await generateTOTP({ secret, algorithm: 'SHA-1' })).otp);
  await page.getByRole('button', { name: 'فعال کردن' }).click();
  const codes = page.getByTestId('recovery-codes').locator('li');
  await expect(codes).toHaveCount(10);
  await expectNoAxeViolations(page, 'the recovery codes');
});
