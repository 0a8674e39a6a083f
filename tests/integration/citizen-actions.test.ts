/**
 * What a citizen does on their tracking page (docs/DESIGN.md §3, §4): reply when staff ask, confirm and rate an answer, appeal
 * it within the window; what they are refused and why; who may act at all; and what the page never shows (internal
 * notes, staff names, messages to staff). Real loaders and actions on a real SQLite file; staff move the item with
 * the workflow model, as the staff pages would.
 */
import { and, asc, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { itemEvents, items, outbox, staffUsers } from '../../db/schema';
import { MESSAGE_MAX } from '~/domain/staff-action-schema';
import { type ItemRow } from '~/models/items.server';
import { runSweeps, transition } from '~/services/workflow.server';
import { getWorkflowSettings } from '~/models/settings.server';
import * as staffItem from '~/routes/staff.items.$id/route';
import * as trackCode from '~/routes/track.$code';
import * as trackIndex from '~/routes/track._index';
import { BASE, CookieJar, getRequest, postForm, routeArgs, run } from '../support/http';
import { signInAs } from '../support/staff';
import { renderTrackingPage } from '../support/tracking-page';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const DAY = 86_400_000;
const PROVINCE = 'ir-09';
const BODY = 'مددکار مرکز سه هفته است برای بازدید منزل مادرم نیامده و تلفن مرکز را کسی جواب نمی‌دهد.';
const QUESTION = 'لطفاً نشانی دقیق منزل و ساعت‌هایی را که در خانه هستید بنویسید.';
const ANSWER = 'بازدید منزل برای شنبه ساعت ۱۰ هماهنگ شد. از صبر شما سپاسگزاریم.';
const NOTE = 'یادداشت داخلی: مددکار پرونده در مرخصی بوده؛ به شهروند گفته نشود.';

// ---- helpers ---------------------------------------------------------------------------------------------------

function staffActor(username: string) {
  const user = db().select().from(staffUsers).where(eq(staffUsers.username, username)).get();
  if (!user) throw new Error(`no staff user ${username}`);
  return { role: user.role as 'province_officer' | 'national_supervisor', provinceId: user.provinceId, staffId: user.id, displayName: user.displayName };
}
const officer = () => staffActor(`officer.${PROVINCE}`);
const national = () => staffActor('national');

let serial = 0;
/** A citizen's item filed `daysAgo` days ago through the web form's rules, with its own mobile number. */
function fileItem(options: { daysAgo?: number; anonymous?: boolean } = {}): { item: ItemRow; mobile: string } {
  serial++;
  const mobile = options.anonymous ? '' : `0912${String(7000000 + serial)}`;
  const fields = { kind: 'complaint', provinceId: PROVINCE, body: BODY, mobile, anonymous: options.anonymous ? 'on' : '', consent: 'on' };
  const now = new Date(Date.now() - (options.daysAgo ?? 0) * DAY);
  return { item: fileFeedback(db(), fields, { now }), mobile };
}

/** Staff moves the item; each step must be accepted. */
function staffStep(itemId: number, action: Parameters<typeof transition>[2], actor: ReturnType<typeof staffActor>, input: Parameters<typeof transition>[4] = {}, now = new Date()) {
  const result = transition(db(), itemId, action, actor, input, now);
  if (!result.ok) throw new Error(`${action} refused: ${result.reason}`);
  return result.item;
}

/** The citizen comes back with code + mobile on the look-up form; their browser is then allowed to see and act. */
async function unlock(code: string, mobile: string, jar = new CookieJar()): Promise<CookieJar> {
  const response = jar.take(await run(() => trackIndex.action(routeArgs(postForm('/track', { code, mobile }, jar)))));
  expect(response.status, 'look-up').toBe(302);
  return jar;
}

/** An item waiting for the citizen's explanation, and the citizen's browser. */
async function awaitingCitizen() {
  const { item, mobile } = fileItem({ daysAgo: 2 });
  staffStep(item.id, 'accept', officer());
  staffStep(item.id, 'ask_citizen', officer(), { publicMessage: QUESTION });
  return { item: itemById(item.id), code: item.trackingCode, jar: await unlock(item.trackingCode, mobile) };
}

/** An item answered `answeredDaysAgo` days ago, and the citizen's browser. */
async function answered(answeredDaysAgo = 0, options: { anonymous?: boolean } = {}) {
  const { item, mobile } = fileItem({ daysAgo: answeredDaysAgo + 3, anonymous: options.anonymous });
  const at = new Date(Date.now() - answeredDaysAgo * DAY);
  staffStep(item.id, 'accept', officer(), {}, new Date(at.getTime() - DAY));
  staffStep(item.id, 'answer', officer(), { publicMessage: ANSWER }, at);
  return { item: itemById(item.id), code: item.trackingCode, jar: await unlock(item.trackingCode, mobile) };
}

const itemById = (id: number) => db().select().from(items).where(eq(items.id, id)).get()!;
const eventsOf = (itemId: number) => db().select().from(itemEvents).where(eq(itemEvents.itemId, itemId)).orderBy(asc(itemEvents.id)).all();
const outboxOf = (itemId: number) => db().select().from(outbox).where(eq(outbox.itemId, itemId)).orderBy(asc(outbox.id)).all();

/** What must not move when the citizen is refused. */
function snapshot(itemId: number) {
  const item = itemById(itemId);
  return { state: item.state, version: item.version, rating: item.rating, ratingComment: item.ratingComment, updatedAt: item.updatedAt.getTime(), events: eventsOf(itemId).length, messages: outboxOf(itemId).length };
}

interface TrackingPage {
  code: string;
  item: null | {
    trackingCode: string;
    version: number;
    state: string;
    rating: number | null;
    appealUntil: string | null;
    actions: string[];
    timeline: { action: string; toState: string; publicMessage: string | null }[];
    messages: { id: number; channel: string; status: string; body: string }[];
  };
}

async function trackPage(code: string, jar?: CookieJar): Promise<TrackingPage> {
  const response = await run(() => trackCode.loader(routeArgs(getRequest(`/track/${code}`, jar), { code })));
  expect(response.status).toBe(200);
  return (await response.json()) as TrackingPage;
}

/**
 * Posts a citizen form as given (no version added), with the anti-CSRF value the page carries for this browser, as
 * the page's forms do; a test about that value passes its own `csrf` field.
 */
async function post(code: string, fields: Record<string, string>, jar?: CookieJar) {
  if (jar && !('csrf' in fields)) {
    const csrf = await pageCsrf(code, jar);
    if (csrf) fields = { csrf, ...fields };
  }
  return run(() => trackCode.action(routeArgs(postForm(`/track/${code}`, fields, jar), { code })));
}

/** The anti-CSRF value the tracking page carries for this browser. */
async function pageCsrf(code: string, jar: CookieJar): Promise<string> {
  const page = (await (await run(() => trackCode.loader(routeArgs(getRequest(`/track/${code}`, jar), { code })))).json()) as { csrf: string };
  return page.csrf;
}

/** Posts a citizen form the way the page does: with the version the page was rendered with. */
async function act(code: string, jar: CookieJar, fields: Record<string, string>) {
  const page = await trackPage(code, jar);
  expect(page.item, 'the page shows the item').not.toBeNull();
  return post(code, { version: String(page.item!.version), ...fields }, jar);
}

interface Refusal {
  intent: string;
  errors: Record<string, string>;
  values: Record<string, string>;
}

async function refused(response: Response, status: number): Promise<Refusal> {
  expect(response.status).toBe(status);
  return (await response.json()) as Refusal;
}

function expectDone(response: Response, code: string, intent: string) {
  expect(response.status).toBe(302);
  expect(response.headers.get('Location')).toBe(`/track/${code}?done=${intent}`);
}

/** Each rendered form's hidden fields, by its intent. */
function hiddenFieldsByIntent(html: string): Record<string, Record<string, string>> {
  const forms: Record<string, Record<string, string>> = {};
  for (const [form] of html.matchAll(/<form[\s\S]*?<\/form>/g)) {
    const hidden = Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    if (hidden.intent) forms[hidden.intent] = hidden;
  }
  return forms;
}


// ---- replying to a question ------------------------------------------------------------------------------------

describe('a citizen asked for an explanation', () => {
  it("sees the question and a reply form, and the reply sends the item back to staff with an event and an SMS", async () => {
    const { item, code, jar } = await awaitingCitizen();
    const page = await trackPage(code, jar);
    expect(page.item).toMatchObject({ state: 'awaiting_citizen', actions: ['citizen_reply'] });
    expect(page.item!.timeline.at(-1)).toMatchObject({ action: 'ask_citizen', toState: 'awaiting_citizen', publicMessage: QUESTION });

    // Typed with Arabic ye and kaf and padding, the way many keyboards send it.
    const response = await act(code, jar, { intent: 'citizen_reply', message: '  نشاني: مشهد، خيابان كوهسنگي ۱۲؛ عصرها خانه هستيم.  ' });
    expectDone(response, code, 'citizen_reply');
    const reply = 'نشانی: مشهد، خیابان کوهسنگی ۱۲؛ عصرها خانه هستیم.';

    expect(itemById(item.id)).toMatchObject({ state: 'in_review', version: item.version + 1 });
    const event = eventsOf(item.id).at(-1)!;
    expect(event).toMatchObject({ action: 'citizen_reply', fromState: 'awaiting_citizen', toState: 'in_review', actorType: 'citizen', actorStaffId: null, publicMessage: reply, internalNote: null });
    const [sms] = outboxOf(item.id).filter((m) => m.eventId === event.id);
    expect(sms).toMatchObject({ channel: 'sms', audience: 'citizen', recipient: item.mobile, status: 'pending' });

    const after = await trackPage(code, jar);
    expect(after.item).toMatchObject({ state: 'in_review', actions: [] });
    expect(after.item!.timeline.at(-1)).toMatchObject({ action: 'citizen_reply', publicMessage: reply });

    // The officer finds the reply on the item page and can answer now.
    const staff = await signInAs(`officer.${PROVINCE}`);
    const staffPage = await (await run(() => staffItem.loader(routeArgs(getRequest(`/staff/items/${item.id}`, staff), { id: String(item.id) })))).json();
    expect(staffPage.item.state).toBe('in_review');
    expect(staffPage.timeline.at(-1)).toMatchObject({ action: 'citizen_reply', actorType: 'citizen', publicMessage: reply });
    expect(staffPage.actions).toContain('answer');
  });

  it('asks for the text when the reply is empty, and changes nothing', async () => {
    const { item, code, jar } = await awaitingCitizen();
    const before = snapshot(item.id);
    for (const message of ['', '   \u200B ', undefined]) {
      const data = await refused(await act(code, jar, message === undefined ? { intent: 'citizen_reply' } : { intent: 'citizen_reply', message }), 400);
      expect(data).toMatchObject({ intent: 'citizen_reply', errors: { message: 'errors.message_required' } });
    }
    expect(snapshot(item.id)).toEqual(before);
  });
});

// ---- confirming and rating -------------------------------------------------------------------------------------

describe('a citizen confirming an answer', () => {
  it('closes the item with the rating and the comment stored, an event and an SMS; the page shows the rating', async () => {
    const { item, code, jar } = await answered();
    const page = await trackPage(code, jar);
    expect(page.item).toMatchObject({ state: 'answered', actions: ['confirm', 'appeal'] });
    expect(page.item!.timeline.at(-1)).toMatchObject({ action: 'answer', publicMessage: ANSWER });

    const comment = 'ممنون، مددکار آمد و کار انجام شد.';
    expectDone(await act(code, jar, { intent: 'confirm', rating: '4', message: comment }), code, 'confirm');

    const stored = itemById(item.id);
    expect(stored).toMatchObject({ state: 'closed', rating: 4, ratingComment: comment, version: item.version + 1 });
    expect(stored.closedAt).not.toBeNull();
    const event = eventsOf(item.id).at(-1)!;
    expect(event).toMatchObject({ action: 'confirm', fromState: 'answered', toState: 'closed', actorType: 'citizen', publicMessage: comment });
    expect(outboxOf(item.id).filter((m) => m.eventId === event.id)).toEqual([expect.objectContaining({ channel: 'sms', recipient: item.mobile })]);

    const after = await trackPage(code, jar);
    // Closed, and within the reopen window (issue 23): "the problem was not solved" is the one thing left to say.
    expect(after.item).toMatchObject({ state: 'closed', rating: 4, actions: ['citizen_reopen'], appealUntil: null });
  });

  it('takes a rating typed in Persian digits, with no comment', async () => {
    const { item, code, jar } = await answered();
    expectDone(await act(code, jar, { intent: 'confirm', rating: '۵', message: '  ' }), code, 'confirm');
    expect(itemById(item.id)).toMatchObject({ state: 'closed', rating: 5, ratingComment: null });
  });

  const badRatings: [string, Record<string, string>][] = [
    ['no rating chosen', {}],
    ['an empty rating', { rating: '' }],
    ['0', { rating: '0' }],
    ['6', { rating: '6' }],
    ['"abc"', { rating: 'abc' }],
    ['4.5', { rating: '4.5' }],
    ['-1', { rating: '-1' }],
    ['a rating with markup', { rating: '<b>5</b>' }],
  ];
  for (const [name, fields] of badRatings) {
    it(`refuses ${name} with errors.rating_required on rating, keeps the comment, changes nothing`, async () => {
      const { item, code, jar } = await answered();
      const before = snapshot(item.id);
      const data = await refused(await act(code, jar, { intent: 'confirm', message: 'نظر من', ...fields }), 400);
      expect(data.errors).toEqual({ rating: 'errors.rating_required' });
      expect(data.values).toMatchObject({ intent: 'confirm', message: 'نظر من' });
      expect(snapshot(item.id)).toEqual(before);
    });
  }
});

// ---- appealing -------------------------------------------------------------------------------------------------

describe('a citizen appealing an answer', () => {
  it('within the window: the page says until when, and the appeal goes to the national supervisor with an event and an SMS', async () => {
    const window = getWorkflowSettings(db()).appealWindowDays;
    const { item, code, jar } = await answered(window - 1);
    const page = await trackPage(code, jar);
    expect(page.item!.actions).toContain('appeal');
    expect(new Date(page.item!.appealUntil!).getTime()).toBe(item.answeredAt!.getTime() + window * DAY);

    const reason = 'کسی برای بازدید نیامد؛ پاسخ با واقعیت نمی‌خواند.';
    expectDone(await act(code, jar, { intent: 'appeal', message: reason }), code, 'appeal');

    expect(itemById(item.id)).toMatchObject({ state: 'appealed', rating: null });
    const event = eventsOf(item.id).at(-1)!;
    expect(event).toMatchObject({ action: 'appeal', fromState: 'answered', toState: 'appealed', actorType: 'citizen', publicMessage: reason });
    expect(outboxOf(item.id).filter((m) => m.eventId === event.id)).toHaveLength(1);
    expect((await trackPage(code, jar)).item).toMatchObject({ state: 'appealed', actions: [] });

    // Only the national supervisor may take it from here.
    expect(transition(db(), item.id, 'reopen', officer(), {}).ok).toBe(false);
    expect(transition(db(), item.id, 'reopen', national(), {}).ok).toBe(true);
  });

  it('asks for the reason when it is missing, and changes nothing', async () => {
    const { item, code, jar } = await answered();
    const before = snapshot(item.id);
    for (const fields of [{}, { message: '' }, { message: ' \u202E\u202C ' }] as Record<string, string>[]) {
      const data = await refused(await act(code, jar, { intent: 'appeal', ...fields }), 400);
      expect(data.errors).toEqual({ message: 'errors.appeal_reason_required' });
    }
    expect(snapshot(item.id)).toEqual(before);
  });

  it('after the window: no appeal form, a posted appeal is refused with errors.appeal_window_over, confirming still works', async () => {
    const { item, code, jar } = await answered(getWorkflowSettings(db()).appealWindowDays + 1);
    const page = await trackPage(code, jar);
    expect(page.item).toMatchObject({ state: 'answered', actions: ['confirm'], appealUntil: null });

    const before = snapshot(item.id);
    const data = await refused(await act(code, jar, { intent: 'appeal', message: 'پاسخ قانع‌کننده نبود.' }), 409);
    expect(data.errors).toEqual({ form: 'errors.appeal_window_over' });
    expect(data.values.message).toBe('پاسخ قانع‌کننده نبود.');
    expect(snapshot(item.id)).toEqual(before);

    expectDone(await act(code, jar, { intent: 'confirm', rating: '2' }), code, 'confirm');
    expect(itemById(item.id)).toMatchObject({ state: 'closed', rating: 2 });
  });
});

// ---- refusals that depend on the item ---------------------------------------------------------------------------

describe('an action the item does not allow now', () => {
  it('is refused with 409 errors.not_allowed in every state where the citizen has nothing to do', async () => {
    const { item, mobile } = fileItem();
    const code = item.trackingCode;
    const jar = await unlock(code, mobile);
    const attempts: Record<string, string>[] = [
      { intent: 'citizen_reply', message: 'توضیح بیشتر' },
      { intent: 'confirm', rating: '5' },
      { intent: 'appeal', message: 'اعتراض دارم' },
    ];
    const tryAll = async (allowed: string[]) => {
      for (const fields of attempts.filter((f) => !allowed.includes(f.intent!))) {
        const before = snapshot(item.id);
        const data = await refused(await act(code, jar, fields), 409);
        expect(data, `${fields.intent} in ${before.state}`).toMatchObject({ intent: fields.intent, errors: { form: 'errors.not_allowed' } });
        expect(snapshot(item.id)).toEqual(before);
      }
    };
    await tryAll([]); // routed
    staffStep(item.id, 'accept', officer());
    await tryAll([]); // in_review
    staffStep(item.id, 'ask_citizen', officer(), { publicMessage: QUESTION });
    await tryAll(['citizen_reply']); // awaiting_citizen: confirming or appealing a question makes no sense
    expectDone(await act(code, jar, attempts[0]!), code, 'citizen_reply');
    staffStep(item.id, 'answer', officer(), { publicMessage: ANSWER });
    await tryAll(['confirm', 'appeal']); // answered: no reply to an answer
    expectDone(await act(code, jar, { intent: 'confirm', rating: '3' }), code, 'confirm');
    await tryAll([]); // closed: a double click or a second tab changes nothing
    expect(eventsOf(item.id).filter((e) => e.action === 'confirm')).toHaveLength(1);
  });
});

describe('a form from an outdated page', () => {
  it('is refused with 409 errors.stale and changes nothing: an old tab cannot confirm an answer the citizen has not seen', async () => {
    const { item, code, jar } = await answered(1);
    const oldTab = await trackPage(code, jar);

    // Meanwhile: the citizen appeals from another tab, the supervisor reopens, the officer gives a new answer.
    expectDone(await act(code, jar, { intent: 'appeal', message: 'پاسخ اول درست نبود.' }), code, 'appeal');
    staffStep(item.id, 'reopen', national());
    const NEW_ANSWER = 'پس از بررسی دوباره، مددکار دیگری برای بازدید تعیین شد.';
    staffStep(item.id, 'answer', officer(), { publicMessage: NEW_ANSWER });
    expect(itemById(item.id).state).toBe('answered'); // the same state as the old tab shows

    const before = snapshot(item.id);
    const data = await refused(await post(code, { intent: 'confirm', version: String(oldTab.item!.version), rating: '5' }, jar), 409);
    expect(data.errors).toEqual({ form: 'errors.stale' });
    expect(data.values).toMatchObject({ intent: 'confirm', rating: '5' }); // given back, to send again after reloading
    expect(snapshot(item.id)).toEqual(before);

    // After reloading, the page shows the new answer and confirming works.
    const reloaded = await trackPage(code, jar);
    expect(reloaded.item!.timeline.at(-1)).toMatchObject({ action: 'answer', publicMessage: NEW_ANSWER });
    expectDone(await act(code, jar, { intent: 'confirm', rating: '5' }), code, 'confirm');
    expect(itemById(item.id)).toMatchObject({ state: 'closed', rating: 5 });
  });

  it('is told to reload when the version is missing or not a number', async () => {
    const { item, code, jar } = await answered();
    const before = snapshot(item.id);
    for (const version of [undefined, '', 'abc', '-1', '1e3', '1.0', '9999999999']) {
      const fields: Record<string, string> = { intent: 'confirm', rating: '5' };
      if (version !== undefined) fields.version = version;
      const data = await refused(await post(code, fields, jar), 400);
      expect(data.errors, `version ${version}`).toEqual({ form: 'errors.stale' });
    }
    expect(snapshot(item.id)).toEqual(before);
  });

  it('cannot happen by accident without JavaScript: every citizen form on the page carries the version it shows', async () => {
    const { item, code, jar } = await answered();
    const forms = hiddenFieldsByIntent(await renderTrackingPage(code, jar));
    // Each also carries the browser's anti-CSRF value (tests/security/citizen-csrf.test.ts).
    const csrf = expect.stringMatching(/^[\w-]{32}$/);
    // "Forget this item on this device" changes nothing of the item, so it needs no version (tests/security/citizen-device-forget.test.ts).
    const forget = { csrf, intent: 'forget' };
    expect(forms).toEqual({
      confirm: { csrf, intent: 'confirm', version: String(item.version) },
      appeal: { csrf, intent: 'appeal', version: String(item.version) },
      forget,
    });
    const asked = await awaitingCitizen();
    expect(hiddenFieldsByIntent(await renderTrackingPage(asked.code, asked.jar))).toEqual({ citizen_reply: { csrf, intent: 'citizen_reply', version: String(asked.item.version) }, forget });
  });

  it('takes the version typed in Persian digits like any other number', async () => {
    const { item, code, jar } = await answered();
    const persian = String(item.version).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    expectDone(await post(code, { intent: 'confirm', version: persian, rating: '4' }, jar), code, 'confirm');
  });
});

// ---- the event and the message in one transaction ------------------------------------------------------------

describe('an accepted citizen action', () => {
  it('of an anonymous item writes the event but queues no message', async () => {
    const { item, code, jar } = await answered(0, { anonymous: true });
    expect(outboxOf(item.id)).toEqual([]);
    expectDone(await act(code, jar, { intent: 'confirm', rating: '5', message: 'خوب بود' }), code, 'confirm');
    expect(itemById(item.id)).toMatchObject({ state: 'closed', rating: 5, ratingComment: 'خوب بود' });
    expect(eventsOf(item.id).at(-1)).toMatchObject({ action: 'confirm', actorType: 'citizen' });
    expect(outboxOf(item.id)).toEqual([]);
    expect((await trackPage(code, jar)).item).toMatchObject({ state: 'closed', messages: [] });
  });

  it('is not half-written when its message cannot be queued: no state change and no event either', async () => {
    const { item, code, jar } = await answered();
    const before = snapshot(item.id);
    const sqlite = db().$client;
    sqlite.exec(`CREATE TRIGGER test_outbox_down BEFORE INSERT ON outbox WHEN NEW.item_id = ${item.id} BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END;`);
    try {
      await expect(act(code, jar, { intent: 'confirm', rating: '5' })).rejects.toThrow(/outbox unavailable/);
    } finally {
      sqlite.exec('DROP TRIGGER test_outbox_down');
    }
    expect(snapshot(item.id)).toEqual(before);
    // Once the outbox works again, the same form goes through.
    expectDone(await act(code, jar, { intent: 'confirm', rating: '5' }), code, 'confirm');
  });
});

// ---- who may see and act ---------------------------------------------------------------------------------------

describe('a browser that has not unlocked the item', () => {
  let target: Awaited<ReturnType<typeof answered>>;
  beforeAll(async () => {
    target = await answered();
  });

  async function expectLockedOut(jar: CookieJar | undefined) {
    const page = await trackPage(target.code, jar);
    expect(page).toEqual({ item: null, code: target.code, challenge: null }); // only the look-up form, pre-filled with the code
    expect(JSON.stringify(page)).not.toContain(ANSWER);
    const before = snapshot(target.item.id);
    const forms: Record<string, string>[] = [
      { intent: 'confirm', rating: '1', version: String(target.item.version) },
      { intent: 'appeal', message: 'اعتراض', version: String(target.item.version) },
    ];
    for (const fields of forms) {
      const response = await post(target.code, fields, jar);
      // Refused, saying the browser must look the item up again, with what was typed given back.
      const data = await refused(response, 403);
      expect(data.errors).toEqual({ form: 'track.sessionEnded' });
      expect(JSON.stringify(data)).not.toContain(ANSWER);
    }
    expect(snapshot(target.item.id)).toEqual(before);
  }

  it('(a fresh browser) sees only the look-up form and gets 404 for any action', async () => {
    await expectLockedOut(new CookieJar());
    await expectLockedOut(undefined);
  });

  it('(a browser that unlocked another item) cannot see or act on this one', async () => {
    const other = await answered();
    await expectLockedOut(other.jar);
  });

  it('(a hand-made citizen cookie naming the code, without the server signature) cannot either', async () => {
    const payload = Buffer.from(encodeURIComponent(JSON.stringify({ codes: [target.code] }))).toString('base64');
    const forged = new Request(`${BASE}/track/${target.code}`, { headers: { Cookie: `__citizen=${payload}` } });
    expect(await (await run(() => trackCode.loader(routeArgs(forged, { code: target.code })))).json()).toEqual({ item: null, code: target.code, challenge: null });
    const forgedSigned = new Request(`${BASE}/track/${target.code}`, { headers: { Cookie: `__citizen=${payload}.${'A'.repeat(43)}` } });
    expect((await (await run(() => trackCode.loader(routeArgs(forgedSigned, { code: target.code })))).json()).item).toBeNull();
  });

  it('becomes able to act once the citizen looks the item up with code + mobile in it', async () => {
    const jar = new CookieJar();
    const page = await trackPage(target.code, jar);
    expect(page.item).toBeNull();
    const mobile = `0${target.item.mobile!.slice(3)}`;
    await unlock(target.code, mobile, jar);
    expect((await trackPage(target.code, jar)).item).toMatchObject({ state: 'answered' });
    // The URL typed with Persian digits names the same item.
    const persianCode = target.code.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    expect((await trackPage(persianCode, jar)).item).toMatchObject({ trackingCode: target.code });
  });
});

// ---- forms that are wrong in shape -----------------------------------------------------------------------------

describe('a citizen action form that is malformed', () => {
  let target: Awaited<ReturnType<typeof awaitingCitizen>>;
  beforeAll(async () => {
    target = await awaitingCitizen();
  });
  afterEach(() => {
    // Whatever was posted, the item did not move.
    expect(itemById(target.item.id)).toMatchObject({ state: 'awaiting_citizen', version: target.item.version });
  });

  it('without an intent → 400 errors.not_allowed on intent', async () => {
    const data = await refused(await act(target.code, target.jar, { message: 'سلام' }), 400);
    expect(data).toMatchObject({ intent: '', errors: { intent: 'errors.not_allowed' }, values: { message: 'سلام' } });
  });

  for (const intent of ['answer', 'final_answer', 'reopen', 'note', 'transfer', 'auto_close', 'escalate', 'submit', 'CONFIRM', '']) {
    it(`with the intent "${intent}" (not a citizen action) → 400 errors.not_allowed`, async () => {
      const before = snapshot(target.item.id);
      const data = await refused(await act(target.code, target.jar, { intent, message: 'پاسخ', publicMessage: 'پاسخ', internalNote: 'x', targetOwner: 'ir-23', rating: '5' }), 400);
      expect(data.errors).toEqual({ intent: 'errors.not_allowed' });
      expect(snapshot(target.item.id)).toEqual(before);
    });
  }

  it(`with a message over ${MESSAGE_MAX} characters → 400 errors.message_too_long, the whole text given back`, async () => {
    const message = 'توضیح '.repeat(1000) + 'پایان';
    expect(message.length).toBeGreaterThan(MESSAGE_MAX);
    const data = await refused(await act(target.code, target.jar, { intent: 'citizen_reply', message }), 400);
    expect(data.errors).toEqual({ message: 'errors.message_too_long' });
    expect(data.values.message).toBe(message);
  });

  it('accepts a message of exactly the limit', async () => {
    const { item, code, jar } = await awaitingCitizen();
    expectDone(await act(code, jar, { intent: 'citizen_reply', message: 'ب'.repeat(MESSAGE_MAX) }), code, 'citizen_reply');
    expect(eventsOf(item.id).at(-1)!.publicMessage).toHaveLength(MESSAGE_MAX);
  });

  it('sent as JSON → 403 with the form message (no anti-CSRF value can be read from it), not a server error', async () => {
    const request = new Request(`${BASE}/track/${target.code}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: target.jar.header() },
      body: JSON.stringify({ intent: 'citizen_reply', message: 'x', version: target.item.version }),
    });
    const data = await refused(await run(() => trackCode.action(routeArgs(request, { code: target.code }))), 403);
    expect(data.errors).toEqual({ form: 'errors.citizen_csrf' });
  });

  it('with a file in place of the message → 400 errors.message_required', async () => {
    const form = new FormData();
    form.append('csrf', await pageCsrf(target.code, target.jar));
    form.append('intent', 'citizen_reply');
    form.append('version', String(target.item.version));
    form.append('message', new Blob(['<script>alert(1)</script>'], { type: 'text/html' }), 'reply.html');
    const request = new Request(`${BASE}/track/${target.code}`, { method: 'POST', headers: { Cookie: target.jar.header() }, body: form });
    const data = await refused(await run(() => trackCode.action(routeArgs(request, { code: target.code }))), 400);
    expect(data.errors).toEqual({ message: 'errors.message_required' });
  });

  it('with a broken multipart body → 403 (read as an empty form), not a server error', async () => {
    const request = new Request(`${BASE}/track/${target.code}`, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=xyz', Cookie: target.jar.header() },
      body: '--xyz\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncitizen_reply',
    });
    const response = await run(() => trackCode.action(routeArgs(request, { code: target.code })));
    expect(response.status).toBe(403);
  });
});

// ---- what the tracking page never shows ---------------------------------------------------------------------------

describe('the tracking page data', () => {
  it('lists the messages sent to the citizen, and never internal notes, staff names, staff mail or addresses', async () => {
    const { item, mobile } = fileItem({ daysAgo: 30 });
    const code = item.trackingCode;
    const jar = await unlock(code, mobile);
    const by = officer();
    staffStep(item.id, 'note', by, { internalNote: NOTE });
    // Overdue for weeks: the sweep escalates it, mailing the province manager and the national supervisors.
    runSweeps(db(), new Date());
    const escalations = outboxOf(item.id).filter((m) => m.audience === 'staff');
    expect(escalations.length).toBeGreaterThan(0);
    staffStep(item.id, 'accept', by);
    staffStep(item.id, 'ask_citizen', by, { publicMessage: QUESTION });

    const page = await trackPage(code, jar);
    const citizenMessages = outboxOf(item.id).filter((m) => m.audience === 'citizen');
    expect(page.item!.messages.map((m) => m.id)).toEqual(citizenMessages.map((m) => m.id));
    expect(page.item!.messages.map((m) => m.channel)).toEqual(['sms', 'sms', 'sms']);
    expect(page.item!.messages.at(-1)!.body).toContain(QUESTION);
    expect(page.item!.messages.every((m) => m.status === 'pending')).toBe(true);

    const text = JSON.stringify(page);
    const staffUsersInvolved = db().select().from(staffUsers).where(and(eq(staffUsers.provinceId, PROVINCE))).all();
    const forbidden = [
      NOTE,
      by.displayName,
      ...staffUsersInvolved.flatMap((u) => [u.displayName, u.username, u.email ?? 'no-email-given']),
      national().displayName,
      'national@demo.didehban.invalid',
      ...escalations.map((m) => m.body),
      ...escalations.map((m) => m.recipient),
      'first_response_overdue',
      'answer_overdue',
      `/staff/items/${item.id}`,
      item.mobile!.slice(3), // where the texts went is not repeated on the page
      'recipient',
      'internalNote',
      'actorStaffId',
    ];
    for (const needle of forbidden) expect(text, needle).not.toContain(needle);
    expect(page.item!.timeline.map((e) => e.action)).toEqual(['submit', 'route', 'accept', 'ask_citizen']);
  });
});

describe('what the citizen hears back about their own action', () => {
  it('is the new status, not their own words labelled as staff’s message', async () => {
    const appeal = 'پاسخ داده شده درست نیست؛ بازدید منزل هنوز انجام نشده و کسی هم تماس نگرفته است.';
    const { item, code, jar } = await answered(1);
    const response = await act(code, jar, { intent: 'appeal', message: appeal });
    expect(response.status).toBe(302);
    const [last] = outboxOf(item.id).slice(-1);
    expect(last!.body).toContain(code.slice(0, 4).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!));
    expect(last!.body).not.toContain(appeal);
    // Staff's answer did reach them in full, in its own message.
    expect(outboxOf(item.id).some((m) => m.body.includes(ANSWER))).toBe(true);
  });
});

describe('a form body larger than any person could type', () => {
  it('is refused with 413 before it is read into memory, and changes nothing', async () => {
    const { item, code, jar } = await answered(1);
    const before = snapshot(item.id);
    const huge = 'ب'.repeat(600_000); // about 1.2 MB as UTF-8
    const response = await run(() => trackCode.action(routeArgs(postForm(`/track/${code}`, { intent: 'appeal', version: String(item.version), message: huge }, jar), { code })));
    expect(response.status).toBe(413);
    expect(snapshot(item.id)).toEqual(before);
  });
});
