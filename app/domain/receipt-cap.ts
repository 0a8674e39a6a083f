/**
 * How many submission receipts one recipient may be sent (docs/DESIGN.md §7). Anyone can type any mobile or e-mail
 * into the public form or the API, and the arithmetic question is solvable by a script, so without a cap a few
 * addresses could make the portal text one stranger's phone hundreds of times (SMS pumping, at our cost and their
 * annoyance). The item is always kept; only the receipt beyond the cap is not sent (staff see it as `skipped`).
 */
import type { Channel } from './workflow';

/**
 * Messages one mobile or e-mail address may have been sent in RECEIPT_WINDOW_MS (receipts and staff's answers alike:
 * a pumped phone does not care which) after which a new web or API submission's receipt is skipped. Three covers a
 * family sending a few items from one phone on a bad day; the sent page shows the tracking code anyway, so a missed
 * receipt costs the real submitter little. Staff's answers are never skipped.
 */
export const RECEIPTS_PER_RECIPIENT = 3;
export const RECEIPT_WINDOW_MS = 24 * 60 * 60_000;

/**
 * Channels whose contact data nobody confirmed: the web form and the API. A text that came in by SMS proves the
 * number, and staff who enter an item by phone or at the counter heard the person; those receipts are not capped.
 */
export function receiptIsCapped(channel: Channel): boolean {
  return channel === 'web' || channel === 'api';
}

/** Whether a new receipt to a recipient already sent `sentInWindow` receipts in the window is skipped. */
export function receiptOverCap(sentInWindow: number): boolean {
  return sentInWindow >= RECEIPTS_PER_RECIPIENT;
}
