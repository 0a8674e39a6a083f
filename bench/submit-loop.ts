/**
 * One submission, timed in a loop (docs/BENCHMARKS.md: "`submitItem` alone is ~2 ms"): a fresh temporary database,
 * migrated and seeded with the reference data, then N web-form submissions through the workflow door, one at a time.
 * Prints the mean, median and 95th percentile wall time per submission, and the CPU time per submission (steadier
 * than wall time on a shared machine).
 *
 *   npx tsx bench/submit-loop.ts [count=2000]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrateDatabase, openDatabase } from '../db/client';
import { feedbackSchema } from '../app/domain/feedback-schema';
import { prepareDatabase } from '../app/seed/index';
import { submitItem } from '../app/services/workflow.server';

const count = Number(process.argv[2] ?? 2000);
// /dev/shm when there is one: the figure is the CPU's work, not the shared disk's fsync (synchronous=FULL).
const dir = mkdtempSync(path.join(process.env.BENCH_DIR ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir()), 'didehban-submit-loop-'));
try {
  const db = openDatabase(path.join(dir, 'bench.sqlite'));
  migrateDatabase(db);
  await prepareDatabase(db, { demoData: false });
  const form = feedbackSchema.parse({
    kind: 'complaint',
    provinceId: 'ir-09',
    body: 'بازدید منزل که قرار بود برای پدر سالمندم انجام شود سه هفته است انجام نشده است.',
    mobile: '09121234567',
    consent: 'on',
  });
  const submit = () => submitItem(db, form, { channel: 'web', locale: 'fa', actor: { role: 'citizen' } });
  for (let i = 0; i < 200; i++) submit(); // warm-up: JIT, statements, pages
  const times: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    submit();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const cpu = process.cpuUsage(cpuBefore);
  times.sort((a, b) => a - b);
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  console.log(`${count} submissions: mean ${mean.toFixed(3)} ms, median ${times[times.length >> 1]!.toFixed(3)} ms, p95 ${times[Math.floor(times.length * 0.95)]!.toFixed(3)} ms; CPU ${((cpu.user + cpu.system) / 1000 / count).toFixed(3)} ms each`);
  db.$client.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
