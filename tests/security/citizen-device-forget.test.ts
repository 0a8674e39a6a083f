/**
 * Outside review, finding 2: an unlocked item stayed readable in that browser for 30 days with no way out — on a
 * shared family phone the next user could read an abuse or mental-health complaint. Now the unlock lasts two hours
 * (the cookie's Max-Age and a signed stamp the server checks, so a kept copy of the cookie opens nothing later), and
 * the tracking page has "خروج از این دستگاه", a POST with the page's anti-CSRF value that works without JavaScript;
 * afterwards the page asks for code + mobile again. The confirmation page right after submitting still works.
 * Real loaders and actions, real SQLite.
 */
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { centers } from '../../db/schema';
import * as feedbackNew from '~/routes/feedback.new';
import * as feedbackSent from '~/routes/feedback.sent.$code';
import * as trackCode from '~/routes/track.$code';
import * as trackIndex from '~/routes/track._index';
import { CookieJar, getRequest, postForm, routeArgs, run } from '../support/http';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';
import { renderTrackingPage } from '../support/tracking-page';

const { db } = useTestDatabase();

let serial = 0;
/** A complaint and the browser that unlocked it with code + mobile; `lookUp` is the look-up's response. */
async function unlockedComplaint() {
  const mobile = `0914${String(6000000 + ++serial)}`;
  const item = fileFeedback(db(), { kind: 'complaint', provinceId: 'ir-09', body: 'در مرکز با من بدرفتاری شد و کسی پاسخگو نبود.', mobile, consent: 'on' });
  const jar = new CookieJar();
  const lookUp = jar.take(await run(() => trackIndex.action(routeArgs(postForm('/track', { code: item.trackingCode, mobile }, jar)))));
  expect(lookUp.status).toBe(302);
  return { code: item.trackingCode, jar, lookUp };
}

async function page(code: string, jar: CookieJar) {
  const response = jar.take(await run(() => trackCode.loader(routeArgs(getRequest(`/track/${code}`, jar), { code }))));
  return (await response.json()) as { item: { trackingCode: string } | null; csrf?: string };
}

const post = async (code: string, jar: CookieJar, fields: Record<string, string>) =>
  jar.take(await run(() => trackCode.action(routeArgs(postForm(`/track/${code}`, fields, jar), { code }))));

afterEach(() => {
  vi.useRealTimers();
});

describe('how long a browser keeps an item open', () => {
  it('the cookie lives a few hours, not 30 days', async () => {
    const { lookUp } = await unlockedComplaint();
    const cookie = lookUp.headers.getSetCookie().find((c) => c.startsWith('__citizen='))!;
    const maxAge = Number(/max-age=(\d+)/i.exec(cookie)?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(4 * 60 * 60);
    expect(cookie).toMatch(/HttpOnly/i);
  });

  it('a copy of the cookie kept past two hours opens nothing: the page asks for code + mobile again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { code, jar } = await unlockedComplaint();
    expect((await page(code, jar)).item?.trackingCode).toBe(code);
    vi.setSystemTime(Date.now() + 2 * 60 * 60 * 1000 + 60_000);
    expect((await page(code, jar)).item).toBeNull();
  });
});

describe('"forget this item on this device"', () => {
  it('is on the tracking page as a form without JavaScript: POST, the page\'s anti-CSRF value, intent forget, the Persian label', async () => {
    const { code, jar } = await unlockedComplaint();
    const { csrf } = await page(code, jar);
    const html = await renderTrackingPage(code, jar);
    const form = /<form[^>]*method="post"[^>]*data-testid="forget-form"[^>]*>([\s\S]*?)<\/form>/.exec(html);
    expect(form).not.toBeNull();
    expect(form![1]).toContain('name="intent" value="forget"');
    expect(form![1]).toContain(`name="csrf" value="${csrf}"`);
    expect(form![1]).toContain('خروج از این دستگاه');
  });

  it('closes the item in this browser: afterwards the page and the confirmation page ask for code + mobile again', async () => {
    const { code, jar } = await unlockedComplaint();
    const { csrf } = await page(code, jar);
    const response = await post(code, jar, { intent: 'forget', csrf: csrf! });
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`/track/${code}?forgotten=1`);
    expect((await page(code, jar)).item).toBeNull();
    // Going back to the confirmation page does not open it either.
    const sent = await run(() => feedbackSent.loader(routeArgs(getRequest(`/feedback/sent/${code}`, jar), { code })));
    expect(sent.status).toBe(302);
    expect(sent.headers.get('Location')).toBe(`/track/${code}`);
  });

  it('forgets only that item: another item unlocked in the same browser stays open', async () => {
    const first = await unlockedComplaint();
    const mobile = `0914${String(6000000 + ++serial)}`;
    const other = fileFeedback(db(), { kind: 'complaint', provinceId: 'ir-09', body: 'پرونده دیگری که باز می‌ماند.', mobile, consent: 'on' });
    first.jar.take(await run(() => trackIndex.action(routeArgs(postForm('/track', { code: other.trackingCode, mobile }, first.jar)))));
    const { csrf } = await page(first.code, first.jar);
    await post(first.code, first.jar, { intent: 'forget', csrf: csrf! });
    expect((await page(first.code, first.jar)).item).toBeNull();
    expect((await page(other.trackingCode, first.jar)).item?.trackingCode).toBe(other.trackingCode);
  });

  it('from another site (no or a wrong anti-CSRF value) is refused with 403 and closes nothing', async () => {
    const { code, jar } = await unlockedComplaint();
    for (const csrf of [undefined, '', 'A'.repeat(32)]) {
      const response = await post(code, jar, csrf === undefined ? { intent: 'forget' } : { intent: 'forget', csrf });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { errors: Record<string, string> }).errors).toEqual({ form: 'errors.citizen_csrf' });
    }
    expect((await page(code, jar)).item?.trackingCode).toBe(code);
  });
});

describe('the confirmation page right after submitting', () => {
  it('still opens in the browser that sent the feedback', async () => {
    const center = db().select().from(centers).where(eq(centers.provinceId, 'ir-09')).get()!;
    const jar = new CookieJar();
    const fields = { kind: 'suggestion', centerId: String(center.id), body: 'لطفاً ساعت کار مرکز را تا عصر پنج‌شنبه هم ادامه دهید.', mobile: '09121234567', consent: 'on', website: '' };
    const sent = jar.take(await run(() => feedbackNew.action(routeArgs(postForm('/feedback/new', fields, jar)))));
    const code = /^\/feedback\/sent\/(\d{12})$/.exec(sent.headers.get('Location') ?? '')?.[1];
    expect(code).toBeDefined();
    const confirmation = await run(() => feedbackSent.loader(routeArgs(getRequest(`/feedback/sent/${code}`, jar), { code: code! })));
    expect(confirmation.status).toBe(200);
    expect(((await confirmation.json()) as { code: string }).code).toBe(code);
  });
});
