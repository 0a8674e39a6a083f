import { CsrfInput } from '~/components/staff-session';
import { parse, useForm } from '@conform-to/react';
import { Form, useActionData, useSearchParams } from '@remix-run/react';
import { useEffect, useMemo, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
// Types only: the parsing module (conform's zod side, zod itself) stays out of the browser bundle.
import type { FieldErrors } from '~/domain/forms';

export type FieldErrorKeys = Record<string, string | undefined>;

/** The ARIA wiring of one field: its hint and error are announced with it. */
export function fieldAria(name: string, errors: FieldErrorKeys | undefined, hasHint: boolean) {
  const describedBy = [hasHint ? `${name}-hint` : null, errors?.[name] ? `${name}-error` : null].filter(Boolean).join(' ');
  return {
    id: name,
    name,
    'aria-invalid': errors?.[name] ? true : undefined,
    'aria-describedby': describedBy || undefined,
  } as const;
}

export function Field({
  name,
  label,
  hint,
  required,
  errors,
  values,
  children,
}: {
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  errors?: FieldErrorKeys;
  /** Interpolation values of the error message (`{{seconds}}`). */
  values?: Record<string, unknown>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const error = errors?.[name];
  return (
    <div className="field">
      <label htmlFor={name} className={required ? 'required' : undefined}>
        {label}
      </label>
      {hint ? (
        <span className="hint" id={`${name}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="field-error" id={`${name}-error`}>
          {t(error, values)}
        </span>
      ) : null}
      {children}
    </div>
  );
}

/** A one-line text input (or a three-row text area) in its `Field`, filled from `values[name]`. */
export function TextField({
  name,
  label,
  values,
  errors,
  maxLength,
  required,
  hint,
  multiline,
  ltr,
}: {
  name: string;
  label: string;
  values: Record<string, string>;
  errors?: FieldErrorKeys;
  maxLength: number;
  required?: boolean;
  hint?: string;
  multiline?: boolean;
  ltr?: boolean;
}) {
  const aria = fieldAria(name, errors, Boolean(hint));
  return (
    <Field name={name} label={label} hint={hint} required={required} errors={errors}>
      {multiline ? (
        <textarea {...aria} defaultValue={values[name] ?? ''} maxLength={maxLength} rows={3} dir={ltr ? 'ltr' : undefined} />
      ) : (
        <input {...aria} type="text" defaultValue={values[name] ?? ''} maxLength={maxLength} required={required} dir={ltr ? 'ltr' : undefined} />
      )}
    </Field>
  );
}

/**
 * A required choice of one among a few, as radio buttons in a fieldset: its error is announced with it, and the
 * group (id `name`) is where the error summary's link lands.
 */
export function ChoiceField({
  name,
  legend,
  choices,
  value,
  errors,
  stacked,
}: {
  name: string;
  legend: string;
  choices: readonly { value: string; label: ReactNode }[];
  value?: string;
  errors?: FieldErrorKeys;
  stacked?: boolean;
}) {
  const { t } = useTranslation();
  const error = errors?.[name];
  return (
    <fieldset aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="required">{legend}</legend>
      {error ? (
        <span className="field-error" id={`${name}-error`}>
          {t(error)}
        </span>
      ) : null}
      <div className={stacked ? 'choices stacked' : 'choices'} id={name} tabIndex={-1}>
        {choices.map((choice) => (
          <label className="choice" key={choice.value}>
            <input type="radio" name={name} value={choice.value} defaultChecked={value === choice.value} />
            <span>{choice.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * The error summary at the top of a form (WCAG: linked to each field). It takes focus when it appears so
 * screen-reader users hear what to fix.
 */
export function ErrorSummary({ errors, order, values }: { errors?: FieldErrorKeys; order: readonly string[]; values?: Record<string, unknown> }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [errors]);
  if (!errors) return null;
  const entries = [...order, 'form'].filter((name) => errors[name]).map((name) => [name, errors[name]!] as const);
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} id="error-summary" ref={ref}>
      <h2>{t('feedback.errorSummary')}</h2>
      <ul>
        {entries.map(([name, key]) => (
          <li key={name}>{name === 'form' ? t(key, values) : <a href={`#${name}`}>{t(key, values)}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

/** The line after a form was handled: what was saved (a status), or why nothing was (an alert). */
export function FormNotices({ saved, error }: { saved?: string | null; error?: string | null }) {
  return (
    <>
      {saved ? (
        <p className="notice" role="status">
          {saved}
        </p>
      ) : null}
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

/**
 * The translated line for a change just made, named by `?saved=` (or another `param`) in the address after the
 * redirect: `messages` maps each value to its key, or one key stands for any value. Nothing once the page has
 * answered a form of its own, nor for a value not in `messages`.
 */
export function useSavedNotice(messages: Readonly<Record<string, string>> | string, param = 'saved'): string | null {
  const [searchParams] = useSearchParams();
  const actionData = useActionData();
  const { t } = useTranslation();
  const value = searchParams.get(param);
  if (!value || actionData) return null;
  const key = typeof messages === 'string' ? messages : Object.hasOwn(messages, value) ? messages[value] : undefined;
  return key ? t(key) : null;
}

/**
 * On a page with a form for each row of a list (and one for a new row), what a refused form gets back, and it only:
 * the action answers with `target`, the row's id or `new`, beside the errors and values (each row reads them with
 * `useFormReply`).
 */
export function useRowRefusal() {
  const actionData = useActionData<{ target?: string; errors?: FieldErrors; values?: Record<string, string> }>();
  return { replyFor: (target: string) => (actionData?.target === target ? actionData : undefined) };
}

/** Errors keyed by field names given the ids of a row's form, `${prefix}-${field}` (several forms share the page). */
export function prefixErrors(errors: FieldErrorKeys | undefined, prefix: string): FieldErrorKeys | undefined {
  return errors ? Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${prefix}-${k}`, v])) : undefined;
}

/**
 * A form that is one button: it posts `intent` with the CSRF token and the hidden `fields` (those null or undefined
 * are left out); `note` stands before the button.
 */
export function PostButton({
  intent,
  action,
  fields,
  note,
  className,
  ariaLabel,
  children,
}: {
  intent: string;
  /** Where it posts, when not to the page's own route. */
  action?: string;
  fields?: Record<string, string | number | null | undefined>;
  note?: ReactNode;
  className?: string;
  ariaLabel?: string;
  children: ReactNode;
}) {
  return (
    <Form method="post" action={action} className={className}>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields ?? {}).map(([name, value]) => (value == null ? null : <input key={name} type="hidden" name={name} value={value} />))}
      {note}
      <button type="submit" className="secondary" aria-label={ariaLabel}>
        {children}
      </button>
    </Form>
  );
}

/**
 * The switch-off / switch-on form of one row of a list (intent `toggle`): it sends `active=on` to switch the row
 * on, nothing to switch it off, and says so beside the button while the row is off.
 */
export function ActiveSwitch({
  id,
  active,
  inactiveNote,
  switchOff,
  switchOn,
}: {
  id: number;
  active: boolean;
  inactiveNote: string;
  switchOff: string;
  switchOn: string;
}) {
  return (
    <PostButton
     
      intent="toggle"
      className="inline-form"
      fields={{ id, active: active ? null : 'on' }}
      note={active ? null : <span className="muted small">{inactiveNote} </span>}
    >
      {active ? switchOff : switchOn}
    </PostButton>
  );
}

/** The submit button of a one-row filter form, lined up with the fields beside it (an empty label keeps the row). */
export function FilterSubmit({ label }: { label: string }) {
  return (
    <div className="field">
      <span className="label" aria-hidden="true">
        &nbsp;
      </span>
      <button type="submit" className="secondary">
        {label}
      </button>
    </div>
  );
}

/** The strings of a form's values (conform keeps lists and files too; our fields are one string each). */
function strings(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** An answer's errors in conform's shape (a list per field; the form's own under `''`). */
function toConform(errors: FieldErrors): Record<string, string[]> {
  return Object.fromEntries(Object.entries(errors).map(([name, key]) => [name === 'form' ? '' : name, [key]]));
}

/** The first message of each field of conform's state, the form's own under `form`. */
function fromConform(error: Record<string, string[] | null> | undefined): FieldErrors {
  const errors: FieldErrors = {};
  for (const [name, messages] of Object.entries(error ?? {})) {
    const first = messages?.[0];
    if (first) errors[name === '' ? 'form' : name] = first;
  }
  return errors;
}

/** What a refused form's answer carries (app/domain/forms.ts `replyTo`); `errors` null or absent: nothing refused. */
export type FormAnswer = { errors?: FieldErrors | null; values?: Record<string, string> } | null | undefined;

/**
 * A form's state through conform's `useForm`, fed with the server's answer (`replyTo`/`refusal`, as conform's last
 * result): `errors`, one message key per field (`form` for the whole form), and `values`, what was sent, to put back
 * in the fields. Validation is the server's: without `check` nothing is checked in the browser. Once the page has
 * moved on (no answer: a redirect after success), nothing of an earlier refusal is shown.
 *
 * `check` (two pages only, feedback.new and staff.items.new, which did so before conform) also checks the form in
 * the browser with the server's own rules before it is sent, so a mistake costs no round trip; spread `formProps`
 * on the `<Form>` then. It gives the errors by field, or null to send.
 */
export function useFormReply(answer: FormAnswer, check?: (values: Record<string, string>, submitter: HTMLElement | null) => FieldErrors | null) {
  const refused = answer?.errors ? answer : undefined;
  const lastResult = useMemo(
    () => (refused ? { status: 'error' as const, error: toConform(refused.errors!), initialValue: refused.values ?? {} } : undefined),
    [refused],
  );
  const [form] = useForm({
    lastResult,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onSubmit',
    onValidate: check
      ? ({ formData, submitter }) =>
          parse(formData, {
            resolve(payload) {
              const found = check(strings(payload), submitter);
              return found ? { error: toConform(found) } : { value: payload };
            },
          })
      : undefined,
  });
  const live = lastResult !== undefined || (check !== undefined && form.status === 'error');
  const errors = live ? fromConform(form.allErrors) : undefined;
  // The values are the answer's own: conform keeps a later answer's values as the form's current value, not as
  // its initial one, and the fields here are uncontrolled (filled once from `values`).
  const values = refused?.values ?? {};
  const formProps = check ? { id: form.id, onSubmit: form.onSubmit as (event: FormEvent<HTMLFormElement>) => void } : {};
  return { errors, values, formProps };
}
