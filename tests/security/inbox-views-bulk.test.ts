/**
 * Saved views and bulk actions of the inbox (issue 24) against a hostile or careless client: another province's view
 * id, another province's item ids in a bulk post, 1,000 ids in one post, the same post replayed, no CSRF token.
 */
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { centers, itemEvents, items, savedViews, staffUsers } from '../../db/schema';
import { type ItemRow } from '~/models/items.server';
import { CookieJar } from '../support/http';
import { bulk, inboxData, postView } from '../support/inbox';
import { fileFeedback } from '../support/items';
import { csrfOf, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const HOME = 'ir-09';
const OTHER = 'ir-23';
const SECRET_VIEW = 'نمای-محرمانه-تهران';

let officer: CookieJar;
let manager: CookieJar;
let otherManager: CookieJar;
let officerId = 0;
let theirs: ItemRow;
let own: ItemRow;

const fresh = (id: number) => db().select().from(items).where(eq(items.id, id)).get()!;
const eventCount = () => db().select({ n: sql<number>`count(*)` }).from(itemEvents).get()!.n;

beforeAll(async () => {
  officer = await signInAs(`officer.${HOME}`);
  manager = await signInAs(`manager.${HOME}`);
  otherManager = await signInAs(`manager.${OTHER}`);
  officerId = db().select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.username, `officer.${HOME}`)).get()!.id;
  const center = db().select().from(centers).where(eq(centers.provinceId, HOME)).get()!.id;
  own = fileFeedback(db(), { kind: 'complaint', centerId: String(center), body: 'متن آزمون امنیتی استان خودی.', mobile: '09121234567', consent: 'on' });
  theirs = fileFeedback(db(), { kind: 'complaint', provinceId: OTHER, body: 'متن آزمون امنیتی استان دیگر.', mobile: '09351112233', consent: 'on' });
});

describe("another province's saved view", () => {
  it('is neither listed, opened, nor removed by its id, and nothing of it is shown', async () => {
    const saved = await postView(otherManager, { csrf: await csrfOf(otherManager), intent: 'save', name: SECRET_VIEW, query: 'kind=complaint&overdue=1', shared: 'on' });
    const id = Number(new URL(saved.headers.get('Location')!, 'http://x').searchParams.get('view'));
    for (const jar of [officer, manager]) {
      const { data, text } = await inboxData<{ views: { id: number }[]; query: { view?: number; kind?: string; overdue: boolean } }>(jar, `/staff/inbox?view=${id}`);
      expect(text).not.toContain(SECRET_VIEW);
      expect(data.views.map((v) => v.id)).not.toContain(id);
      // The id is no filter: the default list, not the view's.
      expect(data.query).toMatchObject({ overdue: false });
      expect(data.query.kind).toBeUndefined();
      const removed = await postView(jar, { csrf: await csrfOf(jar), intent: 'delete', id: String(id) });
      expect(removed.status).toBe(302);
    }
    expect(db().select().from(savedViews).where(eq(savedViews.id, id)).get()).toMatchObject({ name: SECRET_VIEW });
  });

  it('cannot be made visible by saving a view claiming to be shared or another province', async () => {
    await postView(officer, { csrf: await csrfOf(officer), intent: 'save', name: 'تلاش', query: 'province=ir-23', shared: 'on', provinceId: OTHER, ownerStaffId: '1' });
    const row = db().select().from(savedViews).where(eq(savedViews.name, 'تلاش')).get()!;
    expect(row).toMatchObject({ ownerStaffId: officerId, provinceId: HOME, shared: false });
    // A province filter an officer may not use is dropped when the view is opened: still only ir-09's items.
    const { data } = await inboxData<{ items: { ownerProvinceId: string }[] }>(officer, `/staff/inbox?view=${row.id}`);
    expect(data.items.every((i) => i.ownerProvinceId === HOME)).toBe(true);
  });
});

describe('bulk posts', () => {
  it("refuse every id of another province, showing nothing of it and changing nothing", async () => {
    const before = fresh(theirs.id);
    for (const [bulkAction, extra] of [
      ['assign', { assignee: String(officerId) }],
      ['transfer', { targetOwner: HOME, internalNote: 'آزمون' }],
      ['mark_duplicate', { original: own.trackingCode }],
      ['spam', {}],
    ] as const) {
      for (const confirm of ['', '1']) {
        const { status, text, reply } = await bulk(manager, await csrfOf(manager), [`${theirs.id}.${before.version}`], { bulkAction, confirm, ...extra });
        expect(status, bulkAction).toBe(200);
        expect(reply!.step).toBe('summary');
        expect(reply!.summary!.refused).toEqual([{ id: theirs.id, trackingCode: null, reason: 'bulk.reason_not_found' }]);
        expect(text).not.toContain(theirs.trackingCode);
        expect(text).not.toContain('9351112233');
      }
    }
    expect(fresh(theirs.id)).toEqual(before);
  });

  it('refuse 1,000 ids in one post before anything runs, and more than 100 with a message', async () => {
    const events = eventCount();
    const ids = Array.from({ length: 1000 }, (_, n) => `${own.id + n}.1`);
    const huge = await bulk(manager, await csrfOf(manager), ids, { bulkAction: 'assign', assignee: String(officerId) });
    expect(huge.status).toBe(413);
    const many = await bulk(manager, await csrfOf(manager), ids.slice(0, 101), { bulkAction: 'assign', assignee: String(officerId) });
    expect(many.status).toBe(400);
    expect(many.reply!.errors).toEqual({ item: 'bulk.tooMany' });
    expect(eventCount()).toBe(events);
    expect(fresh(own.id).assignedStaffId).toBeNull();
  });

  it('refuse malformed ids and a post without the CSRF token', async () => {
    const bad = await bulk(manager, await csrfOf(manager), ['1e3', `${own.id}`], { bulkAction: 'assign', assignee: String(officerId) });
    expect(bad.status).toBe(400);
    expect(bad.reply!.errors).toEqual({ item: 'bulk.itemsInvalid' });
    const forged = await bulk(manager, 'not-the-token', [`${own.id}.${fresh(own.id).version}`], { bulkAction: 'assign', assignee: String(officerId) });
    expect(forged.status).toBe(403);
    expect(fresh(own.id).assignedStaffId).toBeNull();
  });

  it('replayed, do nothing twice: the second post finds every item changed (stale)', async () => {
    const post = [`${own.id}.${fresh(own.id).version}`];
    const csrf = await csrfOf(officer);
    const first = await bulk(officer, csrf, post, { bulkAction: 'spam', confirm: '1' });
    expect(first.reply!.summary!.done).toHaveLength(1);
    const events = eventCount();
    const again = await bulk(officer, csrf, post, { bulkAction: 'spam', confirm: '1' });
    expect(again.reply!.summary!.refused).toEqual([{ id: own.id, trackingCode: own.trackingCode, reason: 'bulk.reason_stale' }]);
    expect(eventCount()).toBe(events);
  });
});
