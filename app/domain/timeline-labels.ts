/**
 * Whose words a public message in an item's history is, for the label a screen reader hears before it: the citizen's
 * own (their submission, reply, confirmation comment or appeal) must never be announced as staff's "answer".
 */
export type PublicMessageKind = 'citizen' | 'question' | 'answer' | 'explanation';

const CITIZEN_ACTIONS = new Set(['submit', 'citizen_reply', 'confirm', 'appeal', 'citizen_reopen']);
const ANSWERS = new Set(['reply', 'answer', 'final_answer']);

export function publicMessageKind(action: string): PublicMessageKind {
  if (CITIZEN_ACTIONS.has(action)) return 'citizen';
  if (action === 'ask_citizen') return 'question';
  if (ANSWERS.has(action)) return 'answer';
  // Redirect, reject, transfer, reopen, duplicates: staff's reason, not an answer to the item.
  return 'explanation';
}
