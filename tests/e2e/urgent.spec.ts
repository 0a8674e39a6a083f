/**
 * Issue 23, the urgent path in a browser: a citizen on a phone (360 px) WITHOUT JavaScript ticks "urgent — a person
 * is at risk" (the form shows 123 and 115), the item reaches the top of the province officer's inbox with an urgent
 * mark and a deadline in hours, and the province manager has been told at once (the file transport's outbox log).
 * Khorasan Razavi (ir-15) is used by no other browser test.
 */
import { readFileSync, existsSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { answerChallenge, citizenAddress, expectNoAxeViolations, MOBILE_VIEWPORT, openFirstCenter, readTrackingCode, signIn } from './helpers';

const PROVINCE = 'ir-15';
const PORT = Number(process.env.E2E_PORT || 3210);
const OUTBOX_LOG = `tests/.tmp/e2e-${PORT}/outbox.log`;

test('an urgent item filed at 360 px without JavaScript tops the officer’s inbox, in hours, and the manager is told', async ({ browser }) => {
  const citizen = await browser.newContext({ javaScriptEnabled: false, viewport: MOBILE_VIEWPORT, extraHTTPHeaders: citizenAddress() });
  const page = await citizen.newPage();
  await openFirstCenter(page, PROVINCE);
  await page.locator('a[href^="/feedback/new?center="]').first().click();
  await expect(page).toHaveURL(/\/feedback\/new\?center=\d+/);

  // What urgent means, and the emergency lines, before the box.
  const urgent = page.getByTestId('urgent-field');
  await expect(urgent).toContainText('۱۲۳');
  await expect(urgent).toContainText('۱۱۵');
  await expect(urgent.locator('a[href="tel:123"]')).toBeVisible();
  await expectNoAxeViolations(page, 'the form with the urgent box', { javaScriptEnabled: false });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(MOBILE_VIEWPORT.width);

  await page.getByLabel('شکایت', { exact: true }).check();
  await page.getByLabel(/فوری — جان یا امنیت کسی در خطر است/).check();
  await page.getByLabel('متن بازخورد').fill('همسایهٔ سالمند ما سه روز است تنهاست، غذا ندارد و در را باز نمی‌کند؛ لطفاً کسی سر بزند.');
  await page.getByLabel('شماره همراه').fill('09151112233');
  await page.getByLabel(/می‌پذیرم/).check();
  await answerChallenge(page);
  await page.getByRole('button', { name: 'ارسال بازخورد' }).click();
  await expect(page).toHaveURL(/\/feedback\/sent\/\d{12}$/);
  const code = await readTrackingCode(page);
  await citizen.close();

  // The officer's inbox (the default work order): the urgent item first, marked, its deadline in hours.
  const staff = await browser.newContext({ viewport: MOBILE_VIEWPORT });
  const officer = await staff.newPage();
  await signIn(officer, `officer.${PROVINCE}`);
  await officer.goto('/staff/inbox');
  const first = officer.getByTestId('inbox-row').first();
  await expect(first).toHaveAttribute('data-priority', 'urgent');
  await expect(first.locator(`[data-code="${code}"]`)).toHaveCount(1);
  await expect(first.locator('.badge-urgent')).toHaveText('فوری');
  await expect(first.getByTestId('urgent-hours')).toHaveText(/^[۰-۹]+ ساعت مانده$/);
  await expect(officer.getByTestId('urgent-link')).toContainText('موارد فوری');

  // The item page: the priority section, deadlines in hours.
  await first.locator('a[href^="/staff/items/"]').first().click();
  await expect(officer.getByTestId('priority')).toContainText('فوری');
  await expect(officer.getByTestId('urgent-deadlines')).toContainText('ساعت مانده');
  await staff.close();

  // The province manager was told at once: the e-mail is in the outbox (the file transport's log).
  await expect
    .poll(
      () => {
        if (!existsSync(OUTBOX_LOG)) return [];
        return readFileSync(OUTBOX_LOG, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { recipient: string; idempotencyKey: string; body: string })
          .filter((m) => m.recipient === `manager.${PROVINCE}@demo.didehban.invalid` && m.idempotencyKey.includes('-urgent-email-'));
      },
      { timeout: 20_000 },
    )
    .toHaveLength(1);
});
