/**
 * Issue 22 in the browser: an item filed by SMS (posted to the inbound API as the gateway would), answered by the
 * national office in the staff UI, rated by an SMS reply of «۵», and the rating seen on the item page and counted on
 * the dashboard (satisfaction and the response rate of the rating SMS).
 */
import { expect, test, type Page } from '@playwright/test';
import { openStaffItem, signIn, staffAct } from './helpers';

const FROM = '+989161234590';

/** The number of cases a figure cell rests on ("۴٫۵ (از ۱۲ مورد)", "کمتر از ۵ مورد (۳)", or none). */
async function casesOf(page: Page, figure: string): Promise<number> {
  const text = (await page.locator(`[data-testid="figures-period"] [data-figure="${figure}"] dd`).innerText()).replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)));
  const inParentheses = /\(([^)]*)\)/.exec(text);
  return inParentheses ? Number(/\d+/.exec(inParentheses[1]!)![0]) : 0;
}

test('an SMS item, answered in the staff UI, rated by an SMS reply, counted on the dashboard', async ({ page, request }) => {
  const sms = (id: string, text: string) => request.post('/api/sms/inbound', { headers: { Authorization: 'Bearer e2e-sms-token' }, data: { id, from: FROM, text } });
  const filed = await sms(`e2e-conv-${Date.now()}-1`, 'شکایت: سه هفته است برای بازدید منزل مادرم کسی نیامده و تلفن مرکز پاسخ نمی‌دهد.');
  expect(filed.status()).toBe(201);
  const { trackingCode: code } = (await filed.json()) as { trackingCode: string };

  await page.goto('/staff/login');
  await signIn(page, 'national');
  await page.goto('/staff/dashboard?period=7');
  const before = { satisfaction: await casesOf(page, 'satisfaction'), response: await casesOf(page, 'ratingResponse') };

  // A follow-up before the answer joins the item as the citizen's message (no second item).
  const followUp = await sms(`e2e-conv-${Date.now()}-2`, 'لطفاً زودتر پیگیری کنید، مادرم تنهاست');
  expect(await followUp.json()).toEqual({ outcome: 'citizen_note' });

  await openStaffItem(page, code);
  await expect(page.getByText('لطفاً زودتر پیگیری کنید، مادرم تنهاست')).toBeVisible();
  await staffAct(page, 'accept', 'in_review');
  await staffAct(page, 'answer', 'answered', 'مددکار مرکز فردا ساعت ۱۰ برای بازدید مراجعه می‌کند.');

  // The citizen replies «۵» to the answer's SMS: confirmed with that rating.
  const rated = await sms(`e2e-conv-${Date.now()}-3`, '۵');
  expect(await rated.json()).toEqual({ outcome: 'confirm' });
  await page.reload();
  await expect(page.getByTestId('item-status')).toHaveAttribute('data-status', 'closed');
  await expect(page.getByText('۵ از ۵').first()).toBeVisible();

  await page.goto('/staff/dashboard?period=7');
  expect(await casesOf(page, 'satisfaction')).toBe(before.satisfaction + 1);
  expect(await casesOf(page, 'ratingResponse')).toBe(before.response + 1);
  await expect(page.locator('[data-figure="ratingResponse"] dt')).toHaveText('پاسخ به نظرسنجی پیامکی');
});
