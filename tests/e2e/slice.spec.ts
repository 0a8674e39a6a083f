import { expect, test } from '@playwright/test';
import { answerChallenge, MOBILE_VIEWPORT, openFirstCenter, readTrackingCode, signIn } from './helpers';

/** What each step looks for, in each language. */
const TEXT = {
  fa: {
    dir: 'rtl',
    sendAbout: 'فرستادن انتقاد، پیشنهاد یا شکایت درباره این مرکز',
    suggestion: 'پیشنهاد',
    body: 'متن بازخورد',
    mobile: 'شماره همراه',
    consent: /می‌پذیرم/,
    submit: 'ارسال بازخورد',
    sentTitle: 'بازخورد شما ثبت شد',
    routed: 'بازخورد شما به استان خراسان رضوی ارجاع شد.',
    code: 'کد رهگیری',
    show: 'نمایش وضعیت',
    year: /۱۴۰[۵-۹]/, // a Solar Hijri year in Persian digits
    digits: (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!),
    accept: 'پذیرش و شروع بررسی',
    answer: 'پاسخ نهایی',
    publicMessage: 'متن پاسخ نهایی',
    confirmAnswer: 'بله، پاسخ نهایی فرستاده شود',
    notFound: 'صفحه پیدا نشد',
    answerText: 'ساعت کار مرکز از هفته آینده تا ساعت ۱۸ تمدید می‌شود. از پیشنهاد شما سپاسگزاریم.',
  },
  en: {
    dir: 'ltr',
    sendAbout: 'Send criticism, a suggestion or a complaint about this centre',
    suggestion: 'Suggestion',
    body: 'Your feedback',
    mobile: 'Mobile number',
    consent: /I agree/,
    submit: 'Send feedback',
    sentTitle: 'Your feedback has been received',
    routed: 'Your feedback was routed to Khorasan Razavi Province.',
    code: 'Tracking code',
    show: 'Show status',
    year: /20\d\d/,
    digits: (s: string) => s,
    accept: 'Accept and start review',
    answer: 'Answer',
    publicMessage: 'Final answer (sent to the citizen)',
    confirmAnswer: 'Yes, send the final answer',
    notFound: 'Page not found',
    answerText: 'Opening hours will be extended to 18:00 from next week. Thank you for the suggestion.',
  },
} as const;

/**
 * The thinnest end-to-end slice (issue: Foundation), on a 360-px screen, in Persian and English, with JavaScript on
 * and off: a citizen sends a suggestion about a centre, tracks it from another browser, an officer of that province
 * answers it, and the citizen sees the answer. An officer of another province cannot open the item.
 */
