import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { generateTrackingCode } from '../../app/domain/tracking-code';
import {
  answerChallenge,
  citizenAddress,
  expectNoAxeViolations,
  MOBILE_VIEWPORT,
  openFirstCenter,
  openStaffItem,
  readTrackingCode,
  signIn,
  staffAct,
} from './helpers';

/**
 * Citizen submission and tracking (issue: "citizen submission and tracking"), on a 360-px screen, in Persian and
 * English, with JavaScript on and off:
 *  A. submit → confirmation → an officer answers → the citizen tracks it, confirms and rates it;
 *  B. submit → an officer answers → the citizen appeals (an empty reason is refused at the field, nothing changes);
 *  C. submit → the officer asks a question → the citizen replies → back in review;
 *  D. a form from an older session (cookies cleared, the item looked up again) → refused, the text kept → sent again;
 *  E. behind a carrier address shared with a neighbour who mistyped ten times → the question, then the item;
 * and axe finds no WCAG 2.x A/AA violation on any citizen page, in every state that has a form.
 */

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

const TEXT = {
  fa: {
    sendAbout: 'فرستادن انتقاد، پیشنهاد یا شکایت درباره این مرکز',
    kind: { criticism: 'انتقاد', suggestion: 'پیشنهاد', complaint: 'شکایت' },
    body: 'متن بازخورد',
    counter: (n: string) => `${n} از ۵۰۰۰ نویسه`,
    province: 'استان',
    mobile: 'شماره همراه',
    consent: /می‌پذیرم/,
    submit: 'ارسال بازخورد',
    sentTitle: 'بازخورد شما ثبت شد',
    // "by when": two Solar Hijri dates in Persian digits.
    byWhen: /^پاسخ اولیه تا پایان .*۱۴۰[۵-۹] و پاسخ نهایی تا پایان .*۱۴۰[۵-۹] به شما می‌رسد\.$/,
    seeStatus: 'مشاهده وضعیت',
    code: 'کد رهگیری',
    show: 'نمایش وضعیت',
    digits: (s: string) => s.replace(/\d/g, (d) => PERSIAN_DIGITS[Number(d)]!),
    // In Persian text a left-to-right mark keeps the code's groups in reading order (without it they show reversed).
    codeInText: (grouped: string) => `\u200e${grouped.replace(/\d/g, (d) => PERSIAN_DIGITS[Number(d)]!)}`,
    confirmTitle: 'پاسخ را تأیید و امتیاز دهید',
    rating4: '۴ — راضی',
    comment: /نظر شما/,
    confirm: 'تأیید و پایان',
    confirmed: 'سپاس از شما. پاسخ تأیید و بازخورد مختومه شد.',
    ratingShown: '۴ از ۵',
    appealTitle: 'به پاسخ اعتراض دارید؟',
    appealLabel: 'دلیل اعتراض',
    appeal: 'ثبت اعتراض',
    appealRequired: 'دلیل اعتراض را بنویسید.',
    appealed: 'اعتراض شما ثبت شد و به ناظر ملی ارجاع می‌شود.',
    appealHandler: 'ناظر ملی (ستاد ملی بهزیستی)',
    answerDue: 'مهلت پاسخ',
    csrfRefused: /از صفحه‌ای کهنه/,
    sessionEnded: /دیگر کد رهگیری شما را به خاطر ندارد/,
    unsentText: 'متنی که فرستاده نشد (آن را نگه دارید)',
    // The time left, then the day (issue 23: not a bare date).
    deadline: /^[۰-۹]+ روز کاری مانده \(تا پایان [۰-۹]+ \S+ ۱۴۰[۵-۹]\)$/,
    questionWhy: /پرسش ساده/,
    replyTitle: 'کارشناس از شما توضیح خواسته است',
    replyLabel: 'پاسخ شما',
    reply: 'ارسال پاسخ',
    replied: 'پاسخ شما ثبت شد و برای کارشناس فرستاده شد.',
    bodyA: 'نوبت‌دهی تلفنی مرکز همیشه اشغال است و سه روز است نتوانسته‌ام برای مشاوره وقت بگیرم.',
    bodyB: 'مددکار مرکز برای بازدید منزل مادرم در زمان اعلام‌شده نیامد و خبری هم نداد.',
    bodyC: 'پیشنهاد می‌کنم کلاس‌های توانمندسازی نوجوانان عصرها هم برگزار شود تا دانش‌آموزان بتوانند بیایند.',
    answerText: 'از هفته آینده یک خط تلفن دوم برای نوبت‌دهی راه‌اندازی می‌شود. از اطلاع‌رسانی شما سپاسگزاریم.',
    comment4: 'پاسخ سریع بود، ولی کاش زودتر رسیدگی می‌شد.',
    appealText: 'پاسخ درباره بازدید منزل نیست؛ هنوز کسی برای بازدید نیامده است.',
    question: 'کلاس‌ها در کدام محله و برای چه گروه سنی برگزار شود؟',
    replyText: 'محله قاسم‌آباد مشهد، برای نوجوانان ۱۳ تا ۱۷ ساله.',
  },
  en: {
    sendAbout: 'Send criticism, a suggestion or a complaint about this centre',
    kind: { criticism: 'Criticism', suggestion: 'Suggestion', complaint: 'Complaint' },
    body: 'Your feedback',
    counter: (n: string) => `${n} of 5,000 characters`,
    province: 'Province',
    mobile: 'Mobile number',
    consent: /I agree/,
    submit: 'Send feedback',
    sentTitle: 'Your feedback has been received',
    byWhen: /^You will get a first response by the end of .*20\d\d and the answer by the end of .*20\d\d\.$/,
    seeStatus: 'See its status',
    code: 'Tracking code',
    show: 'Show status',
    digits: (s: string) => s,
    codeInText: (grouped: string) => grouped,
    confirmTitle: 'Confirm the answer and rate it',
    rating4: '4 — Satisfied',
    comment: /Your comment/,
    confirm: 'Confirm and close',
    confirmed: 'Thank you. The answer is confirmed and the feedback closed.',
    ratingShown: '4 of 5',
    appealTitle: 'Do you disagree with the answer?',
    appealLabel: 'Why you disagree',
    appeal: 'Appeal',
    appealRequired: 'Write why you disagree.',
    appealed: 'Your appeal was recorded and goes to a national supervisor.',
    appealHandler: 'A national supervisor (Behzisti national office)',
    answerDue: 'Answer due by',
    csrfRefused: /outdated page/,
    sessionEnded: /no longer remembers your tracking code/,
    unsentText: 'The text that was not sent (keep a copy)',
    deadline: /^\d+ working days left \(by end of \d+ [A-Z][a-z]+ 20\d\d\)$/,
    questionWhy: /simple question/,
    replyTitle: 'Staff have asked you for more information',
    replyLabel: 'Your reply',
    reply: 'Send reply',
    replied: 'Your reply was recorded and sent to the staff.',
    bodyA: 'The centre’s booking line is always busy and for three days I could not get a counselling appointment.',
    bodyB: 'The social worker did not come for the home visit to my mother at the announced time and sent no word.',
    bodyC: 'Please hold the teenagers’ empowerment classes in the evenings too, so that pupils can come.',
    answerText: 'A second booking line opens next week. Thank you for telling us.',
    comment4: 'A quick answer, though it could have been handled sooner.',
    appealText: 'The answer is not about the home visit; nobody has come for it yet.',
    question: 'In which neighbourhood and for which age group should the classes be held?',
    replyText: 'Ghasem-Abad in Mashhad, for teenagers aged 13 to 17.',
  },
} as const;

