/**
 * The staff item page's rules (issue 24): which action leads for the item's state, which actions ask for a second
 * step before they happen, and how an outbox row's state reads in the item's message log. Pure.
 */
import type { ItemState, WorkflowAction } from './workflow';

/**
 * The action the page offers first for each state, when the user may take it: accept a routed item, answer one in
 * review, decide an appeal. Other states have no obvious next step (the item waits for the citizen or is done).
 */
const PRIMARY_BY_STATE: Partial<Record<ItemState, readonly WorkflowAction[]>> = {
  routed: ['accept'],
  in_review: ['answer'],
  appealed: ['final_answer', 'reopen'],
  awaiting_citizen: ['note'],
};

export function primaryAction<A extends WorkflowAction>(state: ItemState, available: readonly A[]): A | null {
  for (const action of PRIMARY_BY_STATE[state] ?? []) if ((available as readonly WorkflowAction[]).includes(action)) return action as A;
  return null;
}

/**
 * Actions that cannot be taken back and tell the citizen something final: they ask "are you sure?" with the exact
 * message first, and happen only when posted again with `confirm=1`. `answer` is here too: it ends staff's work on
 * the item and only the citizen can reopen it (by an appeal).
 */
export const CONFIRMED_ACTIONS = ['answer', 'reject', 'redirect', 'mark_duplicate', 'final_answer'] as const satisfies readonly WorkflowAction[];

export function needsConfirmation(action: WorkflowAction): boolean {
  return (CONFIRMED_ACTIONS as readonly WorkflowAction[]).includes(action);
}

/** Actions that end or divert the item against the citizen's wish: drawn as a warning, never as the solid button. */
export const CAUTION_ACTIONS = ['reject', 'redirect', 'mark_duplicate'] as const satisfies readonly WorkflowAction[];

export function isCautionAction(action: WorkflowAction): boolean {
  return (CAUTION_ACTIONS as readonly WorkflowAction[]).includes(action);
}

/** An outbox row's delivery state as the message log names it. */
export type DeliveryState = 'queued' | 'sent' | 'retrying' | 'given_up' | 'skipped';

export function deliveryState(row: { status: 'pending' | 'sent' | 'dead' | 'skipped'; attempts: number }): DeliveryState {
  switch (row.status) {
    case 'sent':
      return 'sent';
    case 'dead':
      return 'given_up';
    case 'skipped':
      return 'skipped';
    default:
      return row.attempts > 0 ? 'retrying' : 'queued';
  }
}

/** The channels a message to the citizen goes out on: SMS to a mobile given, e-mail to an address given (outbox). */
export type CitizenChannel = 'sms' | 'email';

export function citizenChannels(contact: { mobile: string | null; email: string | null }): CitizenChannel[] {
  return [...(contact.mobile ? (['sms'] as const) : []), ...(contact.email ? (['email'] as const) : [])];
}

/**
 * The confirmation's line above the message names only the channels it will really go out on, and says plainly when
 * it reaches nobody but the tracking page (outside review, round 8: "SMS and e-mail" was shown with no e-mail given).
 */
export function confirmMessageKey(channels: readonly CitizenChannel[]): string {
  if (channels.includes('sms') && channels.includes('email')) return 'itemPage.confirmMessage';
  if (channels.includes('sms')) return 'itemPage.confirmMessageSms';
  if (channels.includes('email')) return 'itemPage.confirmMessageEmail';
  return 'itemPage.confirmMessageNone';
}
