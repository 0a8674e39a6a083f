import { expect, type Page } from '@playwright/test';

export const MOBILE_VIEWPORT = { width: 360, height: 780 };
export const DEMO_PASSWORD = 'demo-password';

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
}

/** The tracking code as plain ASCII digits, from the element the DESIGN §5 contract names. */
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
