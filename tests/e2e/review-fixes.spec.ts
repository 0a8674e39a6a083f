import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { noisePng } from '../support/images';
import { answerChallenge, citizenAddress, MOBILE_VIEWPORT, openStaffItem, readTrackingCode, signIn, staffAct } from './helpers';

/**
 * What an outside usability review found on the citizen and staff pages (Chromium, 360 px):
 *  1. a photo silently dropped when the form was reached by a link inside the app, JavaScript on;
 *  2. a masked mobile (۰۹۱۲•••۴۵۶۷) that read as an 11-digit number;
 *  3. typed text laid out in the page's direction instead of its own;
 *  4. a refused tracking-page form (JavaScript off) that showed nothing where the page reloads, at the top;
 *  5. codes in Latin digits on Persian pages (the staff item's duplicates, the tracking heading);
 *  6. the inbox's ageing date example, and two brackets in a row in the staff bar.
 */

const SEND_ABOUT_CENTRE = 'فرستادن انتقاد، پیشنهاد یا شکایت درباره این مرکز';
const PERSIAN_BODY = 'نوبت‌دهی تلفنی مرکز همیشه اشغال است و سه روز است نتوانسته‌ام برای مشاوره وقت بگیرم.';
const ENGLISH_ANSWER = 'A second booking line opens next week. Thank you for telling us.';
const LATIN_DIGITS = /[0-9]/;

/** The Tehran officer, signed in once (Persian interface) for the whole file. */
let staffContext: BrowserContext;
let staff: Page;

test.beforeAll(async ({ browser }) => {
  staffContext = await browser.newContext({ viewport: MOBILE_VIEWPORT });
  staff = await staffContext.newPage();
  await staff.goto('/staff/login?lng=fa');
  await signIn(staff, 'officer.ir-23');
});

test.afterAll(async () => {
  await staffContext?.close();
});

async function citizen(browser: Browser, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled, viewport: MOBILE_VIEWPORT, extraHTTPHeaders: citizenAddress() });
  return { context, page: await context.newPage() };
}


/** A Tehran centre's page, opened from the directory. */
async function openTehranCentre(page: Page, lng: 'fa' | 'en' = 'fa') {
  await page.goto(`/centers?province=ir-23&lng=${lng}`);
  await page.locator('.center-list a').first().click();
  await expect(page).toHaveURL(/\/centers\/\d+$/);
}

/** Fills the form already open (the centre chosen), sends it, and returns the tracking code. */
async function send(page: Page, { body = PERSIAN_BODY, lng = 'fa' as 'fa' | 'en' } = {}) {
  await page.getByLabel(lng === 'fa' ? 'شکایت' : 'Complaint', { exact: true }).check();
  await page.getByLabel(lng === 'fa' ? 'متن بازخورد' : 'Your feedback').fill(body);
  await page.getByLabel(lng === 'fa' ? 'شماره همراه' : 'Mobile number').fill('09351234567');
  await page.getByLabel(lng === 'fa' ? /می‌پذیرم/ : /I agree/).check();
  await answerChallenge(page);
  await page.getByRole('button', { name: lng === 'fa' ? 'ارسال بازخورد' : 'Send feedback' }).click();
  await expect(page).toHaveURL(/\/feedback\/sent\/\d{12}$/);
  return readTrackingCode(page);
}

/** The direction the browser lays a block out in (dir="auto" resolved). */
const direction = (locator: Locator) => locator.evaluate((e) => getComputedStyle(e).direction);

// Since issue 21 citizen pages run no app (decision 015): the form is reached by a page load, sent by its own script.
test('a photo chosen on the form reached by a link (JavaScript on) reaches the officer', async ({ browser }) => {
  const { context, page } = await citizen(browser);
  await openTehranCentre(page);
  await page.getByRole('link', { name: SEND_ABOUT_CENTRE }).click();
  await expect(page).toHaveURL(/\/feedback\/new\?center=\d+$/);
  const input = page.locator('input[type="file"]');
  await expect(input).toHaveAttribute('name', 'attachments');
  await expect(input).toHaveAttribute('aria-describedby', /^attachments-hint/);
  await input.setInputFiles({ name: 'broken-ramp.png', mimeType: 'image/png', buffer: await noisePng(20_000) });
  const code = await send(page);

  // The header's link to the form, from the confirmation page: the file input has its name there too.
  await page.locator('header a[href="/feedback/new"]').click();
  await expect(page).toHaveURL(/\/feedback\/new$/);
  await expect(page.locator('input[type="file"]')).toHaveAttribute('name', 'attachments');
  await context.close();

  await openStaffItem(staff, code);
  await expect(staff.locator('.attachments a')).toHaveText('broken-ramp.png');
  // 2. The mask cannot be read as digits (a Persian zero is a dot): stars, in the page's digits.
  await expect(staff.getByTestId('contact-masked')).toHaveText('۰۹۳۵***۴۵۶۷');
  // 6. One bracket for the demo note and the role.
  const bar = staff.locator('.staff-bar');
  await expect(bar).toContainText('کارشناس تهران (نمایشی، کارشناس استان)');
  await expect(bar).not.toContainText(') (');
});

