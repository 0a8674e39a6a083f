import { describe, expect, it } from 'vitest';
import { emailSubjectKey } from '~/domain/email-subject';

describe('the subject of an e-mail (outside review, round 9)', () => {
  it('names an urgent alert and a reopened item as such, never "overdue"', () => {
    expect(emailSubjectKey({ idempotencyKey: 'event-115-urgent-email-7', audience: 'staff' })).toBe('urgent.notify.subject');
    expect(emailSubjectKey({ idempotencyKey: 'event-9-reopen-email-a@b.invalid', audience: 'staff' })).toBe('fairClock.notify.subject');
    expect(emailSubjectKey({ idempotencyKey: 'event-9-email-a@b.invalid', audience: 'staff' })).toBe('notify.staffSubject');
    expect(emailSubjectKey({ idempotencyKey: 'event-9-email', audience: 'citizen' })).toBe('notify.subject');
    expect(emailSubjectKey({ idempotencyKey: 'digest-2026-12-07-3', audience: 'staff' })).toBe('digest.subject');
  });
});
