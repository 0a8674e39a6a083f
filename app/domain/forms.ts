/**
 * Form parsing shared by every zod-validated form, through conform (docs/decisions/014-forms-through-conform.md):
 * the server parses with `parseForm` and answers a refusal with the submission's `reply()` (a conform
 * `SubmissionResult`); the page reads it with `useFormReply` (app/components/form.tsx). Messages are i18n keys under
 * `errors.*`, translated by the page; an error of the whole form is conform's `''` key, shown as `form`.
 */
import type { SubmissionResult } from '@conform-to/dom';
import { parseWithZod } from '@conform-to/zod/v4';
import { z } from 'zod';

export type FieldErrors = Record<string, string>;
/**
 * What a refused form gets back, beside anything else its page needs: one message key per field (`form` for the
 * whole form) and what was sent. Built from conform's reply (`replyTo`); the page turns it back into conform's
 * state (`useFormReply`).
 */
export type FormReply = { errors: FieldErrors; values: Record<string, string> };
type ReplyOptions = { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[] };

/** A ticked checkbox as browsers and people send it (`on`, `true`, `1`); anything else is unticked. */
export const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === '1' || v === true, z.boolean());

/** A GET parameter read leniently: a malformed value is no value, never an error page (bookmarks must keep working). */
export const lenient = <T extends z.ZodTypeAny>(schema: T) => schema.optional().catch(undefined);

/**
 * Our forms only have plain names. Anything else is left out before conform sees it: conform reads `a.b` and
 * `a[0]` as paths (`a[999999999]` would build a huge array) and `__intent__`/`__state__` as its own controls (a
 * file or bad JSON there throws, which would be a 500).
 */
const PLAIN_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/**
 * The text fields of a form as conform should parse them: plain names, strings only (files are read by their own
 * forms), the first value of each name as before — except the `repeated` ones (checkbox groups), kept whole.
 */
function plainFields(formData: FormData, repeated: readonly string[]): FormData {
  const plain = new FormData();
  for (const [name, value] of formData.entries()) {
    if (typeof value !== 'string' || !PLAIN_NAME.test(name)) continue;
    if (plain.has(name) && !repeated.includes(name)) continue;
    plain.append(name, value);
  }
  return plain;
}

/**
 * A form parsed against its zod schema by conform. Conform's coercion is off: our schemas take the strings as sent
 * (and turn empty fields into their own messages). `submission.payload` holds what was sent, as strings.
 */
export function parseForm<Schema extends z.ZodType>(formData: FormData, schema: Schema, options: { repeated?: readonly string[] } = {}) {
  return parseWithZod(formData instanceof FormData ? plainFields(formData, options.repeated ?? []) : formData, { schema, disableAutoCoercion: true });
}

/**
 * A form whose rules live in a service (staff entry, the settings' cross-field rules) rather than in one schema:
 * conform reads every field as sent; the service decides, and its errors go into the reply (`replyTo`).
 */
export const sentFields = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** What was sent, one string per field (for the rules a schema does not cover: intents, challenges, look-ups). */
export function sentValues(submission: { payload: Record<string, unknown> }): Record<string, string> {
  return strings(submission.payload);
}

/**
 * The answer to a refused form, built from conform's `submission.reply()`: the schema's errors, or `errors` decided
 * after it (a wrong password, a workflow rule; `form` for the whole form), one message key per field, and `values`,
 * what was sent, to put back in the fields — only the `keep` fields (each, '' when absent) if given, and never the
 * `hide` ones (passwords, one-time codes) nor the CSRF token, which the page has.
 */
export function replyTo(
  submission: { payload: Record<string, unknown>; reply: (options?: ReplyOptions) => SubmissionResult<string[]> },
  errors?: FieldErrors,
  options: { keep?: readonly string[]; hide?: readonly string[] } = {},
): FormReply {
  const hideFields = ['csrf', ...(options.hide ?? [])];
  const { form, ...fields } = errors ?? {};
  const result = errors
    ? submission.reply({ formErrors: form ? [form] : undefined, fieldErrors: Object.fromEntries(Object.entries(fields).map(([name, key]) => [name, [key]])), hideFields })
    : submission.reply({ hideFields });
  // From the payload, not the reply's initialValue: conform leaves empty fields out of that, and an empty field
  // must come back empty (a slug cleared, no province chosen), not as what the page would fill in.
  const sent = strings(submission.payload);
  for (const name of hideFields) delete sent[name];
  const values = options.keep ? Object.fromEntries(options.keep.map((name) => [name, sent[name] ?? ''])) : sent;
  return { errors: submissionErrors(result), values };
}

function strings(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** The first message of each field of a parsed form (the form's own under `form`), for rules that re-file them. */
export function submissionErrors(submission: { error?: Record<string, string[] | null> | null }): FieldErrors {
  const errors: FieldErrors = {};
  for (const [name, messages] of Object.entries(submission.error ?? {})) {
    const first = messages?.[0];
    if (first) errors[name === '' ? 'form' : name] = first;
  }
  return errors;
}

/** A refusal decided before or outside any parse (a rate limit, an expired step): its errors, and what goes back. */
export function refusal(errors: FieldErrors, values: Record<string, string> = {}): FormReply {
  return { errors, values };
}

/**
 * The first string value of each name, for the Open311 API's POST body and its shared submission service, which
 * are no page's form (no reply, no fields to fill again); every page form goes through `parseForm`.
 */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string' && !(key in values)) values[key] = value;
  }
  return values;
}

/**
 * The first issue of each field (issues not tied to a field under `form`), for the services that check a
 * submission again without a page: web and API submissions, staff entry, the settings' cross-field rules.
 */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : 'form';
    if (!(field in errors)) errors[field] = issue.message;
  }
  return errors;
}
