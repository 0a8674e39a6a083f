import AxeBuilder from '@axe-core/playwright';
import { generateTOTP } from '@epic-web/totp';
import { expect, type BrowserContext, type Page } from '@playwright/test';

export const MOBILE_VIEWPORT = { width: 360, height: 780 };
export const DEMO_PASSWORD = 'demo-password';
/** The published TOTP secret of the demo's `admin` and `national` (app/seed/index.ts). */
export const DEMO_TOTP_SECRET = 'DIDEHBANDEMO2FASECRETFORDEMOONLY';

/** Opens the first centre of a province from the public directory, as a citizen would find it. */
export async function openFirstCenter(page: Page, province: string) {
  await page.goto(`/centers?province=${province}`);
  await page.locator('.center-list a').first().click();
  await expect(page).toHaveURL(/\/centers\/\d+$/);
  await expect(page.locator('a[href^="/feedback/new?center="]')).toBeVisible(); // the centre page has rendered
}

/** Signs in on the login page already open (so its language is kept), or opens it. */
export async function signIn(page: Page, username: string) {
  if (!page.url().includes('/staff/login')) await page.goto('/staff/login');
  await page.getByLabel(/نام کاربری|Username/).fill(username);
  await page.getByLabel(/گذرواژه|Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(ورود|Sign in)$/ }).click();
  await expect(page).not.toHaveURL(/\/staff\/login/);
  if (new URL(page.url()).pathname === '/staff/verify') await typeSecondFactorCode(page);
}

/**
 * The sign-in's second step for the demo accounts with a second factor. A code is accepted once (replay
 * protection), so when this account already used the current one (an earlier test signed in within the same 30
 * seconds), wait for the next code, as a person would.
 */
export async function typeSecondFactorCode(page: Page, secret = DEMO_TOTP_SECRET) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.getByLabel(/^(کد|Code)/).fill((await generateTOTP({ secret, algorithm: 'SHA-1', digits: 6, period: 30 })).otp);
    await page.getByRole('button', { name: /^(تأیید|Verify)$/ }).click();
    // With JavaScript the form posts by fetch: wait for whichever comes, the next page or the code's error.
    const left = page.waitForURL((url) => url.pathname !== '/staff/verify', { timeout: 15_000 }).then(() => true);
    const refused = page.locator('#code-error').waitFor({ timeout: 15_000 }).then(() => false);
    if (await Promise.race([left.catch(() => false), refused.catch(() => false)])) return;
    if (new URL(page.url()).pathname !== '/staff/verify') return;
    await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
    await page.goto('/staff/verify'); // a fresh page, without the old error
  }
  throw new Error('the second-factor code was not accepted');
}

/** The tracking code as plain ASCII digits, from the element the docs/DESIGN.md §5 contract names. */
export async function readTrackingCode(page: Page): Promise<string> {
  const code = await page.getByTestId('tracking-code').getAttribute('data-code');
  expect(code).toMatch(/^\d{12}$/);
  return code!;
}

/** Answers the arithmetic question the way a person would: reads the two numbers and types the sum. */
export async function answerChallenge(page: Page) {
  const question = page.getByTestId('challenge-question');
  const [a, b] = await Promise.all([question.getAttribute('data-a'), question.getAttribute('data-b')]);
  await page.locator('#challengeAnswer').fill(String(Number(a) + Number(b)));
}

/**
 * Each simulated citizen comes from an address of their own (documentation range TEST-NET-2), as people do on a real
 * network, so the per-address limits on public forms (tested on their own) never trip a browser test. The test server
 * runs with TRUST_PROXY=loopback (playwright.config.ts): X-Forwarded-For from the test browser, on loopback, counts.
 */
let nextAddress = 10;
export function citizenAddress(): Record<string, string> {
  return { 'X-Forwarded-For': `198.51.100.${(nextAddress++ % 240) + 10}` };
}

/** The WCAG 2.x A and AA rules (docs/DESIGN.md §8: WCAG 2.2 AA, "axe finds nothing"). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe on what the page shows now and fails with a readable list of violations. axe is JavaScript, so for a
 * page in a browser with JavaScript off, the very HTML that page shows (after a form post too) is loaded into a
 * twin page with scripts allowed but the app's bundles blocked: the same unhydrated page, styles and all.
 */
export async function expectNoAxeViolations(page: Page, what: string, { javaScriptEnabled = true } = {}) {
  const target = javaScriptEnabled ? page : await unhydratedTwin(page, await page.content());
  const results = await new AxeBuilder({ page: target }).withTags(WCAG_TAGS).analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`).join('\n')}`,
  );
  expect(found, `axe on ${what}${javaScriptEnabled ? '' : ' (JavaScript off)'}`).toEqual([]);
}

/** One twin page per browser context (closed with it); each call loads the given HTML at the page's address. */
const twins = new WeakMap<BrowserContext, Promise<{ page: Page; show: { html: string } }>>();
async function unhydratedTwin(page: Page, html: string): Promise<Page> {
  const context = page.context();
  let twin = twins.get(context);
  if (!twin) {
    twin = (async () => {
      // JavaScript on explicitly: in a test, browser.newContext() inherits the `use` options, `javaScriptEnabled: false` too.
      const helper = await context.browser()!.newContext({ javaScriptEnabled: true, viewport: page.viewportSize() ?? undefined });
      // Closing may race the end of the run (the last test of a worker): a twin already gone is fine.
      context.on('close', () => void helper.close().catch(() => undefined));
      const show = { html: '' };
      await helper.route('**/*', async (route) => {
        const request = route.request();
        // A request still on its way when the test closes its context is simply dropped.
        const settle = (work: Promise<void>) => work.catch(() => undefined);
        if (request.isNavigationRequest()) return settle(route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: show.html }));
        const { pathname } = new URL(request.url());
        if (pathname.startsWith('/build/') && pathname.endsWith('.js')) return settle(route.abort()); // stays unhydrated
        return settle(route.continue());
      });
      return { page: await helper.newPage(), show };
    })();
    twins.set(context, twin);
  }
  const { page: twinPage, show } = await twin;
  show.html = html;
  await twinPage.goto(page.url());
  return twinPage;
}

/** Opens an item from the staff inbox by its tracking code (the inbox link carries the code in `data-code`). */
export async function openStaffItem(staff: Page, code: string) {
  // Searched by its code: a national supervisor's first page may be full of other specs' items.
  await staff.goto(`/staff/inbox?q=${code}`);
  await staff.locator(`a:has([data-code="${code}"])`).click();
  await expect(staff).toHaveURL(/\/staff\/items\/\d+$/);
}

/** Takes a workflow action on the open staff item page (its form is found by intent, in either language). */
export async function staffAct(staff: Page, intent: string, expectedState: string, publicMessage?: string) {
  const form = staff.locator(`form:has(input[name="intent"][value="${intent}"])`);
  if (publicMessage !== undefined) await form.locator('textarea[name="publicMessage"]').fill(publicMessage);
  await form.locator('button[type="submit"]:not([name="preview"])').click();
  // Issue 24: the irreversible actions show the citizen's message and ask "are you sure?" first.
  if (['answer', 'reject', 'redirect', 'mark_duplicate', 'final_answer'].includes(intent)) await staff.getByTestId('confirm-step').locator('button[name="confirm"]').click();
  await expect(staff.getByTestId('item-status')).toHaveAttribute('data-status', expectedState);
}
