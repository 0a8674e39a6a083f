/**
 * Delivery of queued messages in this process: one round at a time, right after a write queued a message (the
 * workflow door asks, `kickDelivery`) and on the worker's timer. Kept apart from the worker so that the door, which
 * the worker's sweeps call, and the worker both stand on it without importing each other.
 */
import { db } from '../platform/db.server';
import { recordHeartbeat } from '../models/heartbeat.server';
import { asFault } from './faults.server';
import { deliverDueMessages, type NotificationTransport } from './notify.server';

let transport: NotificationTransport | undefined;
let delivering = false;
/** How many times delivery was asked for in this process (tests check the door asks once per write). */
let kicks = 0;

/** Deliveries go out through `to` from now on (the worker starts it); without it, asking for delivery does nothing. */
export function startDelivery(to: NotificationTransport) {
  transport = to;
}

export function stopDelivery() {
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
