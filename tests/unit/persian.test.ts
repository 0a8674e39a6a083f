import { describe, expect, it } from 'vitest';
import {
  isValidNationalCode,
  maskMobile,
  normalizeLine,
  normalizeMobile,
  normalizeText,
  searchKey,
  toAsciiDigits,
  toPersianDigits,
} from '~/domain/persian';

describe('normalizeText', () => {
  it('turns Arabic ye and kaf into Persian', () => {
    expect(normalizeText('كيفيت خدمات علي')).toBe('کیفیت خدمات علی');
  });

  it('removes bidi overrides and zero-width characters but keeps a ZWNJ inside a word', () => {
    expect(normalizeText('\u202Eمی\u200Cخواهم\u200B\u2066 سلام\uFEFF')).toBe('می\u200Cخواهم سلام');
  });

  it('drops a ZWNJ that is not between two letters', () => {
    expect(normalizeText('\u200Cسلام \u200C دنیا\u200C')).toBe('سلام  دنیا');
  });

  it('trims and unifies line breaks, keeping inner newlines', () => {
    expect(normalizeText('  خط اول\r\nخط دوم  ')).toBe('خط اول\nخط دوم');
  });

  it('keeps markup as plain text (it is escaped when rendered)', () => {
    expect(normalizeText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });

  it('collapses whitespace in one-line fields', () => {
    expect(normalizeLine(' علی   رضایی\n')).toBe('علی رضایی');
  });
});

describe('digits', () => {
  it('converts Persian and Arabic-Indic digits to ASCII and back', () => {
    expect(toAsciiDigits('۰۹۱۲ ٣٤٥')).toBe('0912 345');
    expect(toPersianDigits('1482')).toBe('۱۴۸۲');
  });
});

describe('normalizeMobile', () => {
  it.each([
    ['09121234567'],
    ['۰۹۱۲۱۲۳۴۵۶۷'],
    ['٠٩١٢١٢٣٤٥٦٧'],
    ['+989121234567'],
    ['00989121234567'],
    ['989121234567'],
    ['0912 123 4567'],
    ['0912-123-4567'],
  ])('accepts %s as +989121234567', (input) => {
    expect(normalizeMobile(input)).toBe('+989121234567');
  });

  it.each([['02112345678'], ['0912123456'], ['091212345678'], ['abc'], [''], ['+449121234567']])('rejects %s', (input) => {
    expect(normalizeMobile(input)).toBeNull();
  });

  it('masks a number for staff', () => {
    expect(maskMobile('+989121234567')).toBe('0912***4567');
  });
});

describe('isValidNationalCode', () => {
  it('accepts codes with a correct check digit, typed in any digits', () => {
    expect(isValidNationalCode('0499370899')).toBe(true);
    expect(isValidNationalCode('۰۴۹۹۳۷۰۸۹۹')).toBe(true);
    expect(isValidNationalCode('0790419904')).toBe(true);
  });

  it('rejects a wrong check digit, a wrong length and all-same digits', () => {
    expect(isValidNationalCode('0499370898')).toBe(false);
    expect(isValidNationalCode('049937089')).toBe(false);
    expect(isValidNationalCode('1111111111')).toBe(false);
    expect(isValidNationalCode('0000000000')).toBe(false);
  });
});

describe('searchKey', () => {
  it('matches Persian regardless of ye/kaf, ZWNJ or space, diacritics and digits', () => {
    expect(searchKey('مرکز مثبت‌زندگي كرج ۱')).toBe(searchKey('مركز مثبت زندگی کرج 1'));
    expect(searchKey('مَرکَز')).toBe(searchKey('مرکز'));
  });
});
