/**
 * The inbox of issue 24 in a browser, in Persian at 1280 px and 360 px: a manager opens the inbox (work still to do,
 * the filters folded away on a phone), ticks three items from the keyboard, assigns them in one go, and reads the
 * summary — in Persian digits, with visible focus, axe clean in fa and en. Kerman (ir-12) is used by no other
 * browser test, so its inbox holds only what this file files (through the Open311 API, the quickest door).
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, MOBILE_VIEWPORT, signIn } from './helpers';

const PROVINCE = 'ir-12';
const LATIN_DIGITS = /[0-9]/;

/** Three items about the province's first centre, filed by "another system" with the demo API key. */
async function fileThree(page: Page) {
  await page.goto(`/centers?province=${PROVINCE}`);
  const href = await page.locator('.center-list a').first().getAttribute('href');
  const centerId = href!.match(/\/centers\/(\d+)/)![1]!;
  for (let n = 0; n < 3; n++) {
    const response = await page.request.post('/api/open311/v2/requests.json', {
      form: {
        api_key: 'demo-open311-key',
        service_code: 'social-work',
        'attribute[kind]': 'complaint',
        description: `نوبت مددکاری مرکز بیش از سه هفته عقب افتاده است؛ مورد ${n + 1}.`,
        address_id: centerId,
        phone: '09131234567',
      },
    });
    expect(response.status(), await response.text()).toBe(201);
  }
}

for (const viewport of [{ width: 1280, height: 800 }, MOBILE_VIEWPORT]) {
  test(`a manager bulk-assigns three items from the keyboard at ${viewport.width} px, in Persian`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await fileThree(page);
    await page.goto('/staff/login');
    await signIn(page, `manager.${PROVINCE}`);
    await expect(page).toHaveURL(/\/staff\/inbox$/);
    // Work still to do is the default tab.
    await expect(page.locator('[data-testid="state-count"][data-state="todo"]')).toHaveAttribute('aria-current', 'true');

    const filters = page.locator('details.inbox-filter-box');
    if (viewport.width < 700) {
      // On a phone the filters are folded away: the list comes first.
      await expect(filters).not.toHaveAttribute('open', '');
      expect((await filters.boundingBox())!.height).toBeLessThan(80);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    } else {
      await expect(page.getByRole('search', { name: 'پالایش صندوق' })).toBeVisible();
    }

    await page.goto('/staff/inbox?assignee=none');
    const rows = page.getByTestId('inbox-row');
    await expect(rows).toHaveCount(3);
    await expect(page.getByTestId('result-count')).toHaveText('۳ بازخورد');
    await expectNoAxeViolations(page, 'the inbox in Persian');

    // Tick the three rows from the keyboard: each checkbox takes focus visibly and Space ticks it.
    for (let n = 0; n < 3; n++) {
      const box = rows.nth(n).locator('input[name="item"]');
      await box.focus();
      const outline = await box.evaluate((el) => getComputedStyle(el).outlineStyle);
      expect(outline, 'a visible focus ring').not.toBe('none');
      await page.keyboard.press('Space');
      await expect(box).toBeChecked();
    }
    await page.getByLabel('اقدام', { exact: true }).selectOption('assign');
    await page.getByLabel('سپردن به', { exact: true }).selectOption({ index: 1 }); // the manager themself ("me")
    await page.getByRole('button', { name: 'اعمال روی انتخاب‌شده‌ها' }).focus();
    await page.keyboard.press('Enter');

    await expect(page).toHaveURL(/\/staff\/inbox\/bulk$/);
    const summary = page.getByTestId('bulk-summary');
    await expect(summary).toHaveText('برای ۳ بازخورد انجام شد؛ ۰ مورد پذیرفته نشد.');
    await expect(page.getByTestId('bulk-done').locator('li')).toHaveCount(3);
    expect(await summary.innerText()).not.toMatch(LATIN_DIGITS);
    expect(await page.getByTestId('bulk-done').innerText()).not.toMatch(LATIN_DIGITS);
    await expectNoAxeViolations(page, 'the bulk summary in Persian');

    // Back in the inbox the three are mine and lead the list.
    await page.getByRole('link', { name: 'بازگشت به صندوق' }).click();
    await expect(page).toHaveURL(/assignee=none/);
    await expect(page.getByTestId('inbox-row')).toHaveCount(0);
  });
}

test('the inbox and a transfer confirmation are axe clean in English', async ({ page }) => {
  await page.goto('/staff/login?lng=en');
  await signIn(page, `manager.${PROVINCE}`);
  await page.goto('/staff/inbox?all=1&lng=en');
  await expectNoAxeViolations(page, 'the inbox in English');
  await page.locator('input[name="item"]').first().check();
  await page.getByLabel('Action', { exact: true }).selectOption('transfer');
  await page.getByLabel('Transfer to', { exact: true }).selectOption('national');
  await page.getByLabel('Internal note (staff only)').fill('The national team handles this service.');
  await page.getByRole('button', { name: 'Apply to the selected items' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Confirm: Transfer, 1 items');
  await expect(page.getByTestId('bulk-message')).toHaveCount(1);
  await expectNoAxeViolations(page, 'the transfer confirmation in English');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, viewport: MOBILE_VIEWPORT });

  test('a spam closure asks to confirm, says what the citizen receives, then sums up', async ({ page }) => {
    await fileThree(page);
    await page.goto('/staff/login');
    await signIn(page, `officer.${PROVINCE}`);
    await page.goto('/staff/inbox?assignee=none');
    await page.locator('input[name="item"]').first().check();
    await page.getByLabel('اقدام', { exact: true }).selectOption('spam');
    await page.getByRole('button', { name: 'اعمال روی انتخاب‌شده‌ها' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('تأیید: بستن به عنوان هرزنامه، ۱ بازخورد');
    await expect(page.getByTestId('bulk-message')).toContainText('بازخورد شما بسته شد');
    // Each ticked item is shown with its kind, date and first words, not its code alone (outside review, round 8).
    await expect(page.getByTestId('bulk-items').locator('li')).toHaveCount(1);
    await expect(page.getByTestId('bulk-excerpt')).not.toBeEmpty();
    await expectNoAxeViolations(page, 'the spam confirmation', { javaScriptEnabled: false });
    await page.getByRole('button', { name: 'تأیید: بستن به عنوان هرزنامه' }).click();
    await expect(page.getByTestId('bulk-summary')).toHaveText('برای ۱ بازخورد انجام شد؛ ۰ مورد پذیرفته نشد.');
  });
});
