/** Settings and the holiday list, as the workflow and deadline code needs them. */
import { asc, eq, sql } from 'drizzle-orm';
import { writeTransaction, type AppDatabase } from '../../db/client';
import { holidays, settings } from '../../db/schema';
import type { Weekday, WorkingCalendar } from '../domain/calendar';
import { FIXED_SOLAR_HOLIDAYS } from '../domain/calendar';
import { parseWorkflowSettings, type WorkflowSettingsValue } from '../domain/settings';

type Reader = Pick<AppDatabase, 'select'>;

const WORKFLOW_KEY = 'workflow';

export function getWorkflowSettings(db: Reader): WorkflowSettingsValue {
  const row = db.select().from(settings).where(eq(settings.key, WORKFLOW_KEY)).get();
  let raw: unknown = {};
  try {
    raw = row ? JSON.parse(row.value) : {};
  } catch {
    raw = {}; // a hand-edited broken value must not stop the workflow: defaults apply
  }
  return parseWorkflowSettings(raw);
}

export function saveWorkflowSettings(db: AppDatabase, value: WorkflowSettingsValue) {
  const json = JSON.stringify(value);
  db.insert(settings).values({ key: WORKFLOW_KEY, value: json }).onConflictDoUpdate({ target: settings.key, set: { value: json } }).run();
}

export function listHolidays(db: Reader) {
  return db.select().from(holidays).orderBy(asc(holidays.solarMonth), asc(holidays.solarDay), asc(holidays.date)).all();
}

export function getCalendar(db: Reader): WorkingCalendar {
  return { weekend: getWorkflowSettings(db).weekend as Weekday[], holidays: listHolidays(db) };
}

/** Seeds the fixed solar holidays into an empty list; admins keep it from then on. */
/** Seeds the fixed solar holidays into an empty list, once even when two processes start together. */
export function seedHolidays(db: AppDatabase) {
  writeTransaction(db, (tx) => {
    const count = tx.select({ n: sql<number>`count(*)` }).from(holidays).get()?.n ?? 0;
    if (count > 0) return;
    tx.insert(holidays)
      .values(FIXED_SOLAR_HOLIDAYS.map((h) => ({ solarMonth: h.solarMonth, solarDay: h.solarDay, nameFa: h.nameFa, nameEn: h.nameEn })))
      .run();
  });
}
