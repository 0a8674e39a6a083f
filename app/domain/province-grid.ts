/**
 * A tile-grid cartogram of Iran's 31 provinces: one equal square tile per province, placed on a 7 × 6 grid so that
 * each tile sits roughly where the province lies (west on the left and north at the top, in both languages).
 *
 * This is deliberately NOT a map with borders: no boundary data is available offline and copying path data from
 * elsewhere is not allowed. Equal tiles also stop the large, thinly populated provinces (Kerman, Sistan and
 * Baluchestan, the Khorasans) from dominating the picture, which suits per-province shares and counts. Neighbours
 * are approximate; the full names are in the accessible names and in the table that goes with the map.
 *
 *        col 0        1            2           3            4          5          6
 * row 0  W. Azer.     E. Azer.     Ardabil
 * row 1  Kurdistan    Zanjan       Gilan       Mazandaran   Golestan   N. Khor.
 * row 2  Kermanshah   Hamadan      Qazvin      Alborz       Tehran     Semnan     Razavi
 * row 3  Ilam         Lorestan     Markazi     Qom          Isfahan    Yazd       S. Khor.
 * row 4               Khuzestan    Chaharmahal Kohgiluyeh   Fars       Kerman     Sistan & B.
 * row 5                                        Bushehr                 Hormozgan
 *
 * Province ids are the lower-case ISO 3166-2:IR codes used by the database, URLs and forms (`ir-09`).
 * Pure data and functions: no React, no database.
 */

export type ProvinceTile = {
  id: string;
  /** 0 = westernmost column. */
  col: number;
  /** 0 = northernmost row. */
  row: number;
  /** Short labels that fit on a tile; full names come from the database. */
  shortFa: string;
  shortEn: string;
};

export const GRID_COLUMNS = 7;
export const GRID_ROWS = 6;

export const PROVINCE_GRID: readonly ProvinceTile[] = [
  { id: 'ir-04', col: 0, row: 0, shortFa: 'آ. غربی', shortEn: 'W. Azer.' },
  { id: 'ir-03', col: 1, row: 0, shortFa: 'آ. شرقی', shortEn: 'E. Azer.' },
  { id: 'ir-24', col: 2, row: 0, shortFa: 'اردبیل', shortEn: 'Ardabil' },

  { id: 'ir-12', col: 0, row: 1, shortFa: 'کردستان', shortEn: 'Kurdist.' },
  { id: 'ir-19', col: 1, row: 1, shortFa: 'زنجان', shortEn: 'Zanjan' },
  { id: 'ir-01', col: 2, row: 1, shortFa: 'گیلان', shortEn: 'Gilan' },
  { id: 'ir-02', col: 3, row: 1, shortFa: 'مازندران', shortEn: 'Mazand.' },
  { id: 'ir-27', col: 4, row: 1, shortFa: 'گلستان', shortEn: 'Golestan' },
  { id: 'ir-28', col: 5, row: 1, shortFa: 'خ. شمالی', shortEn: 'N. Khor.' },

  { id: 'ir-05', col: 0, row: 2, shortFa: 'کرمانشاه', shortEn: 'K.shah' },
  { id: 'ir-13', col: 1, row: 2, shortFa: 'همدان', shortEn: 'Hamadan' },
  { id: 'ir-26', col: 2, row: 2, shortFa: 'قزوین', shortEn: 'Qazvin' },
  { id: 'ir-30', col: 3, row: 2, shortFa: 'البرز', shortEn: 'Alborz' },
  { id: 'ir-23', col: 4, row: 2, shortFa: 'تهران', shortEn: 'Tehran' },
  { id: 'ir-20', col: 5, row: 2, shortFa: 'سمنان', shortEn: 'Semnan' },
  { id: 'ir-09', col: 6, row: 2, shortFa: 'خ. رضوی', shortEn: 'Razavi' },

  { id: 'ir-16', col: 0, row: 3, shortFa: 'ایلام', shortEn: 'Ilam' },
  { id: 'ir-15', col: 1, row: 3, shortFa: 'لرستان', shortEn: 'Lorestan' },
  { id: 'ir-00', col: 2, row: 3, shortFa: 'مرکزی', shortEn: 'Markazi' },
  { id: 'ir-25', col: 3, row: 3, shortFa: 'قم', shortEn: 'Qom' },
  { id: 'ir-10', col: 4, row: 3, shortFa: 'اصفهان', shortEn: 'Isfahan' },
  { id: 'ir-21', col: 5, row: 3, shortFa: 'یزد', shortEn: 'Yazd' },
  { id: 'ir-29', col: 6, row: 3, shortFa: 'خ. جنوبی', shortEn: 'S. Khor.' },

  { id: 'ir-06', col: 1, row: 4, shortFa: 'خوزستان', shortEn: 'Khuzest.' },
  { id: 'ir-14', col: 2, row: 4, shortFa: 'چهارمحال', shortEn: 'Chahar.' },
  { id: 'ir-17', col: 3, row: 4, shortFa: 'کهگیلویه', shortEn: 'Kohgil.' },
  { id: 'ir-07', col: 4, row: 4, shortFa: 'فارس', shortEn: 'Fars' },
  { id: 'ir-08', col: 5, row: 4, shortFa: 'کرمان', shortEn: 'Kerman' },
  { id: 'ir-11', col: 6, row: 4, shortFa: 'سیستان', shortEn: 'Sistan' },

  { id: 'ir-18', col: 3, row: 5, shortFa: 'بوشهر', shortEn: 'Bushehr' },
  { id: 'ir-22', col: 5, row: 5, shortFa: 'هرمزگان', shortEn: 'Hormoz.' },
];

