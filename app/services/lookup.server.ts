/**
 * The citizen's tracking look-up under the failure limits of app/domain/lookup-guard.ts: counts failures per address
 * and per code, asks the arithmetic question when they say so (single use, as on the submission form), and refuses
 * only floods and a code under attack.
 */
import { getConfig } from '../platform/config.server';
import { db } from '../platform/db.server';
import { CHALLENGE_ERRORS, createChallenge, verifyChallenge, type Challenge } from '../domain/challenge';
import { lookupGate, type LookupGate } from '../domain/lookup-guard';
import { useChallenge } from '../models/challenges.server';
import { findForCitizen, type ItemRow } from '../models/items.server';
import { limits } from './rate-limit.server';

const codeKey = (code: string) => `code:${code}`;

/** The gate for a look-up from `client` of `code` (null: not yet known, e.g. when showing the empty form). */
export function currentGate(client: string | null, code: string | null): { gate: LookupGate; retryAfterSeconds: number } {
  const address = client ? limits.trackingFailures.peek(client) : null;
  const perCode = code ? limits.trackingCodeFailures.peek(codeKey(code)) : null;
  const gate = lookupGate({ address: address?.count ?? 0, code: perCode?.count ?? 0 });
  const retryAfterSeconds = gate === 'address_blocked' ? address!.retryAfterSeconds : gate === 'code_locked' ? perCode!.retryAfterSeconds : 0;
  return { gate, retryAfterSeconds };
}

/** A fresh question when the next look-up from this address (of this code) will have to answer one. */
export function questionFor(client: string | null, code: string | null): Challenge | null {
  return currentGate(client, code).gate === 'question' ? createChallenge(getConfig().sessionSecret) : null;
}

export type LookupResult =
  | { ok: true; item: ItemRow }
  | { ok: false; status: 400 | 404 | 429; errors: Record<string, string>; retryAfterSeconds?: number };

export function lookUp(client: string | null, code: string, mobile: string | null, answer: { challenge?: string; challengeAnswer?: string }): LookupResult {
  const { gate, retryAfterSeconds } = currentGate(client, code);
  // Refused before the item is read: the answer must not depend on whether the code or the mobile was right.
  if (gate === 'address_blocked') return { ok: false, status: 429, errors: { form: 'track.rateLimited' }, retryAfterSeconds };
  if (gate === 'code_locked') return { ok: false, status: 429, errors: { form: 'track.codeLocked' }, retryAfterSeconds };
  if (gate === 'question') {
    // A missing, wrong or replayed answer is refused without counting a failure of the code: no mobile was tested, so
    // someone who merely knows a code must not be able to push it to its lock (and lock out its owner) this way.
    const check = verifyChallenge(answer.challenge, answer.challengeAnswer, getConfig().sessionSecret);
    if (!check.ok) return { ok: false, status: 400, errors: { challengeAnswer: CHALLENGE_ERRORS[check.reason] } };
    // A replayed answer is an old question: ask the new one.
    if (!useChallenge(db(), check.nonce, check.expiresAt)) return { ok: false, status: 400, errors: { challengeAnswer: 'errors.challenge_expired' } };
  }
  const found = findForCitizen(db(), code, mobile);
  if (!found.item) {
    if (client) limits.trackingFailures.hit(client);
    limits.trackingCodeFailures.hit(codeKey(code));
    // An item whose contact data was erased answers as an unknown code does: saying "erased" would tell anyone with a
    // code that it existed, was not anonymous and closed long ago. The message itself says where such an item is followed.
    return { ok: false, status: 404, errors: { form: 'track.notFound' } };
  }
  return { ok: true, item: found.item };
}
