/**
 * `npm run bench`: submission throughput against a bare node:http baseline, GET throughput, bytes of a first visit,
 * growth of the staff pages from 10 k to 1 M items, and memory. Prints a Markdown table per section and writes them
 * to docs/BENCHMARKS.md. Needs a current build (build/ and public/build/); it never builds.
 *
 *   npm run bench                 # full: growth 10 k / 100 k / 1 M, 100 k requests for memory
 *   npm run bench -- --quick      # growth 10 k / 100 k, 10 k requests for memory, shorter runs
 *   npm run bench -- --no-write   # print only
 *   npm run bench -- --only growth   # the growth section alone, spliced into docs/BENCHMARKS.md
 *   npm run bench -- --only pages    # the citizen pages on slow 3G at 3,000 centres (bench/pages.ts), spliced likewise
 *
 * Servers listen on ports 3400–3402 (the citizen pages' section: BENCH_PAGES_PORT, default 3417) with DATA_DIR under /tmp/bench-*; SESSION_SECRET is set so challenges can be
 * signed here. Every POST gets its own body (a fresh single-use challenge) and its own X-Forwarded-For address, so
 * the per-address limit (20 posts / 10 min) never refuses one — the server runs with TRUST_PROXY=loopback.
 */
import { generateTOTP } from '@epic-web/totp';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { createChallenge } from '../app/domain/challenge';
import { DEMO_TOTP_SECRET } from '../app/seed/index';
import { firstVisit, totalBytes, transferTable } from './first-visit';
import { generate } from './generate';
import { buildCatalogue, provinceQuotas } from './catalogue';
import { launchBrowser, measurePages, pagesTable, TARGETS, type PageToVisit } from './pages';
import { clientAddress, startServerProcess } from '../tests/support/server-process';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
/**
 * `--only growth`: only the growth of the staff pages; `--only pages`: only the citizen pages on slow 3G at a
 * national catalogue (with the submission cost beside the bare limit). Either is spliced into the existing
 * docs/BENCHMARKS.md in place of its own section.
 */
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
if (ONLY !== undefined && ONLY !== 'growth' && ONLY !== 'pages') {
  console.error(`--only takes growth or pages, not ${ONLY}`);
  process.exit(2);
}
const GROWTH_ONLY = ONLY === 'growth';
const PAGES_ONLY = ONLY === 'pages';
const WRITE = !args.includes('--no-write');
const SECRET = 'bench-secret-' + 'x'.repeat(32);
const SIZES = QUICK ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
const MEMORY_REQUESTS = QUICK ? 10_000 : 100_000;
const WARM_UP_REQUESTS = 3_000;
const POSTS_PER_RUN = QUICK ? 1_500 : 4_000;
const GET_SECONDS = QUICK ? 5 : 10;
/** The citizen pages' section: catalogue size, first visits per page (timings are their median), its one port. */
const CATALOGUE_CENTRES = 3000;
const PAGE_RUNS = QUICK ? 1 : 3;
const PAGES_PORT = Number(process.env.BENCH_PAGES_PORT || 3417);
/** The title of the pages' section: `--only pages` replaces the section that starts with it. */
const PAGES_TITLE = `Citizen pages on slow 3G at a national catalogue (${CATALOGUE_CENTRES.toLocaleString('en-US')} centres)`;
/** docs/BENCHMARKS.md: everything from this line on is written by hand and kept when the bench rewrites the rest. */
const ANALYSIS_MARKER = '<!-- Written by hand below: kept when `npm run bench` rewrites the figures above. -->';

if (!existsSync('build/index.js') || !existsSync('public/build')) {
  console.error('No build in build/ and public/build/: run `npx remix build` first.');
  process.exit(2);
}

const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGTERM')));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tmpDir = (name: string) => mkdtempSync(path.join('/tmp', `bench-${name}-`));

interface Server {
  port: number;
  dataDir: string;
  child: ChildProcess;
  base: string;
}

async function startServer(kind: 'app' | 'baseline' | 'bare', port: number, dataDir: string): Promise<Server> {
  const script = kind === 'app' ? 'server.ts' : kind === 'baseline' ? 'bench/baseline-server.ts' : 'bench/bare-limit-server.ts';
  const { child, base } = await startServerProcess(
    script,
    port,
    // MALLOC_ARENA_MAX as `npm start` sets it (see docs/BENCHMARKS.md, memory); BENCH_GLIBC_DEFAULT=1 leaves glibc's default.
    { NODE_ENV: 'production', ...(process.env.BENCH_GLIBC_DEFAULT ? {} : { MALLOC_ARENA_MAX: '2' }), DATA_DIR: dataDir, SESSION_SECRET: SECRET, DEMO_DATA: 'on', NOTIFY_TRANSPORT: 'file', TRUST_PROXY: 'loopback' },
    120_000,
  );
  children.push(child);
  return { port, dataDir, child, base };
}

