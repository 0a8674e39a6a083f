/**
 * Every page is valid UTF-8, byte for byte, as the production server streams it (issue "What first users tripped
 * over", item 1): React 18.3's Node stream encoder padded its 2 KB buffer with NUL bytes whenever a Persian letter
 * did not fit at its end, so a city option "جیرفت" reached the browser broken and filtering by it found nothing.
 * This fetches every public and staff page, in fa and en, from a real server process over a database with long
 * Persian texts, and reads the raw bytes: no NUL, no invalid sequence, no U+FFFD.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centers, services, staffUsers } from '../../db/schema';
import { type ItemRow } from '~/models/items.server';
import { transition } from '~/services/workflow.server';
import { fileFeedback } from '../support/items';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { DEMO_PASSWORD } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();
const PORT = 3261;
const LONG_BODY =
  'نوبت بازدید منزل مادرم که سالمند و کم‌توان است سه هفته عقب افتاده و هر بار که با مرکز تماس می‌گیرم پاسخ می‌دهند ' +
  'مددکار در مرخصی است؛ پرونده توانبخشی او هم هنوز به مرکز جدید منتقل نشده و داروهایش در حال تمام شدن است. ';

let server: ServerProcess;
const filed: { item: ItemRow; mobile: string }[] = [];

beforeAll(async () => {
  const officer = db().select().from(staffUsers).where(eq(staffUsers.username, 'officer.ir-09')).get()!;
  const actor = { role: 'province_officer' as const, provinceId: officer.provinceId, staffId: officer.id, displayName: officer.displayName };
  // Long Persian texts of uneven lengths, so letters fall on every offset of the renderer's buffers.
  for (let i = 0; i < 30; i++) {
    const mobile = `0915${String(3000000 + i)}`;
    const body = `${LONG_BODY.repeat(1 + (i % 7))}${'ی'.repeat(i)}`.slice(0, 4900);
    const item = fileFeedback(db(), { kind: i % 2 ? 'complaint' : 'criticism', provinceId: 'ir-09', subject: `موضوع ${'آ'.repeat(i % 13)} بازخورد`, body, mobile, consent: 'on' });
    filed.push({ item, mobile });
  }
  const answered = filed[0]!.item.id;
  for (const [action, input] of [['accept', {}], ['answer', { publicMessage: LONG_BODY.repeat(3) }]] as const) {
    const result = transition(db(), answered, action, actor, input);
    if (!result.ok) throw new Error(`${action} refused: ${result.reason}`);
  }
  const dataDir = process.env.DATA_DIR!;
  server = await startServerProcess('server.ts', PORT, { DATA_DIR: dataDir, DATABASE_PATH: process.env.DATABASE_PATH, NODE_ENV: 'production', SESSION_SECRET: 'page-bytes-secret' }, 60_000);
}, 90_000);

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
});

/** A cookie jar good enough for one client. */
class Client {
  private cookies = new Map<string, string>();
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(server.base + path, { ...init, headers, redirect: 'manual' });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
    return response;
  }
  async post(path: string, fields: Record<string, string>): Promise<Response> {
    return this.fetch(path, { method: 'POST', body: new URLSearchParams(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  }
}

/** What is wrong with the bytes of one page, or null. */
function byteProblem(bytes: Uint8Array): string | null {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return `NUL byte at ${nul}`;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'invalid UTF-8';
  }
  const replacement = text.indexOf('\uFFFD');
  if (replacement >= 0) return `U+FFFD at character ${replacement}: …${text.slice(Math.max(0, replacement - 20), replacement + 20)}…`;
  return null;
}

async function checkPages(client: Client, paths: string[]) {
  const problems: string[] = [];
  let checked = 0;
  for (const lng of ['fa', 'en']) {
    for (const path of paths) {
      const url = `${path}${path.includes('?') ? '&' : '?'}lng=${lng}`;
      const response = await client.fetch(url);
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(response.status, url).toBeLessThan(500);
      const problem = byteProblem(bytes);
      if (problem) problems.push(`${url} (${bytes.length} bytes): ${problem}`);
      checked++;
    }
  }
  expect(problems).toEqual([]);
  return checked;
}

describe('every page is valid UTF-8 as the server streams it', () => {
  it('public pages, fa and en', async () => {
    const centerIds = db().select({ id: centers.id }).from(centers).all().map((c) => c.id);
    const slugs = db().select({ slug: services.slug }).from(services).all().map((s) => s.slug);
    expect(centerIds.length).toBeGreaterThan(50);
    const citizen = new Client();
    const { item, mobile } = filed[0]!;
    expect((await citizen.post('/track', { code: item.trackingCode, mobile })).status).toBe(302);
    const paths = [
      '/',
      '/centers',
      '/centers?program=mosbat',
      '/centers?q=%D9%85%D8%B1%DA%A9%D8%B2',
      ...centerIds.map((id) => `/centers/${id}`),
      '/services',
      ...slugs.map((slug) => `/services/${slug}`),
      '/feedback/new',
      `/feedback/new?center=${centerIds[0]}`,
      '/track',
      `/track/${item.trackingCode}`,
      '/stats',
      '/privacy',
      '/offline',
      '/no-such-page',
      '/staff/login',
    ];
    const checked = await checkPages(citizen, paths);
    expect(checked).toBe(paths.length * 2);
  }, 120_000);

  it('staff pages, fa and en', async () => {
    const paths = (id: number) => ['/staff', '/staff/inbox', `/staff/items/${id}`, '/staff/dashboard', '/staff/reports/monthly', '/staff/canned', '/staff/password'];
    for (const username of ['officer.ir-09', 'manager.ir-09']) {
      const staff = new Client();
      const login = await staff.post('/staff/login', { username, password: DEMO_PASSWORD });
      expect(login.status, `signing in as ${username}`).toBe(302);
      await checkPages(staff, [...paths(filed[0]!.item.id), ...filed.slice(1, 8).map(({ item }) => `/staff/items/${item.id}`)]);
    }
    const agent = new Client();
    expect((await agent.post('/staff/login', { username: 'agent', password: DEMO_PASSWORD })).status).toBe(302);
    await checkPages(agent, ['/staff/calls', '/staff/items/new', `/staff/calls?code=${filed[0]!.item.trackingCode}`]);
  }, 120_000);

  it('a client that goes away mid-page leaves no stack trace in the log', async () => {
    const before = server.stderr().length;
    for (let i = 0; i < 10; i++) {
      const controller = new AbortController();
      const response = await fetch(`${server.base}/centers?lng=fa`, { signal: controller.signal });
      expect(response.status).toBe(200);
      controller.abort(); // the body is never read
    }
    // The renderer's abort delay (5 s) passes: nothing may then write into a stream that is already closed.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const page = await fetch(`${server.base}/centers?lng=fa`);
    expect(page.status).toBe(200);
    await page.arrayBuffer();
    expect(server.stderr().slice(before)).not.toMatch(/ERR_INVALID_STATE|already closed|TypeError/);
  }, 30_000);

  it('pages with one person’s data are never stored by the browser (a shared phone, offline too)', async () => {
    const citizen = new Client();
    const { item, mobile } = filed[1]!;
    expect((await citizen.post('/track', { code: item.trackingCode, mobile })).status).toBe(302);
    for (const path of [`/track/${item.trackingCode}`, `/track/${item.trackingCode}?_data=routes%2Ftrack.%24code`, '/feedback/new', '/track']) {
      const response = await citizen.fetch(path);
      await response.arrayBuffer();
      expect(response.headers.get('Cache-Control'), path).toMatch(/no-store/);
    }
    const staff = new Client();
    expect((await staff.post('/staff/login', { username: 'officer.ir-09', password: DEMO_PASSWORD })).status).toBe(302);
    const inbox = await staff.fetch('/staff/inbox');
    await inbox.arrayBuffer();
    expect(inbox.headers.get('Cache-Control')).toMatch(/no-store/);
  });
});
