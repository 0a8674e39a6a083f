import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { BarList } from './charts/bar-list';
import { TableScroll } from './table-scroll';
import { formatNumber, formatShare, type Locale } from '~/domain/dates';

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
  note?: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="card breakdown" data-testid={testId}>
      <h2 id={id}>{title}</h2>
      <BarList labelledBy={id} locale={locale} max={1} rows={lines.map((l) => ({ key: l.key || 'unknown', label: l.label, value: l.share, display: l.shareText }))} />
      <TableScroll label={tableLabel}>
        <table className="list breakdown-table">
          <caption className="visually-hidden">{title}</caption>
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
      </TableScroll>
      {note ? <p className="muted small">{note}</p> : null}
    </section>
  );
}

/** The name of a channel or an area key as the pages show it (`''`: an area nobody has set yet). */
export function channelLabel(t: TFunction, key: string): string {
  return t(`channel.${key}`, { defaultValue: key });
}

export function areaLabel(t: TFunction, key: string): string {
  return key === '' ? t('breakdown.unknownArea') : t(`area.${key}`, { defaultValue: key });
}

/** A row of a channel or area breakdown as the models give it (a count withheld on a public page is null). */
interface BreakdownFigures {
  key: string;
  received: number | null;
  share: number | null;
}

/** The usual line of a breakdown: the count and its share; `missing` stands for a withheld or empty figure. */
export function breakdownLine(r: BreakdownFigures, label: string, locale: Locale, missing = '—'): BreakdownLine {
  const shareText = r.share === null ? missing : formatShare(r.share, locale);
  return { key: r.key, label, share: r.share, shareText, cells: [r.received === null ? missing : formatNumber(r.received, locale), shareText] };
}

/**
 * The two breakdowns the monitoring pages show in a row: by channel, then by area (test ids `${testIdPrefix}-channels`
 * and `${testIdPrefix}-areas`). The dashboard adds a note under the channels.
 */
export function ChannelAndAreaBreakdowns<R extends BreakdownFigures>({
  testIdPrefix,
  locale,
  byChannel,
  byArea,
  missing,
  channelNote,
}: {
  testIdPrefix: string;
  locale: Locale;
  byChannel: readonly R[];
  byArea: readonly R[];
  missing?: string;
  channelNote?: ReactNode;
}) {
  const { t } = useTranslation();
  const received = t('dashboard.received');
  const share = t('breakdown.share');
  return (
    <>
      <Breakdown
        id="channels-title"
        testId={`${testIdPrefix}-channels`}
        title={t('breakdown.byChannel')}
        tableLabel={t('breakdown.tableOf', { title: t('breakdown.byChannel') })}
        locale={locale}
        columns={[t('breakdown.channel'), received, share]}
        lines={byChannel.map((r) => breakdownLine(r, channelLabel(t, r.key), locale, missing))}
        note={channelNote}
      />
      <Breakdown
        id="areas-title"
        testId={`${testIdPrefix}-areas`}
        title={t('breakdown.byArea')}
        tableLabel={t('breakdown.tableOf', { title: t('breakdown.byArea') })}
        locale={locale}
        columns={[t('area.label'), received, share]}
        lines={byArea.map((r) => breakdownLine(r, areaLabel(t, r.key), locale, missing))}
        note={t('breakdown.areaNote')}
      />
    </>
  );
}