async function stopServer(server: Server) {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await Promise.race([exited, sleep(5000)]);
}

function rssKb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/\d+/)?.[0] ?? 0);
}

// ---------------------------------------------------------------------------------------------------------------

function centresOf(dataDir: string): { id: number; provinceId: string }[] {
  const db = new Database(path.join(dataDir, 'didehban.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT id, province_id AS provinceId FROM centers WHERE active = 1').all() as { id: number; provinceId: string }[];
  } finally {
    db.close();
  }
}

/** The newest web submission's tracking code, for the tracking page. */
function newestWebCode(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'didehban.sqlite'), { readonly: true });
  try {
    return (db.prepare("SELECT tracking_code AS c FROM items WHERE channel = 'web' ORDER BY id DESC LIMIT 1").get() as { c: string }).c;
  } finally {
    db.close();
  }
}

let addressCounter = 0;
/** A distinct client address per request, never reused within a run. */
const nextAddress = () => clientAddress(++addressCounter);

function submissionBodies(count: number, centres: { id: number }[]): { body: string; ip: string }[] {
  const bodies: { body: string; ip: string }[] = [];
  const kinds = ['criticism', 'suggestion', 'complaint', 'appreciation'];
  for (let i = 0; i < count; i++) {
    const challenge = createChallenge(SECRET);
    const form = new URLSearchParams({
      kind: kinds[i % kinds.length]!,
      centerId: String(centres[i % centres.length]!.id),
      provinceId: '',
      serviceId: '',
      area: 'unknown',
      subject: 'زمان انتظار طولانی',
      body: `برای دریافت مشاوره سه بار به مرکز مراجعه کردم و هر بار گفتند کارشناس حضور ندارد. شماره ${i}`,
      name: 'شهروند آزمون',
      mobile: '09121234567',
      email: '',
      nationalCode: '',
      consent: 'on',
      website: '',
      challenge: challenge.token,
      challengeAnswer: String(challenge.a + challenge.b),
    });
    bodies.push({ body: form.toString(), ip: nextAddress() });
  }
  return bodies;
}

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  other: number;
  errors: number;
  total: number;
}

function summarize(r: autocannon.Result, okPrefix: '2' | '3'): LoadResult {
  const codes = r as unknown as Record<string, number>;
  const ok = codes[`${okPrefix}xx`] ?? 0;
  const total = (codes['1xx'] ?? 0) + (codes['2xx'] ?? 0) + (codes['3xx'] ?? 0) + (codes['4xx'] ?? 0) + (codes['5xx'] ?? 0);
  return {
    rps: total / (r.duration || 1),
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok,
    other: total - ok,
    errors: r.errors + r.timeouts,
    total,
  };
}

async function postLoad(base: string, connections: number, pool: { body: string; ip: string }[]): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url: base,
    connections,
    amount: pool.length,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/feedback/new',
        setupRequest: (req: autocannon.Request) => {
          const item = pool[next++ % pool.length]!;
          return {
            ...req,
            body: item.body,
            headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': item.ip, 'accept-language': 'fa' },
          };
        },
      },
    ],
  });
  return summarize(result, '3');
}

async function getLoad(base: string, pathname: string, connections: number, opts: { duration?: number; amount?: number }): Promise<LoadResult> {
  const result = await autocannon({
    url: base + pathname,
    connections,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration ?? GET_SECONDS }),
    headers: { 'accept-encoding': 'br, gzip' },
    timeout: 30,
  });
  return summarize(result, '2');
}

