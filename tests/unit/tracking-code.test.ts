import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dammCheckDigit, generateTrackingCode, groupTrackingCode, parseTrackingCode, trackingCodeInText, TRACKING_CODE_LENGTH } from '~/domain/tracking-code';

describe('tracking codes', () => {
  it('are 12 digits, never start with 0, and carry a valid check digit', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateTrackingCode(randomInt);
      expect(code).toMatch(/^[1-9]\d{11}$/);
      expect(parseTrackingCode(code)).toEqual({ ok: true, code });
    }
  });

  it('are not sequential: a thousand codes are all different', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => generateTrackingCode(randomInt)));
    expect(codes.size).toBe(1000);
  });

  it('catch every single mistyped digit', () => {
    const code = generateTrackingCode(randomInt);
    for (let position = 0; position < TRACKING_CODE_LENGTH; position++) {
      for (let digit = 0; digit <= 9; digit++) {
        if (String(digit) === code[position]) continue;
        const typo = code.slice(0, position) + digit + code.slice(position + 1);
        expect(parseTrackingCode(typo)).toEqual({ ok: false, reason: 'check_digit' });
      }
    }
  });

  it('catch every swap of two different neighbouring digits', () => {
    const code = '482719350613'.slice(0, 11);
    const full = code + dammCheckDigit(code);
    for (let i = 0; i < full.length - 1; i++) {
      if (full[i] === full[i + 1]) continue;
      const swapped = full.slice(0, i) + full[i + 1] + full[i] + full.slice(i + 2);
      expect(parseTrackingCode(swapped).ok).toBe(false);
    }
  });

  it('accept what people type: Persian digits, spaces and dashes', () => {
    const code = generateTrackingCode(randomInt);
    const typed = groupTrackingCode(code).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!).replace(' ', '-');
    expect(parseTrackingCode(typed)).toEqual({ ok: true, code });
  });

  it('tell an empty code and a wrong length apart from a bad check digit', () => {
    expect(parseTrackingCode('  ')).toEqual({ ok: false, reason: 'empty' });
    expect(parseTrackingCode('12345')).toEqual({ ok: false, reason: 'format' });
    expect(parseTrackingCode('abcdefghijkl')).toEqual({ ok: false, reason: 'format' });
  });

  it('group by four for reading aloud', () => {
    expect(groupTrackingCode('482719350612')).toBe('4827 1935 0612');
  });
});

describe('a tracking code inside a sentence', () => {
  it('is grouped, in Persian digits after a left-to-right mark on Persian pages, as is in English', () => {
    expect(trackingCodeInText('815151204457', 'fa')).toBe('\u200e۸۱۵۱ ۵۱۲۰ ۴۴۵۷');
    expect(trackingCodeInText('815151204457', 'en')).toBe('8151 5120 4457');
  });
});
