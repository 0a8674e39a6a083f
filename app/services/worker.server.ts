/**
 * The background work of the workflow: notification delivery (every few seconds, and right after a request queued
 * a message), the sweeps (auto-close and escalation, every minute) and the staff's daily digest (checked with the
 * sweeps; queued once a Tehran day, from the morning hour). The server starts it; `npm run worker` runs
 * the same loop on its own. Tests that import routes never start it, so nothing runs behind a test's back.
 */
import { db } from '../platform/db.server';
import { recordHeartbeat } from '../models/heartbeat.server';
import { deliverOnce, startDelivery, stopDelivery } from './delivery.server';
import { asFault } from './faults.server';
import { transportFromConfig } from './notify.server';
import { runSweeps } from './workflow.server';
import { queueDigests } from './digest.server';
import { digestDayDue } from '../domain/digest';

const timers: NodeJS.Timeout[] = [];

export interface WorkerOptions {
  deliveryIntervalMs?: number;
  sweepIntervalMs?: number;
}

export function startWorker({ deliveryIntervalMs = 5_000, sweepIntervalMs = 60_000 }: WorkerOptions = {}) {
  startDelivery(transportFromConfig());
  timers.push(setInterval(() => void deliverOnce(), deliveryIntervalMs), setInterval(sweepOnce, sweepIntervalMs));
  sweepOnce();
  void deliverOnce();
}

export function stopWorker() {
  for (const timer of timers.splice(0)) clearInterval(timer);
  stopDelivery();
}

export function sweepOnce() {
  try {
    recordHeartbeat(db());
    runSweeps(db());
  } catch (error) {
    // The database locked or the disk full: the next round tries again; noted for /healthz, logged once a minute.
    if (!asFault(error)) console.error('[worker] sweep failed:', error instanceof Error ? error.message : error);
  }
  digestOnce();
}

/** The day whose digests this process has queued: the rows' keys make a second round harmless, this makes it free. */
let digestsQueuedFor: string | null = null;

export function digestOnce(now: Date = new Date()) {
  const day = digestDayDue(now);
  if (!day || day === digestsQueuedFor) return;
  try {
    queueDigests(db(), now);
    digestsQueuedFor = day;
  } catch (error) {
    // The database locked or the disk full: the next round tries again; noted for /healthz, logged once a minute.
    if (!asFault(error)) console.error('[worker] digest failed:', error instanceof Error ? error.message : error);
  }
}
