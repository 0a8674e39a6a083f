/**
 * Runs notification delivery inside the server: a sweep every few seconds, and one right after a request queued
 * something so a demo shows the message at once. Only started by the server process (not by tests that import
 * routes), so nothing runs behind a test's back.
 */
import { db } from '../db.server';
import { deliverDueMessages } from '../models/outbox.server';
import { transportFromConfig, type NotificationTransport } from './notify.server';

let transport: NotificationTransport | undefined;
let running = false;
let timer: NodeJS.Timeout | undefined;

export function startDeliveryWorker(intervalMs = 5_000) {
  transport = transportFromConfig();
  timer = setInterval(() => void runOnce(), intervalMs);
  timer.unref();
  void runOnce();
}

export function stopDeliveryWorker() {
  if (timer) clearInterval(timer);
  timer = undefined;
  transport = undefined;
}

/** Ask for a delivery sweep soon (no-op when the worker is not running). */
export function kickDelivery() {
  if (transport) setImmediate(() => void runOnce());
}

async function runOnce() {
  if (!transport || running) return;
  running = true;
  try {
    await deliverDueMessages(db(), transport);
  } catch (error) {
    console.error('[outbox] delivery sweep failed:', error instanceof Error ? error.message : error);
  } finally {
    running = false;
  }
}
