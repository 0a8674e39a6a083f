/**
 * Lists of named records (provinces, centres) in the order a reader of the page's language expects: alphabetical by
 * the name they see (Intl.Collator, so Persian letters such as پ چ ژ گ sort where Persian dictionaries put them),
 * not by code (ir-00 … ir-30 puts Tehran 24th).
 */
import type { Locale } from './dates';

export function sortByName<T extends { nameFa: string; nameEn: string }>(records: readonly T[], locale: Locale): T[] {
  const collator = nameCollator(locale);
  const name = (record: T) => (locale === 'fa' ? record.nameFa : record.nameEn);
  return [...records].sort((a, b) => collator.compare(name(a), name(b)));
}

/** Names compared as readers expect, numbers by value: «مرکز ۲» before «مرکز ۱۰» (outside review, round 8). */
export function nameCollator(locale: Locale): Intl.Collator {
  return new Intl.Collator(locale, { numeric: true });
}

/**
 * A name's trailing bracketed note apart (`کارشناس تهران (نمایشی)` → name `کارشناس تهران`, note `نمایشی`), so a
 * line that adds its own bracket writes one: "(نمایشی، کارشناس استان)", not "(نمایشی) (کارشناس استان)".
 */
export function splitTrailingNote(displayName: string): { name: string; note: string | null } {
  const match = /^(.*\S)\s*\(([^()]+)\)$/.exec(displayName.trim());
  return match ? { name: match[1]!, note: match[2]!.trim() } : { name: displayName, note: null };
}
