/**
 * What an action does to an item's fields (app/domain/workflow-effects.ts), without a database: the clocks the
 * figures are counted from, the assignee, the rating, the escalation level, the duplicate's mirror, and the message
 * a refusal becomes.
 */
import { describe, expect, it } from 'vitest';
import { decide, type TransitionInput, type WorkflowAction, type WorkflowActor } from '~/domain/workflow';
import {
  citizenRefusalMessage,
  effectsOf,
  mirrorEffectsOf,
  MUTABLE_ITEM_FIELDS,
  staffRefusalMessage,
  type EffectsItem,
  type EffectsReferences,
} from '~/domain/workflow-effects';

const SUBMITTED = new Date('2026-11-21T08:00:00Z');
const NOW = new Date('2026-11-23T09:30:00Z');
const officer = { role: 'province_officer' as const, provinceId: 'ir-09' };
const manager = { role: 'province_manager' as const, provinceId: 'ir-09' };
const citizen = { role: 'citizen' as const };
const agent = { role: 'call_center_agent' as const, provinceId: null };
const system = { role: 'system' as const };
const t = (key: string, values?: Record<string, string>) => (values ? `${key}:${JSON.stringify(values)}` : key);

function item(fields: Partial<EffectsItem> = {}): EffectsItem {
  return {
    id: 7,
    trackingCode: '100000000007',
    locale: 'fa',
    state: 'routed',
    ownerProvinceId: 'ir-09',
    version: 3,
    updatedAt: SUBMITTED,
    stateEnteredAt: SUBMITTED,
    firstRespondedAt: null,
    answeredAt: null,
    closedAt: null,
    assignedStaffId: 12,
    escalationLevel: 0,
    rating: null,
    ratingComment: null,
    redirectedOrgId: null,
    area: null,
    kind: 'complaint',
    duplicateOfItemId: null,
    priority: 'normal',
    firstResponseDueAt: null,
    answerDueAt: null,
    safeguarding: false,
    pausedAt: null,
    reopenedAt: null,
    ...fields,
  };
}

function apply(current: EffectsItem, action: WorkflowAction, actor: WorkflowActor, input: TransitionInput = {}, refs: Partial<EffectsReferences> = {}) {
  const decision = decide(current, action, actor, input, NOW);
  if (!decision.ok) throw new Error(`refused: ${decision.reason}`);
  return effectsOf(current, decision, actor, input, { t, ...refs }, NOW);
}

function applied(...args: Parameters<typeof apply>) {
  const result = apply(...args);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.effects;
}

