/**
 * Liveness and readiness (README "Health and faults"). `status`:
 * - `ok` (200): the database answers, a write could start now, the data folder's disk has room, the worker was
 *   heard from in the last three minutes;
 * - `degraded` (503): reads work but writes are refused with 503 — the write lock has been held by another process
 *   longer than the web server waits (`writeLock: "held"`), free disk is under DISK_FREE_MIN_MB (`disk.status: "low"`),
 *   or a write failed for a full disk or an I/O error in the last minute (`storage: "failing"`);
 * - `error` (503): the database does not answer or the worker is silent.
 * Fast: one `select 1`, one BEGIN IMMEDIATE waiting at most DB_BUSY_TIMEOUT_MS, one statfs.
 */
import { sql } from 'drizzle-orm';
import path from 'node:path';
import { probeWriteLock } from '../../db/client';
import { workerStatus } from '../models/heartbeat.server';
import { getConfig } from '../platform/config.server';
import { db } from '../platform/db.server';
import { freeDiskBytes, recentFaults } from './faults.server';

/** A disk-full or I/O error this recent still counts, even when statfs shows room (a quota, a freed temp file). */
const STORAGE_FAULT_WINDOW_MS = 60_000;

export type HealthStatus = 'ok' | 'degraded' | 'error';

export function healthReport(): { status: HealthStatus; body: Record<string, unknown> } {
  const config = getConfig();
  try {
    db().run(sql`select 1`);
  } catch {
    return { status: 'error', body: { status: 'error', database: 'unreachable', worker: 'unknown' } };
  }
  const writeLock = probeWriteLock(db(), config.dbBusyTimeoutMs);
  const known = [freeDiskBytes(config.dataDir), freeDiskBytes(path.dirname(config.databasePath))].filter((n) => n !== null);
  const freeBytes = known.length > 0 ? Math.min(...known) : null;
  const diskLow = freeBytes !== null && freeBytes < config.diskFreeMinBytes;
  const faults = recentFaults();
  const now = Date.now();
  const storageFailing = [faults.full, faults.io].some((at) => at !== null && now - at.getTime() < STORAGE_FAULT_WINDOW_MS);
  const worker = workerStatus(db());

  const status: HealthStatus = !worker.alive ? 'error' : writeLock === 'held' || diskLow || storageFailing ? 'degraded' : 'ok';
  return {
    status,
    body: {
      status,
      database: 'ok',
      writeLock,
      disk: { status: freeBytes === null ? 'unknown' : diskLow ? 'low' : 'ok', freeBytes, minFreeBytes: config.diskFreeMinBytes },
      storage: storageFailing ? 'failing' : 'ok',
      lastFaults: { busy: faults.busy?.toISOString() ?? null, full: faults.full?.toISOString() ?? null, io: faults.io?.toISOString() ?? null },
      worker: worker.alive ? 'alive' : 'silent',
      workerLastBeatAt: worker.lastBeatAt?.toISOString() ?? null,
    },
  };
}
