import { createElement as h, Fragment } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BarList, barLength, type BarListProps } from '~/components/charts/bar-list';
import { ProvinceMap, type ProvinceMapProps } from '~/components/charts/province-map';
import { niceTicks, thinLabels, TrendChart, type TrendChartProps } from '~/components/charts/trend-chart';
import { GRID_COLUMNS, GRID_ROWS, PROVINCE_GRID, PROVINCE_IDS, scaleBounds, scaleClass, tilesInReadingOrder } from '~/domain/province-grid';
import { provinces } from '../../app/seed/demo-data';

// The vitest config picks up `*.test.ts`, so the components are rendered with createElement rather than JSX.
const trend = (props: TrendChartProps) => renderToStaticMarkup(h(TrendChart, props));
const map = (props: ProvinceMapProps) => renderToStaticMarkup(h(ProvinceMap, props));
const bars = (props: BarListProps) => renderToStaticMarkup(h(BarList, props));

const PERSIAN_DIGIT = /[۰-۹]/;
const LATIN_DIGIT = /[0-9]/;

/** The markup of the first `tag` element (optionally with that class); the charts never nest their own tags. */
function section(markup: string, tag: string, className?: string): string {
  const open = className ? `<${tag} class="${className}"` : `<${tag}[\\s>]`;
  const m = markup.match(new RegExp(`${open}[\\s\\S]*?</${tag}>`));
  if (!m) throw new Error(`no <${tag}> in markup`);
  return m[0];
}
const chartSvg = (html: string) => section(html, 'svg', 'chart-svg');
const mapSvg = (html: string) => section(html, 'svg', 'map-svg');
/** Visible text: tags and entities removed. */
const textOf = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&#?\w+;/g, ' ');
/** Attribute values only (coordinates and ids), to look for NaN/Infinity. */
const attributes = (html: string) => [...html.matchAll(/\s[\w:-]+="([^"]*)"/g)].map((m) => m[1]!);

function expectCleanMarkup(html: string) {
  expect(html).not.toMatch(/NaN|Infinity/);
  expect(attributes(html).join(' ')).not.toMatch(/NaN|Infinity|undefined/);
  expect(html).not.toMatch(/\sstyle=/);
  expect(html).not.toMatch(/<style/);
}

const days = (n: number, locale: 'fa' | 'en' = 'fa') =>
  Array.from({ length: n }, (_, i) => ({
    label: locale === 'fa' ? `${i + 1} آبان` : `${i + 1} Nov`,
    iso: `2026-11-${String(i + 1).padStart(2, '0')}`,
  }));

