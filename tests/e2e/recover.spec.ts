import Database from 'better-sqlite3';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { answerChallenge, citizenAddress, expectNoAxeViolations, MOBILE_VIEWPORT, readTrackingCode } from './helpers';

/**
 * A lost code (issue 22), on a basic browser: 360 px, JavaScript off. A citizen sends feedback, loses the code (a
 * new device), asks /track/recover for a code by SMS with their mobile typed in Persian digits, reads the SMS (here:
 * the message queued in the test server's outbox), types it, and opens their item from the list without retyping.
 */
const PORT = Number(process.env.E2E_PORT || 3210);
const DATABASE = path.resolve(`tests/.tmp/e2e-${PORT}/didehban.sqlite`);
const MOBILE = '09351239876';
const persian = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

/** The code of the latest recovery SMS queued to the mobile (what the citizen's phone would show). */
function smsCode(): string {
  const sqlite = new Database(DATABASE, { readonly: true, fileMustExist: true });
  try {
    const row = sqlite.prepare("SELECT body FROM outbox WHERE recipient = ? AND idempotency_key LIKE 'recover-%' ORDER BY id DESC LIMIT 1").get(`+98${MOBILE.slice(1)}`) as { body: string } | undefined;
    const code = row ? /\d{6}/.exec(row.body)?.[0] : undefined;
    expect(code, 'a recovery SMS in the outbox').toMatch(/^\d{6}$/);
    return code!;
  } finally {
    sqlite.close();
  }
}

test('a lost code is recovered by SMS at 360 px without JavaScript', async ({ browser }) => {
  const sender = await browser.newContext({ javaScriptEnabled: false, viewport: MOBILE_VIEWPORT, extraHTTPHeaders: citizenAddress() });
  const form = await sender.newPage();
  await form.goto('/feedback/new');
  await form.getByLabel('شکایت', { exact: true }).check();
  await form.getByLabel('استان', { exact: true }).selectOption({ label: 'تهران' });
  await form.getByLabel('متن بازخورد').fill('کمک‌هزینه توان‌بخشی فرزندم سه ماه است واریز نشده و کسی پاسخ نمی‌دهد.');
  await form.getByLabel('شماره همراه').fill(MOBILE);
  await form.getByLabel(/می‌پذیرم/).check();
  await answerChallenge(form);
  await form.getByRole('button', { name: 'ارسال بازخورد' }).click();
  const code = await readTrackingCode(form);
  await sender.close();

  // Another phone, nothing remembered: the code is lost.
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: MOBILE_VIEWPORT, extraHTTPHeaders: citizenAddress() });
  const page = await context.newPage();
  await page.goto('/track');
  await page.getByRole('link', { name: /کد رهگیری را گم کرده‌اید/ }).click();
  await expect(page).toHaveURL(/\/track\/recover$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('کد رهگیری را گم کرده‌اید؟');
  await page.getByLabel('شماره همراه').fill(persian(MOBILE));
  await answerChallenge(page);
  await page.getByRole('button', { name: 'فرستادن کد' }).click();

  await expect(page).toHaveURL(/\/track\/recover\?step=code$/);
  await expect(page.getByTestId('recover-sent')).toContainText('۱۰ دقیقه');
  await expectNoAxeViolations(page, '/track/recover?step=code', { javaScriptEnabled: false });
  // A slip first: a clear field message, the form still there.
  await page.getByLabel('کد پیامک‌شده').fill('۱۲۳');
  await page.getByRole('button', { name: 'نمایش بازخوردها' }).click();
  await expect(page.locator('#otp-error')).toHaveText('کد ۶ رقم است؛ آن را همان‌طور که در پیامک آمده بنویسید.');

  await page.getByLabel('کد پیامک‌شده').fill(persian(smsCode()));
  await page.getByRole('button', { name: 'نمایش بازخوردها' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('بازخوردهای شما');
  const link = page.getByTestId('recovered-items').getByRole('link');
  await expect(link).toHaveCount(1);
  await expect(link).toHaveAttribute('href', `/track/${code}`);
  // Persian digits on the Persian page, and nothing wider than the phone.
  await expect(link).toHaveText(/^[۰-۹ ]+$/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(MOBILE_VIEWPORT.width);

  await link.click();
  await expect(page).toHaveURL(new RegExp(`/track/${code}$`));
  await expect(page.getByText('متن شما', { exact: true })).toBeVisible();
  await expect(page.getByText('کمک‌هزینه توان‌بخشی فرزندم')).toBeVisible();
  await context.close();
});
