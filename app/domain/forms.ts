/**
 * Form helpers shared by every zod-validated form: FormData → plain strings, and zod issues → one message key
 * per field (messages are i18n keys under `errors.*`, translated by the route).
 */
import { z } from 'zod';

export type FieldErrors = Record<string, string>;

/** A ticked checkbox as browsers and people send it (`on`, `true`, `1`); anything else is unticked. */
export const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === '1' || v === true, z.boolean());

/** A GET parameter read leniently: a malformed value is no value, never an error page (bookmarks must keep working). */
export const lenient = <T extends z.ZodTypeAny>(schema: T) => schema.optional().catch(undefined);

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
