/**
 * The outbound call list (issue 22, `/staff/calls/outbound`): who may see it and whose calls, and recording a call's
 * outcome. A rating or an appeal said on the call is the citizen's own action entered by phone: it goes through the
 * workflow's door (`confirm` / `appeal`, `via: 'phone'`, the item's version as the agent saw it), exactly as on
 * /staff/calls; the call leaves the list only when the door took it.
 */
import { db } from '../platform/db.server';
import type { CallOutcomeForm } from '../domain/carers';
import type { FieldErrors } from '../domain/forms';
import { dueCalls, recordCallOutcome, type CallScope } from '../models/outbound-calls.server';
import type { StaffUser } from '../models/staff.server';
import { refusalMessage, transition } from './workflow.server';

/** Province staff see their province's calls (the items it owns); the call centre and national supervisors every one. */
export function callScopeOf(user: Pick<StaffUser, 'role' | 'provinceId'>): CallScope {
  return { provinceId: user.role === 'province_officer' || user.role === 'province_manager' ? user.provinceId ?? '' : null };
}

export function outboundCallList(user: Pick<StaffUser, 'role' | 'provinceId'>, now: Date = new Date()) {
  return dueCalls(db(), callScopeOf(user), now);
}

export type OutcomeResult = { ok: true; notice: string } | { ok: false; status: number; errors: FieldErrors };

/**
 * Rating a closed item (issue 22 + the SMS part's `rate` action, built on another branch). THE ONE PLACE where `rate`
 * will be called: until the action exists this refuses politely, and the caller keeps the rating with the call.
 * At merge: `return transition(db(), itemId, 'rate', actor, { rating, publicMessage, expectedVersion, via: 'phone' })`.
 */
export function rateClosedItem(_itemId: number, _rating: number, _actor: { role: StaffUser['role']; provinceId: string | null; staffId: number }, _expectedVersion: number): { ok: false; reason: 'rate_unavailable' } {
  return { ok: false, reason: 'rate_unavailable' };
}

export function recordOutcome(user: Pick<StaffUser, 'id' | 'role' | 'provinceId'>, form: CallOutcomeForm, now: Date = new Date()): OutcomeResult {
  // Only a call that is on this user's list now: a forged or another province's item, a call already done, is "not on the list".
  const call = dueCalls(db(), callScopeOf(user), now, form.itemId).find((c) => c.reason === form.reason && c.dueKey === form.dueKey);
  if (!call) return { ok: false, status: 404, errors: { form: 'carers.errors.notOnList' } };
  if (call.version !== form.version) return { ok: false, status: 409, errors: { form: 'errors.stale' } };
  const actor = { role: user.role, provinceId: user.provinceId, staffId: user.id };
  const done = (notice = `carers.outbound.done.${form.outcome}`) => {
    recordCallOutcome(db(), { itemId: call.itemId, reason: call.reason, dueKey: call.dueKey, outcome: form.outcome, rating: form.rating, staffId: user.id }, now);
    return { ok: true, notice } as const;
  };

  if (form.outcome === 'reached' || form.outcome === 'no_answer') return done();

  if (form.outcome === 'rating_given' && call.state === 'closed') {
    const rated = rateClosedItem(call.itemId, form.rating!, actor, form.version);
    // Refused today (no `rate` yet): the rating is kept with the call, nothing is lost, and the agent is told.
    return done(rated.ok ? undefined : 'carers.outbound.rateUnavailable');
  }

  const action = form.outcome === 'rating_given' ? 'confirm' : 'appeal';
  const result = transition(db(), call.itemId, action, actor, {
    rating: action === 'confirm' ? form.rating : null,
    publicMessage: form.message || null,
    expectedVersion: form.version,
    via: 'phone',
  });
  if (!result.ok) {
    const { message } = refusalMessage(action, actor, result.reason);
    return { ok: false, status: result.reason === 'stale' ? 409 : 400, errors: { form: message } };
  }
  return done();
}
