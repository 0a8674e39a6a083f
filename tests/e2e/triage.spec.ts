/**
 * A text message's way through the workflow, in Persian: it arrives by SMS in the national triage queue; a national
 * supervisor sets its area and routes it to a province; an officer there finds it concerns another organisation and
 * redirects it; the citizen's tracking page names that organisation and its phone number.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, MOBILE_VIEWPORT, signIn } from './helpers';

const MOBILE = '09151234567';

test('an SMS is triaged to Yazd, redirected to the social security organisation, and the citizen sees where to turn', async ({ browser, request }) => {
  const sms = await request.post('/api/sms/inbound', {
    headers: { Authorization: 'Bearer e2e-sms-token' },
    data: { id: `e2e-${Date.now()}`, from: '+989151234567', text: 'شکایت: مستمری پدرم دو ماه است واریز نشده و بیمه‌اش هم قطع شده است.' },
  });
  expect(sms.status()).toBe(201);
  const { trackingCode: code } = (await sms.json()) as { trackingCode: string };
  expect(code).toMatch(/^\d{12}$/);

  // Triage: the national queue, the item, its area and then a province.
  const national = await browser.newPage({ viewport: MOBILE_VIEWPORT });
  await national.goto('/staff/login');
  await signIn(national, 'national');
  await national.goto('/staff/inbox?province=national');
  await national.locator(`a:has([data-code="${code}"])`).click();
  await expect(national.getByTestId('item-status')).toHaveAttribute('data-status', 'routed');
  const classify = national.getByRole('form', { name: 'تعیین یا اصلاح حوزه و نوع' });
  await classify.getByLabel('حوزه').selectOption('other_org');
  await classify.locator('button[type="submit"]').click();
  await expect(national.getByText('ثبت شد.')).toBeVisible();
  const transfer = national.locator('form:has(input[name="intent"][value="transfer"])');
  await transfer.getByLabel('استان').selectOption('ir-29');
  await transfer.getByLabel(/دلیل ارجاع/).fill('شهروند ساکن یزد است؛ موضوع به تأمین اجتماعی مربوط است.');
  await transfer.locator('button[type="submit"]:not([name="preview"])').click();
  await expect(national.getByTestId('item-status')).toHaveAttribute('data-status', 'routed');
  await national.close();

  // Yazd's officer redirects it, naming the organisation.
  const officer = await browser.newPage({ viewport: MOBILE_VIEWPORT });
  await officer.goto('/staff/login');
  await signIn(officer, 'officer.ir-29');
  await officer.locator(`a:has([data-code="${code}"])`).click();
  const redirect = officer.getByRole('form', { name: 'هدایت به دستگاه مسئول' });
  await redirect.getByLabel('دستگاه مسئول').selectOption({ label: 'سازمان تأمین اجتماعی (1420)' });
  await redirect.getByLabel('توضیح هدایت برای شهروند').fill('پرداخت مستمری و بیمه بازنشستگان با سازمان تأمین اجتماعی است؛ لطفاً با این سازمان تماس بگیرید.');
  await redirect.getByRole('button', { name: 'پیش‌نمایش پیام به شهروند' }).click();
  await expect(redirect.getByRole('status')).toContainText('1420');
  await redirect.locator('button[type="submit"]:not([name="preview"])').click();
  // Issue 24: irreversible, so the exact message and "yes" first.
  await expect(officer.getByTestId('confirm-preview')).toContainText('1420');
  await officer.getByTestId('confirm-step').locator('button[name="confirm"]').click();
  await expect(officer.getByTestId('item-status')).toHaveAttribute('data-status', 'redirected');
  await officer.close();

  // The citizen, on the web with the code from the SMS and their mobile, JavaScript off.
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: MOBILE_VIEWPORT, extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.250' } });
  const citizen = await context.newPage();
  await citizen.goto('/track');
  await citizen.getByLabel('کد رهگیری').fill(code);
  await citizen.getByLabel('شماره همراه').fill(MOBILE);
  await citizen.getByRole('button', { name: 'نمایش وضعیت' }).click();
  await expect(citizen.getByTestId('item-status')).toHaveAttribute('data-status', 'redirected');
  await expect(citizen.getByTestId('redirected-to')).toContainText('سازمان تأمین اجتماعی');
  await expect(citizen.getByTestId('redirected-to').getByRole('link', { name: '1420' })).toHaveAttribute('href', 'tel:1420');
  await expectNoAxeViolations(citizen, 'the tracking page of a redirected item', { javaScriptEnabled: false });
  await context.close();
});
