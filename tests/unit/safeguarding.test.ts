/**
 * The safeguarding rule (issue 23) as pure functions: who reaches a safeguarding item, who may mark and who may lift
 * the mark, and the urgent figures under the small-number rule.
 */
import { describe, expect, it } from 'vitest';
import { publicUrgentFigures, urgentFigures } from '~/domain/figures';
import { availableActions, canReachItem, decide, seesSafeguarding, STAFF_ROLES } from '~/domain/workflow';

const item = (safeguarding: boolean) => ({ state: 'in_review' as const, ownerProvinceId: 'ir-09', safeguarding });

describe('safeguarding reach', () => {
  it('only the province manager and national supervisors reach a safeguarding item', () => {
    const reach = Object.fromEntries(
      STAFF_ROLES.flatMap((role) => ['ir-09', 'ir-23'].map((province) => [`${role}@${province}`, canReachItem({ role, provinceId: province }, 'ir-09', true)])),
    );
    expect(Object.entries(reach).filter(([, ok]) => ok).map(([who]) => who).sort()).toEqual(['national_supervisor@ir-09', 'national_supervisor@ir-23', 'province_manager@ir-09']);
    expect(canReachItem({ role: 'province_officer', provinceId: 'ir-09' }, 'ir-09', false)).toBe(true);
    expect(STAFF_ROLES.filter(seesSafeguarding)).toEqual(['province_manager', 'national_supervisor']);
  });

  it('any handler marks with a reason; only a manager or national supervisor lifts the mark; the same mark twice is refused', () => {
    const officer = { role: 'province_officer' as const, provinceId: 'ir-09' };
    const manager = { role: 'province_manager' as const, provinceId: 'ir-09' };
    expect(decide(item(false), 'set_safeguarding', officer, { safeguarding: true, internalNote: 'آزار' })).toMatchObject({ ok: true, isPublic: false, to: 'in_review' });
    expect(decide(item(false), 'set_safeguarding', officer, { safeguarding: true })).toEqual({ ok: false, reason: 'internal_note_required' });
    expect(decide(item(false), 'set_safeguarding', officer, { safeguarding: false, internalNote: 'x' })).toEqual({ ok: false, reason: 'safeguarding_unchanged' });
    // An officer cannot even reach a marked item, so cannot lift it; a manager can, with a reason.
    expect(decide(item(true), 'set_safeguarding', officer, { safeguarding: false, internalNote: 'x' })).toEqual({ ok: false, reason: 'other_province' });
    expect(decide(item(true), 'set_safeguarding', manager, { safeguarding: false, internalNote: 'بررسی شد' }).ok).toBe(true);
    expect(decide(item(true), 'note', officer, { internalNote: 'x' })).toEqual({ ok: false, reason: 'other_province' });
    expect(availableActions(item(false), officer)).toContain('set_safeguarding');
    expect(availableActions(item(true), manager)).toContain('set_safeguarding');
    expect(availableActions(item(true), officer)).toEqual([]);
  });
});

describe('urgent figures', () => {
  it('the in-time share rests on five answers or more; a public page withholds counts below five', () => {
    expect(urgentFigures({ received: 7, answers: 5, answersInTime: 4 }).answeredInTime).toEqual({ value: 0.8, cases: 5 });
    expect(urgentFigures({ received: 3, answers: 4, answersInTime: 4 }).answeredInTime).toEqual({ value: null, cases: 4 });
    expect(publicUrgentFigures(urgentFigures({ received: 3, answers: 2, answersInTime: 2 }))).toEqual({ received: null, answers: null, answeredInTime: { value: null, cases: null } });
    expect(publicUrgentFigures(urgentFigures({ received: 9, answers: 6, answersInTime: 3 }))).toEqual({ received: 9, answers: 6, answeredInTime: { value: 0.5, cases: 6 } });
  });
});