type Texts = (typeof TEXT)[keyof typeof TEXT];

const SHOTS = 'tests/.tmp/shots';

/** A tracking code as printed: groups of four. */
const grouped = (code: string) => code.replace(/(\d{4})(?=\d)/g, '$1 ');

/** The officer of Khorasan Razavi, signed in once for the whole file; each test opens its own item. */
let staffContext: BrowserContext;
let staff: Page;
/** A Khorasan Razavi centre, for `/feedback/new?center=ID`. */
let centerId: string;

test.beforeAll(async ({ browser }) => {
  staffContext = await browser.newContext({ viewport: MOBILE_VIEWPORT });
  staff = await staffContext.newPage();
  await staff.goto('/centers?province=ir-09');
  centerId = (await staff.locator('.center-list a').first().getAttribute('href'))!.replace(/^\/centers\//, '');
  expect(centerId).toMatch(/^\d+$/);
  await signIn(staff, 'officer.ir-09');
});

test.afterAll(async () => {
  await staffContext?.close();
});

/** A citizen's own browser (own address, so per-address limits never trip a test). */
async function citizenBrowser(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled, viewport: MOBILE_VIEWPORT, extraHTTPHeaders: citizenAddress() });
  return { context, page: await context.newPage() };
}

/** Fills the submission form already open, sends it, checks the confirmation page and returns the tracking code. */
async function sendFeedback(page: Page, t: Texts, input: { kind: keyof Texts['kind']; body: string; mobile: string }, javaScriptEnabled: boolean) {
  await page.getByLabel(t.kind[input.kind], { exact: true }).check();
  // With JavaScript, a live count of the text's length, in the page's own digits. Typed again if the page was still
  // hydrating (a loaded machine): React then starts from the server's empty count.
  if (javaScriptEnabled) {
    await expect(async () => {
      await page.getByLabel(t.body).fill(input.body);
      await expect(page.locator('.hint[aria-live="polite"]')).toHaveText(t.counter(t.digits(String(input.body.length))), { timeout: 2_000 });
    }).toPass({ timeout: 15_000 });
  } else {
    await page.getByLabel(t.body).fill(input.body);
  }
  await page.getByLabel(t.mobile).fill(input.mobile);
  await page.getByLabel(t.consent).check();
  await answerChallenge(page);
  await page.getByRole('button', { name: t.submit }).click();
  await expect(page).toHaveURL(/\/feedback\/sent\/\d{12}$/);
  await expect(page.locator('h1')).toHaveText(t.sentTitle);
  const code = await readTrackingCode(page);
  await expect(page.getByTestId('tracking-code')).toHaveText(t.digits(grouped(code)));
  await expect(page.getByText(t.byWhen)).toBeVisible();
  return code;
}

