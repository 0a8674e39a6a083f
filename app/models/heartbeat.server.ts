/** The background worker's sign of life, kept in the database so /healthz sees a worker in another process too. */
import { eq } from 'drizzle-orm';
import type { AppDatabase } from '../../db/client';
import { workerHeartbeats } from '../../db/schema';

export const WORKER = 'worker';
/** Sweeps run every minute and deliveries every few seconds: three silent minutes mean the worker is gone. */
export const WORKER_SILENCE_LIMIT_MS = 3 * 60_000;

export function recordHeartbeat(db: AppDatabase, name: string = WORKER, now: Date = new Date()) {
  db.insert(workerHeartbeats).values({ name, beatAt: now }).onConflictDoUpdate({ target: workerHeartbeats.name, set: { beatAt: now } }).run();
}

export function workerStatus(db: AppDatabase, now: Date = new Date()): { alive: boolean; lastBeatAt: Date | null } {
  const row = db.select().from(workerHeartbeats).where(eq(workerHeartbeats.name, WORKER)).get();
  const lastBeatAt = row?.beatAt ?? null;
  return { alive: lastBeatAt !== null && now.getTime() - lastBeatAt.getTime() <= WORKER_SILENCE_LIMIT_MS, lastBeatAt };
}
