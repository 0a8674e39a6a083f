import { describe, expect, it } from 'vitest';
import { searchDocument, searchQuery } from '~/domain/search';

describe('what people type into the directory search', () => {
  it('is read the same with Arabic ي/ك as with Persian ی/ک', () => {
    expect(searchQuery('كودكي')).toBe(searchQuery('کودکی'));
  });

  it('is read the same with Persian, Arabic-Indic or Latin digits', () => {
    expect(searchQuery('پلاک ۳۴')).toBe(searchQuery('پلاک 34'));
    expect(searchQuery('پلاک ٣٤')).toBe(searchQuery('پلاک 34'));
  });

  it('ignores diacritics and tatweel', () => {
    expect(searchQuery('مُرَكَّز')).toBe(searchQuery('مرکز'));
    expect(searchQuery('مـــرکز')).toBe(searchQuery('مرکز'));
  });

  it('keeps only words: FTS5 syntax typed by a person is never passed on', () => {
    expect(searchQuery('"<script>alert(1)</script>" OR name:*')).toBe('"script"* "alert"* "1"* "script"* "or"* "name"*');
    expect(searchQuery('*** ((( """')).toBeNull();
    expect(searchQuery('')).toBeNull();
  });

  it('cuts a very long text to its first words', () => {
    const query = searchQuery('مشهد '.repeat(1000))!;
    expect(query.split(' ')).toHaveLength(8);
  });
});

describe('the indexed text of a centre', () => {
  it('holds a ZWNJ word both split and joined, so either spelling finds it', () => {
    const words = searchDocument(['محله اسلام‌آباد']).split(' ');
    // آ is searched as ا.
    expect(words).toEqual(expect.arrayContaining(['اسلام', 'اباد', 'اسلاماباد']));
  });

  it('is normalized like the queries', () => {
    expect(searchDocument(['كوچه ۹'])).toBe('کوچه 9');
  });
});