/** The look-up form: the code as grouped on paper, in the interface's digits, and the mobile. */
async function lookUp(page: Page, lng: keyof typeof TEXT, code: string, mobile: string) {
  const t = TEXT[lng];
  await page.goto(`/track?lng=${lng}`);
  await page.getByLabel(t.code).fill(t.digits(grouped(code)));
  await page.getByLabel(t.mobile).fill(mobile);
  await page.getByRole('button', { name: t.show }).click();
  await expect(page).toHaveURL(new RegExp(`/track/${code}$`));
}

const timeline = (page: Page) => page.locator('section[aria-labelledby="timeline-title"] li');
const stage = (page: Page, action: string) => page.locator(`section[aria-labelledby="timeline-title"] li[data-action="${action}"]`);

/** Nothing wider than a narrow phone, and a picture of it to look at (tests/.tmp/shots). */
async function checkNarrow(page: Page, name: string) {
  const wide = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    // The innermost boxes whose content is wider than they are: where to look when this fails.
    culprits: [...document.querySelectorAll('main *')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1 && ![...e.children].some((c) => c.scrollWidth > c.clientWidth + 1))
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${e.scrollWidth} > ${e.clientWidth})`),
  }));
  expect(wide.scrollWidth, `wider than the screen: ${wide.culprits.join(', ')}`).toBeLessThanOrEqual(MOBILE_VIEWPORT.width);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

for (const lng of ['fa', 'en'] as const) {
  for (const javaScriptEnabled of [true, false]) {
    const js = javaScriptEnabled ? 'on' : 'off';
    test.describe(`citizen in ${lng}, JavaScript ${js}`, () => {
      const t = TEXT[lng];
      const mobile = t.digits('09151234567'); // in Persian digits in the Persian interface, as typed on a Persian keyboard
      const audit = (page: Page, what: string) => expectNoAxeViolations(page, `${what} in ${lng}`, { javaScriptEnabled });

      test('submit → confirmation → answered → track → confirm and rate', async ({ browser }) => {
        const { context, page } = await citizenBrowser(browser, javaScriptEnabled);
        await page.goto(`/?lng=${lng}`);
        await openFirstCenter(page, 'ir-09');
        await page.getByRole('link', { name: t.sendAbout }).click();
        await expect(page).toHaveURL(/\/feedback\/new\?center=\d+/);
        const code = await sendFeedback(page, t, { kind: 'criticism', body: t.bodyA, mobile }, javaScriptEnabled);
        await audit(page, '/feedback/sent/:code');
        await checkNarrow(page, `sent-${lng}-js-${js}`);

        await openStaffItem(staff, code);
        await staffAct(staff, 'accept', 'in_review');
        await staffAct(staff, 'answer', 'answered', t.answerText);

        await lookUp(page, lng, code, mobile);
        await expect(page.getByTestId('item-status')).toHaveAttribute('data-status', 'answered');
        await expect(stage(page, 'answer')).toContainText(t.answerText);
        await expect(page.locator('section[aria-labelledby="messages-title"] .message').first()).toContainText(t.codeInText(grouped(code)));
        // What the province said comes first, then what the citizen can do about it.
        const answerBox = (await stage(page, 'answer').boundingBox())!;
        const confirmBox = (await page.getByRole('form', { name: t.confirmTitle }).boundingBox())!;
        expect(answerBox.y).toBeLessThan(confirmBox.y);
        await audit(page, '/track/:code (answered: confirm and appeal forms)');
        await checkNarrow(page, `track-answered-${lng}-js-${js}`);

        const confirm = page.getByRole('form', { name: t.confirmTitle });
        await confirm.getByRole('radio', { name: t.rating4, exact: true }).check();
        await confirm.getByLabel(t.comment).fill(t.comment4);
        await confirm.getByRole('button', { name: t.confirm }).click();

        await expect(page.getByTestId('item-status')).toHaveAttribute('data-status', 'closed');
        await expect(page.getByRole('status').filter({ hasText: t.confirmed })).toBeVisible();
        await expect(page.locator('dl.facts')).toContainText(t.ratingShown);
        await expect(stage(page, 'confirm')).toContainText(t.comment4);
        await expect(page.getByRole('form', { name: t.confirmTitle })).toHaveCount(0);
        await expect(page.getByRole('form', { name: t.appealTitle })).toHaveCount(0);
        await audit(page, '/track/:code (closed)');
        await context.close();
      });

      test('submit → answered → an empty appeal is refused → appeal', async ({ browser }) => {
        const { context, page } = await citizenBrowser(browser, javaScriptEnabled);
        await page.goto(`/feedback/new?center=${centerId}&lng=${lng}`);
        const code = await sendFeedback(page, t, { kind: 'complaint', body: t.bodyB, mobile }, javaScriptEnabled);

        await openStaffItem(staff, code);
        await staffAct(staff, 'accept', 'in_review');
        await staffAct(staff, 'answer', 'answered', t.answerText);

        // The confirmation page's link: this browser sent it, so it needs no look-up.
        await page.getByRole('link', { name: t.seeStatus }).click();
        await expect(page).toHaveURL(new RegExp(`/track/${code}$`));
        await expect(page.getByTestId('item-status')).toHaveAttribute('data-status', 'answered');
        // A count is read once, not retried: wait until the whole streamed document is in, not just its first part.
        await page.waitForLoadState('load');
        const stages = await timeline(page).count();
        expect(stages).toBeGreaterThanOrEqual(4); // submitted, routed, accepted, answered

        const appeal = page.getByRole('form', { name: t.appealTitle });
        await appeal.getByRole('button', { name: t.appeal, exact: true }).click();
        await expect(appeal.getByText(t.appealRequired)).toBeVisible();
        await expect(appeal.getByLabel(t.appealLabel)).toHaveAttribute('aria-invalid', 'true');
        await expect(appeal.getByLabel(t.appealLabel)).toHaveAccessibleDescription(t.appealRequired);
        await expect(page.getByTestId('item-status')).toHaveAttribute('data-status', 'answered');
        await expect(timeline(page)).toHaveCount(stages);
        await audit(page, '/track/:code (answered, appeal refused)');

        await appeal.getByLabel(t.appealLabel).fill(t.appealText);
        await appeal.getByRole('button', { name: t.appeal, exact: true }).click();
        await expect(page.getByTestId('item-status')).toHaveAttribute('data-status', 'appealed');
        await expect(page.getByRole('status').filter({ hasText: t.appealed })).toBeVisible();
        await expect(timeline(page)).toHaveCount(stages + 1);
        await expect(stage(page, 'appeal')).toContainText(t.appealText);
        // One story: the status and who handles it agree, and the province's passed deadline is gone.
        await expect(page.getByTestId('handled-by')).toHaveText(t.appealHandler);
        await expect(page.locator('dl.facts')).not.toContainText(t.answerDue);
        await checkNarrow(page, `track-appealed-${lng}-js-${js}`);
        await expect(page.getByRole('form', { name: t.appealTitle })).toHaveCount(0);
        await expect(page.getByRole('form', { name: t.confirmTitle })).toHaveCount(0);
        await audit(page, '/track/:code (appealed)');
        await context.close();
      });

      test('submit without a centre → the officer asks → the citizen replies from another phone', async ({ browser }) => {
        const { context, page } = await citizenBrowser(browser, javaScriptEnabled);
        await page.goto(`/feedback/new?lng=${lng}`);
        await page.getByLabel(t.province, { exact: true }).selectOption('ir-09');
        const code = await sendFeedback(page, t, { kind: 'suggestion', body: t.bodyC, mobile: '+98 915 123 4567' }, javaScriptEnabled);

        await openStaffItem(staff, code);
        await staffAct(staff, 'accept', 'in_review');
        await staffAct(staff, 'ask_citizen', 'awaiting_citizen', t.question);

        const other = await citizenBrowser(browser, javaScriptEnabled);
        await lookUp(other.page, lng, code, mobile);
        const track = other.page;
        await expect(track.getByTestId('item-status')).toHaveAttribute('data-status', 'awaiting_citizen');
        await expect(stage(track, 'ask_citizen')).toContainText(t.question);
        await expect(track.getByRole('form', { name: t.confirmTitle })).toHaveCount(0);
        await audit(track, '/track/:code (awaiting_citizen: reply form)');

        const reply = track.getByRole('form', { name: t.replyTitle });
        await reply.getByLabel(t.replyLabel).fill(t.replyText);
        await reply.getByRole('button', { name: t.reply }).click();
        await expect(track.getByTestId('item-status')).toHaveAttribute('data-status', 'in_review');
        await expect(track.getByRole('status').filter({ hasText: t.replied })).toBeVisible();
        await expect(stage(track, 'citizen_reply')).toContainText(t.replyText);
        await expect(track.getByRole('form', { name: t.replyTitle })).toHaveCount(0);

        await staff.reload();
        await expect(staff.getByTestId('item-status')).toHaveAttribute('data-status', 'in_review');
        await expect(staff.getByText(t.replyText)).toBeVisible();
        await Promise.all([context.close(), other.context.close()]);
      });

      test('a form from before the citizen cookie was cleared is refused with a clear message, the text kept; sent again, it goes', async ({ browser }) => {
        const { context, page } = await citizenBrowser(browser, javaScriptEnabled);
        await page.goto(`/feedback/new?center=${centerId}&lng=${lng}`);
        const code = await sendFeedback(page, t, { kind: 'complaint', body: t.bodyB, mobile }, javaScriptEnabled);
        await openStaffItem(staff, code);
        await staffAct(staff, 'accept', 'in_review');
        await staffAct(staff, 'answer', 'answered', t.answerText);
        await lookUp(page, lng, code, mobile);
        const older = await context.newPage();
        await older.goto(`/track/${code}`);

        // The citizen's cookie is cleared (the language one kept): a form sent now cannot be the citizen's; the look-up
        // form comes back, with the text.
        await context.clearCookies({ name: '__citizen' });
        await page.getByRole('form', { name: t.appealTitle }).getByLabel(t.appealLabel).fill(t.appealText);
        await page.getByRole('form', { name: t.appealTitle }).getByRole('button', { name: t.appeal, exact: true }).click();
        await expect(page.getByRole('alert').filter({ hasText: t.sessionEnded })).toBeVisible();
        await expect(page.getByLabel(t.unsentText)).toHaveValue(t.appealText);
        await expect(page.getByLabel(t.code)).toBeVisible();
        await checkNarrow(page, `track-session-ended-${lng}-js-${js}`);

        // The item is looked up again (a new session, a new value); the other tab's older form is refused, text kept.
        await lookUp(page, lng, code, mobile);
        const appeal = older.getByRole('form', { name: t.appealTitle });
        await appeal.getByLabel(t.appealLabel).fill(t.appealText);
        await appeal.getByRole('button', { name: t.appeal, exact: true }).click();
        await expect(older.getByRole('alert').filter({ hasText: t.csrfRefused })).toBeVisible();
        await expect(older.getByTestId('item-status')).toHaveAttribute('data-status', 'answered');
        await expect(older.getByRole('form', { name: t.appealTitle }).getByLabel(t.appealLabel)).toHaveValue(t.appealText);
        await checkNarrow(older, `track-csrf-refused-${lng}-js-${js}`);
        await older.getByRole('form', { name: t.appealTitle }).getByRole('button', { name: t.appeal, exact: true }).click();
        await expect(older.getByTestId('item-status')).toHaveAttribute('data-status', 'appealed');
        await context.close();
      });

      test('behind a shared carrier address, after a neighbour’s failed look-ups: the question, then through', async ({ browser }) => {
        const sender = await citizenBrowser(browser, javaScriptEnabled);
        await sender.page.goto(`/feedback/new?center=${centerId}&lng=${lng}`);
        const code = await sendFeedback(sender.page, t, { kind: 'complaint', body: t.bodyB, mobile }, javaScriptEnabled);
        await sender.context.close();

        // Many people share one CGNAT address: a neighbour mistypes codes ten times from it.
        const shared = { 'X-Forwarded-For': `100.64.${lng === 'fa' ? 1 : 2}.${javaScriptEnabled ? 1 : 2}` };
        const neighbour = await browser.newContext({ extraHTTPHeaders: shared });
        for (let i = 0; i < 10; i++) {
          const response = await neighbour.request.post('/track', { form: { code: generateTrackingCode(randomInt), mobile: '09120000000' }, maxRedirects: 0 });
          expect(response.status()).toBe(404);
        }
        await neighbour.close();

        // The citizen, behind the same address, gets the question (and why) instead of a lock-out.
        const context = await browser.newContext({ javaScriptEnabled, viewport: MOBILE_VIEWPORT, extraHTTPHeaders: shared });
        const page = await context.newPage();
        await page.goto(`/track?lng=${lng}`);
        await expect(page.getByText(t.questionWhy)).toBeVisible();
        await page.getByLabel(t.code).fill(t.digits(grouped(code)));
        await page.getByLabel(t.mobile).fill(mobile);
        await checkNarrow(page, `track-question-${lng}-js-${js}`);
        await audit(page, '/track (with the question)');
        await answerChallenge(page);
        await page.getByRole('button', { name: t.show }).click();
        await expect(page).toHaveURL(new RegExp(`/track/${code}$`));
        await expect(page.getByTestId('item-status')).toHaveAttribute('data-status', 'routed');
        await expect(page.locator('dl.facts dd').last()).toHaveText(t.deadline);
        await context.close();
      });

      test('axe finds nothing on the other citizen pages', async ({ browser }) => {
        const { context, page } = await citizenBrowser(browser, javaScriptEnabled);
        await page.goto(`/?lng=${lng}`);
        await audit(page, '/');
        await page.goto('/centers');
        await audit(page, '/centers');
        await page.goto('/centers?province=ir-09');
        await audit(page, '/centers?province=ir-09');
        await page.goto(`/centers/${centerId}`);
        await audit(page, '/centers/:id');

        await page.goto('/feedback/new');
        await audit(page, '/feedback/new');
        await page.getByLabel(t.body).fill('کوتاه');
        // The sum answered: with JavaScript it is the one check made before sending (decision 015), the rest is the server's.
        await answerChallenge(page);
        await page.getByRole('button', { name: t.submit }).click();
        await expect(page.getByRole('alert')).toBeVisible();
        await expect(page.getByLabel(t.body)).toHaveAttribute('aria-invalid', 'true');
        await audit(page, '/feedback/new (refused, with errors)');

        await page.goto('/track');
        await audit(page, '/track');
        await page.getByLabel(t.code).fill('1234 5678 9012');
        await page.getByRole('button', { name: t.show }).click();
        await expect(page.getByRole('alert')).toBeVisible();
        await expect(page.getByLabel(t.code)).toHaveAttribute('aria-invalid', 'true');
        await audit(page, '/track (refused, with errors)');

        await page.goto('/privacy');
        await audit(page, '/privacy');
        const response = await page.goto('/no-such-page');
        expect(response?.status()).toBe(404);
        await audit(page, 'the 404 page');
        await context.close();
      });
    });
  }
}
