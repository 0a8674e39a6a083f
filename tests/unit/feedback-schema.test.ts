import { describe, expect, it } from 'vitest';
import { feedbackSchema } from '~/domain/feedback-schema';
import { fieldErrors } from '~/domain/forms';

const valid = {
  kind: 'suggestion',
  centerId: '12',
  provinceId: '',
  serviceId: '',
  subject: 'ساعت کار',
  body: 'لطفاً ساعت کار مرکز را تا عصر پنج‌شنبه هم ادامه دهید.',
  name: '',
  mobile: '۰۹۱۲۱۲۳۴۵۶۷',
  email: '',
  nationalCode: '',
  consent: 'on',
  website: '',
};

function errorsOf(input: Record<string, unknown>) {
  const result = feedbackSchema.safeParse(input);
  return result.success ? {} : fieldErrors(result.error);
}

describe('the submission form', () => {
  it('accepts a suggestion with a Persian-digit mobile and stores it as E.164', () => {
    const result = feedbackSchema.parse(valid);
    expect(result).toMatchObject({ kind: 'suggestion', centerId: 12, provinceId: null, mobile: '+989121234567', anonymous: false });
  });

  it('normalizes Arabic letters and strips bidi controls in the body', () => {
    const result = feedbackSchema.parse({ ...valid, body: '\u202Eكيفيت خدمات مرکز خيلي خوب نيست و باید بهتر شود' });
    expect(result.body).toBe('کیفیت خدمات مرکز خیلی خوب نیست و باید بهتر شود');
  });

  it('gives one message key per field that is wrong', () => {
    expect(errorsOf({ ...valid, kind: 'praise' })).toEqual({ kind: 'errors.kind_required' });
    expect(errorsOf({ ...valid, body: 'کوتاه' })).toEqual({ body: 'errors.body_too_short' });
    expect(errorsOf({ ...valid, body: '' })).toEqual({ body: 'errors.body_required' });
    expect(errorsOf({ ...valid, body: 'ا'.repeat(10_001) })).toEqual({ body: 'errors.body_too_long' });
    expect(errorsOf({ ...valid, mobile: '' })).toEqual({ mobile: 'errors.mobile_required' });
    expect(errorsOf({ ...valid, mobile: '021-1234' })).toEqual({ mobile: 'errors.mobile_invalid' });
    expect(errorsOf({ ...valid, email: 'not-an-email' })).toEqual({ email: 'errors.email_invalid' });
    expect(errorsOf({ ...valid, nationalCode: '1111111111' })).toEqual({ nationalCode: 'errors.national_code_invalid' });
    expect(errorsOf({ ...valid, consent: '' })).toEqual({ consent: 'errors.consent_required' });
    expect(errorsOf({ ...valid, centerId: '', provinceId: '' })).toEqual({ centerId: 'errors.place_required' });
    expect(errorsOf({ ...valid, centerId: '<b>1</b>' })).toEqual({ centerId: 'errors.invalid_choice' });
    expect(errorsOf({ ...valid, website: 'http://spam' })).toEqual({ website: 'errors.bot_suspected' });
  });

  it('reports several wrong fields at once', () => {
    expect(Object.keys(errorsOf({ ...valid, kind: '', body: '', mobile: 'x', consent: '' })).sort()).toEqual(['body', 'consent', 'kind', 'mobile']);
  });

  it('keeps no contact data for an anonymous item, and needs no mobile then', () => {
    const result = feedbackSchema.parse({ ...valid, anonymous: 'on', mobile: '', name: 'علی', email: 'a@b.ir' });
    expect(result).toMatchObject({ anonymous: true, mobile: null, name: null, email: null, nationalCode: null });
  });

  it('routes a province-only item and a national topic', () => {
    expect(feedbackSchema.parse({ ...valid, centerId: '', provinceId: 'IR-09' }).provinceId).toBe('ir-09');
    expect(feedbackSchema.parse({ ...valid, centerId: '', provinceId: 'national' }).provinceId).toBeNull();
  });

  it('survives wrong types without throwing', () => {
    expect(errorsOf({ ...valid, body: 42, mobile: ['x'], kind: null })).toHaveProperty('kind');
    expect(feedbackSchema.safeParse({}).success).toBe(false);
  });
});