for (const lng of ['fa', 'en'] as const) {
  for (const javaScriptEnabled of [true, false]) {
    test.describe(`feedback slice in ${lng}, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
      test.use({ javaScriptEnabled, viewport: MOBILE_VIEWPORT });
      const t = TEXT[lng];

      test('submit → track → answer → the citizen sees the answer', async ({ page, browser }) => {
        await page.goto(`/?lng=${lng}`);
        await openFirstCenter(page, 'ir-09');
        const centerName = (await page.locator('h1').textContent())!.trim();
        await page.getByRole('link', { name: t.sendAbout }).click();
        await expect(page).toHaveURL(/\/feedback\/new\?center=\d+/);
        await expect(page.locator('html')).toHaveAttribute('dir', t.dir);
        await expect(page.locator('h1')).toContainText(centerName);

        await page.getByLabel(t.suggestion, { exact: true }).check();
        await page.getByLabel(t.body).fill(`لطفاً ساعت کار ${centerName} را تا عصر پنج‌شنبه هم ادامه دهید؛ بسیاری از مراجعان شاغل‌اند.`);
        await page.getByLabel(t.mobile).fill('۰۹۱۲۱۲۳۴۵۶۷'); // Persian digits, as typed on a Persian keyboard
        await page.getByLabel(t.consent).check();
        await answerChallenge(page);
        await page.getByRole('button', { name: t.submit }).click();

        await expect(page.locator('h1')).toHaveText(t.sentTitle);
        const code = await readTrackingCode(page);
        await expect(page.getByText(t.routed)).toBeVisible();
        // Nothing wider than a narrow phone.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(MOBILE_VIEWPORT.width);

        // Tracking from another browser: the code as grouped on paper, in the interface's digits, and the mobile.
        const citizen = await browser.newContext({ javaScriptEnabled, viewport: MOBILE_VIEWPORT });
        const track = await citizen.newPage();
        await track.goto(`/track?lng=${lng}`);
        await track.getByLabel(t.code).fill(t.digits(code.replace(/(\d{4})(?=\d)/g, '$1 ')));
        await track.getByLabel(t.mobile).fill('09121234567');
        await track.getByRole('button', { name: t.show }).click();
        await expect(track.getByTestId('item-status')).toHaveAttribute('data-status', 'routed');
        await expect(track.locator('section[aria-labelledby="timeline-title"] li')).toHaveCount(2);
        await expect(track.locator('section[aria-labelledby="timeline-title"] time').first()).toContainText(t.year);

        // The officer of Khorasan Razavi accepts and answers it.
        const staffContext = await browser.newContext({ javaScriptEnabled, viewport: MOBILE_VIEWPORT });
        const staff = await staffContext.newPage();
        await staff.goto(`/staff/login?lng=${lng}`);
        await signIn(staff, 'officer.ir-09');
        await expect(staff).toHaveURL(/\/staff\/inbox/);
        await staff.getByRole('link', { name: t.digits(code.replace(/(\d{4})(?=\d)/g, '$1 ')) }).click();
        await expect(staff).toHaveURL(/\/staff\/items\/\d+$/);
        const itemUrl = staff.url();
        // Masked, in the page's own digits (docs/DESIGN.md §7: ۰۹۱۲***۴۵۶۷).
        // (The message log below shows it too, masked the same way.)
        await expect(staff.getByTestId('contact-masked').getByText(t.digits('0912***4567'))).toBeVisible();
        await staff.getByRole('button', { name: t.accept }).click();
        await expect(staff.getByTestId('item-status')).toHaveAttribute('data-status', 'in_review');
        await staff.getByRole('form', { name: t.answer }).getByLabel(t.publicMessage).fill(t.answerText);
        await staff.getByRole('button', { name: t.answer, exact: true }).click();
        // Issue 24: the exact message first, then "yes".
        await staff.getByTestId('confirm-step').getByRole('button', { name: t.confirmAnswer }).click();
        await expect(staff.getByTestId('item-status')).toHaveAttribute('data-status', 'answered');

        await track.reload();
        await expect(track.getByTestId('item-status')).toHaveAttribute('data-status', 'answered');
        // The answer is a stage of the timeline and is also in the message sent to the citizen.
        await expect(track.locator('section[aria-labelledby="timeline-title"]').getByText(t.answerText)).toBeVisible();
        await expect(track.locator('section[aria-labelledby="messages-title"]').getByText(t.answerText)).toBeVisible();

        // Another province's officer gets the not-found page for the same item.
        const otherContext = await browser.newContext({ javaScriptEnabled });
        const other = await otherContext.newPage();
        await other.goto(`/staff/login?lng=${lng}`);
        await signIn(other, 'officer.ir-23');
        const response = await other.goto(itemUrl);
        expect(response?.status()).toBe(404);
        await expect(other.locator('h1')).toHaveText(t.notFound);
        await expect(other.getByText(t.answerText)).toHaveCount(0);

        await Promise.all([citizen.close(), staffContext.close(), otherContext.close()]);
      });
    });
  }
}

for (const javaScriptEnabled of [true, false]) {
  test(`an invalid submission shows Persian field messages and keeps what was typed (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled, viewport: MOBILE_VIEWPORT });
    const page = await context.newPage();
    await page.goto('/feedback/new');
    const posts: string[] = [];
    page.on('request', (request) => void (request.method() === 'POST' && posts.push(new URL(request.url()).pathname)));
    await page.getByLabel('شکایت').check();
    await page.getByLabel('متن بازخورد').fill('خیلی کوتاه');
    await page.getByLabel('شماره همراه').fill('۰۲۱۱۲۳');
    await page.getByLabel(/نام و نام خانوادگی/).fill('زهرا احمدی');
    await page.getByRole('button', { name: 'ارسال بازخورد' }).click();
    // Issue 21 (decision 015): no schema in the browser; with JavaScript the form is sent in the background (what was
    // typed stays, no page load). Since round 8 the sum is not checked there first either: the server lists it with
    // every other mistake, with JavaScript as without (deliberate change: it hid the others).
    const summary = page.getByRole('alert');
    await expect(summary).toContainText('پاسخ پرسش امنیتی را بنویسید.');
    await expect(summary).toContainText('لطفاً موارد زیر را اصلاح کنید');
    await expect(summary.getByRole('link', { name: /دست‌کم ۲۰ نویسه/ })).toHaveAttribute('href', '#body');
    await expect(summary).toContainText('مرکز یا دست‌کم استان را انتخاب کنید.');
    await expect(summary).toContainText('شماره همراه معتبر نیست');
    await expect(summary).toContainText('پذیرش استفاده از اطلاعات');
    await expect(page.getByLabel('متن بازخورد')).toHaveValue('خیلی کوتاه');
    await expect(page.getByLabel(/نام و نام خانوادگی/)).toHaveValue('زهرا احمدی');
    await expect(page.getByLabel('شکایت')).toBeChecked();
    await expect(page.getByLabel('متن بازخورد')).toHaveAttribute('aria-invalid', 'true');
    expect(posts).toEqual(['/feedback/new']);
    await context.close();
  });
}

test('English is one click away, left to right, and remembered', async ({ page }) => {
  await page.goto('/feedback/new');
  await page.getByRole('link', { name: 'Read this page in English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('h1')).toHaveText('Send criticism, a suggestion or a complaint');
  await page.goto('/track');
  await expect(page.locator('h1')).toHaveText('Track your feedback');
  await page.getByRole('link', { name: 'این صفحه را به فارسی بخوانید' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
});

test('an unknown address gets a Persian 404 page', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.locator('h1')).toHaveText('صفحه پیدا نشد');
  await expect(page.getByRole('link', { name: 'بازگشت به صفحه نخست' })).toBeVisible();
});
