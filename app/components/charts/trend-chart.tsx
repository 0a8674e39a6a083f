import { useId } from 'react';
import { coord, DEFAULT_CHART_LABELS, estimateTextWidth, localDigits, localFormatter, type ChartLocale } from './chart-text';
import { ChartDataTable } from './data-table';

/**
 * A line chart over time buckets (days or weeks), rendered on the server as plain SVG + HTML: no chart library, no
 * script, no inline styles (CSP `style-src 'self'`): colours come from classes in app.css (`chart-*`), geometry from
 * SVG attributes. Time runs left to right in both languages (the plot is laid out LTR; Persian labels and digits
 * stay Persian). The numbers are repeated in a real table inside a <details> after the chart (the text alternative).
 */

export type TrendPoint = { label: string; iso: string };
export type TrendSeries = {
  name: string;
  values: (number | null)[];
  className?: string;
};
export type TrendChartLabels = {
  /** Summary of the <details> holding the table. Default "جدول داده‌ها" / "Data table". */
  dataTable: string;
  /** Header of the time column. Default "دوره" / "Period". */
  period: string;
  /** Shown in the plot when there is nothing to draw. */
  noData: string;
  /** Read for a table cell with no value (the cell shows "—"). */
  noValue: string;
  /** Appended to the SVG's description. */
  seeTable: string;
};

export type TrendChartProps = {
  title: string;
  description?: string;
  points: TrendPoint[];
  series: TrendSeries[];
  locale: ChartLocale;
  /** How a value is written (axis ticks, table). Default: the locale's number format. Persian digits are enforced for fa. */
  format?: (n: number) => string;
  labels?: Partial<TrendChartLabels>;
  /** Id prefix; by default React's useId (stable between server render and hydration). */
  id?: string;
  className?: string;
};

// Geometry in SVG user units; the SVG scales to the width of its container (100 %), which is ~330 px on a phone.
export const CHART_WIDTH = 360;
export const CHART_HEIGHT = 220;
const FONT = 13;
const TOP = 12;
const BOTTOM = 28;
const TICK_TARGET = 4;
const MARKERS_UP_TO = 24;
/** Line patterns per series (cycled), so series differ by more than colour. */
export const SERIES_DASH = [undefined, '7 4', '2 3', '9 3 2 3'] as const;
const SERIES_CLASSES = 6;

/** "Nice" ticks (steps of 1, 2, 2.5 or 5 × 10ⁿ) covering [min, max]; whole-number steps when `integer`. */
export function niceTicks(min: number, max: number, target = TICK_TARGET, integer = false): number[] {
  let lo = Number.isFinite(min) ? min : 0;
  let hi = Number.isFinite(max) ? max : lo + 1;
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) hi = lo + 1;
  const raw = (hi - lo) / Math.max(1, target);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  const multipliers = integer && magnitude < 10 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  let step = (multipliers.find((m) => norm <= m) ?? 10) * magnitude;
  if (integer) step = Math.max(1, Math.round(step));
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  const first = Math.floor(lo / step + 1e-9) * step;
  const last = Math.ceil(hi / step - 1e-9) * step;
  const count = Math.round((last - first) / step) + 1;
  return Array.from({ length: count }, (_, i) => Number((first + i * step).toFixed(decimals)));
}

/** Indices of the x labels to show so that labels `labelWidth` wide never overlap over `plotWidth`. */
export function thinLabels(count: number, plotWidth: number, labelWidth: number): number[] {
  if (count <= 0) return [];
  if (count === 1) return [0];
  const spacing = plotWidth / (count - 1);
  const every = Math.max(1, Math.ceil(labelWidth / spacing));
  const shown: number[] = [];
  for (let i = 0; i < count; i += every) shown.push(i);
  return shown;
}

function marker(kind: number, x: number, y: number, key: string) {
  const r = 3.5;
  switch (kind % 4) {
    case 1:
      return <rect key={key} x={coord(x - r)} y={coord(y - r)} width={r * 2} height={r * 2} />;
    case 2:
      return <polygon key={key} points={`${coord(x)},${coord(y - r - 1)} ${coord(x + r + 0.5)},${coord(y + r)} ${coord(x - r - 0.5)},${coord(y + r)}`} />;
    case 3:
      return (
        <polygon
          key={key}
          points={`${coord(x)},${coord(y - r - 1)} ${coord(x + r + 1)},${coord(y)} ${coord(x)},${coord(y + r + 1)} ${coord(x - r - 1)},${coord(y)}`}
        />
      );
    default:
      return <circle key={key} cx={coord(x)} cy={coord(y)} r={r} />;
  }
}

