/**
 * Persian text rules of docs/DESIGN.md §6: normalization of what citizens type, mobile numbers, national codes,
 * and digits for display. Pure functions: no I/O.
 */

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC_INDIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';

/** Persian (U+06F0…) and Arabic-Indic (U+0660…) digits → ASCII. */
export function toAsciiDigits(input: string): string {
  return input.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

export function toPersianDigits(input: string | number): string {
  return String(input).replace(/[0-9]/g, (d) => PERSIAN_DIGITS[Number(d)]!);
}

// Bidi embedding/override/isolate controls and zero-width characters other than ZWNJ (U+200C).
// U+200B zero width space, U+200D ZWJ, U+2060 word joiner, U+FEFF BOM, U+200E/F LRM/RLM, U+061C ALM,
// U+202A–U+202E embeddings/overrides, U+2066–U+2069 isolates.
const INVISIBLE_CONTROLS = /[\u200B\u200D\u200E\u200F\u061C\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;
// Other C0/C1 control characters, keeping tab and newline.
// eslint-disable-next-line no-control-regex -- control characters are what this strips
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * Normalize free text: Arabic ي/ك/ى → Persian ی/ک, strip bidi overrides and zero-width characters (keeping a ZWNJ
 * only between two letters), unify line breaks, trim. Digits in prose are left as typed.
 */
export function normalizeText(input: string): string {
  return input
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u064A\u0649]/g, 'ی')
    .replace(/\u0643/g, 'ک')
    .replace(INVISIBLE_CONTROLS, '')
    .replace(CONTROL_CHARS, '')
    .replace(/\u200C+/g, '\u200C')
    .replace(/(^|[^\p{L}\p{M}])\u200C|\u200C(?=[^\p{L}\p{M}]|$)/gu, '$1')
    .trim();
}

/** A one-line field (name, subject): normalized, inner whitespace runs collapsed. */
export function normalizeLine(input: string): string {
  return normalizeText(input).replace(/\s+/g, ' ');
}

/** For numeric fields: normalized, digits in ASCII, separators typed by people removed. */
export function normalizeDigits(input: string): string {
  return toAsciiDigits(normalizeText(input)).replace(/[\s\-_.()\u066B\u066C]/g, '');
}

/**
 * An Iranian mobile number in any usual form (09…, +989…, 00989…, 989…, 9…, Persian digits) → E.164 `+989XXXXXXXXX`,
 * or null when it is not a mobile number.
 */
export function normalizeMobile(input: string): string | null {
  let digits = normalizeDigits(input);
  if (digits.startsWith('+')) digits = digits.slice(1);
  else if (digits.startsWith('00')) digits = digits.slice(2);
  if (!/^\d+$/.test(digits)) return null;
  if (digits.startsWith('98')) digits = digits.slice(2);
  if (digits.startsWith('0')) digits = digits.slice(1);
  return /^9\d{9}$/.test(digits) ? `+98${digits}` : null;
}

/** `+989121234567` → `09121234567`, the way Iranians write it. */
export function mobileToLocal(e164: string): string {
  return e164.startsWith('+98') ? `0${e164.slice(3)}` : e164;
}

/**
 * Staff see contact data masked (docs/DESIGN.md §7): 0912***4567. Stars, not dots: in a Persian font the zero ۰ is a dot, so
 * ۰۹۱۲•••۴۵۶۷ read as an 11-digit number.
 */
export function maskMobile(e164: string): string {
  const local = mobileToLocal(e164);
  return `${local.slice(0, 4)}***${local.slice(-4)}`;
}

/** The official Iranian national code: 10 digits, mod-11 check digit; all-same digits are invalid. */
export function isValidNationalCode(input: string): boolean {
  const code = normalizeDigits(input);
  if (!/^\d{10}$/.test(code) || /^(\d)\1{9}$/.test(code)) return false;
  const digits = [...code].map(Number);
  const check = digits[9]!;
  const sum = digits.slice(0, 9).reduce((acc, d, i) => acc + d * (10 - i), 0);
  const remainder = sum % 11;
  return remainder < 2 ? check === remainder : check === 11 - remainder;
}

/** Persian-aware search key: ye/kaf unified, diacritics, tatweel and ZWNJ removed, digits ASCII, lower-case. */
export function searchKey(input: string): string {
  return toAsciiDigits(normalizeText(input))
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[\u200C\s]+/g, ' ')
    .replace(/[أإآ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .toLowerCase()
    .trim();
}

export { ARABIC_INDIC_DIGITS, PERSIAN_DIGITS };
