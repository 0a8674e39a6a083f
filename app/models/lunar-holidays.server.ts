/**
 * Seeds Iran's official lunar holidays (app/domain/lunar-holidays.ts) into the holiday list, once per Solar year:
 * the years already seeded are recorded (settings key `lunarHolidaysSeeded`), so a later start never puts back a date an
 * admin deleted, never overwrites one they corrected, and never duplicates a row. A date already in the list (an
 * admin typed it before the seed) is not added twice.
 */
import { eq, inArray } from 'drizzle-orm';
import { writeTransaction, type AppDatabase } from '../../db/client';
import { holidays, settings } from '../../db/schema';
import { holidayRows, LUNAR_HOLIDAYS, type LunarHolidayYear } from '../domain/lunar-holidays';

export const LUNAR_SEED_KEY = 'lunarHolidaysSeeded';

function seededYears(value: string | undefined): number[] {
  try {
    const parsed: unknown = value ? JSON.parse(value) : [];
    return Array.isArray(parsed) ? parsed.filter((y): y is number => Number.isInteger(y)) : [];
  } catch {
    return []; // a hand-broken value: years whose dates are already listed are still not added twice (below)
  }
}

/** Adds each year of `years` not seeded before; returns the years added. */
export function seedLunarHolidays(db: AppDatabase, years: readonly LunarHolidayYear[] = LUNAR_HOLIDAYS): number[] {
  return writeTransaction(db, (tx) => {
    const done = seededYears(tx.select({ value: settings.value }).from(settings).where(eq(settings.key, LUNAR_SEED_KEY)).get()?.value);
    const added: number[] = [];
    for (const year of years) {
      if (done.includes(year.solarYear)) continue;
      const rows = holidayRows(year);
      const present = new Set(
        tx.select({ date: holidays.date }).from(holidays).where(inArray(holidays.date, rows.map((r) => r.date))).all().map((r) => r.date),
      );
      const fresh = rows.filter((r) => !present.has(r.date));
      if (fresh.length > 0) tx.insert(holidays).values(fresh).run();
      done.push(year.solarYear);
      added.push(year.solarYear);
    }
    if (added.length > 0) {
      const value = JSON.stringify([...done].sort((a, b) => a - b));
      tx.insert(settings).values({ key: LUNAR_SEED_KEY, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
    }
    return added;
  });
}