describe('the fields an action sets', () => {
  it('returns every mutable field, with the version moved on and the time of the change', () => {
    const { fields } = applied(item(), 'accept', officer);
    expect(Object.keys(fields).sort()).toEqual([...MUTABLE_ITEM_FIELDS].sort());
    expect(fields).toMatchObject({ state: 'in_review', version: 4, updatedAt: NOW, stateEnteredAt: NOW });
  });

  it("stops the first-response clock at staff's first public word, once", () => {
    expect(applied(item(), 'accept', officer).fields.firstRespondedAt).toEqual(NOW);
    const earlier = new Date('2026-11-22T06:00:00Z');
    expect(applied(item({ state: 'in_review', firstRespondedAt: earlier }), 'reply', officer, { publicMessage: 'پیگیری می‌شود' }).fields.firstRespondedAt).toEqual(earlier);
  });

  it("never counts the citizen's own action, the system's, or an internal note as staff's first response", () => {
    expect(applied(item({ state: 'awaiting_citizen' }), 'citizen_reply', citizen, { publicMessage: 'نشانی' }).fields.firstRespondedAt).toBeNull();
    // An agent entering the caller's reply records the citizen's action, not a response.
    const byPhone = applied(item({ state: 'awaiting_citizen' }), 'citizen_reply', agent, { publicMessage: 'نشانی', via: 'phone' });
    expect(byPhone.fields.firstRespondedAt).toBeNull();
    expect(byPhone.actorType).toBe('citizen');
    expect(applied(item({ state: 'routed' }), 'note', officer, { internalNote: 'x' }).fields.firstRespondedAt).toBeNull();
    expect(applied(item({ state: 'answered' }), 'auto_close', system).fields.firstRespondedAt).toBeNull();
  });

  it('stamps the answer and the end, and keeps the state clock when the state stays', () => {
    const answered = applied(item({ state: 'in_review' }), 'answer', officer, { publicMessage: 'انجام شد' }).fields;
    expect(answered).toMatchObject({ state: 'answered', answeredAt: NOW, closedAt: null });
    for (const [action, input] of [['reject', { publicMessage: 'خارج از حوزه' }], ['redirect', { publicMessage: 'به تأمین اجتماعی', organizationId: 3 }]] as const) {
      const refs = { organization: { id: 3, active: true, nameFa: 'تأمین اجتماعی', nameEn: 'Social Security', phone: '1420', website: '' } };
      expect(applied(item({ state: 'in_review' }), action, officer, input, refs).fields.closedAt).toEqual(NOW);
    }
    const noted = applied(item({ state: 'in_review' }), 'note', officer, { internalNote: 'x' });
    expect(noted.fields.stateEnteredAt).toEqual(SUBMITTED);
    expect(noted.publicMessage).toBeNull();
  });

  it('drops the assignee on a transfer, and sets or clears it on an assignment by someone of the queue', () => {
    expect(applied(item(), 'transfer', officer, { targetOwnerProvinceId: 'ir-23', internalNote: 'مربوط به تهران' }).fields).toMatchObject({ ownerProvinceId: 'ir-23', assignedStaffId: null });
    expect(applied(item(), 'assign', manager, { assigneeStaffId: 15 }, { assignee: { id: 15, displayName: 'کارشناس' } })).toMatchObject({ fields: { assignedStaffId: 15 }, internalNote: '→ کارشناس' });
    expect(applied(item(), 'assign', manager, { assigneeStaffId: null }).fields.assignedStaffId).toBeNull();
    expect(apply(item(), 'assign', manager, { assigneeStaffId: 99 }, { assignee: null })).toEqual({ ok: false, reason: 'assignee_required' });
  });

  it('keeps the rating and its comment on a confirmation', () => {
    const confirmed = applied(item({ state: 'answered', answeredAt: SUBMITTED }), 'confirm', citizen, { rating: 4, publicMessage: ' ممنون ' });
    expect(confirmed.fields).toMatchObject({ state: 'closed', rating: 4, ratingComment: 'ممنون', closedAt: NOW });
  });

  it('raises the escalation level once per level, as an internal note', () => {
    expect(applied(item(), 'escalate', system, {}, { escalationLevel: 1 })).toMatchObject({ fields: { escalationLevel: 1, state: 'routed' }, internalNote: 'first_response_overdue', publicMessage: null });
    expect(apply(item({ escalationLevel: 1 }), 'escalate', system, {}, { escalationLevel: 1 })).toEqual({ ok: false, reason: 'not_allowed_in_state' });
    expect(applied(item({ escalationLevel: 1 }), 'escalate', system, {}, { escalationLevel: 2 }).internalNote).toBe('answer_overdue');
  });

  it('refuses what the action refers to when it does not hold', () => {
    const input = { publicMessage: 'x', organizationId: 3 };
    const inactive = { organization: { id: 3, active: false, nameFa: 'الف', nameEn: 'A', phone: '', website: '' } };
    expect(apply(item({ state: 'in_review' }), 'redirect', officer, input, inactive)).toEqual({ ok: false, reason: 'organization_required' });
    expect(apply(item(), 'classify', officer, { kind: 'complaint' })).toEqual({ ok: false, reason: 'classification_unchanged' });
    const original = { id: 8, trackingCode: '100000000008', ownerProvinceId: 'ir-23', state: 'in_review' as const, duplicateOfItemId: null };
    expect(apply(item(), 'mark_duplicate', officer, { originalItemId: 8 }, { original })).toEqual({ ok: false, reason: 'original_required' });
    expect(apply(item(), 'mark_duplicate', officer, { originalItemId: 8 }, { original: { ...original, ownerProvinceId: 'ir-09' }, itemHasDuplicates: true })).toEqual({
      ok: false,
      reason: 'original_required',
    });
    const marked = applied(item(), 'mark_duplicate', officer, { originalItemId: 8 }, { original: { ...original, ownerProvinceId: 'ir-09' } });
    expect(marked).toMatchObject({ fields: { duplicateOfItemId: 8 }, publicMessage: 'duplicates.notice', internalNote: '→ #8' });
  });

  it('words the redirection with the organisation the citizen is sent to', () => {
    const refs = { organization: { id: 3, active: true, nameFa: 'تأمین اجتماعی', nameEn: 'Social Security', phone: '', website: '' } };
    const redirected = applied(item({ state: 'in_review' }), 'redirect', officer, { publicMessage: 'به این سازمان مراجعه کنید', organizationId: 3 }, refs);
    expect(redirected.publicMessage).toBe('به این سازمان مراجعه کنید\n\nredirect.orgName:{"name":"تأمین اجتماعی"}');
    expect(redirected.fields.redirectedOrgId).toBe(3);
  });
});

describe("a duplicate following its original", () => {
  const duplicate = item({ id: 9, state: 'routed', version: 2, duplicateOfItemId: 7 });

  it("takes staff's state and owner, with the first response and the answer stamped", () => {
    const fields = mirrorEffectsOf(duplicate, { state: 'answered', ownerProvinceId: 'ir-09' }, false, NOW)!;
    expect(fields).toMatchObject({ state: 'answered', version: 3, answeredAt: NOW, firstRespondedAt: NOW, stateEnteredAt: NOW, closedAt: null });
  });

  it("closes when the original's citizen ends it, and ignores their actions while it is open", () => {
    expect(mirrorEffectsOf(duplicate, { state: 'closed', ownerProvinceId: 'ir-09' }, true, NOW)).toMatchObject({ state: 'closed', closedAt: NOW, firstRespondedAt: null });
    expect(mirrorEffectsOf(duplicate, { state: 'in_review', ownerProvinceId: 'ir-09' }, true, NOW)).toBeNull();
  });
});

describe('refusals as messages', () => {
  it("puts staff's refusals on the field to correct", () => {
    expect(staffRefusalMessage('public_message_required')).toEqual({ field: 'publicMessage', message: 'errors.message_required' });
    expect(staffRefusalMessage('same_owner')).toEqual({ field: 'targetOwner', message: 'itemPage.transferSameOwner' });
    expect(staffRefusalMessage('organization_required')).toEqual({ field: 'organization', message: 'redirect.orgRequired' });
    expect(staffRefusalMessage('original_required')).toEqual({ field: 'original', message: 'duplicates.originalInvalid' });
    expect(staffRefusalMessage('stale')).toEqual({ field: 'form', message: 'errors.stale' });
    expect(staffRefusalMessage('other_province')).toEqual({ field: 'form', message: 'errors.not_allowed' });
  });

  it('tells the citizen only what they can act on', () => {
    expect(citizenRefusalMessage('appeal_window_over')).toBe('errors.appeal_window_over');
    expect(citizenRefusalMessage('stale')).toBe('errors.stale');
    expect(citizenRefusalMessage('not_allowed_in_state')).toBe('errors.not_allowed');
    expect(citizenRefusalMessage('not_found')).toBe('errors.not_allowed');
  });
});
