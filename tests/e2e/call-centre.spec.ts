/**
 * The call centre in Persian (docs/DESIGN.md §1: 86 % of messages are entered by call-centre staff): the agent signs in, lands
 * on the entry form, enters a caller's complaint by phone (without JavaScript, the way the form must also work), reads
 * the tracking code from the confirmation together with the line that spells it out; the caller then follows it on
 * the web with that code and the mobile, and the agent looks it up again at /staff/calls. On a 360-px-wide screen,
 * with axe on every page.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { citizenAddress, expectNoAxeViolations, MOBILE_VIEWPORT, readTrackingCode, signIn } from './helpers';

const MOBILE = '09131234567';
const BODY = 'تماس‌گیرنده می‌گوید نوبت غربالگری شنوایی فرزندش دو بار بدون خبر لغو شده و کسی پاسخگو نیست.';

const faDigits = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
const grouped = (code: string) => code.replace(/(\d{4})(?=\d)/g, '$1 ');
const WORDS = ['صفر', 'یک', 'دو', 'سه', 'چهار', 'پنج', 'شش', 'هفت', 'هشت', 'نه'];
/** What the confirmation must say aloud: digit by digit, groups of four set apart. */
const spoken = (code: string) =>
  grouped(code)
    .split(' ')
    .map((group) => [...group].map((d) => WORDS[Number(d)]).join('، '))
    .join(' — ');

const SHOTS = 'tests/.tmp/shots';

/** Nothing wider than a narrow phone, and a picture of it to look at (tests/.tmp/shots). */
async function expectNarrow(page: Page, what: string, shot: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${what} is wider than the screen`).toBeLessThanOrEqual(MOBILE_VIEWPORT.width);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/call-centre-${shot}.png`, fullPage: true });
}

