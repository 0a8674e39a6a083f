import { expect, test } from '@playwright/test';
import { MOBILE_VIEWPORT, openFirstCenter, readTrackingCode, signIn } from './helpers';

/**
 * The thinnest end-to-end slice (issue: Foundation), in Persian on a 360-px screen, with JavaScript on and off:
 * a citizen sends a suggestion about a centre, tracks it, an officer of that province answers it, and the citizen
 * sees the answer. An officer of another province cannot open the item.
 */
for (const javaScriptEnabled of [true, false]) {
  test.describe(`feedback slice, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled, viewport: MOBILE_VIEWPORT });

    test('submit → track → answer → the citizen sees the answer', async ({ page, browser }) => {
      await openFirstCenter(page, 'ir-09');
      const centerName = (await page.locator('h1').textContent())!.trim();
      await page.getByRole('link', { name: 'فرستادن انتقاد یا پیشنهاد درباره این مرکز' }).click();
      await expect(page).toHaveURL(/\/feedback\/new\?center=\d+/);
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await expect(page.locator('h1')).toContainText(centerName);

      await page.getByLabel('پیشنهاد').check();
      const body = `لطفاً ساعت کار ${centerName} را تا عصر پنج‌شنبه هم ادامه دهید؛ بسیاری از مراجعان شاغل‌اند.`;
      await page.getByLabel('متن بازخورد').fill(body);
      await page.getByLabel('شماره همراه').fill('۰۹۱۲۱۲۳۴۵۶۷');
      await page.getByLabel(/می‌پذیرم/).check();
      await page.getByRole('button', { name: 'ارسال بازخورد' }).click();

      await expect(page.locator('h1')).toHaveText('بازخورد شما ثبت شد');
      const code = await readTrackingCode(page);
      await expect(page.getByText('بازخورد شما به استان خراسان رضوی ارجاع شد.')).toBeVisible();
      // No horizontal scrolling on a narrow phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(MOBILE_VIEWPORT.width);

      // Tracking from another browser: code (spaced, Persian digits) + mobile.
      const citizen = await browser.newContext({ javaScriptEnabled, viewport: MOBILE_VIEWPORT });
      const track = await citizen.newPage();
      await track.goto('/track');
      await track.getByLabel('کد رهگیری').fill(code.replace(/(\d{4})/g, '$1 ').replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!));
      await track.getByLabel('شماره همراه').fill('09121234567');
      await track.getByRole('button', { name: 'نمایش وضعیت' }).click();
      await expect(track.getByTestId('item-status')).toHaveAttribute('data-status', 'routed');
      await expect(track.locator('.timeline li')).toHaveCount(2);
      await expect(track.locator('.timeline time').first()).toContainText(/۱۴۰[۵-۹]/); // a Solar Hijri year

      // The officer of Khorasan Razavi answers it.
      const staffContext = await browser.newContext({ javaScriptEnabled, viewport: MOBILE_VIEWPORT });
      const staff = await staffContext.newPage();
      await signIn(staff, 'officer.ir-09');
      await expect(staff).toHaveURL(/\/staff\/inbox/);
      const persianCode = code.replace(/(\d{4})(?=\d)/g, '$1 ').replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
      await staff.getByRole('link', { name: persianCode }).click();
      await expect(staff).toHaveURL(/\/staff\/items\/\d+$/);
      const itemUrl = staff.url();
      await expect(staff.getByText('۰۹۱۲•••۴۵۶۷').or(staff.getByText('0912•••4567'))).toBeVisible();
      await staff.getByRole('button', { name: 'پذیرش و شروع بررسی' }).click();
      await expect(staff.getByTestId('item-status')).toHaveAttribute('data-status', 'in_review');
      const answer = 'ساعت کار مرکز از هفته آینده تا ساعت ۱۸ تمدید می‌شود. از پیشنهاد شما سپاسگزاریم.';
      await staff.getByRole('form', { name: 'پاسخ نهایی' }).getByLabel('متن پیام به شهروند').fill(answer);
      await staff.getByRole('button', { name: 'پاسخ نهایی' }).click();
      await expect(staff.getByTestId('item-status')).toHaveAttribute('data-status', 'answered');

      await track.reload();
      await expect(track.getByTestId('item-status')).toHaveAttribute('data-status', 'answered');
      await expect(track.getByText(answer)).toBeVisible();

      // Another province's officer gets the not-found page for the same item.
      const otherContext = await browser.newContext({ javaScriptEnabled });
      const other = await otherContext.newPage();
      await signIn(other, 'officer.ir-23');
      const response = await other.goto(itemUrl);
      expect(response?.status()).toBe(404);
      await expect(other.locator('h1')).toHaveText('صفحه پیدا نشد');
      await expect(other.getByText(answer)).toHaveCount(0);

      await Promise.all([citizen.close(), staffContext.close(), otherContext.close()]);
    });

    test('an invalid submission shows Persian field messages and keeps what was typed', async ({ page }) => {
      await page.goto('/feedback/new');
      await page.getByLabel('شکایت').check();
      await page.getByLabel('متن بازخورد').fill('خیلی کوتاه');
      await page.getByLabel('شماره همراه').fill('۰۲۱۱۲۳');
      await page.getByLabel(/نام و نام خانوادگی/).fill('زهرا احمدی');
      await page.getByRole('button', { name: 'ارسال بازخورد' }).click();

      const summary = page.getByRole('alert');
      await expect(summary).toContainText('لطفاً موارد زیر را اصلاح کنید');
      await expect(summary.getByRole('link', { name: /دست‌کم ۲۰ نویسه/ })).toHaveAttribute('href', '#body');
      await expect(summary).toContainText('مرکز یا دست‌کم استان را انتخاب کنید.');
      await expect(summary).toContainText('شماره همراه معتبر نیست');
      await expect(summary).toContainText('پذیرش استفاده از اطلاعات');
      await expect(page.getByLabel('متن بازخورد')).toHaveValue('خیلی کوتاه');
      await expect(page.getByLabel(/نام و نام خانوادگی/)).toHaveValue('زهرا احمدی');
      await expect(page.getByLabel('شکایت')).toBeChecked();
      await expect(page.getByLabel('متن بازخورد')).toHaveAttribute('aria-invalid', 'true');
    });
  });
}

test('English is one click away, left to right, and remembered', async ({ page }) => {
  await page.goto('/feedback/new');
  await page.getByRole('link', { name: 'Read this page in English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('h1')).toHaveText('Send criticism, a suggestion or a complaint');
  await page.goto('/track');
  await expect(page.locator('h1')).toHaveText('Track your feedback');
  await page.getByRole('link', { name: 'این صفحه را به فارسی بخوانید' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
});

test('an unknown address gets a Persian 404 page', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.locator('h1')).toHaveText('صفحه پیدا نشد');
  await expect(page.getByRole('link', { name: 'بازگشت به صفحه نخست' })).toBeVisible();
});
