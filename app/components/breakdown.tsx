import type { TFunction } from 'i18next';
import { BarList } from './charts/bar-list';
import type { Locale } from '~/domain/dates';

/**
 * A breakdown of the items received by channel or by area (the dashboard, /stats and the monthly report): the shares
 * as bars (a list that reads "label share" to everyone) and the figures as a small table.
 */

export interface BreakdownLine {
  key: string;
  label: string;
  /** Drives the bar: 0–1, or null (nothing received, or withheld on a public page). */
  share: number | null;
  /** The share as people read it beside the bar. */
  shareText: string;
  /** The table's cells after the label, in the order of `columns` (which starts with the label's column). */
  cells: string[];
}

export function Breakdown({
  id,
  title,
  columns,
  lines,
  locale,
  testId,
  tableLabel,
  note,
}: {
  /** Id of the section's heading. */
  id: string;
  title: string;
  columns: string[];
  lines: BreakdownLine[];
  locale: Locale;
  testId: string;
  /** Accessible name of the scrolling table region. */
  tableLabel: string;
  note?: string;
}) {
  return (
    <section aria-labelledby={id} className="card breakdown" data-testid={testId}>
      <h2 id={id}>{title}</h2>
      <BarList labelledBy={id} locale={locale} max={1} rows={lines.map((l) => ({ key: l.key || 'unknown', label: l.label, value: l.share, display: l.shareText }))} />
      <div className="table-scroll" tabIndex={0} role="region" aria-label={tableLabel}>
        <table className="list breakdown-table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.key || 'unknown'} data-key={l.key || 'unknown'}>
                <th scope="row">{l.label}</th>
                {l.cells.map((cell, i) => (
                  <td key={columns[i + 1] ?? i} data-label={columns[i + 1]}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {note ? <p className="muted small">{note}</p> : null}
    </section>
  );
}

/**
 * A share as a percentage in the style of the public report (DESIGN §1: "68 %, … 2.5 %, 0.3 %"): whole percents from
 * 10 % up, one decimal below, so a small field does not read as 0 %.
 */
export function formatShare(share: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fa' ? 'fa-IR' : 'en-GB', { style: 'percent', maximumFractionDigits: share < 0.1 ? 1 : 0 }).format(share);
}

/** The name of a channel or an area key as the pages show it (`''`: an area nobody has set yet). */
export function channelLabel(t: TFunction, key: string): string {
  return t(`channel.${key}`, { defaultValue: key });
}

export function areaLabel(t: TFunction, key: string): string {
  return key === '' ? t('breakdown.unknownArea') : t(`area.${key}`, { defaultValue: key });
}
