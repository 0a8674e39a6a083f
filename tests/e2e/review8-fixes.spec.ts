import { expect, test } from '@playwright/test';
import { answerChallenge, citizenAddress, MOBILE_VIEWPORT } from './helpers';

/**
 * What the eighth outside usability review found (Chromium, 360 px):
 *  1. without JavaScript, the centre finder's "Show centres" threw away everything typed before it (a GET form of its
 *     own); it now posts the form itself and gets it back whole, nothing typed in the address;
 *  2. with JavaScript, a wrong sum hid every other mistake of the form (the sum was checked in the browser first).
 */
test.use({ viewport: MOBILE_VIEWPORT });

const BODY = 'نوبت‌دهی تلفنی مرکز همیشه اشغال است و سه روز است نتوانسته‌ام برای مشاوره وقت بگیرم.';

test('without JavaScript, "Show centres" keeps everything typed and puts none of it in the address', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: MOBILE_VIEWPORT, extraHTTPHeaders: citizenAddress() });
  const page = await context.newPage();
  await page.goto('/feedback/new?lng=fa');
  await page.getByLabel('شکایت', { exact: true }).check();
  await page.getByLabel('موضوع').fill('نوبت‌دهی');
  await page.getByLabel('متن بازخورد').fill(BODY);
  await page.getByLabel('شماره همراه').fill('09351234567');
  await page.getByLabel(/می‌پذیرم/).check();
  await answerChallenge(page);
  const answer = await page.locator('#challengeAnswer').inputValue();
  await page.getByLabel('استان مرکز', { exact: true }).selectOption({ label: 'تهران' });
  await page.getByRole('button', { name: 'نمایش مراکز' }).click();

  const options = page.locator('#centerId option:not([value=""])');
  await expect.poll(() => options.count()).toBeGreaterThan(0);
  expect(page.url()).not.toMatch(/09351234567|province=|body=/);
  await expect(page.getByLabel('شکایت', { exact: true })).toBeChecked();
  await expect(page.getByLabel('موضوع')).toHaveValue('نوبت‌دهی');
  await expect(page.getByLabel('متن بازخورد')).toHaveValue(BODY);
  await expect(page.getByLabel('شماره همراه')).toHaveValue('09351234567');
  await expect(page.getByLabel(/می‌پذیرم/)).toBeChecked();
  await expect(page.locator('.error-summary')).toHaveCount(0);
  // The same question, answered: the sum is not asked again.
  await expect(page.locator('#challengeAnswer')).toHaveValue(answer);

  await page.locator('#centerId').selectOption((await options.first().getAttribute('value'))!);
  await page.getByRole('button', { name: 'ارسال بازخورد' }).click();
  await expect(page).toHaveURL(/\/feedback\/sent\/\d{12}$/);
  await context.close();
});

test('with JavaScript, a wrong sum is listed with every other mistake, and a right one is not asked again', async ({ browser }) => {
  const context = await browser.newContext({ viewport: MOBILE_VIEWPORT, extraHTTPHeaders: citizenAddress() });
  const page = await context.newPage();
  await page.goto('/feedback/new?lng=fa');
  await page.getByLabel('متن بازخورد').fill('کوتاه');
  await page.getByLabel('شماره همراه').fill('0912');
  await page.getByLabel('رایانامه').fill('not-an-email');
  const question = page.getByTestId('challenge-question');
  const wrong = Number(await question.getAttribute('data-a')) + Number(await question.getAttribute('data-b')) + 1;
  await page.locator('#challengeAnswer').fill(String(wrong));
  await page.getByRole('button', { name: 'ارسال بازخورد' }).click();
  // Kind, place, text, mobile, e-mail, consent and the sum, all at once.
  await expect(page.locator('.error-summary li')).toHaveCount(7);
  await expect(page.locator('#challengeAnswer')).toHaveValue('');

  // Everything but the text fixed, the new sum answered: the text is refused, the sum stands.
  await page.getByLabel('شکایت', { exact: true }).check();
  await page.getByLabel('استان مرکز', { exact: true }).selectOption({ label: 'تهران' });
  const options = page.locator('#centerId option:not([value=""])');
  await expect.poll(() => options.count()).toBeGreaterThan(0);
  await page.locator('#centerId').selectOption((await options.first().getAttribute('value'))!);
  await page.getByLabel('شماره همراه').fill('09351234567');
  await page.getByLabel('رایانامه').fill('');
  await page.getByLabel(/می‌پذیرم/).check();
  await answerChallenge(page);
  const token = await page.locator('input[name="challenge"]').inputValue();
  await page.getByRole('button', { name: 'ارسال بازخورد' }).click();
  await expect(page.locator('.error-summary li')).toHaveCount(1);
  await expect(page.locator('input[name="challenge"]')).toHaveValue(token);
  await page.getByLabel('متن بازخورد').fill(BODY);
  await page.getByRole('button', { name: 'ارسال بازخورد' }).click();
  await expect(page).toHaveURL(/\/feedback\/sent\/\d{12}$/);
  await context.close();
});
