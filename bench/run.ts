/**
 * `npm run bench`: submission throughput against a bare node:http baseline, GET throughput, bytes of a first visit,
 * growth of the staff pages from 10 k to 1 M items, and memory. Prints a Markdown table per section and writes them
 * to docs/BENCHMARKS.md. Needs a current build (build/ and public/build/); it never builds.
 *
 *   npm run bench                 # full: growth 10 k / 100 k / 1 M, 100 k requests for memory
 *   npm run bench -- --quick      # growth 10 k / 100 k, 10 k requests for memory, shorter runs
 *   npm run bench -- --no-write   # print only
 *
 * Servers listen on ports 3400–3402 with DATA_DIR under /tmp/bench-*; SESSION_SECRET is set so challenges can be
 * signed here. Every POST gets its own body (a fresh single-use challenge) and its own X-Forwarded-For address, so
 * the per-address limit (20 posts / 10 min) never refuses one — the server runs with TRUST_PROXY=loopback.
 */
import { generateTOTP } from '@epic-web/totp';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createChallenge } from '../app/domain/challenge';
import { DEMO_TOTP_SECRET } from '../app/seed/index';
import { firstVisit, totalBytes, transferTable } from './first-visit';
import { generate } from './generate';
import { clientAddress, startServerProcess } from '../tests/support/server-process';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
/** `--only growth`: only the growth of the staff pages, spliced into the existing docs/BENCHMARKS.md. */
const GROWTH_ONLY = args.includes('--only') && args[args.indexOf('--only') + 1] === 'growth';
const WRITE = !args.includes('--no-write');
const SECRET = 'bench-secret-' + 'x'.repeat(32);
const SIZES = QUICK ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
const MEMORY_REQUESTS = QUICK ? 10_000 : 100_000;
const WARM_UP_REQUESTS = 3_000;
const POSTS_PER_RUN = QUICK ? 1_500 : 4_000;
const GET_SECONDS = QUICK ? 5 : 10;
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

async function startServer(kind: 'app' | 'baseline', port: number, dataDir: string): Promise<Server> {
  const script = kind === 'app' ? 'server.ts' : 'bench/baseline-server.ts';
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

// (1)–(4), (6): everything but growth, skipped by `--only growth`.
if (!GROWTH_ONLY) {
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

// (5) growth of the staff pages.
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
  if (GROWTH_ONLY && previous.includes('## Growth')) {
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
