/**
 * Persian-aware full-text search (docs/DESIGN.md §6): the same normalization runs on what is indexed and on what people
 * type, so ي/ی, ك/ک, Persian or Latin digits, diacritics, and a ZWNJ or a space between word parts all match.
 * Pure functions: the SQLite FTS5 table only stores and matches the words produced here.
 */
import { normalizeText, searchKey } from './persian';

/** Letters and digits only: FTS5 query syntax (quotes, stars, colons, brackets) can never come from the user. */
function words(text: string): string[] {
  return searchKey(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter(Boolean);
}

/**
 * The indexed text of a record. A word written with a ZWNJ (کودک‌ها) is indexed both split (کودک ها) and joined
 * (کودکها), because people type it either way.
 */
export function searchDocument(parts: readonly string[]): string {
  const text = parts.filter(Boolean).join(' ');
  const joined = normalizeText(text).replace(/\u200C/g, '');
  return [...new Set([...words(text), ...words(joined)])].join(' ');
}

export const MAX_QUERY_WORDS = 8;

/**
 * An FTS5 MATCH expression for what someone typed: every word must match the start of an indexed word. Null when
 * nothing searchable is left (only punctuation or markup symbols). Long input is cut to its first words.
 */
export function searchQuery(input: string): string | null {
  const terms = words(input.slice(0, 500)).slice(0, MAX_QUERY_WORDS).map((word) => `"${word.slice(0, 40)}"*`);
  return terms.length > 0 ? terms.join(' ') : null;
}

/** Words too common in feedback to say two texts are about the same thing. */
const COMMON_WORDS = new Set(
  'است این برای که را به از با در و می های ها هم یک تا آن شد شده کنید لطفا لطفاً مرکز ما من شما بود نمی هست اند ای او چه چرا کرد کردم کردند کنند دارد ندارد باید نیست'
    .split(' ')
    .map((word) => searchKey(word)),
);
export const MAX_SIMILARITY_WORDS = 12;

/**
 * The words of `text` that can say two texts are about the same thing (three letters or more, not common), once
 * each, in order: what "similar" means for possible duplicates and for the hotspots page.
 */
export function distinctiveWords(text: string): string[] {
  return [...new Set(words(text.slice(0, 2000)).filter((word) => word.length >= 3 && !COMMON_WORDS.has(word)))];
}

/**
 * An FTS5 expression finding texts that share words with `text` (any of its distinctive words, as prefixes), for
 * possible duplicates; ranked by the index (bm25), so texts sharing more and rarer words come first.
 */
export function similarityQuery(text: string): string | null {
  const terms = distinctiveWords(text).slice(0, MAX_SIMILARITY_WORDS).map((word) => `"${word.slice(0, 40)}"*`);
  return terms.length > 0 ? terms.join(' OR ') : null;
}
