/**
 * Staff notifications (issue 24): the daily digest, queued by the worker's timer once the Tehran morning has come
 * (app/models/digest.server.ts writes the rows; one per user and day), then delivered like any other message.
 *
 * Hook for the urgent-items issue: "at once for urgent items" belongs there. When an item is marked urgent, that
 * change goes through the workflow door, and its effects can queue a staff e-mail in the same transaction (as
 * `queueEscalation` does for an overdue item), to the same recipients as `digestRecipients`, with the same rule:
 * codes and links only, nothing personal in the subject.
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
