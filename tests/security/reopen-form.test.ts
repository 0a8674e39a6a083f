/**
 * The reopen form on the tracking page (issue 23) as an attacker would try it: a browser that unlocked one item posting
 * to another item's code, the same form sent twice (a replay, or a double click without JavaScript), a reason far
 * over the limit, and a post from another site without the page's anti-CSRF value. Each is refused with a clear
 * message and changes nothing. Real loader and action, real SQLite.
 */
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { itemEvents, items, staffUsers } from '../../db/schema';
import { MESSAGE_MAX } from '~/domain/staff-action-schema';
import { transition } from '~/services/workflow.server';
import * as trackCode from '~/routes/track.$code';
import * as trackIndex from '~/routes/track._index';
import { CookieJar, getRequest, postForm, routeArgs, run } from '../support/http';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const REASON = 'مشکل حل نشد؛ هنوز کسی از مرکز تماس نگرفته است.';
let serial = 0;

/** A closed item (answered, then confirmed) and the citizen's browser that unlocked it. */
async function closedItem() {
  const mobile = `0913${String(4000000 + ++serial)}`;
  const item = fileFeedback(db(), { kind: 'complaint', provinceId: 'ir-09', body: 'مددکار برای بازدید منزل نیامد.', mobile, consent: 'on' });
  const user = db().select().from(staffUsers).where(eq(staffUsers.username, 'officer.ir-09')).get()!;
  const officer = { role: 'province_officer' as const, provinceId: user.provinceId, staffId: user.id };
  for (const [action, actor, input] of [
    ['accept', officer, {}],
    ['answer', officer, { publicMessage: 'بازدید انجام شد.' }],
    ['confirm', { role: 'citizen' as const }, { rating: 3 }],
  ] as const) {
    expect(transition(db(), item.id, action, actor, input).ok).toBe(true);
  }
  const jar = new CookieJar();
  expect(jar.take(await run(() => trackIndex.action(routeArgs(postForm('/track', { code: item.trackingCode, mobile }, jar))))).status).toBe(302);
  return { item: db().select().from(items).where(eq(items.id, item.id)).get()!, jar };
}

async function page(code: string, jar: CookieJar) {
  const response = await run(() => trackCode.loader(routeArgs(getRequest(`/track/${code}`, jar), { code })));
  return (await response.json()) as { csrf?: string; item: { version: number } | null };
}
const post = (code: string, jar: CookieJar, fields: Record<string, string>) => run(() => trackCode.action(routeArgs(postForm(`/track/${code}`, fields, jar), { code })));
const unchanged = (id: number) => {
  const item = db().select().from(items).where(eq(items.id, id)).get()!;
  return { state: item.state, version: item.version, events: db().select().from(itemEvents).where(eq(itemEvents.itemId, id)).orderBy(asc(itemEvents.id)).all().length };
};

describe('the reopen form', () => {
  it("cannot reopen another citizen's item from a browser that unlocked only its own", async () => {
    const mine = await closedItem();
    const theirs = await closedItem();
    const before = unchanged(theirs.item.id);
    const { csrf } = await page(mine.item.trackingCode, mine.jar);
    const response = await post(theirs.item.trackingCode, mine.jar, { csrf: csrf!, intent: 'citizen_reopen', version: String(theirs.item.version), message: REASON });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { errors: Record<string, string> }).errors).toEqual({ form: 'track.sessionEnded' });
    expect(unchanged(theirs.item.id)).toEqual(before);
  });

  it('reopens once: the same form sent again is refused as outdated', async () => {
    const { item, jar } = await closedItem();
    const { csrf, item: view } = await page(item.trackingCode, jar);
    const form = { csrf: csrf!, intent: 'citizen_reopen', version: String(view!.version), message: REASON };
    expect((await post(item.trackingCode, jar, form)).status).toBe(302);
    const after = unchanged(item.id);
    const replay = await post(item.trackingCode, jar, form);
    expect(replay.status).toBe(409);
    expect(((await replay.json()) as { errors: Record<string, string> }).errors).toEqual({ form: 'errors.stale' });
    expect(unchanged(item.id)).toEqual(after);
    expect(db().select().from(itemEvents).where(eq(itemEvents.itemId, item.id)).all().filter((e) => e.action === 'citizen_reopen')).toHaveLength(1);
  });

  it('refuses an oversized reason on its field, giving the text back, and changes nothing', async () => {
    const { item, jar } = await closedItem();
    const before = unchanged(item.id);
    const { csrf, item: view } = await page(item.trackingCode, jar);
    const huge = 'ن'.repeat(MESSAGE_MAX + 1);
    const response = await post(item.trackingCode, jar, { csrf: csrf!, intent: 'citizen_reopen', version: String(view!.version), message: huge });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { intent: string; errors: Record<string, string> };
    expect(body).toMatchObject({ intent: 'citizen_reopen', errors: { message: 'errors.message_too_long' } });
    expect(unchanged(item.id)).toEqual(before);
  });

  it('refuses a post without the page’s anti-CSRF value, or with another browser’s', async () => {
    const { item, jar } = await closedItem();
    const other = await closedItem();
    const before = unchanged(item.id);
    const { item: view } = await page(item.trackingCode, jar);
    const { csrf: otherCsrf } = await page(other.item.trackingCode, other.jar);
    for (const csrf of [undefined, otherCsrf!]) {
      const fields: Record<string, string> = { intent: 'citizen_reopen', version: String(view!.version), message: REASON };
      if (csrf) fields.csrf = csrf;
      const response = await post(item.trackingCode, jar, fields);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { errors: Record<string, string> }).errors).toEqual({ form: 'errors.citizen_csrf' });
    }
    expect(unchanged(item.id)).toEqual(before);
  });
});