// ---------------------------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------------------------

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/staff/login`, {
    method: 'POST',
    body: new URLSearchParams({ username: 'national', password: 'demo-password' }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });
  await res.arrayBuffer();
  const pending = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  if (res.status >= 400 || pending.length === 0) throw new Error(`login failed: ${res.status}`);
  // `national` has the demo's second factor: the code step turns the pending cookie into a session.
  const verified = await fetch(`${base}/staff/verify`, {
    method: 'POST',
    body: new URLSearchParams({ code: (await generateTOTP({ secret: DEMO_TOTP_SECRET, algorithm: 'SHA-1', digits: 6, period: 30 })).otp }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: pending.join('; ') },
    redirect: 'manual',
  });
  await verified.arrayBuffer();
  const cookies = verified.headers.getSetCookie().map((c) => c.split(';')[0]).filter((c): c is string => c !== undefined && !c.endsWith('='));
  if (verified.status >= 400 || cookies.length === 0) throw new Error(`second step failed: ${verified.status}`);
  return cookies.join('; ');
}

async function timeGet(url: string, cookie: string): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const res = await fetch(url, { headers: { cookie, 'accept-encoding': 'br, gzip' } });
  await res.arrayBuffer();
  return { ms: performance.now() - started, status: res.status };
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

// ---------------------------------------------------------------------------------------------------------------

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (ok: boolean) => (ok ? '✅ met' : '❌ **missed**');
const sections: string[] = [];
const section = (title: string, body: string) => {
  const text = `## ${title}\n\n${body}\n`;
  console.info(`\n${text}`);
  sections.push(text);
};
const timings: string[] = [];
const time = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await work();
  timings.push(`${label}: ${fmt((performance.now() - started) / 1000, 1)} s`);
  console.info(`… ${label} done in ${fmt((performance.now() - started) / 1000, 1)} s`);
  return result;
};

const benchStarted = performance.now();
const dirs: string[] = [];

// (1)–(4), (6): everything but growth and the citizen pages, skipped by `--only`.
if (!ONLY) {
  // (1) the baseline and the production server, each on a fresh DATA_DIR with demo data.
  const baseline = await time('start baseline', async () => startServer('baseline', 3400, (dirs[dirs.length] = tmpDir('baseline'))));
  const app = await time('start app', async () => startServer('app', 3401, (dirs[dirs.length] = tmpDir('app'))));
  const centres = centresOf(app.dataDir);

  // Warm-up: every page, a few submissions, then the memory mix below at its own concurrency until the heaps have
  // grown to their working size (RSS read before that would count the first requests' growth as if it were a leak).
  for (let i = 0; i < 20; i++) for (const p of ['/', '/centers', '/feedback/new', '/stats']) await (await fetch(app.base + p)).arrayBuffer();
  await postLoad(app.base, 2, submissionBodies(50, centres));
  await postLoad(baseline.base, 2, submissionBodies(50, centres));
  const warmCode = newestWebCode(app.dataDir);
  for (const p of ['/', '/centers', `/track/${warmCode}`]) await getLoad(app.base, p, 10, { amount: WARM_UP_REQUESTS / 3 });
  const rssWarm = rssKb(app.child.pid!);

  // (2) submissions.
  const submissions: { server: string; connections: number; r: LoadResult }[] = [];
  await time('submissions', async () => {
    for (const connections of [10, 50]) {
      for (const [name, server] of [['baseline (node:http)', baseline], ['Didehban (production)', app]] as const) {
        const r = await postLoad(server.base, connections, submissionBodies(POSTS_PER_RUN, centres));
        submissions.push({ server: name, connections, r });
      }
    }
  });
  const sub = (server: string, c: number) => submissions.find((s) => s.server.startsWith(server) && s.connections === c)!.r;
  const ratio50 = sub('Didehban', 50).rps / sub('baseline', 50).rps;
  const p99at50 = sub('Didehban', 50).p99;
  section(
    'Submissions (POST /feedback/new)',
    [
      '| server | connections | requests | redirected to the code | other | req/s | p50 ms | p99 ms |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
      ...submissions.map((s) => `| ${s.server} | ${s.connections} | ${fmt(s.r.total)} | ${fmt(s.r.ok)} | ${fmt(s.r.other + s.r.errors)} | ${fmt(s.r.rps, 1)} | ${fmt(s.r.p50)} | ${fmt(s.r.p99)} |`),
      '',
      '| target | measured | |',
      '|---|---:|---|',
      `| throughput ≥ 0.5 × baseline at 50 connections | ${fmt(ratio50, 2)} × | ${verdict(ratio50 >= 0.5)} |`,
      `| p99 < 100 ms at 50 connections | ${fmt(p99at50)} ms | ${verdict(p99at50 < 100)} |`,
      `| p99 < 100 ms at 10 connections (for reference) | ${fmt(sub('Didehban', 10).p99)} ms | ${verdict(sub('Didehban', 10).p99 < 100)} |`,
      '',
      // Little's law: with N requests always in flight, the mean wait is N ÷ throughput, whatever the server does.
      `With 50 submissions always in flight the mean latency is at least 50 ÷ throughput: ${fmt(50_000 / sub('baseline', 50).rps)} ms for the baseline, ` +
        `${fmt(50_000 / sub('Didehban', 50).rps)} ms for Didehban. A p99 under 100 ms at 50 connections needs more than 500 submissions/s on this machine.`,
    ].join('\n'),
  );

  // (3) GET throughput.
  const sentCode = newestWebCode(app.dataDir);
  const gets: { path: string; r: LoadResult }[] = [];
  await time('GET throughput', async () => {
    for (const p of ['/', '/centers', `/track/${sentCode}`]) gets.push({ path: p, r: await getLoad(app.base, p, 10, { duration: GET_SECONDS }) });
  });
  section(
    `GET throughput (10 connections, ${GET_SECONDS} s each, \`Accept-Encoding: br, gzip\`)`,
    [
      '| page | requests | 200 | other | req/s | p50 ms | p99 ms |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...gets.map((g) => `| \`${g.path.replace(sentCode, '<code>')}\` | ${fmt(g.r.total)} | ${fmt(g.r.ok)} | ${fmt(g.r.other + g.r.errors)} | ${fmt(g.r.rps, 1)} | ${fmt(g.r.p50)} | ${fmt(g.r.p99)} |`),
    ].join('\n'),
  );

  // (4) bytes on the wire for a first visit (what is counted: bench/first-visit.ts).
  const home = await firstVisit(app.base, '/');
  const homeBytes = totalBytes(home);
  section(
    'First visit to `/` (compressed bytes on the wire, bodies only)',
    [
      transferTable(home, fmt),
      '',
      '| target | measured | |',
      '|---|---:|---|',
      `| first visit ≤ 150 KB | ${fmt(homeBytes / 1024, 1)} KB | ${verdict(homeBytes <= 150 * 1024)} |`,
    ].join('\n'),
  );
  // For reference, not a target: a page that runs the app (the feedback form), counted the same way.
  const form = await firstVisit(app.base, '/feedback/new');
  section(`First visit to \`/feedback/new\`, for reference (${fmt(totalBytes(form) / 1024, 1)} KB; no target)`, transferTable(form, fmt));

  // (6) memory: many more requests on the same server (a GET mix plus the load above), then RSS again.
  const memoryLoad = await time(`memory load (${MEMORY_REQUESTS} requests)`, async () => {
    const each = Math.ceil(MEMORY_REQUESTS / 3);
    const results: LoadResult[] = [];
    for (const p of ['/', '/centers', `/track/${sentCode}`]) results.push(await getLoad(app.base, p, 10, { amount: each }));
    return results.reduce((n, r) => n + r.total, 0);
  });
  const rssAfter = rssKb(app.child.pid!);
  const servedSinceWarm = memoryLoad + submissions.filter((s) => s.server.startsWith('Didehban')).reduce((n, s) => n + s.r.total, 0) + gets.reduce((n, g) => n + g.r.total, 0);
  section(
    'Memory (production server RSS, /proc/<pid>/status VmRSS)',
    [
      '| moment | RSS MB |',
      '|---|---:|',
      `| after warm-up (${fmt(WARM_UP_REQUESTS)} requests of the mix below, after a few of each page and 100 submissions) | ${fmt(rssWarm / 1024, 1)} |`,
      `| after ${fmt(memoryLoad)} more GET requests (${fmt(servedSinceWarm)} requests since warm-up, submissions included) | ${fmt(rssAfter / 1024, 1)} |`,
      '',
      '| target | measured | |',
      '|---|---:|---|',
      `| RSS after ≤ 1.5 × after warm-up | ${fmt(rssAfter / rssWarm, 2)} × | ${verdict(rssAfter / rssWarm <= 1.5)} |`,
    ].join('\n'),
  );
  await stopServer(baseline);
  await stopServer(app);
}