export const PROVINCE_IDS: readonly string[] = PROVINCE_GRID.map((t) => t.id);

const BY_ID = new Map(PROVINCE_GRID.map((t) => [t.id, t]));

export function provinceTile(id: string): ProvinceTile | undefined {
  return BY_ID.get(id);
}

/**
 * Tiles in the order a reader meets them: top to bottom, and along each row in the reading direction of the
 * language (right to left for Persian). Used as the keyboard (tab) order of the map's links.
 */
export function tilesInReadingOrder(locale: 'fa' | 'en'): ProvinceTile[] {
  return [...PROVINCE_GRID].sort((a, b) => a.row - b.row || (locale === 'fa' ? b.col - a.col : a.col - b.col));
}

export const SCALE_STEPS = 5;
export type ScaleClass = 'map-none' | 'map-step-0' | 'map-step-1' | 'map-step-2' | 'map-step-3' | 'map-step-4';

/**
 * The colour class of a value on a 5-step sequential scale over [min, max]: the range is cut into five equal
 * intervals, each closed at its lower end (a value exactly on a boundary belongs to the higher step) and the last
 * one closed at both ends, so `min` → `map-step-0` and `max` → `map-step-4`. Values outside the range are clamped.
 * Null (no data, or suppressed because fewer than the minimum of items) and non-finite numbers → `map-none`.
 * When every value is the same (max ≤ min) there is nothing to compare: the middle step.
 */
export function scaleClass(value: number | null | undefined, min: number, max: number): ScaleClass {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'map-none';
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) return 'map-step-2';
  return `map-step-${scaleStep(value, min, max)}` as ScaleClass;
}

/** The step (0…4) of a finite value; see `scaleClass`. */
export function scaleStep(value: number, min: number, max: number): number {
  if (max <= min) return 2;
  const t = (value - min) / (max - min);
  // The epsilon keeps values computed as exactly a boundary (0.6 → 2.9999999999999996) on the higher step.
  const step = Math.floor(t * SCALE_STEPS + 1e-9);
  return Math.min(SCALE_STEPS - 1, Math.max(0, step));
}

/** The lower and upper bound of each step, for a legend: step i covers [lower, upper) and the last [lower, max]. */
export function scaleBounds(min: number, max: number): { step: number; lower: number; upper: number }[] {
  const width = (max - min) / SCALE_STEPS;
  return Array.from({ length: SCALE_STEPS }, (_, step) => ({
    step,
    lower: min + step * width,
    upper: step === SCALE_STEPS - 1 ? max : min + (step + 1) * width,
  }));
}
