/**
 * The background work of the workflow: notification delivery (every few seconds, and right after a request queued
 * a message) and the sweeps (auto-close and escalation, every minute). The server starts it; `npm run worker` runs
 * the same loop on its own. Tests that import routes never start it, so nothing runs behind a test's back.
 */
import { db } from '../platform/db.server';
import { recordHeartbeat } from '../models/heartbeat.server';
import { asFault } from './faults.server';
import { deliverDueMessages, transportFromConfig, type NotificationTransport } from './notify.server';
import { runSweeps } from './workflow.server';

let transport: NotificationTransport | undefined;
let delivering = false;
/** How many times delivery was asked for in this process (tests check the door asks once per write). */
let kicks = 0;
const timers: NodeJS.Timeout[] = [];

export interface WorkerOptions {
  deliveryIntervalMs?: number;
  sweepIntervalMs?: number;
}

export function startWorker({ deliveryIntervalMs = 5_000, sweepIntervalMs = 60_000 }: WorkerOptions = {}) {
  transport = transportFromConfig();
  timers.push(setInterval(() => void deliverOnce(), deliveryIntervalMs), setInterval(sweepOnce, sweepIntervalMs));
  sweepOnce();
  void deliverOnce();
}

export function stopWorker() {
  for (const timer of timers.splice(0)) clearInterval(timer);
  transport = undefined;
}

/**
 * Ask for a delivery round soon (no-op when the worker is not running in this process). Only the workflow door
 * (workflow.server.ts) calls it, once after each write that queued messages.
 */
export function kickDelivery() {
  kicks++;
  if (transport) setImmediate(() => void deliverOnce());
}

export function deliveryKickCount(): number {
  return kicks;
}

export function sweepOnce() {
  try {
    recordHeartbeat(db());
    runSweeps(db());
  } catch (error) {
    // The database locked or the disk full: the next round tries again; noted for /healthz, logged once a minute.
    if (!asFault(error)) console.error('[worker] sweep failed:', error instanceof Error ? error.message : error);
  }
}

export async function deliverOnce() {
  if (!transport || delivering) return;
  delivering = true;
  try {
    recordHeartbeat(db());
    await deliverDueMessages(db(), transport);
  } catch (error) {
    if (!asFault(error)) console.error('[worker] delivery failed:', error instanceof Error ? error.message : error);
  } finally {
    delivering = false;
  }
}
