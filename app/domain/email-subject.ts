/** The subject line of an e-mail the portal sends (pure: app/services/notify.server.ts names it on delivery). */
import { isDigestKey } from './digest';

/**
 * The fixed subject of an e-mail (no code, name or words of a citizen): by what the message is, told apart by its
 * idempotency key (an urgent item was announced as "overdue" before; outside review, round 9).
 */
export function emailSubjectKey(row: { idempotencyKey: string; audience: string }): string {
  if (isDigestKey(row.idempotencyKey)) return 'digest.subject';
  if (row.audience !== 'staff') return 'notify.subject';
  if (/^event-\d+-urgent-/.test(row.idempotencyKey)) return 'urgent.notify.subject';
  if (/^event-\d+-reopen-/.test(row.idempotencyKey)) return 'fairClock.notify.subject';
  return 'notify.staffSubject';
}