// ---------------------------------------------------------------------------------------------------------------
// (7) The citizen pages on slow 3G at a national catalogue, and the submission cost beside the bare limit.

const uptime = () => {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average: ${os.loadavg().map((n) => n.toFixed(2)).join(', ')}`;
  }
};

/** A server on its own copy of the catalogue (each server writes its own submissions). */
async function startOnCatalogue(kind: 'app' | 'baseline' | 'bare', catalogueFile: string, name: string): Promise<Server> {
  const dir = (dirs[dirs.length] = tmpDir(name));
  copyFileSync(catalogueFile, path.join(dir, 'didehban.sqlite'));
  return startServer(kind, PAGES_PORT, dir);
}

/**
 * One item through the real form, as a citizen sends it: the tracking code it redirects to and the citizen's
 * look-up session (the cookie the answer sets), which `/feedback/sent/:code` and `/track/:code` need to show the item.
 */
async function submitThroughForm(base: string, centreId: number): Promise<{ code: string; cookies: { name: string; value: string }[] }> {
  const [{ body, ip }] = submissionBodies(1, [{ id: centreId }]) as [{ body: string; ip: string }];
  const res = await fetch(`${base}/feedback/new`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip, 'accept-language': 'fa' },
    redirect: 'manual',
  });
  await res.arrayBuffer();
  const code = /^\/feedback\/sent\/(\d{12})$/.exec(res.headers.get('location') ?? '')?.[1];
  if (!code) throw new Error(`the form did not accept the submission: ${res.status} ${res.headers.get('location')}`);
  const cookies = res.headers.getSetCookie().map((c) => {
    const pair = c.split(';')[0]!;
    return { name: pair.slice(0, pair.indexOf('=')), value: pair.slice(pair.indexOf('=') + 1) };
  });
  return { code, cookies };
}

async function pagesSection() {
  const started = performance.now();
  const loadBefore = uptime();
  let busiest = os.loadavg()[0]!;
  const catalogueDir = (dirs[dirs.length] = tmpDir('catalogue'));
  const catalogueFile = path.join(catalogueDir, 'didehban.sqlite');
  const catalogue = await time(`catalogue of ${CATALOGUE_CENTRES} centres`, () => buildCatalogue(catalogueFile, CATALOGUE_CENTRES));
  const db = new Database(catalogueFile, { readonly: true });
  // A generated centre of Khorasan Razavi (a real one of the national network, not one of the demo's 88).
  const centreId = (db.prepare("SELECT id FROM centers WHERE province_id = 'ir-09' AND is_demo = 0 ORDER BY id LIMIT 1").get() as { id: number }).id;
  const serviceSlug = (db.prepare('SELECT slug FROM services ORDER BY sort_order LIMIT 1').get() as { slug: string }).slug;
  db.close();

  const browser = await launchBrowser();
  const log = (line: string) => console.info(`  ${line}`);
  let visits;
  let demoVisits;
  try {
    const app = await time('start app on the catalogue', () => startOnCatalogue('app', catalogueFile, 'pages-app'));
    const item = await submitThroughForm(app.base, centreId);
    const code = item.code;
    const label = `${fmt(catalogue.centers)} centres`;
    const pages: PageToVisit[] = [
      { label, path: '/' },
      { label, path: '/centers' },
      { label, path: `/centers/${centreId}`, shown: '/centers/:id' },
      { label, path: '/services' },
      { label, path: `/services/${serviceSlug}`, shown: '/services/:slug' },
      { label, path: '/feedback/new' },
      { label, path: `/feedback/new?center=${centreId}`, shown: '/feedback/new?center=:id' },
      // The finder's step without JavaScript at the largest province (Tehran, ~360 centres listed).
      { label, path: '/feedback/new?province=ir-23', shown: '/feedback/new?province=ir-23' },
      { label, path: `/feedback/sent/${code}`, shown: '/feedback/sent/<code>', cookies: item.cookies },
      { label, path: '/track' },
      { label, path: `/track/${code}`, shown: '/track/<code>', cookies: item.cookies },
      { label, path: '/stats' },
      { label, path: '/privacy' },
    ];
    visits = await time(`pages on ${label} (${PAGE_RUNS} visits each)`, () => measurePages(browser, app.base, pages, PAGE_RUNS, log));
    busiest = Math.max(busiest, os.loadavg()[0]!);
    await stopServer(app);
    // The demo's 88 centres: a fresh DATA_DIR, which the server seeds at its first start.
    const demoApp = await time('start app on the demo seed', async () => startServer('app', PAGES_PORT, (dirs[dirs.length] = tmpDir('pages-demo'))));
    const demoCentres = centresOf(demoApp.dataDir).length;
    demoVisits = await time('/feedback/new on the demo seed', () =>
      measurePages(browser, demoApp.base, [{ label: `${fmt(demoCentres)} centres (demo)`, path: '/feedback/new' }], PAGE_RUNS, log),
    );
    await stopServer(demoApp);
  } finally {
    await browser.close();
  }

  // Submissions on the catalogue: each server alone on the port, on its own copy, warmed with 50 submissions.
  const centres = centresOf(catalogueDir);
  const posts: { server: string; connections: number; r: LoadResult }[] = [];
  await time('submissions: bare limit, baseline, Didehban', async () => {
    for (const [name, kind] of [['bare limit (`bench/bare-limit-server.ts`)', 'bare'], ['baseline (`bench/baseline-server.ts`)', 'baseline'], ['Didehban (production)', 'app']] as const) {
      const server = await startOnCatalogue(kind, catalogueFile, `pages-${kind}`);
      await postLoad(server.base, 2, submissionBodies(50, centres));
      for (const connections of [10, 50]) posts.push({ server: name, connections, r: await postLoad(server.base, connections, submissionBodies(POSTS_PER_RUN, centres)) });
      await stopServer(server);
    }
  });
  const loadAfter = uptime();
  busiest = Math.max(busiest, os.loadavg()[0]!);
  const busy = busiest > os.cpus().length;

  const form = visits.find((v) => v.path === '/feedback/new')!;
  const demoForm = demoVisits[0]!;
  const growthOnWire = form.html / demoForm.html;
  const growthDecoded = form.htmlDecoded / demoForm.htmlDecoded;
  const rps = (server: string, c: number) => posts.find((p) => p.server.startsWith(server) && p.connections === c)!.r.rps;
  const costRatio = (c: number) => rps('bare', c) / rps('Didehban', c);
  const allVisits = [...visits, ...demoVisits];
  const failing = allVisits.filter((v) => v.bytes + v.swBytes > TARGETS.bytes || v.fcp === null || v.fcp > TARGETS.fcpMs || v.load > TARGETS.loadMs).length;
  section(
    PAGES_TITLE,
    [
      `Measured by \`npm run bench${[QUICK ? ' --quick' : '', PAGES_ONLY ? ' --only pages' : ''].join('').replace(/^ /, ' -- ')}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC in ${fmt((performance.now() - started) / 60_000, 1)} min ` +
        `(bench/pages.ts, bench/catalogue.ts, bench/bare-limit-server.ts). **Machine load** (\`uptime\`), shared with other work: before \`${loadBefore}\`; after \`${loadAfter}\`.` +
        (busy
          ? ` The machine was busy (1-minute load average up to ${fmt(busiest, 1)} on ${os.cpus().length} cores): the bytes do not depend on it, the page timings little ` +
            '(the network emulation dominates them), the submission rates a lot (each server runs alone, one after the other, so the load can change between them): ' +
            'read the ratios with that in mind, and compare runs on a quiet machine.'
          : ''),
      '',
      `The catalogue: \`bench/catalogue.ts\`, the demo seed (88 centres, staff, demo items) plus ${fmt(catalogue.added)} generated centres over the 31 provinces ` +
        `in proportion to their population (Khorasan Razavi ${provinceQuotas(CATALOGUE_CENTRES).get('IR-09')}, Tehran ${provinceQuotas(CATALOGUE_CENTRES).get('IR-23')}), ${fmt(catalogue.programmes)} generated programmes; built in ${fmt(catalogue.seconds, 1)} s. ` +
        `The production server (\`NODE_ENV=production\`, the current build) runs on a copy of it on port ${PAGES_PORT}. One item is sent through the real form first ` +
        '(`POST /feedback/new`, a signed challenge): `/feedback/sent/<code>` and `/track/<code>` are visited with the look-up session that answer set ' +
        '(the citizen who just sent it; without it the first redirects to the second, which then shows only the look-up form).',
      '',
      `### First visits (Chromium, 360 px, slow 3G: 400 kbit/s each way, 400 ms latency, cache disabled; median of ${PAGE_RUNS} visit${PAGE_RUNS > 1 ? 's' : ''})`,
      '',
      pagesTable(allVisits),
      '',
      '_KB are bytes received: bodies as sent (compressed where the server compresses) plus response headers. **total** = page + sw: ' +
        'the service worker, installed after `load`, fetches the two offline pages (public/sw.js); their stylesheet and fonts it takes only once a ' +
        'second page was shown, from the browser\'s cache (`force-cache`), so a first visit does not pay for them twice; the ≤ 100 KB verdict is on the total. ' +
        'HTML KB is the document; decoded is its size once unpacked. FCP and load are ms from the start of the navigation; the CPU is not slowed down._',
      '',
      `${failing} of ${allVisits.length} visits miss at least one of the three page targets.`,
      '',
      '### `/feedback/new` as the catalogue grows',
      '',
      '| HTML of `/feedback/new` | demo seed | catalogue | growth | target ≤ 2 × |',
      '|---|---:|---:|---:|---|',
      `| on the wire, KB | ${fmt(demoForm.html / 1024, 1)} | ${fmt(form.html / 1024, 1)} | ${fmt(growthOnWire, 2)} × | ${verdict(growthOnWire <= TARGETS.htmlGrowth)} |`,
      `| decoded, KB | ${fmt(demoForm.htmlDecoded / 1024, 1)} | ${fmt(form.htmlDecoded / 1024, 1)} | ${fmt(growthDecoded, 2)} × | ${verdict(growthDecoded <= TARGETS.htmlGrowth)} |`,
      '',
      `### A submission's cost beside the bare limit (POST /feedback/new on the catalogue, ${fmt(POSTS_PER_RUN)} submissions per row, each server alone)`,
      '',
      '| server | connections | requests | redirected to the code | other | req/s | ms of server per submission (1000 ÷ req/s) | p50 ms | p99 ms |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...posts.map((p) => `| ${p.server} | ${p.connections} | ${fmt(p.r.total)} | ${fmt(p.r.ok)} | ${fmt(p.r.other + p.r.errors)} | ${fmt(p.r.rps, 1)} | ${fmt(1000 / p.r.rps, 2)} | ${fmt(p.r.p50)} | ${fmt(p.r.p99)} |`),
      '',
      '| target: Didehban\'s cost ≤ 3 × the bare limit\'s | Didehban ÷ bare | baseline ÷ bare (for reference) | |',
      '|---|---:|---:|---|',
      ...[10, 50].map((c) => `| at ${c} connections | ${fmt(costRatio(c), 2)} × | ${fmt(rps('bare', c) / rps('baseline', c), 2)} × | ${verdict(costRatio(c) <= 3)} |`),
      '',
      'The bare limit: `node:http`, `feedbackSchema`, then one better-sqlite3 transaction (WAL, `synchronous = FULL`, statements prepared once) that reads the ' +
        "centre's province and writes the item, its `submit` and `route` events and one outbox row (the SMS); the schema's statistics triggers fire as for the app. " +
        'It skips the signed challenge and its `used_challenges` row, the full-text row, the working-day deadlines and the message text (see the file). ' +
        'The cost is the server\'s time per submission under load (the inverse of throughput), load generator on the same cores.',
      '',
      `Run it again: \`npx remix build && npm run bench -- --only pages\` (servers on port ${PAGES_PORT}, \`BENCH_PAGES_PORT\` to change it; ` +
        '`npx tsx bench/catalogue.ts --db /tmp/x/didehban.sqlite` builds the catalogue alone).',
    ].join('\n'),
  );
}

