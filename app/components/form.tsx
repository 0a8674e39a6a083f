import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

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
  children,
}: {
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  errors?: FieldErrorKeys;
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
          {t(error)}
        </span>
      ) : null}
      {children}
    </div>
  );
}

/**
 * The error summary at the top of a form (WCAG: linked to each field). It takes focus when it appears so
 * screen-reader users hear what to fix.
 */
export function ErrorSummary({ errors, order }: { errors?: FieldErrorKeys; order: readonly string[] }) {
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
          <li key={name}>{name === 'form' ? t(key) : <a href={`#${name}`}>{t(key)}</a>}</li>
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
