/**
 * Staff notifications (issue 24): the daily digest, queued by the worker's timer once the Tehran morning has come
 * (app/models/digest.server.ts writes the rows; one per user and day), then delivered like any other message.
 *
 * Urgent items (issue 23) are not left to the digest: the moment an item becomes urgent (filed urgent, or raised), the
 * workflow door queues an e-mail and an SMS to the province's staff and the national supervisors in the same
 * transaction (`queueUrgentAlert` in app/models/item-writes.server.ts), item number and link only.
 */
import type { AppDatabase } from '../../db/client';
import { queueDailyDigests } from '../models/digest.server';
import { withDelivery } from './workflow.server';

/** Queues today's digests that are due and not yet queued; delivery is asked for once when any was. */
export function queueDigests(db: AppDatabase, now: Date = new Date()): number {
  return withDelivery(
    () => queueDailyDigests(db, now),
    (queued) => queued > 0,
  );
}
