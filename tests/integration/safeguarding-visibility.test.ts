/**
 * Safeguarding items (issue 23: the citizen's text suggests abuse or self-harm) are seen only by the province's
 * managers and national supervisors. Every role × an item of its own province and of another, on the inbox (list,
 * counts, search), its CSV, the item page, an attachment, a bulk action and the workflow door; the call centre's
 * caller look-up, similar items and the digest; marking by an officer (who loses sight of it and is told so), lifting
 * by a manager (with a reason) and the audit trail; and no contact data in any export even for those who see it.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { itemEvents, items, staffUsers } from '../../db/schema';
import { feedbackSchema } from '~/domain/feedback-schema';
import { dayKey } from '~/domain/stats';
import { recordAttachments, storeFiles } from '~/models/attachments.server';
import { digestSections } from '~/models/digest.server';
import { similarOpenItems } from '~/models/duplicates.server';
import { publicTimeline } from '~/models/items.server';
import { lookUpForCaller } from '~/services/staff-calls.server';
import { submitItem, transition } from '~/services/workflow.server';
import * as inboxCsv from '~/routes/staff.inbox[.csv]';
import * as dashboardCsv from '~/routes/staff.dashboard[.csv]';
import * as reportCsv from '~/routes/staff.reports.monthly[.csv]';
import * as attachmentFile from '~/routes/staff.items.$id.attachments.$attachmentId';
import * as staffItem from '~/routes/staff.items.$id/route';
import * as staffInbox from '~/routes/staff.inbox/route';
import { CookieJar, getRequest, postForm, routeArgs, run } from '../support/http';
import { bulk } from '../support/inbox';
import { csrfOf, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const OWN = 'ir-09';
const OTHER = 'ir-23';
const USERS = { agent: 'agent', officer: `officer.${OWN}`, manager: `manager.${OWN}`, national: 'national', admin: 'admin' } as const;
type Role = keyof typeof USERS;
const ROLES = Object.keys(USERS) as Role[];
const INBOX_ROLES: Role[] = ['officer', 'manager', 'national'];

/** The design's rule in plain words: the province's manager, and national supervisors everywhere. */
const sees = (role: Role, province: string) => role === 'national' || (role === 'manager' && province === OWN);

const SECRET = 'سگ‌آبی‌آزار';
const MOBILE = '09127771234';
const EMAIL = 'safe.person@example.org';
const NAME = 'نرگس پنهان‌نژاد';
const NATIONAL_CODE = '0012345679';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

interface Target {
  province: string;
  id: number;
  code: string;
  attachmentId: number;
}

async function fileIn(province: string): Promise<Target> {
  const [file] = await storeFiles([{ bytes: PNG, mimeType: 'image/png', originalName: 'photo.png' }]);
  const form = feedbackSchema.parse({
    kind: 'complaint',
    provinceId: province,
    body: `${SECRET} همسایه می‌گوید فرزند خانواده را کتک می‌زنند و از خانه بیرون نمی‌آید.`,
    mobile: MOBILE,
    email: EMAIL,
    name: NAME,
    nationalCode: NATIONAL_CODE,
    consent: 'on',
  });
  const item = submitItem(db(), form, { channel: 'web', locale: 'fa', actor: { role: 'citizen' }, inTransaction: (tx, row) => recordAttachments(tx, row.id, [file!]) });
  const attachmentId = db().all<{ id: number }>(`select id from attachments where item_id = ${item.id}`)[0]!.id;
  return { province, id: item.id, code: item.trackingCode, attachmentId };
}

const jars = new Map<Role, CookieJar>();
async function jar(role: Role) {
  if (!jars.has(role)) jars.set(role, await signInAs(USERS[role]));
  return jars.get(role)!;
}
const staffId = (username: string) => db().select().from(staffUsers).where(eq(staffUsers.username, username)).get()!.id;
const actorOf = (role: Role) => {
  const user = db().select().from(staffUsers).where(eq(staffUsers.username, USERS[role])).get()!;
  return { role: user.role, provinceId: user.provinceId, staffId: user.id };
};
const version = (id: number) => db().select({ version: items.version }).from(items).where(eq(items.id, id)).get()!.version;
const get = async (route: { loader: (a: never) => unknown }, path: string, role: Role, params: Record<string, string> = {}) =>
  run(() => (route.loader as (a: unknown) => unknown)(routeArgs(getRequest(path, jars.get(role)), params)));
const postItem = async (role: Role, id: number, fields: Record<string, string>) =>
  run(async () => staffItem.action(routeArgs(postForm(`/staff/items/${id}`, { csrf: await csrfOf(await jar(role)), ...fields }, await jar(role)), { id: String(id) })));

