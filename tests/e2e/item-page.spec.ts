import { expect, test, type Browser } from '@playwright/test';
import { answerChallenge, citizenAddress, expectNoAxeViolations, openStaffItem, readTrackingCode, signIn } from './helpers';

/**
 * Issue 24's item page: an officer answers an item with confirmation and sees its SMS in the message log as sent
 * (the test server delivers through the file transport), from the keyboard, in Persian, on a desktop screen with
 * JavaScript (the confirmation is a dialog) and on a 360-px phone without it (a second step of the page).
 */
const ANSWER = 'مددکار مرکز روز شنبه ساعت ۱۰ برای بازدید منزل با شما تماس می‌گیرد.';
const fa = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

async function fileComplaint(browser: Browser, mobile: string): Promise<string> {
  const context = await browser.newContext({ extraHTTPHeaders: citizenAddress(), javaScriptEnabled: false });
  const form = await context.newPage();
  await form.goto('/centers?province=ir-09&lng=fa');
  await form.locator('.center-list a').first().click();
  await form.getByRole('link', { name: 'فرستادن انتقاد، پیشنهاد یا شکایت درباره این مرکز' }).click();
  await form.getByLabel('شکایت', { exact: true }).check();
  await form.getByLabel('متن بازخورد').fill('مددکار مرکز سه هفته است برای بازدید منزل نیامده و تلفن مرکز هم پاسخ نمی‌دهد.');
  await form.getByLabel('شماره همراه').fill(mobile);
  await form.getByLabel(/می‌پذیرم/).check();
  await answerChallenge(form);
  await form.getByRole('button', { name: 'ارسال بازخورد' }).click();
  await expect(form).toHaveURL(/\/feedback\/sent\//);
  const code = await readTrackingCode(form);
  await context.close();
  return code;
}

for (const screen of [
  { name: 'desktop, JavaScript on', viewport: { width: 1280, height: 900 }, javaScriptEnabled: true, mobile: '09351234571' },
  { name: 'phone, JavaScript off', viewport: { width: 360, height: 780 }, javaScriptEnabled: false, mobile: '09351234572' },
]) {
  test(`an officer answers with confirmation and sees the SMS sent (${screen.name})`, async ({ browser }) => {
    test.setTimeout(120_000);
    const code = await fileComplaint(browser, screen.mobile);
    const context = await browser.newContext({ viewport: screen.viewport, javaScriptEnabled: screen.javaScriptEnabled });
    const staff = await context.newPage();
    await staff.goto('/staff/login?lng=fa');
    await signIn(staff, 'officer.ir-09');
    await openStaffItem(staff, code);
    const axe = (what: string) => expectNoAxeViolations(staff, what, { javaScriptEnabled: screen.javaScriptEnabled });

    // The story first, then the actions; the keyboard can jump there, and the state's next step leads.
    const headings = await staff.locator('h2').allTextContents();
    expect(headings.indexOf('متن شهروند')).toBeLessThan(headings.indexOf('اقدام'));
    expect(headings.indexOf('تاریخچه')).toBeLessThan(headings.indexOf('اقدام'));
    await expect(staff.locator('.action-section').first()).toHaveAttribute('data-action', 'accept');
    // No two boxes called the same.
    const labels = await staff.locator('.action-area label').allTextContents();
    expect(new Set(labels).size).toBe(labels.length);
    // Numbers and the masked mobile in Persian digits.
    await expect(staff.getByText(fa(`${screen.mobile.slice(0, 4)}***${screen.mobile.slice(-4)}`)).first()).toBeVisible();
    await axe('the routed item');

    // Accept from the keyboard, with a visible focus ring.
    const accept = staff.locator('.primary-action button[type="submit"]:not([name="preview"])');
    // Reached with the keyboard (a focus moved by a script alone does not show the ring in Chromium).
    await accept.focus();
    await staff.keyboard.press('Shift+Tab');
    await staff.keyboard.press('Tab');
    await expect(accept).toBeFocused();
    expect(await accept.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await staff.keyboard.press('Enter');
    await expect(staff.getByTestId('item-status')).toHaveAttribute('data-status', 'in_review');
    await expect(staff.locator('.action-section').first()).toHaveAttribute('data-action', 'answer');

    // The final answer: typed, sent, and first the exact message with "are you sure?".
    const answer = staff.locator('.primary-action');
    await answer.getByLabel('متن پاسخ نهایی').fill(ANSWER);
    await answer.getByLabel('متن پاسخ نهایی').press('Tab');
    await staff.keyboard.press('Enter');
    const step = staff.getByTestId('confirm-step');
    await expect(step).toBeVisible();
    await expect(staff.getByTestId('confirm-preview')).toContainText(ANSWER);
    await expect(staff.getByTestId('confirm-preview')).toContainText(fa(code.slice(0, 4)));
    await expect(staff.getByTestId('item-status')).toHaveAttribute('data-status', 'in_review');
    const yes = step.getByRole('button', { name: 'بله، پاسخ نهایی فرستاده شود' });
    await expect(yes).toBeFocused();
    await axe('the confirmation step');
    await staff.keyboard.press('Enter');
    await expect(staff.getByTestId('item-status')).toHaveAttribute('data-status', 'answered');

    // The message log: the answer's SMS, delivered by the worker (file transport), marked sent.
    const sms = staff.getByTestId('logged-message').and(staff.locator('[data-channel="sms"]')).filter({ hasText: ANSWER });
    await expect(async () => {
      await staff.reload();
      await expect(sms).toHaveAttribute('data-state', 'sent', { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(sms).toContainText('فرستاده شد');
    await expect(sms.locator('time').first()).toHaveText(/[۰-۹]/);
    await axe('the answered item with its message log');
    expect(await staff.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(screen.viewport.width);

    // And in English, axe finds nothing either.
    await staff.goto(`${staff.url().split('?')[0]}?lng=en`);
    await expect(staff.locator('html')).toHaveAttribute('lang', 'en');
    await axe('the answered item in English');
    await context.close();
  });
}