describe('TrendChart', () => {
  const received = [12, 7, null, 31, 0, 18, 1250];
  const answered = [10, 7, 3, 25, 0, null, 990];

  it('is a figure with a caption, an svg image named by its <title> and <desc>, and the numbers in a table after it', () => {
    const html = trend({ title: 'موارد دریافتی', description: 'در هر روز', points: days(7), series: [{ name: 'دریافتی', values: received }], locale: 'fa' });
    expect(html).toMatch(/^<figure[^>]*><figcaption/);
    const svg = chartSvg(html);
    expect(svg).toContain('role="img"');
    const [titleId, descId] = svg.match(/aria-labelledby="([^"]+)"/)![1]!.split(' ');
    expect(svg).toMatch(new RegExp(`<title id="${titleId}">موارد دریافتی</title>`));
    expect(svg).toMatch(new RegExp(`<desc id="${descId}">در هر روز`));
    // The plot runs left to right in Persian too.
    expect(html).toMatch(/<div class="chart-plot" dir="ltr"><svg/);
    expect(html.indexOf('<details')).toBeGreaterThan(html.indexOf('</svg>'));
    expect(section(html, 'details')).toContain('<summary>جدول داده‌ها</summary>');
    expectCleanMarkup(html);
  });

  it('puts every number in the table, with Persian digits in fa', () => {
    const html = trend({ title: 'روند', points: days(7), series: [{ name: 'دریافتی', values: received }, { name: 'پاسخ‌داده', values: answered }], locale: 'fa' });
    const table = section(html, 'table');
    const cells = [...table.matchAll(/<td class="chart-table__num">([\s\S]*?)<\/td>/g)].map((m) => textOf(m[1]!).trim());
    const expected = received.flatMap((r, i) => [r, answered[i] ?? null]).map((v) => (v === null ? '— بدون مقدار' : new Intl.NumberFormat('fa-IR').format(v)));
    expect(cells.map((c) => c.replace(/\s+/g, ' '))).toEqual(expected);
    expect(table).toContain('۱٬۲۵۰');
    expect(table).toContain('<time dateTime="2026-11-04">۴ آبان</time>');
    expect(textOf(table)).not.toMatch(LATIN_DIGIT);
    // Axis labels too.
    expect(textOf(chartSvg(html))).not.toMatch(LATIN_DIGIT);
    expect(textOf(chartSvg(html))).toMatch(PERSIAN_DIGIT);
  });

  it('uses Latin digits in en, and the caller’s format', () => {
    const share = [0.5, 0.25, null, 1];
    const html = trend({ title: 'Answered in time', points: days(4, 'en'), series: [{ name: 'Share', values: share }], locale: 'en', format: (n) => `${Math.round(n * 100)}%` });
    const table = section(html, 'table');
    for (const v of ['50%', '25%', '100%']) expect(table).toContain(`>${v}</td>`);
    expect(table).toContain('no value');
    expect(html).toContain('<summary>Data table</summary>');
    expect(textOf(html)).not.toMatch(PERSIAN_DIGIT);
    expectCleanMarkup(html);
  });

  it('enforces Persian digits in fa even when the caller formats with Latin digits', () => {
    const html = trend({ title: 'سهم', points: days(2), series: [{ name: 'سهم', values: [0.5, 1] }], locale: 'fa', format: (n) => `${n * 100}%` });
    expect(section(html, 'table')).toContain('>۵۰%</td>');
  });

  it('breaks the line at a null instead of drawing through it, and marks a lone point', () => {
    const html = trend({ title: 't', points: days(7, 'en'), series: [{ name: 'a', values: [1, 2, null, 4, null, 6, 7] }], locale: 'en' });
    expect(chartSvg(html).match(/class="chart-line"/g)).toHaveLength(2); // [1,2] and [6,7]; 4 stands alone
    expect(chartSvg(html)).toMatch(/<circle /);
    expectCleanMarkup(html);
  });

  it('handles no data at all', () => {
    const empty = trend({ title: 'خالی', points: [], series: [{ name: 'a', values: [] }], locale: 'fa' });
    expectCleanMarkup(empty);
    expect(textOf(chartSvg(empty))).toContain('بدون داده');
    expect(section(empty, 'table')).toContain('<td colSpan="2">بدون داده</td>');

    const noSeries = trend({ title: 'Empty', points: days(3, 'en'), series: [], locale: 'en' });
    expectCleanMarkup(noSeries);
    const allNull = trend({ title: 'Nulls', points: days(3, 'en'), series: [{ name: 'a', values: [null, null, null] }], locale: 'en' });
    expectCleanMarkup(allNull);
    expect(textOf(chartSvg(allNull))).toContain('No data');
  });

  it('handles a single point and all zeros', () => {
    const one = trend({ title: 'One', points: days(1, 'en'), series: [{ name: 'a', values: [5] }], locale: 'en' });
    expectCleanMarkup(one);
    expect(chartSvg(one)).not.toContain('class="chart-line"');
    expect(chartSvg(one)).toMatch(/<circle cx="[\d.]+" cy="[\d.]+"/);
    expect(section(one, 'table')).toContain('>5</td>');

    const zeros = trend({ title: 'Zeros', points: days(5, 'en'), series: [{ name: 'a', values: [0, 0, 0, 0, 0] }, { name: 'b', values: [0, 0, 0, 0, 0] }], locale: 'en' });
    expectCleanMarkup(zeros);
    expect(section(zeros, 'table').match(/>0<\/td>/g)).toHaveLength(10);
  });

  it('gives each series its own line pattern and a legend when there are several', () => {
    const html = trend({ title: 't', points: days(3, 'en'), series: [{ name: 'a', values: [1, 2, 3] }, { name: 'b', values: [3, 2, 1], className: 'extra' }], locale: 'en' });
    expect(html).toContain('<ul class="chart-legend">');
    const dashes = [...chartSvg(html).matchAll(/<path class="chart-line"[^>]*>/g)].map((m) => m[0].match(/stroke-dasharray="([^"]+)"/)?.[1] ?? 'solid');
    expect(new Set(dashes).size).toBe(2);
    expect(html).toContain('class="chart-series chart-series-1 extra"');
  });

  it('gives two charts on one page different ids', () => {
    const html = renderToStaticMarkup(
      h(Fragment, null, h(TrendChart, { title: 'a', points: days(2), series: [], locale: 'fa' }), h(TrendChart, { title: 'b', points: days(2), series: [], locale: 'fa' })),
    );
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('shows x labels that do not overlap, time left to right', () => {
    const html = trend({ title: 'Month', points: days(31, 'en'), series: [{ name: 'a', values: days(31).map((_, i) => i) }], locale: 'en' });
    const xs = [...chartSvg(html).matchAll(/<g class="chart-ticks chart-ticks--x"[^>]*>([\s\S]*?)<\/g>/g)].flatMap((g) => [...g[1]!.matchAll(/x="([\d.]+)"/g)].map((m) => Number(m[1])));
    expect(xs.length).toBeGreaterThan(2);
    expect(xs.length).toBeLessThan(31);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual('31 Nov'.length * 13 * 0.58);
  });
});

describe('chart helpers', () => {
  it('picks nice ticks that cover the data', () => {
    expect(niceTicks(0, 1250)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(0, 37)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(0, 0.77)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(niceTicks(0, 0, 4, true)).toEqual([0, 1]);
    expect(niceTicks(0, 3, 4, true)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(-5, 5)).toEqual([-5, -2.5, 0, 2.5, 5]);
    for (const t of niceTicks(Number.NaN, Number.POSITIVE_INFINITY)) expect(Number.isFinite(t)).toBe(true);
  });

  it('thins labels to what fits', () => {
    expect(thinLabels(0, 300, 40)).toEqual([]);
    expect(thinLabels(1, 300, 40)).toEqual([0]);
    expect(thinLabels(4, 300, 40)).toEqual([0, 1, 2, 3]);
    expect(thinLabels(31, 300, 40)).toEqual([0, 4, 8, 12, 16, 20, 24, 28]);
  });
});

describe('BarList', () => {
  const rows = [
    { label: 'تهران', value: 0.9, display: '۹۰٪', href: '/stats/ir-23' },
    { label: 'قم', value: 0.45, display: '۴۵٪' },
    { label: 'یزد', value: null, display: 'کمتر از ۵ مورد' },
  ];

  it('is an ordered list whose bars grow from the right in Persian and the left in English', () => {
    const fa = bars({ rows, locale: 'fa', max: 1 });
    expect(fa).toMatch(/^<ol class="bar-list"/);
    expect(fa).toContain('<rect class="bar-list__fill" x="10" y="0" width="90" height="10"></rect>');
    expect(fa).toContain('<rect class="bar-list__fill" x="55" y="0" width="45" height="10"></rect>');
    expect(fa).toContain('<a href="/stats/ir-23">تهران</a>');
    const en = bars({ rows, locale: 'en', max: 1 });
    expect(en).toContain('<rect class="bar-list__fill" x="0" y="0" width="90" height="10"></rect>');
    expectCleanMarkup(fa);
    expectCleanMarkup(en);
  });

  it('draws no bar for a missing value but still says why, and hides the bars from assistive technology', () => {
    const html = bars({ rows, locale: 'fa' });
    const none = html.match(/<li class="bar-list__row bar-list__row--none">[\s\S]*?<\/li>/)![0];
    expect(none).toContain('کمتر از ۵ مورد');
    expect(none).not.toContain('bar-list__fill');
    expect(html.match(/aria-hidden="true"/g)).toHaveLength(3);
    // Without max the longest bar is full.
    expect(html).toContain('width="100"');
  });

  it('scales bar lengths safely', () => {
    expect(barLength(5, 10)).toBe(50);
    expect(barLength(20, 10)).toBe(100);
    expect(barLength(-1, 10)).toBe(0);
    expect(barLength(null, 10)).toBe(0);
    expect(barLength(3, 0)).toBe(0);
    expect(barLength(Number.NaN, 10)).toBe(0);
    expectCleanMarkup(bars({ rows: [{ label: 'a', value: 0, display: '0' }], locale: 'en' }));
  });
});

describe('province grid', () => {
  const seedIds = provinces.map((p) => p.code.toLowerCase()).sort();

  it('has exactly the 31 provinces of the seed, each once', () => {
    expect([...PROVINCE_IDS].sort()).toEqual(seedIds);
    expect(new Set(PROVINCE_IDS).size).toBe(31);
  });

  it('puts no two provinces in the same cell, all inside the grid', () => {
    const cells = PROVINCE_GRID.map((t) => `${t.col},${t.row}`);
    expect(new Set(cells).size).toBe(31);
    for (const t of PROVINCE_GRID) {
      expect(t.col).toBeGreaterThanOrEqual(0);
      expect(t.col).toBeLessThan(GRID_COLUMNS);
      expect(t.row).toBeGreaterThanOrEqual(0);
      expect(t.row).toBeLessThan(GRID_ROWS);
      expect(t.shortFa.length).toBeLessThanOrEqual(9);
      expect(t.shortEn.length).toBeLessThanOrEqual(9);
    }
  });

  it('keeps the rough geography', () => {
    const at = (id: string) => PROVINCE_GRID.find((t) => t.id === id)!;
    const [wAz, razavi, sistan, gilan, tehran, hormozgan, khuzestan, isfahan] = ['ir-04', 'ir-09', 'ir-11', 'ir-01', 'ir-23', 'ir-22', 'ir-06', 'ir-10'].map(at);
    expect(wAz!.col).toBe(0);
    expect(wAz!.row).toBe(0);
    expect(razavi!.col).toBe(GRID_COLUMNS - 1);
    expect(sistan!.col).toBe(GRID_COLUMNS - 1);
    expect(sistan!.row).toBeGreaterThan(razavi!.row);
    expect(gilan!.row).toBeLessThan(tehran!.row);
    expect(tehran!.row).toBeLessThan(isfahan!.row);
    expect(hormozgan!.row).toBe(GRID_ROWS - 1);
    expect(khuzestan!.col).toBeLessThan(isfahan!.col);
  });

  it('orders tiles for reading (keyboard order): right to left in Persian, left to right in English', () => {
    expect(tilesInReadingOrder('fa')[0]!.id).toBe('ir-24'); // Ardabil, the top row's rightmost
    expect(tilesInReadingOrder('en')[0]!.id).toBe('ir-04'); // West Azerbaijan
  });

  it('scaleClass: five equal steps, each including its lower bound; min → 0, max → 4', () => {
    expect(scaleClass(0, 0, 1)).toBe('map-step-0');
    expect(scaleClass(0.1999, 0, 1)).toBe('map-step-0');
    expect(scaleClass(0.2, 0, 1)).toBe('map-step-1');
    expect(scaleClass(0.4, 0, 1)).toBe('map-step-2');
    expect(scaleClass(0.6, 0, 1)).toBe('map-step-3');
    expect(scaleClass(0.7999, 0, 1)).toBe('map-step-3');
    expect(scaleClass(0.8, 0, 1)).toBe('map-step-4');
    expect(scaleClass(1, 0, 1)).toBe('map-step-4');
    expect(scaleClass(12, 10, 20)).toBe('map-step-1');
    expect(scaleClass(16, 10, 20)).toBe('map-step-3');
    // Clamped outside the range.
    expect(scaleClass(-3, 0, 1)).toBe('map-step-0');
    expect(scaleClass(7, 0, 1)).toBe('map-step-4');
    // No data, suppressed or broken.
    expect(scaleClass(null, 0, 1)).toBe('map-none');
    expect(scaleClass(undefined, 0, 1)).toBe('map-none');
    expect(scaleClass(Number.NaN, 0, 1)).toBe('map-none');
    // Nothing to compare.
    expect(scaleClass(5, 5, 5)).toBe('map-step-2');
  });

  it('scaleBounds match scaleClass', () => {
    const bounds = scaleBounds(10, 60);
    expect(bounds.map((b) => [b.lower, b.upper])).toEqual([[10, 20], [20, 30], [30, 40], [40, 50], [50, 60]]);
    for (const b of bounds) expect(scaleClass(b.lower, 10, 60)).toBe(`map-step-${b.step}`);
  });
});

describe('ProvinceMap', () => {
  const names = Object.fromEntries(provinces.map((p) => [p.code.toLowerCase(), { fa: p.nameFa, en: p.nameEn }]));
  // Every province a distinct share; Yazd and Tehran without a value (Tehran missing altogether).
  const values: Record<string, number | null> = Object.fromEntries(PROVINCE_IDS.map((id, i) => [id, i / 40]));
  values['ir-21'] = null;
  delete values['ir-23'];
  const faPercent = (n: number) => new Intl.NumberFormat('fa-IR', { style: 'percent', maximumFractionDigits: 1 }).format(n);
  const enPercent = (n: number) => new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(n);
  const base = { title: 'سهم پاسخ به‌موقع', values, names, hrefFor: (id: string) => `/stats/provinces/${id}`, legendLabel: 'پاسخ به‌موقع' };
  const fa = map({ ...base, format: faPercent, locale: 'fa' });
  const en = map({ ...base, title: 'Answered in time', legendLabel: 'Answered in time', format: enPercent, locale: 'en' });
  const tiles = (html: string) => [...mapSvg(html).matchAll(/<a ([^>]*)>([\s\S]*?)<\/a>/g)].map((m) => ({ attrs: m[1]!, inner: m[2]! }));
  const attr = (attrs: string, name: string) => attrs.match(new RegExp(`${name}="([^"]*)"`))?.[1];

  it('draws each of the 31 provinces exactly once, as a link, in its own cell', () => {
    for (const html of [fa, en]) {
      const t = tiles(html);
      expect(t).toHaveLength(31);
      expect(t.map((x) => attr(x.attrs, 'data-province')).sort()).toEqual([...PROVINCE_IDS].sort());
      for (const x of t) expect(attr(x.attrs, 'href')).toBe(`/stats/provinces/${attr(x.attrs, 'data-province')}`);
      for (const id of PROVINCE_IDS) expect(mapSvg(html).split(`href="/stats/provinces/${id}"`)).toHaveLength(2);
      const cells = t.map((x) => `${attr(x.attrs, 'data-col')},${attr(x.attrs, 'data-row')}`);
      expect(new Set(cells).size).toBe(31);
    }
  });

  it('names each link "province: value" and colours it by step', () => {
    const isfahan = tiles(fa).find((x) => attr(x.attrs, 'data-province') === 'ir-10')!;
    const v = values['ir-10']!;
    expect(attr(isfahan.attrs, 'aria-label')).toBe(`اصفهان: ${faPercent(v)}`);
    expect(attr(isfahan.attrs, 'class')).toBe(`map-tile ${scaleClass(v, 0, 30 / 40)}`);
    const isfahanEn = tiles(en).find((x) => attr(x.attrs, 'data-province') === 'ir-10')!;
    expect(attr(isfahanEn.attrs, 'aria-label')).toBe(`Isfahan: ${enPercent(v)}`);
    // The largest value is on the darkest step, the smallest on the lightest.
    expect(attr(tiles(fa).find((x) => attr(x.attrs, 'data-province') === PROVINCE_IDS[30])!.attrs, 'class')).toBe('map-tile map-step-4');
    expect(attr(tiles(fa).find((x) => attr(x.attrs, 'data-province') === PROVINCE_IDS[0])!.attrs, 'class')).toBe('map-tile map-step-0');
  });

  it('shows a province without a value as "no data", never as a number', () => {
    for (const id of ['ir-21', 'ir-23']) {
      const tile = tiles(fa).find((x) => attr(x.attrs, 'data-province') === id)!;
      expect(attr(tile.attrs, 'class')).toBe('map-tile map-none');
      expect(attr(tile.attrs, 'aria-label')).toBe(`${names[id]!.fa}: بدون داده یا کمتر از ۵ مورد`);
      expect(attr(tile.attrs, 'aria-label')).not.toMatch(/[0-9۰-۴۶-۹]/); // the only digit allowed is the ۵ of "fewer than 5"
      expect(textOf(tile.inner.replace(/<title>[\s\S]*?<\/title>/, ''))).toContain('—');
    }
    const tileEn = tiles(en).find((x) => attr(x.attrs, 'data-province') === 'ir-21')!;
    expect(attr(tileEn.attrs, 'aria-label')).toBe('Yazd: No data, or fewer than 5 items');
  });

  it('uses Persian digits in fa and Latin digits in en', () => {
    expect(textOf(mapSvg(fa))).not.toMatch(LATIN_DIGIT);
    expect(textOf(mapSvg(fa))).toMatch(PERSIAN_DIGIT);
    expect(textOf(fa)).not.toMatch(LATIN_DIGIT);
    expect(textOf(en)).not.toMatch(PERSIAN_DIGIT);
  });

  it('repeats every value in a table inside <details>, one row per province', () => {
    const table = section(fa, 'table');
    expect(section(fa, 'details')).toContain('<summary>جدول داده‌ها</summary>');
    const rows = [...table.matchAll(/<tr[^>]*><th scope="row"><a href="([^"]+)">([^<]+)<\/a><\/th><td[^>]*>([^<]+)<\/td><\/tr>/g)];
    expect(rows).toHaveLength(31);
    for (const id of PROVINCE_IDS) {
      const row = rows.find((r) => r[1] === `/stats/provinces/${id}`)!;
      expect(row[2]).toBe(names[id]!.fa);
      const v = values[id];
      expect(row[3]).toBe(typeof v === 'number' ? faPercent(v) : 'بدون داده یا کمتر از ۵ مورد');
    }
  });

  it('has a legend with the five steps and "no data", and marks what the tiles are', () => {
    const legend = fa.slice(fa.indexOf('<div class="map-legend">'), fa.indexOf('<details'));
    for (let i = 0; i < 5; i++) expect(legend).toContain(`map-swatch map-step-${i}`);
    expect(legend).toContain('map-swatch map-none');
    expect(legend).toContain('بدون داده یا کمتر از ۵ مورد');
    expect(legend).toContain(`${faPercent(0)} – ${faPercent(6 / 40)}`);
    const svgOpen = mapSvg(fa).match(/<svg[^>]*>/)![0];
    expect(svgOpen).toContain('aria-describedby=');
  });

  it('stays clean with no values at all, and with all values equal', () => {
    const none = map({ ...base, values: {}, format: faPercent, locale: 'fa' });
    expectCleanMarkup(none);
    expect(tiles(none).every((x) => attr(x.attrs, 'class') === 'map-tile map-none')).toBe(true);
    expect(none).not.toContain('map-swatch map-step-');
    const same = map({ ...base, values: Object.fromEntries(PROVINCE_IDS.map((id) => [id, 0.5])), format: enPercent, locale: 'en' });
    expectCleanMarkup(same);
    expect(tiles(same).every((x) => attr(x.attrs, 'class') === 'map-tile map-step-2')).toBe(true);
    expect(same.match(/map-swatch map-step-/g)).toHaveLength(1);
    const fixed = map({ ...base, values: { 'ir-23': 0.5 }, domain: [0, 1], format: enPercent, locale: 'en' });
    expect(attr(tiles(fixed).find((x) => attr(x.attrs, 'data-province') === 'ir-23')!.attrs, 'class')).toBe('map-tile map-step-2');
    expectCleanMarkup(fixed);
  });

  it('writes no inline style and no NaN anywhere', () => {
    expectCleanMarkup(fa);
    expectCleanMarkup(en);
  });
});
