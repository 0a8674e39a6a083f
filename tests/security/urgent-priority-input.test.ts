/**
 * The priority field (issue 23) from an attacker: hostile, oversized or odd values on the web form, on Open311 and
 * on the staff item page are refused with a field message, never a 5xx, and never read as either priority; nothing
 * is filed and no staff member is paged.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { centers, items, outbox } from '../../db/schema';
import { createApiKey } from '~/models/api-keys.server';
import * as collection from '~/routes/api.open311.v2.$resource';
import * as feedbackNew from '~/routes/feedback.new';
import * as staffItem from '~/routes/staff.items.$id/route';
import { BASE, postForm, routeArgs, run, solvedChallenge } from '../support/http';
import { fileFeedback } from '../support/items';
import { csrfOf, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const BODY = 'برای گرفتن نوبت مددکاری باید چند بار به مرکز مراجعه کرد و این برای سالمندان سخت است.';
const centerId = () => String(db().select({ id: centers.id }).from(centers).where(eq(centers.provinceId, 'ir-09')).orderBy(asc(centers.id)).get()!.id);
const itemCount = () => db().select({ n: sql<number>`count(*)` }).from(items).get()!.n;
const staffMessages = () => db().select({ n: sql<number>`count(*)` }).from(outbox).where(eq(outbox.audience, 'staff')).get()!.n;

const HOSTILE = [
  'critical',
  'urgent<script>alert(1)</script>',
  "urgent' OR 1=1 --",
  'urgent\u0000',
  'ＵＲＧＥＮＴ',
  '1',
  'on',
  'u'.repeat(4000),
];

describe('the web form’s priority', () => {
  for (const value of HOSTILE) {
    it(`refuses ${JSON.stringify(value.slice(0, 30))} on its field, keeps the rest, files nothing`, async () => {
      const before = itemCount();
      const fields = { kind: 'complaint', centerId: centerId(), body: BODY, mobile: '09121234567', consent: 'on', website: '', priority: value, ...solvedChallenge() };
      const response = await run(() => feedbackNew.action(routeArgs(postForm('/feedback/new', fields))));
      expect(response.status).toBe(400);
      const data = (await response.json()) as { errors: Record<string, string>; values: Record<string, string> };
      expect(data.errors).toEqual({ priority: 'urgent.errors.invalid' });
      expect(data.values.body).toBe(BODY);
      expect(itemCount()).toBe(before);
    });
  }
});

describe('Open311’s attribute[priority]', () => {
  it('answers every hostile or oversized value with 400 naming the parameter, never a 5xx, and files nothing', async () => {
    const { key } = createApiKey(db(), null, 'سامانه آزمون امنیت');
    for (const value of HOSTILE) {
      const before = itemCount();
      const response = await run(() =>
        collection.action(
          routeArgs(
            new Request(`${BASE}/api/open311/v2/requests.json`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ api_key: key, service_code: 'social-work', 'attribute[kind]': 'complaint', description: BODY, address_id: centerId(), phone: '09121234567', 'attribute[priority]': value }).toString(),
            }),
            { resource: 'requests.json' },
          ),
        ),
      );
      expect(response.status, value.slice(0, 30)).toBe(400);
      const errors = (await response.json()) as { code: number; description: string }[];
      expect(errors.some((e) => e.description.includes('attribute[priority]'))).toBe(true);
      expect(itemCount()).toBe(before);
    }
  });
});

describe('the staff item page’s priority', () => {
  it('refuses anything but normal or urgent with a field message; the item and the outbox stay as they were', async () => {
    const item = fileFeedback(db(), { kind: 'complaint', provinceId: 'ir-09', body: BODY, anonymous: 'on', consent: 'on' });
    const officer = await signInAs('officer.ir-09');
    const csrf = await csrfOf(officer);
    const messages = staffMessages();
    for (const value of HOSTILE) {
      const response = await run(() =>
        staffItem.action(routeArgs(postForm(`/staff/items/${item.id}`, { csrf, version: String(item.version), intent: 'set_priority', priority: value, internalNote: 'آزمون' }, officer), { id: String(item.id) })),
      );
      expect(response.status, value.slice(0, 30)).toBe(400);
      const data = (await response.json()) as { errors: Record<string, string> };
      expect(data.errors.priority).toBe('urgent.errors.invalid');
    }
    expect(db().select().from(items).where(eq(items.id, item.id)).get()).toMatchObject({ priority: 'normal', version: item.version });
    expect(staffMessages()).toBe(messages);
  });
});
