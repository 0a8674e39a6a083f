import { describe, expect, it } from 'vitest';
import {
  availableActions,
  decide,
  ITEM_STATES,
  routeItem,
  TERMINAL_STATES,
  TRANSITIONS,
  type ActorRole,
  type WorkflowAction,
} from '~/domain/workflow';

const officer = { role: 'province_officer' as const, provinceId: 'ir-09' };
const otherOfficer = { role: 'province_officer' as const, provinceId: 'ir-23' };
const national = { role: 'national_supervisor' as const, provinceId: null };
const citizen = { role: 'citizen' as const };

describe('routing', () => {
  it("goes to the centre's province, else the chosen province, else the national queue", () => {
    expect(routeItem('ir-09', 'ir-23')).toBe('ir-09');
    expect(routeItem(null, 'ir-23')).toBe('ir-23');
    expect(routeItem(null, null)).toBeNull();
  });
});

describe('the slice: accept then answer', () => {
  it('lets the owning province accept a routed item and answer it', () => {
    const accepted = decide({ state: 'routed', ownerProvinceId: 'ir-09' }, 'accept', officer);
    expect(accepted).toMatchObject({ ok: true, to: 'in_review', isPublic: true });
    const answered = decide({ state: 'in_review', ownerProvinceId: 'ir-09' }, 'answer', officer, { publicMessage: 'پاسخ' });
    expect(answered).toMatchObject({ ok: true, to: 'answered' });
  });

  it("refuses another province's officer", () => {
    expect(decide({ state: 'routed', ownerProvinceId: 'ir-09' }, 'accept', otherOfficer)).toEqual({ ok: false, reason: 'other_province' });
  });

  it('requires a public message for an answer', () => {
    expect(decide({ state: 'in_review', ownerProvinceId: 'ir-09' }, 'answer', officer, { publicMessage: '   ' })).toEqual({
      ok: false,
      reason: 'public_message_required',
    });
  });
});

describe('guards', () => {
  it('lets a national supervisor act on any province and on the national queue', () => {
    expect(decide({ state: 'routed', ownerProvinceId: 'ir-09' }, 'accept', national).ok).toBe(true);
    expect(decide({ state: 'routed', ownerProvinceId: null }, 'accept', national).ok).toBe(true);
    expect(decide({ state: 'routed', ownerProvinceId: null }, 'accept', officer)).toEqual({ ok: false, reason: 'other_province' });
  });

  it('needs a target and a reason to transfer, and moves the owner', () => {
    const item = { state: 'in_review' as const, ownerProvinceId: 'ir-09' };
    expect(decide(item, 'transfer', officer, { internalNote: 'مربوط به تهران' })).toEqual({ ok: false, reason: 'target_required' });
    expect(decide(item, 'transfer', officer, { targetOwnerProvinceId: 'ir-23' })).toEqual({ ok: false, reason: 'internal_note_required' });
    expect(decide(item, 'transfer', officer, { targetOwnerProvinceId: 'ir-09', internalNote: 'x' })).toEqual({ ok: false, reason: 'same_owner' });
    expect(decide(item, 'transfer', officer, { targetOwnerProvinceId: 'ir-23', internalNote: 'x' })).toMatchObject({
      ok: true,
      to: 'routed',
      ownerProvinceId: 'ir-23',
    });
  });

  it('allows an appeal only within the window after the answer', () => {
    const answeredAt = new Date('2026-11-01T10:00:00Z');
    const item = { state: 'answered' as const, ownerProvinceId: 'ir-09', answeredAt };
    expect(decide(item, 'appeal', citizen, { publicMessage: 'قانع نشدم' }, new Date('2026-11-05T10:00:00Z')).ok).toBe(true);
    expect(decide(item, 'appeal', citizen, { publicMessage: 'قانع نشدم' }, new Date('2026-11-09T10:00:00Z'))).toEqual({
      ok: false,
      reason: 'appeal_window_over',
    });
  });

  it('asks a redirection for its organisation, a classification for a change, a duplicate for its original', () => {
    const item = { state: 'in_review' as const, ownerProvinceId: 'ir-09' };
    expect(decide(item, 'redirect', officer, { publicMessage: 'به تأمین اجتماعی مراجعه کنید' })).toEqual({ ok: false, reason: 'organization_required' });
    expect(decide(item, 'redirect', officer, { publicMessage: 'به تأمین اجتماعی مراجعه کنید', organizationId: 1 })).toMatchObject({ ok: true, to: 'redirected', isPublic: true });
    expect(decide(item, 'classify', officer, {})).toEqual({ ok: false, reason: 'classification_unchanged' });
    expect(decide(item, 'classify', officer, { area: null })).toMatchObject({ ok: true, to: 'in_review', isPublic: false });
    expect(decide(item, 'mark_duplicate', officer, {})).toEqual({ ok: false, reason: 'original_required' });
    expect(decide(item, 'mark_duplicate', officer, { originalItemId: 5 })).toMatchObject({ ok: true, to: 'in_review', isPublic: true });
    // Closing with the original is the workflow's own move, never offered to staff.
    expect(decide(item, 'close_with_original', officer, {})).toEqual({ ok: false, reason: 'role_not_allowed' });
  });

  it('keeps internal notes out of the public record', () => {
    expect(decide({ state: 'in_review', ownerProvinceId: 'ir-09' }, 'note', officer, { internalNote: 'x' })).toMatchObject({ ok: true, isPublic: false, to: 'in_review' });
  });
});

