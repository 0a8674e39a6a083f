/**
 * The centres the submission form offers, a few at a time (issue 21): those of one province, or those matching a
 * search by name, never the whole national catalogue (about 3,000 centres), which made the form's page grow with it.
 * Used by the form's page (`/feedback/new?province=…&q=…`, without JavaScript) and by its small script
 * (`/feedback/centers`, the same choices as JSON), so both paths list the same centres.
 */
import type { AppDatabase } from '../../db/client';
import type { CenterChoices } from '../domain/center-choices';
import { nameCollator } from '../domain/names';
import { searchQuery } from '../domain/search';
import { findCenter, listProvinces, searchCenters } from './catalog.server';

/** A search lists at most this many (a province lists all of its own: Tehran, the largest, about 360). */
export const SEARCH_CHOICES_MAX = 60;
const PROVINCE_CHOICES_MAX = 1000;

/**
 * The choices for a province and/or a search; `selected`, a centre already chosen (from `?center=` or the form sent
 * before a refusal), is always among them, so the form never loses it.
 */
export function centerChoices(db: AppDatabase, input: { province?: string | null; q?: string | null; selected?: number | null }, locale: 'fa' | 'en'): CenterChoices {
  const provinces = listProvinces(db);
  const names = new Map(provinces.map((p) => [p.id, locale === 'fa' ? p.nameFa : p.nameEn]));
  const province = input.province && names.has(input.province) ? input.province : '';
  const q = (input.q ?? '').trim().slice(0, 100);
  const match = q ? searchQuery(q) : null;
  // Text that makes no search (punctuation only) finds nothing rather than everything.
  const found =
    q && !match
      ? { total: 0, centers: [] }
      : match || province
        ? searchCenters(db, { provinceId: province || undefined, match: match ?? undefined }, 1, match ? SEARCH_CHOICES_MAX : PROVINCE_CHOICES_MAX)
        : { total: 0, centers: [] };
  const rows = [...found.centers];
  const selected = input.selected ? findCenter(db, input.selected) : undefined;
  if (selected && !rows.some((c) => c.id === selected.id)) rows.unshift({ ...selected, neighbourhoodFa: '', neighbourhoodEn: '' });
  const options = rows.map((c) => ({
    id: c.id,
    label: locale === 'fa' ? `${c.nameFa} (${c.cityFa})` : `${c.nameEn} (${c.cityEn})`,
    group: names.get(c.provinceId) ?? c.provinceId,
  }));
  // A province's list in reading order, numbers by value (a province of 405 centres sorted as text put 1, 10, 100
  // first); a search keeps the order it was found in.
  if (!match) {
    const collator = nameCollator(locale);
    options.sort((a, b) => collator.compare(a.group, b.group) || collator.compare(a.label, b.label));
  }
  return { province, q, total: found.total, options };
}
