import { expect, test } from '@playwright/test';
import { answerChallenge, citizenAddress, expectNoAxeViolations, MOBILE_VIEWPORT, readTrackingCode } from './helpers';

/**
 * "خروج از این دستگاه" on a shared phone, with JavaScript off (the form must work without it): right after sending,
 * the confirmation page opens; on the tracking page the button closes the item in this browser, and the page then asks
 * for the code and mobile again — also on going back.
 */
test('a citizen on a shared phone closes their item on this device, without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: MOBILE_VIEWPORT, extraHTTPHeaders: citizenAddress() });
  const page = await context.newPage();
  await page.goto('/feedback/new');
  await page.getByLabel('شکایت', { exact: true }).check();
  await page.getByLabel('استان', { exact: true }).selectOption({ label: 'تهران' });
  await page.getByLabel('متن بازخورد').fill('در مرکز با من بدرفتاری شد و کسی پاسخگو نبود؛ لطفاً پیگیری کنید.');
  await page.getByLabel('شماره همراه').fill('09351234568');
  await page.getByLabel(/می‌پذیرم/).check();
  await answerChallenge(page);
  await page.getByRole('button', { name: 'ارسال بازخورد' }).click();
  await expect(page).toHaveURL(/\/feedback\/sent\/\d{12}$/);
  const code = await readTrackingCode(page);

  await page.goto(`/track/${code}`);
  await expect(page.getByText('متن شما', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page, '/track/:code with the forget form', { javaScriptEnabled: false });
  await page.getByRole('button', { name: 'خروج از این دستگاه' }).click();

  await expect(page).toHaveURL(new RegExp(`/track/${code}\\?forgotten=1$`));
  await expect(page.getByRole('status')).toContainText('این مورد دیگر در این دستگاه باز نیست');
  await expect(page.getByLabel('شماره همراه')).toBeVisible();
  await expect(page.getByText('در مرکز با من بدرفتاری شد')).toHaveCount(0);
  await page.goto(`/feedback/sent/${code}`);
  await expect(page).toHaveURL(new RegExp(`/track/${code}$`));
  await expect(page.getByText('در مرکز با من بدرفتاری شد')).toHaveCount(0);
  await context.close();
});