describe('the transition matrix', () => {
  const roles: ActorRole[] = ['citizen', 'system', 'call_center_agent', 'province_officer', 'province_manager', 'national_supervisor', 'admin'];
  const actions = Object.keys(TRANSITIONS) as WorkflowAction[];
  const fullInput = { publicMessage: 'متن', internalNote: 'یادداشت', targetOwnerProvinceId: 'ir-23', assigneeStaffId: 7, organizationId: 1, kind: 'complaint' as const, originalItemId: 2, priority: 'urgent' as const, safeguarding: true };

  it('never lets anything leave a terminal state (only the citizen side rates a closed item, which stays closed)', () => {
    for (const state of TERMINAL_STATES) {
      for (const action of actions) {
        for (const role of roles) {
          const decision = decide({ state, ownerProvinceId: 'ir-09', answeredAt: new Date() }, action, { role, provinceId: 'ir-09' }, fullInput);
          // Issue 22: a rating after an auto-close (`rate`) is recorded without changing the state.
          const allowed = action === 'rate' && state === 'closed' && (role === 'citizen' || role === 'call_center_agent');
          expect(decision.ok, `${state} × ${action} × ${role}`).toBe(allowed);
          if (decision.ok) expect(decision.to).toBe(state);
        }
      }
    }
  });

  it('lets only managers and national supervisors assign, and only with someone (or nobody) named', () => {
    const item = { state: 'in_review' as const, ownerProvinceId: 'ir-09' };
    expect(decide(item, 'assign', { role: 'province_manager', provinceId: 'ir-09' }, {})).toEqual({ ok: false, reason: 'assignee_required' });
    expect(decide(item, 'assign', { role: 'province_manager', provinceId: 'ir-09' }, { assigneeStaffId: null }).ok).toBe(true);
    expect(decide(item, 'assign', { role: 'province_officer', provinceId: 'ir-09' }, { assigneeStaffId: 7 })).toEqual({ ok: false, reason: 'role_not_allowed' });
    expect(decide(item, 'assign', { role: 'province_manager', provinceId: 'ir-23' }, { assigneeStaffId: 7 })).toEqual({ ok: false, reason: 'other_province' });
    const assign = decide(item, 'assign', { role: 'national_supervisor' }, { assigneeStaffId: 7 });
    expect(assign).toMatchObject({ ok: true, to: 'in_review', isPublic: false });
  });

  it('gives admins no action on items', () => {
    for (const state of ITEM_STATES) {
      expect(availableActions({ state, ownerProvinceId: 'ir-09', answeredAt: new Date() }, { role: 'admin', provinceId: null })).toEqual([]);
    }
  });

  it('answers every state × action × role × province with a decision, and every refusal with its reason', () => {
    const staffRoles = new Set<ActorRole>(['province_officer', 'province_manager']);
    let checked = 0;
    for (const state of ITEM_STATES) {
      for (const action of actions) {
        for (const role of roles) {
          for (const actorProvince of ['ir-09', 'ir-23']) {
            const rule = TRANSITIONS[action];
            const decision = decide({ state, ownerProvinceId: 'ir-09', answeredAt: new Date(), closedAt: new Date() }, action, { role, provinceId: actorProvince }, fullInput);
            const fromOk = rule.from === 'any_open' ? !TERMINAL_STATES.includes(state) : rule.from.includes(state);
            const label = `${state} × ${action} × ${role} of ${actorProvince}`;
            if (!fromOk) expect(decision, label).toEqual({ ok: false, reason: 'not_allowed_in_state' });
            else if (!rule.roles.includes(role)) expect(decision, label).toEqual({ ok: false, reason: 'role_not_allowed' });
            else if (rule.provinceScoped && staffRoles.has(role) && actorProvince !== 'ir-09') expect(decision, label).toEqual({ ok: false, reason: 'other_province' });
            else expect(decision.ok, label).toBe(true);
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(ITEM_STATES.length * actions.length * roles.length * 2);
  });
});
