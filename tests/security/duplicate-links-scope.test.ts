/**
 * A duplicate can be transferred on its own after it was marked. The staff page of each side then names the other,
 * which sits in a province the reader cannot reach: an outside review found its tracking code there — for an
 * anonymous item the only key to it on /track. A linked item out of reach is now only counted.
 */
import { describe, expect, it } from 'vitest';
import { groupTrackingCode } from '~/domain/tracking-code';
import * as staffItem from '~/routes/staff.items.$id/route';
import { CookieJar, getRequest, postForm, routeArgs, run } from '../support/http';
import { fileFeedback } from '../support/items';
import { csrfOf, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();
const TEXT = 'رفتار نامناسب کارکنان مرکز با مراجعه‌کنندگان در نوبت صبح تکرار شده است.';

async function pageText(id: number, jar: CookieJar) {
  const response = await run(() => staffItem.loader(routeArgs(getRequest(`/staff/items/${id}`, jar), { id: String(id) })));
  return { status: response.status, text: response.status === 200 ? await response.text() : '' };
}

async function act(id: number, jar: CookieJar, fields: Record<string, string>) {
  const response = await run(() => staffItem.loader(routeArgs(getRequest(`/staff/items/${id}`, jar), { id: String(id) })));
  const { item } = await response.json();
  const csrf = await csrfOf(jar);
  return run(() => staffItem.action(routeArgs(postForm(`/staff/items/${id}`, { csrf, version: String(item.version), ...fields }, jar), { id: String(id) })));
}

describe('duplicate links across provinces', () => {
  it('after a duplicate is transferred, neither province sees the tracking code of the item it cannot reach', async () => {
    const original = fileFeedback(db(), { kind: 'complaint', provinceId: 'ir-09', body: TEXT, anonymous: 'on', consent: 'on' });
    const duplicate = fileFeedback(db(), { kind: 'complaint', provinceId: 'ir-09', body: TEXT, anonymous: 'on', consent: 'on' });
    const ir09 = await signInAs('officer.ir-09');
    expect((await act(duplicate.id, ir09, { intent: 'mark_duplicate', original: groupTrackingCode(original.trackingCode), confirm: '1' })).status).toBe(302);
    expect((await act(duplicate.id, ir09, { intent: 'transfer', targetOwner: 'ir-23', internalNote: 'مربوط به تهران' })).status).toBe(302);

    const ir23 = await signInAs('officer.ir-23');
    const there = await pageText(duplicate.id, ir23);
    expect(there.status).toBe(200);
    expect(there.text).not.toContain(original.trackingCode);
    expect(there.text).toContain('originalElsewhere":true');
    expect((await pageText(original.id, ir23)).status).toBe(404);

    const here = await pageText(original.id, ir09);
    expect(here.text).not.toContain(duplicate.trackingCode);
    expect(here.text).toContain('duplicatesElsewhere":1');
  });
});
