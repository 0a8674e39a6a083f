/**
 * Form helpers shared by every zod-validated form: FormData → plain strings, and zod issues → one message key
 * per field (messages are i18n keys under `errors.*`, translated by the route).
 */
import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

/** The first value of each field; files and repeated fields are ignored here (their forms parse them explicitly). */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string' && !(key in values)) values[key] = value;
  }
  return values;
}

/** The first issue of each field, keyed by the field's name; issues not tied to a field go under `form`. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : 'form';
    if (!(field in errors)) errors[field] = issue.message;
  }
  return errors;
}