/** A small key (line pattern + marker) for the legend, so the legend matches the plot without colour. */
function SeriesKey({ index }: { index: number }) {
  return (
    <svg className="chart-legend__key" viewBox="0 0 32 12" width="32" height="12" aria-hidden="true" focusable="false">
      <line x1="1" y1="6" x2="31" y2="6" stroke="currentColor" strokeWidth="2" strokeDasharray={SERIES_DASH[index % SERIES_DASH.length]} />
      <g fill="currentColor">{marker(index, 16, 6, 'k')}</g>
    </svg>
  );
}

const isValue = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

export function TrendChart({ title, description, points: rawPoints, series, locale, format, labels, id, className }: TrendChartProps) {
  const points = rawPoints.map((p) => ({
    iso: p.iso,
    label: localDigits(locale, p.label),
  }));
  const reactId = useId();
  const base = id ?? `trend${reactId.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const text = { ...DEFAULT_CHART_LABELS[locale], ...labels };
  const fmt = localFormatter(locale, format);
  const n = points.length;

  const values = series.flatMap((s) => s.values.slice(0, n).filter(isValue));
  const hasData = n > 0 && values.length > 0;
  const dataMin = hasData ? Math.min(...values) : 0;
  const dataMax = hasData ? Math.max(...values) : 1;
  const integer = values.every(Number.isInteger);
  const ticks = niceTicks(Math.min(0, dataMin), Math.max(0, dataMax), TICK_TARGET, integer);
  const yMin = ticks[0] ?? 0;
  const yMax = ticks[ticks.length - 1] ?? 1;
  const tickLabels = ticks.map(fmt);

  const xLabelWidth = Math.max(0, ...points.map((p) => estimateTextWidth(p.label, FONT)));
  const left = Math.min(120, Math.max(8 + Math.max(...tickLabels.map((t) => estimateTextWidth(t, FONT))), xLabelWidth / 2, 24));
  const right = Math.min(60, Math.max(12, xLabelWidth / 2 + 2));
  const plotWidth = CHART_WIDTH - left - right;
  const plotHeight = CHART_HEIGHT - TOP - BOTTOM;
  const bottom = TOP + plotHeight;

  const x = (i: number) => (n <= 1 ? left + plotWidth / 2 : left + (i * plotWidth) / (n - 1));
  const y = (v: number) => bottom - ((v - yMin) / (yMax - yMin || 1)) * plotHeight;
  const shownX = thinLabels(n, plotWidth, xLabelWidth + 8);

  const titleId = `${base}-title`;
  const descId = `${base}-desc`;
  const sep = locale === 'fa' ? '، ' : ', ';
  const range = n === 0 ? '' : n === 1 ? points[0]!.label : `${points[0]!.label} – ${points[n - 1]!.label}`;
  const summary = hasData ? `${series.map((s) => s.name).join(sep)}${range ? ` (${range})` : ''}. ${text.seeTable}` : text.noData;

  return (
    <figure className={['chart', 'trend-chart', className].filter(Boolean).join(' ')}>
      <figcaption className="chart__caption">
        <span className="chart__title">{title}</span>
        {description ? <span className="chart__description">{description}</span> : null}
      </figcaption>
      {series.length > 1 ? (
        <ul className="chart-legend">
          {series.map((s, k) => (
            <li key={k} className={['chart-series', `chart-series-${k % SERIES_CLASSES}`, s.className].filter(Boolean).join(' ')}>
              <SeriesKey index={k} />
              <span className="chart-legend__name">{s.name}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="chart-plot" dir="ltr">
        <svg
          className="chart-svg"
          viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`}
          width="100%"
          preserveAspectRatio="xMidYMid meet"
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          direction="ltr"
          fontSize={FONT}
        >
          <title id={titleId}>{title}</title>
          <desc id={descId}>{description ? `${description} ${summary}` : summary}</desc>
          <g className="chart-grid">
            {(hasData ? ticks : [yMin]).map((t) => (
              <line
                key={t}
                x1={coord(left)}
                x2={coord(left + plotWidth)}
                y1={coord(y(t))}
                y2={coord(y(t))}
                className={t === 0 ? 'chart-grid__zero' : undefined}
              />
            ))}
          </g>
          <line className="chart-axis" x1={coord(left)} x2={coord(left)} y1={TOP} y2={coord(bottom)} />
          {hasData ? (
            <g className="chart-ticks chart-ticks--y" textAnchor="end">
              {ticks.map((t, i) => (
                <text key={t} x={coord(left - 6)} y={coord(y(t))} dy="0.35em">
                  {tickLabels[i]}
                </text>
              ))}
            </g>
          ) : null}
          {/* The plot is LTR (time runs left to right); Persian labels keep their own right-to-left order. */}
          <g className="chart-ticks chart-ticks--x" textAnchor="middle" direction={locale === 'fa' ? 'rtl' : 'ltr'}>
            {shownX.map((i) => (
              <text key={i} x={coord(x(i))} y={coord(bottom + 20)}>
                {points[i]!.label}
              </text>
            ))}
          </g>
          {hasData ? (
            series.map((s, k) => {
              const pts = points.map((_, i) => s.values[i]);
              const segments: number[][] = [];
              let run: number[] = [];
              pts.forEach((v, i) => {
                if (isValue(v)) {
                  run.push(i);
                } else if (run.length) {
                  segments.push(run);
                  run = [];
                }
              });
              if (run.length) segments.push(run);
              const markerAt = pts
                .map((v, i) => (isValue(v) ? i : -1))
                .filter((i) => i >= 0 && (n <= MARKERS_UP_TO || segments.some((seg) => seg.length === 1 && seg[0] === i)));
              return (
                <g key={k} className={['chart-series', `chart-series-${k % SERIES_CLASSES}`, s.className].filter(Boolean).join(' ')}>
                  {segments
                    .filter((seg) => seg.length > 1)
                    .map((seg) => (
                      <path
                        key={seg[0]}
                        className="chart-line"
                        fill="none"
                        stroke="currentColor"
                        strokeWidth="2.5"
                        strokeLinejoin="round"
                        strokeLinecap="round"
                        strokeDasharray={SERIES_DASH[k % SERIES_DASH.length]}
                        d={seg.map((i, j) => `${j === 0 ? 'M' : 'L'}${coord(x(i))} ${coord(y(pts[i] as number))}`).join(' ')}
                      />
                    ))}
                  <g className="chart-markers" fill="currentColor">
                    {markerAt.map((i) => marker(k, x(i), y(pts[i] as number), String(i)))}
                  </g>
                </g>
              );
            })
          ) : (
            <text
              className="chart-empty"
              x={CHART_WIDTH / 2}
              y={TOP + plotHeight / 2}
              textAnchor="middle"
              dy="0.35em"
              direction={locale === 'fa' ? 'rtl' : 'ltr'}
            >
              {text.noData}
            </text>
          )}
        </svg>
      </div>
      <ChartDataTable
        summary={text.dataTable}
        title={title}
        head={
          <>
            <th scope="col">{text.period}</th>
            {series.map((s, k) => (
              <th scope="col" key={k}>
                {s.name}
              </th>
            ))}
          </>
        }
      >
        {n === 0 ? (
          <tr>
            <td colSpan={series.length + 1}>{text.noData}</td>
          </tr>
        ) : (
          points.map((p, i) => (
            <tr key={`${p.iso}-${i}`}>
              <th scope="row">
                <time dateTime={p.iso}>{p.label}</time>
              </th>
              {series.map((s, k) => {
                const v = s.values[i];
                return (
                  <td key={k} className="chart-table__num">
                    {isValue(v) ? (
                      fmt(v)
                    ) : (
                      <>
                        <span aria-hidden="true">—</span>
                        <span className="visually-hidden">{text.noValue}</span>
                      </>
                    )}
                  </td>
                );
              })}
            </tr>
          ))
        )}
      </ChartDataTable>
    </figure>
  );
}
