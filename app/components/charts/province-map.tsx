import { useId } from 'react';
import { GRID_COLUMNS, GRID_ROWS, PROVINCE_IDS, scaleBounds, scaleClass, tilesInReadingOrder } from '~/domain/province-grid';
import { DEFAULT_CHART_LABELS, localFormatter, type ChartLocale } from './chart-text';
import { ChartDataTable } from './data-table';

/**
 * Iran's 31 provinces as a tile-grid cartogram (see app/domain/province-grid.ts: one equal tile per province, no
 * real borders), server-rendered SVG. Each tile is a link (`<a href>` in the SVG, keyboard focusable, visible focus
 * from app.css) named "province: value"; its colour class comes from a 5-step sequential scale (`map-step-0…4`) or
 * `map-none` for no data / suppressed. A legend explains the steps, and a table in a <details> repeats every value
 * (the text alternative, and the fallback on a small phone). No inline styles (CSP).
 */

export type ProvinceNames = Record<string, { fa: string; en: string }>;

export type ProvinceMapLabels = {
  /** Legend entry and cell text for provinces without a value. Default "بدون داده یا کمتر از ۵ مورد". */
  noDataOrFew: string;
  /** Summary of the <details> holding the table. */
  dataTable: string;
  /** Header of the province column. */
  province: string;
  /** A sentence saying the tiles are not real borders. */
  mapNote: string;
};

export type ProvinceMapProps = {
  title: string;
  /** Value per province id (`ir-00`…`ir-30`); null or missing: no data, or suppressed (fewer than 5 items). */
  values: Record<string, number | null | undefined>;
  format: (n: number) => string;
  hrefFor: (provinceId: string) => string;
  names: ProvinceNames;
  locale: ChartLocale;
  /** What the values are (heads the legend and the table's value column), e.g. "Answered in time". */
  legendLabel: string;
  /** Fixed scale ends (e.g. [0, 1] for shares); default: the smallest and largest value shown. */
  domain?: [number, number];
  labels?: Partial<ProvinceMapLabels>;
  id?: string;
  className?: string;
};

export const TILE_PITCH = 100;
const TILE_SIZE = 94;
const TILE_INSET = (TILE_PITCH - TILE_SIZE) / 2;
const NAME_FONT = 20;
const VALUE_FONT = 26;

const isValue = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

export function ProvinceMap({ title, values, format, hrefFor, names, locale, legendLabel, domain, labels, id, className }: ProvinceMapProps) {
  const reactId = useId();
  const base = id ?? `map${reactId.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const text = { ...DEFAULT_CHART_LABELS[locale], ...labels };
  const fmt = localFormatter(locale, format);
  const shown = PROVINCE_IDS.map((p) => values[p]).filter(isValue);
  const min = domain ? domain[0] : shown.length ? Math.min(...shown) : 0;
  const max = domain ? domain[1] : shown.length ? Math.max(...shown) : 0;
  const fullName = (p: string) => names[p]?.[locale] ?? p;
  const captionId = `${base}-caption`;
  const noteId = `${base}-note`;

  // Equal tiles have nothing to compare: one legend entry, in the class scaleClass gives them (the middle step).
  const legendSteps =
    !shown.length && !domain
      ? []
      : max > min
      ? scaleBounds(min, max).map((b) => ({
          className: `map-step-${b.step}`,
          text: `${fmt(b.lower)} – ${fmt(b.upper)}`,
        }))
      : [{ className: scaleClass(min, min, max), text: fmt(min) }];

  const collator = new Intl.Collator(locale === 'fa' ? 'fa' : 'en');
  const tableRows = [...PROVINCE_IDS].sort((a, b) => collator.compare(fullName(a), fullName(b)));

  return (
    <figure className={['chart', 'province-map', className].filter(Boolean).join(' ')}>
      <figcaption className="chart__caption" id={captionId}>
        <span className="chart__title">{title}</span>
      </figcaption>
      <div className="map-plot">
        <svg
          className="map-svg"
          viewBox={`0 0 ${GRID_COLUMNS * TILE_PITCH} ${GRID_ROWS * TILE_PITCH}`}
          width="100%"
          preserveAspectRatio="xMidYMid meet"
          role="group"
          aria-labelledby={captionId}
          aria-describedby={noteId}
        >
          {tilesInReadingOrder(locale).map((tile) => {
            const v = values[tile.id];
            const has = isValue(v);
            const cls = has ? scaleClass(v, min, max) : 'map-none';
            const valueText = has ? fmt(v) : text.noDataOrFew;
            const x = tile.col * TILE_PITCH + TILE_INSET;
            const y = tile.row * TILE_PITCH + TILE_INSET;
            const cx = x + TILE_SIZE / 2;
            return (
              <a
                key={tile.id}
                href={hrefFor(tile.id)}
                className={`map-tile ${cls}`}
                aria-label={`${fullName(tile.id)}: ${valueText}`}
                data-province={tile.id}
                data-col={tile.col}
                data-row={tile.row}
              >
                <title>{`${fullName(tile.id)}: ${valueText}`}</title>
                <rect className="map-shape" x={x} y={y} width={TILE_SIZE} height={TILE_SIZE} rx="10" ry="10" />
                <text className="map-tile__name" x={cx} y={y + 38} textAnchor="middle" fontSize={NAME_FONT}>
                  {locale === 'fa' ? tile.shortFa : tile.shortEn}
                </text>
                <text className="map-tile__value" x={cx} y={y + 74} textAnchor="middle" fontSize={VALUE_FONT} fontWeight="700">
                  {has ? fmt(v) : '—'}
                </text>
              </a>
            );
          })}
        </svg>
      </div>
      <div className="map-legend">
        <p className="map-legend__title">{legendLabel}</p>
        <ul className="map-legend__steps">
          {legendSteps.map((step) => (
            <li key={step.className}>
              <svg className={`map-swatch ${step.className}`} viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
                <rect className="map-shape" x="1" y="1" width="18" height="18" rx="3" ry="3" />
              </svg>
              <span>{step.text}</span>
            </li>
          ))}
          <li>
            <svg className="map-swatch map-none" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
              <rect className="map-shape" x="1" y="1" width="18" height="18" rx="3" ry="3" />
            </svg>
            <span>{text.noDataOrFew}</span>
          </li>
        </ul>
        <p className="map-legend__note" id={noteId}>
          {text.mapNote}
        </p>
      </div>
      <ChartDataTable
        summary={text.dataTable}
        title={title}
        head={
          <>
            <th scope="col">{text.province}</th>
            <th scope="col">{legendLabel}</th>
          </>
        }
      >
        {tableRows.map((p) => {
          const v = values[p];
          return (
            <tr key={p} className={isValue(v) ? undefined : 'chart-table__none'}>
              <th scope="row">
                <a href={hrefFor(p)}>{fullName(p)}</a>
              </th>
              <td className="chart-table__num">{isValue(v) ? fmt(v) : text.noDataOrFew}</td>
            </tr>
          );
        })}
      </ChartDataTable>
    </figure>
  );
}
