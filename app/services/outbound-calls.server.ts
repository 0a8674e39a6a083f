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
import { seesSafeguarding } from '../domain/workflow';
import { refusalMessage, transition } from './workflow.server';

/**
 * Province staff see their province's calls (the items it owns); the call centre and national supervisors every one.
 * A safeguarding item is on the list only of those who see it (its province's manager, national supervisors).
 */
export function callScopeOf(user: Pick<StaffUser, 'role' | 'provinceId'>): CallScope {
  return {
    provinceId: user.role === 'province_officer' || user.role === 'province_manager' ? user.provinceId ?? '' : null,
    hidesSafeguarding: !seesSafeguarding(user.role),
  };
}

export function outboundCallList(user: Pick<StaffUser, 'role' | 'provinceId'>, now: Date = new Date()) {
  return dueCalls(db(), callScopeOf(user), now);
}

export type OutcomeResult = { ok: true; notice: string } | { ok: false; status: number; errors: FieldErrors };

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

  // A rating for an answered item confirms it; for an item closed without the citizen's word it is `rate` (once).
  const action = form.outcome === 'appeal_made' ? 'appeal' : call.state === 'closed' ? 'rate' : 'confirm';
  const result = transition(db(), call.itemId, action, actor, {
    rating: action === 'appeal' ? null : form.rating,
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
