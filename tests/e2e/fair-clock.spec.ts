import { expect, test } from '@playwright/test';
import { answerChallenge, citizenAddress, MOBILE_VIEWPORT, openStaffItem, readTrackingCode, signIn, staffAct } from './helpers';

/**
 * Fair deadlines (issue 23) on a 360 px phone without JavaScript: while the province waits for the citizen's answer,
 * the tracking page reads "paused until you reply — … left" instead of a date; once the item is closed, the citizen
 * says the problem was not solved, with a reason, and the item is open again.
 */
test('a paused item reads "paused … left", and a closed item is reopened with a reason, without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: MOBILE_VIEWPORT, extraHTTPHeaders: citizenAddress() });
  const page = await context.newPage();
  await page.goto('/feedback/new');
  await page.getByLabel('شکایت', { exact: true }).check();
  await page.getByLabel('استان', { exact: true }).selectOption({ label: 'تهران' });
  await page.getByLabel('متن بازخورد').fill('مستمری مادرم سه ماه است واریز نشده و کسی در مرکز پاسخ نمی‌دهد.');
  await page.getByLabel('شماره همراه').fill('09351234577');
  await page.getByLabel(/می‌پذیرم/).check();
  await answerChallenge(page);
  await page.getByRole('button', { name: 'ارسال بازخورد' }).click();
  await expect(page).toHaveURL(/\/feedback\/sent\/\d{12}$/);
  await expect(page.getByTestId('sent-remaining')).toContainText('روز کاری مانده');
  const code = await readTrackingCode(page);

  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, 'officer.ir-23');
  await openStaffItem(staff, code);
  await staffAct(staff, 'accept', 'in_review');
  await staffAct(staff, 'ask_citizen', 'awaiting_citizen', 'شمارهٔ پروندهٔ مستمری را بنویسید.');

  await page.goto(`/track/${code}`);
  const remaining = page.getByTestId('remaining-time');
  await expect(remaining).toHaveAttribute('data-paused', 'true');
  await expect(remaining).toContainText(/^متوقف تا پاسخ شما — [۰-۹]+ روز کاری مانده$/);

  await page.getByLabel('پاسخ شما').fill('شمارهٔ پرونده ۴۵۶۷ است.');
  await page.locator('form:has(input[name="intent"][value="citizen_reply"]) button[type="submit"]').click();
  await expect(page.getByTestId('remaining-time')).not.toHaveAttribute('data-paused', 'true');

  await openStaffItem(staff, code);
  await staffAct(staff, 'answer', 'answered', 'مستمری این ماه واریز شد.');
  await page.goto(`/track/${code}`);
  const confirm = page.locator('form:has(input[name="intent"][value="confirm"])');
  await confirm.getByRole('radio').last().check();
  await confirm.locator('button[type="submit"]').click();
  await expect(page.getByTestId('item-status')).toHaveAttribute('data-status', 'closed');

  const reopen = page.getByRole('form', { name: 'مشکل حل نشد؟' });
  await reopen.getByRole('button', { name: 'بازگشایی بازخورد' }).click();
  // The reason is required: refused on its field, nothing changed.
  await expect(page.getByText('بنویسید چرا مشکل حل نشده است.').first()).toBeVisible();
  await expect(page.getByTestId('item-status')).toHaveAttribute('data-status', 'closed');
  await page.getByLabel('چرا مشکل حل نشده است؟').fill('مستمری ماه بعد دوباره واریز نشد.');
  await page.getByRole('button', { name: 'بازگشایی بازخورد' }).click();
  await expect(page).toHaveURL(new RegExp(`/track/${code}\\?done=citizen_reopen$`));
  await expect(page.getByRole('status')).toContainText('بازخورد دوباره باز شد');
  await expect(page.getByTestId('item-status')).toHaveAttribute('data-status', 'in_review');
  await expect(page.locator('li[data-action="citizen_reopen"]')).toContainText('مستمری ماه بعد دوباره واریز نشد.');
  await expect(page.getByTestId('remaining-time')).toContainText('روز کاری مانده');
  await context.close();
  await staffContext.close();
});