describe('safeguarding: who sees the item', () => {
  let own: Target;
  let other: Target;
  let officerAllBefore = 0;

  it('an officer marks their province’s item with a reason: they lose sight of it and are told so', async () => {
    for (const role of ROLES) await jar(role);
    own = await fileIn(OWN);
    other = await fileIn(OTHER);
    officerAllBefore = ((await (await get(staffInbox, '/staff/inbox?all=1', 'officer')).json()) as { all: number }).all;

    // The officer's item page offers the mark, with the warning that they will no longer see the item.
    const page = await get(staffItem, `/staff/items/${own.id}`, 'officer', { id: String(own.id) });
    expect(page.status).toBe(200);

    // Without a reason: refused under the reason box, nothing changes.
    const bare = await postItem('officer', own.id, { intent: 'set_safeguarding', version: String(version(own.id)), safeguarding: 'on', internalNote: '' });
    expect(bare.status).toBe(400);
    expect(JSON.stringify(await bare.json())).toContain('safeguarding.reasonRequired');
    expect(db().select().from(items).where(eq(items.id, own.id)).get()!.safeguarding).toBe(false);

    const marked = await postItem('officer', own.id, { intent: 'set_safeguarding', version: String(version(own.id)), safeguarding: 'on', internalNote: 'متن از آزار کودک خبر می‌دهد' });
    expect(marked.status).toBe(302);
    expect(marked.headers.get('Location')).toBe('/staff/inbox?safeguarded=1');
    expect(db().select().from(items).where(eq(items.id, own.id)).get()!.safeguarding).toBe(true);

    // The audit trail: an internal event by the officer, with the reason; the citizen's history does not show it.
    const event = db().select().from(itemEvents).where(eq(itemEvents.itemId, own.id)).all().find((e) => e.action === 'set_safeguarding')!;
    expect(event.actorStaffId).toBe(staffId(USERS.officer));
    expect(event.internalNote).toContain('متن از آزار کودک خبر می‌دهد');
    expect(event.publicMessage).toBeNull();
    expect(publicTimeline(db(), own.id).map((e) => e.action)).not.toContain('set_safeguarding');

    // A national supervisor marks the other province's item through the same door.
    expect(transition(db(), other.id, 'set_safeguarding', actorOf('national'), { safeguarding: true, internalNote: 'آسیب به خود' }).ok).toBe(true);
  });

  it('inbox list, its counts and search', async () => {
    const cells: string[] = [];
    for (const role of ROLES) {
      for (const path of ['/staff/inbox?all=1', `/staff/inbox?all=1&q=${encodeURIComponent(SECRET)}`]) {
        const response = await get(staffInbox, path, role);
        if (!INBOX_ROLES.includes(role)) {
          if (response.status !== 404) cells.push(`${role} ${path}: ${response.status}`);
          continue;
        }
        const text = await response.text();
        for (const target of [own, other]) if (text.includes(target.code) !== sees(role, target.province)) cells.push(`${role} ${path} on ${target.province}: listed ${!sees(role, target.province)}`);
      }
    }
    expect(cells).toEqual([]);
    // The officer's count of every state lost the item they marked.
    const after = ((await (await get(staffInbox, '/staff/inbox?all=1', 'officer')).json()) as { all: number }).all;
    expect(after).toBe(officerAllBefore - 1);
  });

  it('inbox CSV', async () => {
    const cells: string[] = [];
    for (const role of ROLES) {
      const response = await get(inboxCsv, '/staff/inbox.csv?all=1', role);
      if (!INBOX_ROLES.includes(role)) {
        if (response.status !== 404) cells.push(`${role}: ${response.status}`);
        continue;
      }
      const text = await response.text();
      for (const target of [own, other]) if (text.includes(target.code) !== sees(role, target.province)) cells.push(`${role} on ${target.province}`);
    }
    expect(cells).toEqual([]);
  });

  it('item page and attachment: 200 for those who see it, 404 for everyone else', async () => {
    const cells: string[] = [];
    for (const role of ROLES) {
      for (const target of [own, other]) {
        const want = sees(role, target.province) ? 200 : 404;
        const page = await get(staffItem, `/staff/items/${target.id}`, role, { id: String(target.id) });
        const file = await get(attachmentFile, `/staff/items/${target.id}/attachments/${target.attachmentId}`, role, { id: String(target.id), attachmentId: String(target.attachmentId) });
        if (page.status !== want) cells.push(`${role} page on ${target.province}: ${page.status}`);
        if (file.status !== want) cells.push(`${role} attachment on ${target.province}: ${file.status}`);
      }
    }
    expect(cells).toEqual([]);
  });

  it('bulk actions and the door', async () => {
    const cells: string[] = [];
    for (const role of ROLES) {
      for (const target of [own, other]) {
        const visible = sees(role, target.province);
        // A bulk "spam" without confirmation only previews: a visible item is asked about, a hidden one is not found.
        const reply = await bulk(await jar(role), await csrfOf(await jar(role)), [`${target.id}.${version(target.id)}`], { bulkAction: 'spam' });
        if (!INBOX_ROLES.includes(role)) {
          if (reply.status !== 404) cells.push(`${role} bulk on ${target.province}: ${reply.status}`);
        } else if ((reply.reply?.step === 'confirm') !== visible) {
          cells.push(`${role} bulk on ${target.province}: ${reply.reply?.step} ${JSON.stringify(reply.reply?.summary?.refused)}`);
        }
        const result = transition(db(), target.id, 'note', actorOf(role), { internalNote: 'آزمون دسترسی' });
        if (result.ok !== visible) cells.push(`${role} door on ${target.province}: ${result.ok ? 'ok' : result.reason}`);
        // Outside reach the door answers as for an unknown item (never "other province" or "role").
        if (!result.ok && ['officer', 'manager', 'national'].includes(role) && result.reason !== 'not_found') cells.push(`${role} door reason ${result.reason}`);
      }
    }
    expect(cells).toEqual([]);
    // The agent acting for a caller is refused too (the call centre does not see safeguarding items).
    const asCaller = transition(db(), own.id, 'citizen_reply', actorOf('agent'), { publicMessage: 'x', via: 'phone' });
    expect(asCaller).toMatchObject({ ok: false, reason: 'not_found' });
  });

  it('the call centre’s caller look-up, similar items and the daily digest leave it out', async () => {
    const agent = db().select().from(staffUsers).where(eq(staffUsers.username, USERS.agent)).get()!;
    expect(lookUpForCaller({ code: own.code, mobile: MOBILE }, agent)).toMatchObject({ ok: false, reason: 'not_found' });
    const text = `${SECRET} همسایه می‌گوید فرزند خانواده را کتک می‌زنند`;
    const similar = (role: Role) => similarOpenItems(db(), actorOf(role), { text, centerId: null, ownerProvinceId: OWN }).map((s) => s.id);
    expect(similar('officer')).not.toContain(own.id);
    expect(similar('manager')).toContain(own.id);
    // The digest of the day: the item arrived in the queue today; the officer's list leaves it out, the manager's has it.
    const now = new Date();
    const ids = (role: 'province_officer' | 'province_manager') => digestSections(db(), OWN, now, { role }).fresh.map((i) => i.id);
    expect(ids('province_officer')).not.toContain(own.id);
    expect(ids('province_manager')).toContain(own.id);
  });

  it('no export carries the contact data, even for those who see the item', async () => {
    const exports = [
      await get(inboxCsv, '/staff/inbox.csv?all=1', 'manager'),
      await get(inboxCsv, '/staff/inbox.csv?all=1', 'national'),
      await get(dashboardCsv, '/staff/dashboard.csv', 'manager'),
      await get(dashboardCsv, '/staff/dashboard.csv', 'national'),
      await get(reportCsv, `/staff/reports/monthly.csv?from=${dayKey(new Date())}&to=${dayKey(new Date())}`, 'national'),
    ];
    for (const response of exports) {
      expect(response.status).toBe(200);
      const text = await response.text();
      for (const secret of [MOBILE, MOBILE.slice(1), EMAIL, NAME, NATIONAL_CODE, SECRET]) expect(text).not.toContain(secret);
    }
    // The manager's own CSV does list the item (by code): what is withheld is the contact, not the item.
    expect(await (await get(inboxCsv, '/staff/inbox.csv?all=1', 'manager')).text()).toContain(own.code);
  });

  it('the officer cannot lift the mark; the manager can, with a reason, and the officer sees the item again', async () => {
    expect(transition(db(), own.id, 'set_safeguarding', actorOf('officer'), { safeguarding: false, internalNote: 'اشتباه بود' })).toMatchObject({ ok: false, reason: 'not_found' });
    const bare = await postItem('manager', own.id, { intent: 'set_safeguarding', version: String(version(own.id)), safeguarding: 'off', internalNote: '' });
    expect(bare.status).toBe(400);
    const lifted = await postItem('manager', own.id, { intent: 'set_safeguarding', version: String(version(own.id)), safeguarding: 'off', internalNote: 'بررسی شد؛ خطری در کار نیست' });
    expect(lifted.status).toBe(302);
    expect(lifted.headers.get('Location')).toBe(`/staff/items/${own.id}?saved=set_safeguarding`);
    expect((await get(staffItem, `/staff/items/${own.id}`, 'officer', { id: String(own.id) })).status).toBe(200);
    // Asking for the mark it already has is refused with a plain message.
    const same = await postItem('manager', own.id, { intent: 'set_safeguarding', version: String(version(own.id)), safeguarding: 'off', internalNote: 'دوباره' });
    expect(same.status).toBe(400);
    expect(JSON.stringify(await same.json())).toContain('safeguarding.unchanged');
  });
});
