import { coord, type ChartLocale } from './chart-text';

/**
 * A ranking as horizontal bars (e.g. provinces by the share answered in time), as an HTML ordered list: each row
 * reads "label value" to everyone, and a proportional bar is drawn beside it for sighted readers. No inline styles
 * (CSP): the bar is an SVG with a 0…100 viewBox whose filled rect has a `width` attribute, and it grows from the
 * start edge of the language (the right in Persian, the left in English). The text is the content; the bar is
 * decoration (aria-hidden).
 */

export type BarListRow = {
  label: string;
  /** Drives the bar length; null (no data or suppressed) draws no bar. */
  value: number | null;
  /** What people read for the value, already formatted in the locale (e.g. "۸۰٪", or "fewer than 5 items"). */
  display: string;
  href?: string;
  /** React key; defaults to the label. */
  key?: string;
};

export type BarListProps = {
  rows: BarListRow[];
  locale: ChartLocale;
  /** The value of a full bar. Default: the largest value in the rows (use 1 for shares so bars are absolute). */
  max?: number;
  /** Accessible name of the list, when no visible heading labels it. */
  ariaLabel?: string;
  /** Id of a visible heading that names the list. */
  labelledBy?: string;
  className?: string;
};

/** Bar length in the 0…100 viewBox: proportional to value/max, clamped, 0 for null or a non-positive scale. */
export function barLength(value: number | null, max: number): number {
  if (value === null || !Number.isFinite(value) || !Number.isFinite(max) || max <= 0) return 0;
  return coord(Math.min(100, Math.max(0, (value / max) * 100)));
}

export function BarList({ rows, locale, max, ariaLabel, labelledBy, className }: BarListProps) {
  const finite = rows.map((r) => r.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const scaleMax = max ?? Math.max(0, ...finite);
  const rtl = locale === 'fa';
  return (
    <ol className={['bar-list', className].filter(Boolean).join(' ')} aria-label={ariaLabel} aria-labelledby={labelledBy}>
      {rows.map((row) => {
        const length = barLength(row.value, scaleMax);
        return (
          <li key={row.key ?? row.label} className={row.value === null ? 'bar-list__row bar-list__row--none' : 'bar-list__row'}>
            <span className="bar-list__label">{row.href ? <a href={row.href}>{row.label}</a> : row.label}</span>
            <span className="bar-list__value">{row.display}</span>
            <svg className="bar-list__bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
              <rect className="bar-list__track" x="0" y="0" width="100" height="10" />
              {length > 0 ? <rect className="bar-list__fill" x={rtl ? coord(100 - length) : 0} y="0" width={length} height="10" /> : null}
            </svg>
          </li>
        );
      })}
    </ol>
  );
}
