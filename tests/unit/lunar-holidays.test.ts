/**
 * The seeded lunar holidays of 1404–1406 (issue 23, "Iran's official calendar"): each a real Tehran day inside its
 * Solar year, named in Persian and English, on the Hijri day of its occasion (within the day Iran's sighting can
 * differ from Intl's Umm al-Qura calendar), every occasion of the official list once a year, and sources named.
 */
import { describe, expect, it } from 'vitest';
import { startOfTehranDay, tehranDay } from '~/domain/calendar';
import { LUNAR_HOLIDAYS, LUNAR_OCCASIONS, holidayRows } from '~/domain/lunar-holidays';

const solarYear = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran', year: 'numeric' });
const hijri = new Intl.DateTimeFormat('en-US-u-ca-islamic-umalqura-nu-latn', { timeZone: 'Asia/Tehran', month: 'numeric', day: 'numeric' });
const noon = (key: string) => new Date(startOfTehranDay(key).getTime() + 12 * 3_600_000);
const hijriDay = (instant: Date) => {
  const parts = Object.fromEntries(hijri.formatToParts(instant).map((p) => [p.type, p.value]));
  return [Number(parts.month), Number(parts.day)] as const;
};

describe.each(LUNAR_HOLIDAYS.map((year) => [year.solarYear, year] as const))('lunar holidays of %i', (solar, year) => {
  it('are valid Tehran dates inside the Solar year, in order, without repeats', () => {
    const keys = year.days.map((d) => d.date);
    for (const key of keys) {
      expect(key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(tehranDay(noon(key)).key).toBe(key);
      expect(parseInt(solarYear.format(noon(key)), 10)).toBe(solar);
    }
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('fall on their occasion’s Hijri day, give or take the day of the moon’s sighting', () => {
    for (const d of year.days) {
      const [month, day] = LUNAR_OCCASIONS[d.occasion].hijri;
      const candidates = [-1, 0, 1].map((shift) => hijriDay(new Date(noon(d.date).getTime() + shift * 86_400_000)));
      // The last day of Safar is the 29th when the month has 29 days.
      const ok = candidates.some(([m, dd]) => m === month && (dd === day || (d.occasion === 'imamReza' && dd === 29)));
      expect(ok, `${d.date} ${d.occasion}`).toBe(true);
    }
  });

  it('have a Persian and an English name, and say where they come from', () => {
    for (const row of holidayRows(year)) {
      expect(row.nameFa).toMatch(/[\u0600-\u06FF]/);
      expect(row.nameEn).toMatch(/^[A-Z]/);
    }
    expect(year.source.length).toBeGreaterThan(40);
  });
});

it('every occasion of the official list is seeded in each Solar year whose span holds it', () => {
  const all = LUNAR_HOLIDAYS.flatMap((y) => y.days);
  for (const occasion of Object.keys(LUNAR_OCCASIONS)) expect(all.filter((d) => d.occasion === occasion).length, occasion).toBeGreaterThanOrEqual(2);
  // A lunar year is 11 days shorter: a Solar year holds each occasion once, sometimes twice (21 Ramadan in 1404).
  for (const year of LUNAR_HOLIDAYS) expect(year.days.length).toBeGreaterThanOrEqual(17);
  // 1406 has no published calendar yet: all of it is computed, and says so.
  expect(LUNAR_HOLIDAYS.find((y) => y.solarYear === 1406)!.days.every((d) => d.computed)).toBe(true);
});