test.describe('the call centre, in Persian', () => {
  test.use({ viewport: MOBILE_VIEWPORT });

  test('an agent enters a caller’s complaint, the caller follows it on the web, the agent looks it up again', async ({ browser }) => {
    // The agent's browser without JavaScript: the entry form and the look-up must work as plain HTML forms.
    const agentContext = await browser.newContext({ javaScriptEnabled: false, viewport: MOBILE_VIEWPORT });
    const agent = await agentContext.newPage();
    await signIn(agent, 'agent');
    await expect(agent).toHaveURL(/\/staff\/items\/new$/);
    await expect(agent.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(agent.getByRole('heading', { level: 1 })).toHaveText('ثبت بازخورد برای تماس‌گیرنده');
    await expectNoAxeViolations(agent, 'the entry form', { javaScriptEnabled: false });
    await expectNarrow(agent, 'the entry form', 'entry');

    // A first try with a text too short and no agreement asked: field messages, nothing typed is lost.
    await agent.getByLabel('تماس تلفنی (۱۴۸۲)').check();
    await agent.getByLabel('شکایت', { exact: true }).check();
    await agent.getByLabel('مرکز', { exact: true }).selectOption({ index: 1 });
    await agent.getByLabel(/^متن بازخورد/).fill('خیلی کوتاه');
    await agent.getByLabel('شماره همراه تماس‌گیرنده').fill(MOBILE);
    await agent.getByLabel(/^نام و نام خانوادگی/).fill('زهرا کریمی');
    await agent.getByRole('button', { name: 'ثبت و دریافت کد رهگیری' }).click();
    const summary = agent.getByRole('alert').filter({ hasText: 'لطفاً موارد زیر را اصلاح کنید' });
    await expect(summary).toContainText('متن بازخورد دست‌کم ۲۰ نویسه باشد');
    await expect(summary).toContainText('موافقت تماس‌گیرنده را بپرسید');
    await expect(agent.getByLabel('شماره همراه تماس‌گیرنده')).toHaveValue(MOBILE);
    await expect(agent.getByLabel(/^نام و نام خانوادگی/)).toHaveValue('زهرا کریمی');
    await expect(agent.getByLabel('تماس تلفنی (۱۴۸۲)')).toBeChecked();
    await expect(agent.getByLabel('شکایت', { exact: true })).toBeChecked();
    await expectNoAxeViolations(agent, 'the entry form with errors', { javaScriptEnabled: false });

    await agent.getByLabel(/^متن بازخورد/).fill(BODY);
    await agent.getByLabel(/تماس‌گیرنده موافقت کرد/).check();
    await agent.getByRole('button', { name: 'ثبت و دریافت کد رهگیری' }).click();

    // The confirmation: the code large and grouped, and the line to read it aloud.
    await expect(agent).toHaveURL(/\/staff\/items\/new\?entered=\d+$/);
    await expect(agent.getByRole('heading', { level: 1 })).toHaveText('بازخورد ثبت شد');
    const code = await readTrackingCode(agent);
    await expect(agent.getByTestId('tracking-code')).toHaveText(faDigits(grouped(code)));
    await expect(agent.getByTestId('spoken-code')).toHaveText(spoken(code));
    await expect(agent.getByText('۰۹۱۳***۴۵۶۷')).toBeVisible();
    await expectNoAxeViolations(agent, 'the confirmation', { javaScriptEnabled: false });
    await expectNarrow(agent, 'the confirmation', 'confirmation');
    // The next caller starts from an empty form.
    await agent.getByRole('link', { name: 'ثبت تماس بعدی' }).click();
    await expect(agent).toHaveURL(/\/staff\/items\/new$/);
    await expect(agent.getByLabel(/^متن بازخورد/)).toHaveValue('');

    // The caller, in a browser of their own, follows the item on the web with the code read to them.
    const citizenContext = await browser.newContext({ viewport: MOBILE_VIEWPORT, extraHTTPHeaders: citizenAddress() });
    const citizen = await citizenContext.newPage();
    await citizen.goto('/track');
    await citizen.getByLabel('کد رهگیری').fill(faDigits(grouped(code)));
    await citizen.getByLabel('شماره همراه').fill(MOBILE);
    await citizen.getByRole('button', { name: 'نمایش وضعیت' }).click();
    await expect(citizen).toHaveURL(new RegExp(`/track/${code}$`));
    await expect(citizen.getByTestId('item-status')).toHaveAttribute('data-status', 'routed');
    await expect(citizen.getByText(BODY)).toBeVisible();
    await expect(citizen.locator('li[data-action="submit"]')).toContainText('ثبت تلفنی');
    await expectNoAxeViolations(citizen, 'the caller’s tracking page');
    await expectNarrow(citizen, 'the caller’s tracking page', 'citizen-track');
    await citizenContext.close();

    // The agent, on a later call, looks the item up by code and mobile (a POST: neither goes into the address).
    await agent.getByRole('link', { name: 'پیگیری تلفنی' }).click();
    await expect(agent).toHaveURL(/\/staff\/calls$/);
    await expectNoAxeViolations(agent, 'the calls page', { javaScriptEnabled: false });
    await agent.getByLabel('کد رهگیری').fill(faDigits(grouped(code)));
    await agent.getByLabel('شماره همراه تماس‌گیرنده').fill('09130000000');
    await agent.getByRole('button', { name: 'نمایش وضعیت' }).click();
    await expect(agent.getByRole('alert').filter({ hasText: 'پیدا نشد' })).toBeVisible();
    await agent.getByLabel('شماره همراه تماس‌گیرنده').fill(MOBILE);
    await agent.getByRole('button', { name: 'نمایش وضعیت' }).click();
    await expect(agent).toHaveURL(/\/staff\/calls$/);
    await expect(agent.getByTestId('item-status')).toHaveAttribute('data-status', 'routed');
    await expect(agent.getByText(BODY)).toBeVisible();
    await expect(agent.locator('li[data-action="submit"]')).toContainText('ثبت تلفنی');
    await expect(agent.getByText(MOBILE)).toHaveCount(0);
    await expectNoAxeViolations(agent, 'a caller’s item on the calls page', { javaScriptEnabled: false });
    await expectNarrow(agent, 'a caller’s item on the calls page', 'calls-item');
    await agentContext.close();
  });
});