// (5) growth of the staff pages.
if (!PAGES_ONLY) {
  const growthDir = (dirs[dirs.length] = tmpDir('growth'));
  const growthDb = path.join(growthDir, 'didehban.sqlite');
  const growth: { size: number; genSeconds: number; inbox: number; dashboard: number; stats: number; statuses: string }[] = [];
  for (const size of SIZES) {
    const gen = await time(`generate ${size}`, () => generate(growthDb, size));
    const server = await time(`start app on ${size}`, () => startServer('app', 3402, growthDir));
    const cookie = await login(server.base);
    const pages = { inbox: '/staff/inbox', dashboard: '/staff/dashboard', stats: '/stats' } as const;
    const medians: Record<string, number> = {};
    const statuses = new Set<number>();
    for (const [name, p] of Object.entries(pages)) {
      for (let i = 0; i < 3; i++) await timeGet(server.base + p, cookie);
      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t = await timeGet(server.base + p, cookie);
        statuses.add(t.status);
        times.push(t.ms);
      }
      medians[name] = median(times);
    }
    growth.push({ size, genSeconds: gen.seconds, inbox: medians.inbox!, dashboard: medians.dashboard!, stats: medians.stats!, statuses: [...statuses].join(', ') });
    await stopServer(server);
  }
  const first = growth[0]!;
  const last = growth[growth.length - 1]!;
  const ratio = (k: 'inbox' | 'dashboard' | 'stats') => last[k] / first[k];
  section(
    'Growth (median of 20 sequential requests after 3 warm-up requests, signed in as `national`)',
    [
      '| generated items | generation s | /staff/inbox ms | /staff/dashboard ms | /stats ms | statuses |',
      '|---:|---:|---:|---:|---:|---|',
      ...growth.map((g) => `| ${fmt(g.size)} | ${fmt(g.genSeconds, 1)} | ${fmt(g.inbox, 1)} | ${fmt(g.dashboard, 1)} | ${fmt(g.stats, 1)} | ${g.statuses} |`),
      '',
      `| target: ratio ${fmt(last.size)} ÷ ${fmt(first.size)} ≤ 3 | measured | |`,
      '|---|---:|---|',
      ...(['inbox', 'dashboard', 'stats'] as const).map((k) => `| ${k} | ${fmt(ratio(k), 2)} × | ${verdict(ratio(k) <= 3)} |`),
      ...(SIZES.includes(1_000_000) ? [] : ['', '_Quick mode: 1 M was not generated; the ratio is 100 k ÷ 10 k._']),
    ].join('\n'),
  );
}

