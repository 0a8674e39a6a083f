/** The rules of app/domain/carers.ts: who receives the SMS, which calls are due, whom the agent calls. */
import { describe, expect, it } from 'vitest';
import { callee, callsDueFor, smsRecipientOf, UNRATED_CALL_DAYS, type CallCandidate } from '~/domain/carers';

const NOW = new Date('2026-12-07T08:00:00Z');
const DAY = 86_400_000;
const base: CallCandidate = {
  state: 'in_review', callBack: false, cannotReadSms: false, channel: 'web', rating: null, answeredAt: null, closedAt: null, mobile: '+989121234567', contactMobile: null, contactErasedAt: null,
};

describe('smsRecipientOf', () => {
  it('the contact person first, nobody for a call-back or someone who cannot read, else the citizen', () => {
    expect(smsRecipientOf({ mobile: 'A', contactMobile: 'C', cannotReadSms: true })).toBe('C');
    expect(smsRecipientOf({ mobile: 'A', cannotReadSms: true })).toBeNull();
    expect(smsRecipientOf({ mobile: 'A', callBack: true })).toBeNull();
    expect(smsRecipientOf({ mobile: 'A' })).toBe('A');
    expect(smsRecipientOf({ mobile: null })).toBeNull();
  });
});

describe('callsDueFor', () => {
  it('a call-back while open, once; an answer for those who take calls; a recent unrated close of theirs or of the phone', () => {
    expect(callsDueFor({ ...base, callBack: true }, NOW)).toEqual([{ reason: 'call_back', dueKey: 0 }]);
    expect(callsDueFor({ ...base, state: 'answered', answeredAt: NOW, cannotReadSms: true }, NOW)).toEqual([{ reason: 'answered', dueKey: NOW.getTime() }]);
    expect(callsDueFor({ ...base, state: 'answered', answeredAt: NOW }, NOW)).toEqual([]);
    const closed = { ...base, state: 'closed', closedAt: new Date(NOW.getTime() - DAY), channel: 'phone' };
    expect(callsDueFor(closed, NOW)).toEqual([{ reason: 'unrated', dueKey: closed.closedAt.getTime() }]);
    expect(callsDueFor({ ...closed, rating: 4 }, NOW)).toEqual([]);
    expect(callsDueFor({ ...closed, channel: 'web' }, NOW)).toEqual([]);
    expect(callsDueFor({ ...closed, closedAt: new Date(NOW.getTime() - (UNRATED_CALL_DAYS + 1) * DAY) }, NOW)).toEqual([]);
  });

  it('nothing once the contact data is erased, or with no number to call', () => {
    expect(callsDueFor({ ...base, callBack: true, contactErasedAt: NOW }, NOW)).toEqual([]);
    expect(callsDueFor({ ...base, callBack: true, mobile: null }, NOW)).toEqual([]);
  });
});

describe('callee', () => {
  it('the contact person when given, else the citizen', () => {
    expect(callee({ name: 'N', mobile: 'A', contactName: 'C', contactRelation: 'son', contactMobile: 'B' })).toEqual({ who: 'carer', name: 'C', relation: 'son', mobile: 'B' });
    expect(callee({ name: 'N', mobile: 'A', contactName: null, contactRelation: null, contactMobile: null })).toEqual({ who: 'citizen', name: 'N', relation: null, mobile: 'A' });
  });
});
