import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';

export interface FilterOption {
  value: string | number;
  label: ReactNode;
  /** React key, when `value` alone is not unique (a city name in two provinces). */
  key?: string;
}

/**
 * One labelled choice of a GET filter form (the directory, the inbox, the centre list): a select named `id`, led by an
 * "all" option that means no filter.
 */
export function FilterSelect({
  id,
  label,
  value,
  all,
  options,
}: {
  id: string;
  label: string;
  value: string;
  /** The label of the empty choice (no filter); none when a value is always chosen. */
  all?: string;
  options: readonly FilterOption[];
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={id} defaultValue={value}>
        {all !== undefined ? <option value="">{all}</option> : null}
        {options.map((o) => (
          <option key={o.key ?? o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A filter form's buttons: show, and (once anything is filtered) a link back to the unfiltered page. */
export function FilterActions({ show, clear, clearTo, filtered }: { show: string; clear: string; clearTo: string; filtered: boolean }) {
  return (
    <div className="actions">
      <button type="submit">{show}</button>
      {filtered ? (
        <Link to={clearTo} className="button secondary">
          {clear}
        </Link>
      ) : null}
    </div>
  );
}
