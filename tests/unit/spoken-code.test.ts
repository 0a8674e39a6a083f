import { describe, expect, it } from 'vitest';
import { spokenCode } from '~/domain/spoken-code';

describe('spokenCode: a tracking code read aloud, digit group by digit group', () => {
  it('reads a code in Persian words, groups of four separated by a pause', () => {
    expect(spokenCode('108607426521', 'fa')).toBe('یک، صفر، هشت، شش — صفر، هفت، چهار، دو — شش، پنج، دو، یک');
  });

  it('takes the code as shown on screen: Persian digits and spaces', () => {
    expect(spokenCode('۱۰۸۶ ۰۷۴۲ ۶۵۲۱', 'fa')).toBe(spokenCode('108607426521', 'fa'));
    expect(spokenCode('۴۸۲۷-۱۹۳۵-۰۶۱۲', 'fa')).toBe('چهار، هشت، دو، هفت — یک، نه، سه، پنج — صفر، شش، یک، دو');
  });

  it('reads in English for the en locale', () => {
    expect(spokenCode('108607426521', 'en')).toBe('one, zero, eight, six — zero, seven, four, two — six, five, two, one');
  });

  it('names every digit, zero to nine, in both languages', () => {
    expect(spokenCode('0123', 'fa')).toBe('صفر، یک، دو، سه');
    expect(spokenCode('4567', 'fa')).toBe('چهار، پنج، شش، هفت');
    expect(spokenCode('89', 'fa')).toBe('هشت، نه');
    expect(spokenCode('0123 4567 89', 'en')).toBe('zero, one, two, three — four, five, six, seven — eight, nine');
  });

  it('keeps a short last group, and gives nothing for no digits', () => {
    expect(spokenCode('12345', 'en')).toBe('one, two, three, four — five');
    expect(spokenCode('', 'fa')).toBe('');
    expect(spokenCode('—', 'en')).toBe('');
  });
});
