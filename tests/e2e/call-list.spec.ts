/**
 * The outbound call list (issue 22), in Persian at 1280 px: an agent files for a caller who cannot read SMS, with a
 * carer as the contact person; the province answers; the item appears on the call list with the carer to call and
 * the answer to read; the agent records "rating given", and the call leaves the list. Axe on every page of it.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, readTrackingCode, signIn } from './helpers';

const DESKTOP = { width: 1280, height: 900 };
const BODY = 'تماس‌گیرنده سالمند است و پیامک نمی‌خواند؛ مستمری مادرش دو ماه است واریز نشده و کسی پاسخ نمی‌دهد.';
const ANSWER = 'مستمری دو ماه گذشته فردا واریز می‌شود؛ تأخیر به سبب به‌روزرسانی مدارک بود.';

test.use({ viewport: DESKTOP });

test('a caller who cannot read SMS, with a carer: answered, called, rated, off the list', async ({ browser }) => {
  const agentContext = await browser.newContext({ viewport: DESKTOP });
  const agent = await agentContext.newPage();
  await signIn(agent, 'agent');
  await expect(agent).toHaveURL(/\/staff\/items\/new$/);

  await agent.getByLabel('تماس تلفنی (۱۴۸۲)').check();
  await agent.getByLabel('شکایت', { exact: true }).check();
  await agent.locator('#provinceId').selectOption('ir-09');
  await agent.getByLabel(/^متن بازخورد/).fill(BODY);
  await agent.getByLabel('شماره همراه تماس‌گیرنده').fill('09137654321');
  await agent.getByLabel('تماس‌گیرنده نمی‌تواند پیامک بخواند').check();
  await agent.getByLabel(/^نام فرد رابط/).fill('رضا کریمی');
  await agent.getByLabel(/^نسبت فرد رابط/).fill('پسر');
  await agent.getByLabel(/^تلفن همراه فرد رابط/).fill('09121112233');
  await agent.getByLabel('تماس‌گیرنده از طرف شخص دیگری بازخورد می‌دهد').check();
  await agent.getByLabel('نام شخصی که بازخورد درباره اوست').fill('فاطمه کریمی');
  await agent.getByLabel('نسبت ثبت‌کننده با او').fill('پسر');
  await expectNoAxeViolations(agent, 'the entry form with the communication needs');
  await agent.getByLabel(/تماس‌گیرنده موافقت کرد/).check();
  await agent.getByRole('button', { name: 'ثبت و دریافت کد رهگیری' }).click();
  const code = await readTrackingCode(agent);
  // The caller gets no SMS; the code goes to the carer, and the confirmation says so.
  await expect(agent.getByTestId('sms-note')).toContainText('فرد رابط');

  // The province answers.
  const officerContext = await browser.newContext({ viewport: DESKTOP });
  const officer = await officerContext.newPage();
  await signIn(officer, 'officer.ir-09');
  const digits = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
  await officer.getByRole('link', { name: digits(code.replace(/(\d{4})(?=\d)/g, '$1 ')) }).click();
  await expect(officer.getByTestId('communication-needs-staff')).toContainText('پیامک نمی‌خواند');
  await expect(officer.getByTestId('staff-on-behalf')).toContainText('فاطمه کریمی');
  await expectNoAxeViolations(officer, 'the item page with its communication needs');
  await officer.getByRole('button', { name: 'پذیرش و شروع بررسی' }).click();
  await officer.getByRole('form', { name: 'پاسخ نهایی' }).getByLabel('متن پاسخ نهایی').fill(ANSWER);
  await officer.getByRole('button', { name: 'پاسخ نهایی', exact: true }).click();
  await officer.getByTestId('confirm-step').getByRole('button', { name: 'بله، پاسخ نهایی فرستاده شود' }).click();
  await expect(officer.getByTestId('item-status')).toHaveAttribute('data-status', 'answered');
  await officerContext.close();

  // The agent's call list: the carer to call, the answer to read.
  await agent.getByRole('link', { name: 'تماس‌های خروجی' }).first().click();
  await expect(agent).toHaveURL(/\/staff\/calls\/outbound$/);
  const row = agent.locator(`[data-testid="call-row"][data-code="${code}"]`);
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('callee')).toContainText('فرد رابط');
  await expect(row.getByTestId('callee')).toContainText('رضا کریمی');
  await expect(row.getByTestId('what-to-say')).toHaveText(ANSWER);
  await expectNoAxeViolations(agent, 'the outbound call list');

  await row.getByLabel('امتیاز داد').check();
  await row.getByLabel('امتیاز (۱ تا ۵)').fill('۵');
  await row.getByRole('button', { name: 'ثبت نتیجه' }).click();
  await expect(agent.getByText('امتیاز ثبت شد و تماس از فهرست خارج شد.')).toBeVisible();
  await expect(agent.locator(`[data-testid="call-row"][data-code="${code}"]`)).toHaveCount(0);
  await expectNoAxeViolations(agent, 'the call list after the call');
  await agentContext.close();
});