test('typed text is laid out in its own direction, on citizen and staff pages alike', async ({ browser }) => {
  // Persian text from a citizen on the English interface.
  const { context, page } = await citizen(browser);
  await openTehranCentre(page, 'en');
  await page.getByRole('link', { name: 'Send criticism, a suggestion or a complaint about this centre' }).click();
  await page.locator('#subject').fill('نوبت‌دهی تلفنی');
  const code = await send(page, { lng: 'en' });

  // The officer (Persian interface) answers in English.
  await openStaffItem(staff, code);
  await staffAct(staff, 'accept', 'in_review');
  await staffAct(staff, 'answer', 'answered', ENGLISH_ANSWER);
  // The history's entry (the message log below it repeats the text in the SMS sent).
  const answer = staff.locator('ol.timeline:not(.message-log) .message', { hasText: ENGLISH_ANSWER });
  await expect(answer).toHaveCount(1);
  expect(await direction(answer)).toBe('ltr');
  expect(await direction(staff.locator('p', { hasText: PERSIAN_BODY }))).toBe('rtl');

  await page.getByRole('link', { name: 'See its status' }).click();
  await expect(page).toHaveURL(new RegExp(`/track/${code}$`));
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  expect(await direction(page.locator('p', { hasText: PERSIAN_BODY }))).toBe('rtl');
  expect(await direction(page.locator('p', { hasText: 'نوبت‌دهی تلفنی' }).first())).toBe('rtl');
  await context.close();
});

test('without JavaScript, a refused confirmation or appeal shows at the top, linked to its field; codes in Persian digits', async ({ browser }) => {
  const { context, page } = await citizen(browser, false);
  await openTehranCentre(page);
  await page.getByRole('link', { name: SEND_ABOUT_CENTRE }).click();
  const code = await send(page);
  await openStaffItem(staff, code);
  await staffAct(staff, 'accept', 'in_review');
  await staffAct(staff, 'answer', 'answered', 'از هفته آینده یک خط تلفن دوم برای نوبت‌دهی راه‌اندازی می‌شود.');

  await page.getByRole('link', { name: 'مشاهده وضعیت' }).click();
  await expect(page).toHaveURL(new RegExp(`/track/${code}$`));
  // 5. The heading's code in the page's digits.
  await expect(page.locator('h1')).not.toHaveText(LATIN_DIGITS);

  // Confirm without a rating: the page reloads at the top, and the top says what is missing.
  await page.getByRole('button', { name: 'تأیید و پایان' }).click();
  const summary = page.locator('#error-summary');
  await expect(summary).toBeInViewport();
  await expect(summary.locator('a[href="#rating"]')).toBeVisible();
  await expect(page.locator('#rating-error')).toBeVisible();

  // Appeal without a reason: the same, linked to the reason's box.
  await page.getByRole('button', { name: 'ثبت اعتراض' }).click();
  await expect(summary).toBeInViewport();
  await expect(summary.locator('a[href="#appeal-message"]')).toHaveText('دلیل اعتراض را بنویسید.');
  await summary.locator('a[href="#appeal-message"]').click();
  await expect(page.locator('#appeal-message')).toBeInViewport();
  await expect(page.getByTestId('item-status')).toHaveAttribute('data-status', 'answered');
  await context.close();
});

test('the staff item’s possible duplicates show their codes in Persian digits, the buttons too', async ({ browser }) => {
  const body = 'سرویس بهداشتی مرکز برای ویلچر مناسب نیست و رمپ ورودی هم شکسته است؛ لطفاً رسیدگی کنید.';
  const codes: string[] = [];
  for (let i = 0; i < 2; i++) {
    const { context, page } = await citizen(browser);
    await openTehranCentre(page);
    await page.getByRole('link', { name: SEND_ABOUT_CENTRE }).click();
    codes.push(await send(page, { body }));
    await context.close();
  }
  await openStaffItem(staff, codes[1]!);
  const duplicates = staff.getByTestId('duplicates');
  await expect(duplicates.locator(`li[data-code="${codes[0]}"]`)).toBeVisible();
  const text = await duplicates.innerText();
  expect(text, 'the duplicates section on a Persian page').not.toMatch(LATIN_DIGITS);
  const persian = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
  const grouped = persian(codes[0]!.replace(/(\d{4})(?=\d)/g, '$1 '));
  // A left-to-right mark before the code keeps its groups in reading order inside the Persian label.
  await expect(duplicates.locator(`li[data-code="${codes[0]}"] button`)).toHaveText(`ثبت به عنوان تکرار \u200e${grouped}`);
});

test('the inbox’s date fields give today as the example, in the page’s digits', async () => {
  await staff.goto('/staff/inbox');
  const hint = staff.locator('#from-hint');
  await expect(hint).not.toHaveText(LATIN_DIGITS);
  await expect(hint).not.toContainText('۱۴۰۴/۰۸/۳۰');
  const solarYear = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { timeZone: 'Asia/Tehran', year: 'numeric' }).format(new Date()).replace(/[^۰-۹]/g, '');
  await expect(hint).toContainText(`${solarYear}/`);
});
