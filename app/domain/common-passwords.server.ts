/**
 * ASVS 5.0 §6.2.4: a new password is checked against the most common passwords. The list is the one zxcvbn-ts keeps
 * (`@zxcvbn-ts/language-common`, "passwords-common": about 49,000 passwords from public breach corpora, most
 * common first), so it is maintained upstream rather than copied here. A `.server` module, so the browser build
 * never downloads the list. Built on first use: start-up does not pay for it.
 */
import { dictionary } from '@zxcvbn-ts/language-common';

let common: Set<string> | undefined;

/** Case does not help: `Password123` is as common as `password123`. */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}
