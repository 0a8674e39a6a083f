/**
 * The citizen's tracking page tells one story (first users' findings): what the province said comes before what the
 * citizen can do about it; an appealed item names the national supervisor with a deadline of its own; every deadline
 * is written one way; and the citizen's own words are never announced as the province's answer. The real loader and
 * component rendered to HTML as a browser without JavaScript gets it; real SQLite.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { items, staffUsers } from '../../db/schema';
import { formatDeadline } from '~/domain/dates';
import { transition } from '~/services/workflow.server';
import * as trackIndex from '~/routes/track._index';
import fa from '../../locales/fa/common.json';
import { CookieJar, postForm, routeArgs, run } from '../support/http';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';
import { renderTrackingPage } from '../support/tracking-page';

const { db } = useTestDatabase();

const QUESTION = 'لطفاً نشانی دقیق مرکز را بنویسید.';
const REPLY = 'مرکز مثبت زندگی خیابان بهار، کوچه سوم.';
const ANSWER = 'بازدید منزل برای شنبه ساعت ۱۰ هماهنگ شد.';
const APPEAL = 'کسی برای بازدید نیامد.';

let serial = 0;
const actor = (username: string) => {
  const user = db().select().from(staffUsers).where(eq(staffUsers.username, username)).get()!;
  return { role: user.role as 'province_officer' | 'national_supervisor', provinceId: user.provinceId, staffId: user.id };
};
function step(id: number, action: Parameters<typeof transition>[2], by: ReturnType<typeof actor> | { role: 'citizen' }, input: Parameters<typeof transition>[4] = {}) {
  const result = transition(db(), id, action, by, input);
  if (!result.ok) throw new Error(`${action}: ${result.reason}`);
}

/** An item asked about, replied to and answered by the province, and the citizen's browser. */
async function answeredItem() {
  const mobile = `0914${String(1000000 + ++serial)}`;
  const item = fileFeedback(db(), { kind: 'complaint', provinceId: 'ir-09', body: 'مددکار برای بازدید منزل نیامد.', mobile, consent: 'on' });
  const officer = actor('officer.ir-09');
  step(item.id, 'accept', officer);
  step(item.id, 'ask_citizen', officer, { publicMessage: QUESTION });
  step(item.id, 'citizen_reply', { role: 'citizen' }, { publicMessage: REPLY });
  step(item.id, 'answer', officer, { publicMessage: ANSWER });
  const jar = new CookieJar();
  expect(jar.take(await run(() => trackIndex.action(routeArgs(postForm('/track', { code: item.trackingCode, mobile }, jar))))).status).toBe(302);
  return { id: item.id, code: item.trackingCode, jar };
}

const row = (id: number) => db().select().from(items).where(eq(items.id, id)).get()!;
/** The text of the page, tags dropped (React's text separators too). */
const text = (html: string) => html.replace(/<!-- -->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the tracking page of an answered item', () => {
  it("shows the province's answer before the rating and appeal forms", async () => {
    const { code, jar } = await answeredItem();
    const html = await renderTrackingPage(code, jar);
    const answerAt = html.indexOf(ANSWER);
    expect(answerAt).toBeGreaterThan(0);
    expect(html.indexOf('id="confirm-title"')).toBeGreaterThan(answerAt);
    expect(html.indexOf('id="appeal-title"')).toBeGreaterThan(answerAt);
  });

  it("labels the citizen's own words as theirs for screen readers, and staff's question and answer as such", async () => {
    const { code, jar } = await answeredItem();
    const page = text(await renderTrackingPage(code, jar));
    expect(page).toContain(`${fa.track.messageLabel.citizen}: ${REPLY}`);
    expect(page).not.toContain(`${fa.track.reply}: ${REPLY}`);
    expect(page).toContain(`${fa.track.messageLabel.question}: ${QUESTION}`);
    expect(page).toContain(`${fa.track.messageLabel.answer}: ${ANSWER}`);
  });

  it('writes the appeal deadline the one way deadlines are written', async () => {
    const { id, code, jar } = await answeredItem();
    const page = text(await renderTrackingPage(code, jar));
    const until = new Date(row(id).answeredAt!.getTime() + 7 * 86_400_000);
    expect(page).toContain(`تا ${formatDeadline(until, 'fa')} می‌توانید اعتراض کنید`);
  });
});

describe('the tracking page of an appealed item', () => {
  it("names the national supervisor as the handler and no longer shows the province's passed deadline", async () => {
    const { id, code, jar } = await answeredItem();
    const before = row(id);
    // The province answered late: its deadline passed long ago.
    const passed = new Date(Math.floor(Date.now() / 1000) * 1000 - 20 * 86_400_000);
    db().update(items).set({ answerDueAt: passed }).where(eq(items.id, id)).run();
    step(id, 'appeal', { role: 'citizen' }, { publicMessage: APPEAL, expectedVersion: before.version });
    const after = row(id);
    expect(after.state).toBe('appealed');

    const html = await renderTrackingPage(code, jar);
    const page = text(html);
    expect(html).toMatch(/data-testid="handled-by">ناظر ملی/);
    expect(page).not.toMatch(/رسیدگی‌کننده استان/);
    expect(page).not.toContain(fa.track.answerDue);
    expect(page).not.toContain(formatDeadline(after.answerDueAt!, 'fa'));
    // The province's answer deadline itself is kept as it was: statistics of answers in time depend on it.
    expect(after.answerDueAt).toEqual(passed);
    expect(page).toContain(`${fa.track.messageLabel.citizen}: ${APPEAL}`);
  });
});
