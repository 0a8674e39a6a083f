/**
 * The outbound call list (issue 22) as an attacker would try it: who may open it and post to it, the form token,
 * hostile text in the carer's fields, and forged calls (an item id, a reason or a key that is not on the list).
 * Real loaders and actions on a real SQLite file.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outboundCalls, items } from '../../db/schema';
import * as outboundPage from '~/routes/staff.calls_.outbound';
import { CookieJar, getRequest, postForm, routeArgs, run } from '../support/http';
import { fileFeedback } from '../support/items';
import { csrfOf, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const BODY = 'پدرم نابیناست و پیامک نمی‌خواند؛ لطفاً برای پیگیری با پسرش تماس بگیرید، موضوع مستمری است.';
const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>';
let serial = 0;
const mobile = () => `0916${String(5000000 + ++serial)}`;

const callBackItem = (fields: Record<string, string> = {}) =>
  fileFeedback(db(), { kind: 'complaint', provinceId: 'ir-09', body: BODY, mobile: mobile(), consent: 'on', callBack: 'on', ...fields });

const load = (jar?: CookieJar) => run(() => outboundPage.loader(routeArgs(getRequest('/staff/calls/outbound', jar))));
async function post(jar: CookieJar | undefined, fields: Record<string, string>, csrf?: string) {
  const token = csrf ?? (jar ? await csrfOf(jar) : '');
  return run(() => outboundPage.action(routeArgs(postForm('/staff/calls/outbound', { csrf: token, ...fields }, jar))));
}

describe('who may use the call list', () => {
  it('the call centre, province staff and national supervisors; not admins (they read no items); nobody signed in goes to sign-in', async () => {
    for (const user of ['agent', 'officer.ir-09', 'manager.ir-09', 'national']) expect((await load(await signInAs(user))).status, user).toBe(200);
    const item = callBackItem();
    const admin = await signInAs('admin');
    expect((await load(admin)).status).toBe(404);
    expect((await post(admin, { itemId: String(item.id), reason: 'call_back', dueKey: '0', version: '1', outcome: 'reached' })).status).toBe(404);
    const anonymous = await load();
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('Location')).toMatch(/^\/staff\/login/);
    expect(db().select().from(outboundCalls).where(eq(outboundCalls.itemId, item.id)).all()).toEqual([]);
  });

  it('an outcome without the form token, or with another session\u2019s, is refused and records nothing', async () => {
    const item = callBackItem();
    const agent = await signInAs('agent');
    const other = await signInAs('national');
    const fields = { itemId: String(item.id), reason: 'call_back', dueKey: '0', version: String(item.version), outcome: 'reached' };
    expect((await post(agent, fields, 'forged')).status).toBe(403);
    expect((await post(agent, fields, await csrfOf(other))).status).toBe(403);
    expect(db().select().from(outboundCalls).where(eq(outboundCalls.itemId, item.id)).all()).toEqual([]);
  });
});

describe('forged calls', () => {
  const cases: [string, (id: number) => Record<string, string>][] = [
    ['an item id that does not exist', () => ({ itemId: '999999', reason: 'call_back', dueKey: '0' })],
    ['an item id in SQL', (id) => ({ itemId: `${id} OR 1=1`, reason: 'call_back', dueKey: '0' })],
    ['a negative id', () => ({ itemId: '-1', reason: 'call_back', dueKey: '0' })],
    ['a reason that is not one', (id) => ({ itemId: String(id), reason: 'delete', dueKey: '0' })],
    ['a call that is not due (a plain item)', () => ({ itemId: String(fileFeedback(db(), { kind: 'complaint', provinceId: 'ir-09', body: BODY, mobile: mobile(), consent: 'on' }).id), reason: 'call_back', dueKey: '0' })],
    ['a key that is not the call\u2019s', (id) => ({ itemId: String(id), reason: 'call_back', dueKey: '12345' })],
    ['a huge number', () => ({ itemId: '9'.repeat(400), reason: 'call_back', dueKey: '0' })],
  ];
  for (const [label, fields] of cases) {
    it(`${label}: "not on the list", never a 500, nothing written`, async () => {
      const item = callBackItem();
      const response = await post(await signInAs('agent'), { version: String(item.version), outcome: 'reached', ...fields(item.id) });
      expect([400, 404]).toContain(response.status);
      expect(((await response.json()) as { errors: Record<string, string> }).errors.form).toBe('carers.errors.notOnList');
      expect(db().select().from(outboundCalls).all().filter((c) => c.itemId === item.id)).toEqual([]);
    });
  }

  it('an outcome that is not one is refused with its field message', async () => {
    const item = callBackItem();
    const response = await post(await signInAs('agent'), { itemId: String(item.id), reason: 'call_back', dueKey: '0', version: String(item.version), outcome: 'delete_item' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Record<string, string> }).errors.outcome).toBe('carers.errors.outcomeRequired');
  });
});

describe('hostile text', () => {
  it('in the carer\u2019s and on-behalf fields is stored as typed and reaches the list as data (React escapes it), never as markup the server built', async () => {
    const item = callBackItem({ contactName: HOSTILE, contactRelation: '"><b>x</b>', contactMobile: mobile(), onBehalf: 'on', onBehalfName: HOSTILE, onBehalfRelation: 'x' });
    expect(db().select().from(items).where(eq(items.id, item.id)).get()).toMatchObject({ contactName: HOSTILE, onBehalfName: HOSTILE });
    const response = await load(await signInAs('agent'));
    const calls = ((await response.json()) as { calls: { itemId: number; callee: { name: string } }[] }).calls;
    expect(calls.find((c) => c.itemId === item.id)!.callee.name).toBe(HOSTILE);
  });
});