// (7) the citizen pages on slow 3G at a national catalogue, and the submission cost beside the bare limit.
if (!GROWTH_ONLY) await pagesSection();

const totalSeconds = (performance.now() - benchStarted) / 1000;
const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}`;
console.info(`\nMachine: ${machine}\nTotal: ${fmt(totalSeconds, 0)} s\n${timings.join('\n')}`);

if (WRITE) {
  const doc = `# Benchmarks

Produced by \`npm run bench${QUICK ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)} (whole run: ${fmt(totalSeconds / 60, 1)} min).

**Machine:** ${machine}. The load generator (autocannon) runs on the same machine and shares its cores with the
server under test, so absolute figures are lower than on a dedicated server; the ratios are what the targets judge.

## How to reproduce

\`\`\`sh
npx remix build                  # the bench never builds; it needs build/ and public/build/
npm run bench -- --quick         # ~ a few minutes: growth at 10 k and 100 k, 10 k requests for memory
npm run bench                    # full: growth at 10 k, 100 k and 1 M, 100 k requests for memory
npm run bench -- --only growth   # the growth table alone (about 12 min: generating 1 M items is most of it)
npm run bench -- --only pages    # the citizen pages on slow 3G at 3,000 centres, with the bare-limit submissions
npx tsx bench/generate.ts --db /tmp/bench-x/didehban.sqlite --items 1000000   # the generator alone
\`\`\`

What runs: \`bench/baseline-server.ts\` (bare \`node:http\`, same zod schema, same challenge check, same rows through
\`submitItem\`) on port 3400 and the production server (\`NODE_ENV=production\`, \`server.ts\`, the current build) on
port 3401, each on a fresh \`DATA_DIR\` under \`/tmp/bench-*\` with demo data and an explicit \`SESSION_SECRET\`. Every
POST carries its own signed single-use challenge and its own \`X-Forwarded-For\` address (the server trusts that
header from loopback: the bench starts it with \`TRUST_PROXY=loopback\`), so the per-address limit (20 posts per 10 minutes) counts each request once and never
refuses; no limit was relaxed. Growth runs on port 3402 against a database filled by \`bench/generate.ts\`
(items over the last two years across provinces, centres, kinds, channels, areas and states, with their events and
search rows; the monitoring aggregates are filled by the insert triggers), topped up from 10 k to the next size.

${sections.join('\n')}
## Step timings

${timings.map((t) => `- ${t}`).join('\n')}
`;
  // What people wrote under the marker (why a target is missed, what limits it) survives a new run.
  const previous = existsSync('docs/BENCHMARKS.md') ? readFileSync('docs/BENCHMARKS.md', 'utf8') : '';
  const kept = previous.includes(ANALYSIS_MARKER) ? previous.slice(previous.indexOf(ANALYSIS_MARKER)) : `${ANALYSIS_MARKER}\n`;
  const pagesSectionText = sections.find((text) => text.startsWith(`## ${PAGES_TITLE}`));
  if (PAGES_ONLY && previous && pagesSectionText) {
    // Replace the pages' section of an earlier run, or put it before the step timings (before the hand-written
    // analysis when there are none); the rest of the document stays as it was.
    const from = previous.indexOf(`## ${PAGES_TITLE}`);
    const timingsAt = previous.indexOf('## Step timings');
    const markerAt = previous.indexOf(ANALYSIS_MARKER);
    const insertAt = timingsAt >= 0 ? timingsAt : markerAt >= 0 ? markerAt : previous.length;
    const next = from < 0 ? -1 : previous.indexOf('\n## ', from + 1);
    const [head, tail] = from < 0 ? [previous.slice(0, insertAt), previous.slice(insertAt)] : [previous.slice(0, from), previous.slice(next < 0 ? previous.length : next + 1)];
    writeFileSync('docs/BENCHMARKS.md', `${head}${pagesSectionText}\n${tail}`);
  } else if (GROWTH_ONLY && previous.includes('## Growth')) {
    // Replace the growth section of the last full run, and say when and how it was measured again.
    const growthSection = sections.find((text) => text.startsWith('## Growth'))!;
    const from = previous.indexOf('## Growth');
    const next = previous.indexOf('\n## ', from + 1);
    const to = next < 0 ? previous.length : next;
    const note = `_Growth measured again with \`npm run bench -- --only growth\` on ${new Date().toISOString().slice(0, 10)} (${fmt(totalSeconds / 60, 1)} min; ${timings.join(', ')})._\n`;
    writeFileSync('docs/BENCHMARKS.md', `${previous.slice(0, from)}${growthSection}\n${note}${previous.slice(to)}`);
  } else {
    writeFileSync('docs/BENCHMARKS.md', `${doc}\n${kept}`);
  }
  console.info('Wrote docs/BENCHMARKS.md');
}

if (!args.includes('--keep')) for (const d of dirs) rmSync(d, { recursive: true, force: true });
process.exit(0);
