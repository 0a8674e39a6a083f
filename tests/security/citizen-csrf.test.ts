/**
 * Cross-site request forgery on the citizen's tracking page: another site can make the citizen's browser post to
 * /track/<code> with its session cookie, but cannot read the page, so it cannot know the anti-CSRF value the page's
 * forms carry. Such a post is refused (a clear message, the typed text given back) and changes nothing; the page's own
 * forms, which work without JavaScript, go through. Real loader and action, real SQLite.
 */
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { itemEvents, items, outbox, staffUsers } from '../../db/schema';
import { transition } from '~/services/workflow.server';
import * as trackCode from '~/routes/track.$code';
import * as trackIndex from '~/routes/track._index';
import en from '../../locales/en/common.json';
import fa from '../../locales/fa/common.json';
import { CookieJar, getRequest, postForm, routeArgs, run } from '../support/http';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const ANSWER = 'بازدید منزل برای شنبه هماهنگ شد.';
const APPEAL = 'هیچ بازدیدی انجام نشد و کسی تماس نگرفت.';

let serial = 0;
/** An answered item and the citizen's browser that unlocked it. */
async function answeredItem() {
  const mobile = `0913${String(5000000 + ++serial)}`;
  const item = fileFeedback(db(), { kind: 'complaint', provinceId: 'ir-09', body: 'مددکار برای بازدید منزل نیامد.', mobile, consent: 'on' });
  const user = db().select().from(staffUsers).where(eq(staffUsers.username, 'officer.ir-09')).get()!;
  const officer = { role: 'province_officer' as const, provinceId: user.provinceId, staffId: user.id };
  expect(transition(db(), item.id, 'accept', officer, {}).ok).toBe(true);
  expect(transition(db(), item.id, 'answer', officer, { publicMessage: ANSWER }).ok).toBe(true);
  const jar = new CookieJar();
  const lookUp = jar.take(await run(() => trackIndex.action(routeArgs(postForm('/track', { code: item.trackingCode, mobile }, jar)))));
  expect(lookUp.status).toBe(302);
  return { id: item.id, code: item.trackingCode, jar };
}

const itemRow = (id: number) => db().select().from(items).where(eq(items.id, id)).get()!;
const changes = (id: number) => ({
  item: itemRow(id),
  events: db().select().from(itemEvents).where(eq(itemEvents.itemId, id)).orderBy(asc(itemEvents.id)).all().length,
  messages: db().select().from(outbox).where(eq(outbox.itemId, id)).all().length,
});

async function page(code: string, jar: CookieJar) {
  const response = jar.take(await run(() => trackCode.loader(routeArgs(getRequest(`/track/${code}`, jar), { code }))));
  return (await response.json()) as { item: { version: number } | null; csrf?: string };
}

const post = async (code: string, jar: CookieJar, fields: Record<string, string>) => run(() => trackCode.action(routeArgs(postForm(`/track/${code}`, fields, jar), { code })));

describe('a citizen form posted from another site', () => {
  for (const [name, extra] of [
    ['without the anti-CSRF value', {}],
    ['with an empty value', { csrf: '' }],
    ['with a made-up value', { csrf: 'A'.repeat(32) }],
  ] as const) {
    it(`${name}: appeal and confirm are refused with 403 and the Persian message, the text given back, nothing changed`, async () => {
      const { id, code, jar } = await answeredItem();
      const { item } = await page(code, jar);
      const before = changes(id);
      for (const fields of <Record<string, string>[]>[
        { intent: 'appeal', version: String(item!.version), message: APPEAL },
        { intent: 'confirm', version: String(item!.version), rating: '1', message: APPEAL },
      ]) {
        const response = await post(code, jar, { ...fields, ...extra });
        expect(response.status).toBe(403);
        const data = (await response.json()) as { intent: string; errors: Record<string, string>; values: Record<string, string> };
        expect(data.errors).toEqual({ form: 'errors.citizen_csrf' });
        expect(data.intent).toBe(fields.intent);
        expect(data.values.message).toBe(APPEAL);
        expect(data.values).not.toHaveProperty('csrf');
      }
      expect(changes(id)).toEqual(before);
    });
  }

  it('with the value of another browser (the attacker\'s own session) is refused too', async () => {
    const victim = await answeredItem();
    const attacker = await answeredItem();
    const attackerValue = (await page(attacker.code, attacker.jar)).csrf!;
    expect(attackerValue).toBeTruthy();
    const before = changes(victim.id);
    const { item } = await page(victim.code, victim.jar);
    expect((await post(victim.code, victim.jar, { csrf: attackerValue, intent: 'appeal', version: String(item!.version), message: APPEAL })).status).toBe(403);
    expect(changes(victim.id)).toEqual(before);
  });

  it('the message says what happened and that the text is kept, in Persian and English', () => {
    expect(fa.errors.citizen_csrf).toMatch(/[\u0600-\u06FF]/);
    expect(fa.errors.citizen_csrf).toContain('متن شما');
    expect(en.errors.citizen_csrf).toContain('text');
  });
});

describe("the page's own form", () => {
  it('carries the value and goes through', async () => {
    const { id, code, jar } = await answeredItem();
    const { item, csrf } = await page(code, jar);
    expect(csrf).toMatch(/^[\w-]{32}$/);
    const response = await post(code, jar, { csrf: csrf!, intent: 'appeal', version: String(item!.version), message: APPEAL });
    expect(response.status).toBe(302);
    expect(itemRow(id).state).toBe('appealed');
  });
});
