/**
 * Iran's official lunar holidays seeded into the holiday list (issue 23): present after the seed, skipped by the
 * deadline arithmetic, seeded once per Solar year so a restart neither duplicates rows nor undoes an admin's
 * correction (a date moved a day when the moon was sighted late). Real seed, real admin model, real SQLite.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { holidays, settings, staffUsers } from '../../db/schema';
import { addWorkingDays, startOfTehranDay, tehranInstant } from '~/domain/calendar';
import { LUNAR_HOLIDAYS, type LunarHolidayYear } from '~/domain/lunar-holidays';
import { addHoliday, deleteHoliday } from '~/models/catalog-admin.server';
import { LUNAR_SEED_KEY, seedLunarHolidays } from '~/models/lunar-holidays.server';
import { getCalendar } from '~/models/settings.server';
import * as adminSettings from '~/routes/staff.admin.settings';
import { getRequest, routeArgs, run } from '../support/http';
import { fileFeedback } from '../support/items';
import { signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const dated = () => db().select().from(holidays).where(isNotNull(holidays.date)).all();
const rowsOn = (date: string) => db().select().from(holidays).where(eq(holidays.date, date)).all();
const adminId = () => db().select().from(staffUsers).where(eq(staffUsers.role, 'admin')).get()!.id;
const ALL_DATES = [...new Set(LUNAR_HOLIDAYS.flatMap((y) => y.days.map((d) => d.date)))];

describe('the seeded lunar holidays', () => {
  it('are in the holiday list with their names after the seed, and recorded as seeded per year', () => {
    const listed = new Map(dated().map((h) => [h.date, h]));
    for (const date of ALL_DATES) expect(listed.has(date), date).toBe(true);
    expect(listed.get('2026-06-25')).toMatchObject({ nameFa: 'عاشورای حسینی', nameEn: 'Ashura' });
    const marker = db().select().from(settings).where(eq(settings.key, LUNAR_SEED_KEY)).get()!;
    expect(JSON.parse(marker.value)).toEqual([1404, 1405, 1406]);
  });

  it('push deadlines past them: an item filed the day before Tasua and Ashura 1405 is due after both', () => {
    // Tuesday 2 Tir 1405. Wednesday is Tasua, Thursday (Ashura) and Friday the weekend: the two working days are
    // Saturday and Sunday, so the first response is due at the end of Sunday 7 Tir (without Tasua: end of Saturday).
    const filed = tehranInstant('2026-06-23', '10:00');
    const item = fileFeedback(db(), { kind: 'complaint', provinceId: 'ir-09', body: 'نوبت توان‌بخشی پدرم دو بار لغو شد.', mobile: '09121110000', consent: 'on' }, { now: filed });
    expect(item.firstResponseDueAt).toEqual(startOfTehranDay('2026-06-29'));
    // With a Friday-only weekend Ashura (a Thursday) is skipped as a holiday too.
    const fridayOnly = { ...getCalendar(db()), weekend: [5] as const };
    expect(addWorkingDays(tehranInstant('2026-06-24', '10:00'), 1, fridayOnly)).toEqual(startOfTehranDay('2026-06-28'));
  });
});

it('the admin settings page lists them and names each year’s source and the computed dates to check', async () => {
  const jar = await signInAs('admin');
  const response = await run(() => adminSettings.loader(routeArgs(getRequest('/staff/admin/settings', jar))));
  expect(response.status).toBe(200);
  const page = (await response.json()) as { holidays: { date: string | null }[]; lunarSeed: { year: number; source: string; computed: string[] }[] };
  expect(page.holidays.filter((h) => h.date === '2025-07-06')).toHaveLength(1);
  expect(page.lunarSeed.map((y) => y.year)).toEqual([1404, 1405, 1406]);
  expect(page.lunarSeed.find((y) => y.year === 1406)!.computed).toHaveLength(17);
  expect(page.lunarSeed.find((y) => y.year === 1404)!.computed).not.toContain('2025-07-06');
});

describe('seeding again', () => {
  it('adds nothing twice and keeps an admin’s correction (Ashura moved a day later)', () => {
    const before = dated().length;
    expect(seedLunarHolidays(db())).toEqual([]);
    expect(dated()).toHaveLength(before);

    const ashura = rowsOn('2026-06-25')[0]!;
    expect(deleteHoliday(db(), adminId(), ashura.id).ok).toBe(true);
    expect(addHoliday(db(), adminId(), { date: '2026-06-26', solarMonth: null, solarDay: null, nameFa: ashura.nameFa, nameEn: ashura.nameEn } as never).ok).toBe(true);

    expect(seedLunarHolidays(db())).toEqual([]);
    expect(rowsOn('2026-06-25')).toHaveLength(0);
    expect(rowsOn('2026-06-26')).toHaveLength(1);
    expect(dated()).toHaveLength(before);
  });

  it('seeds a new year once, without doubling a date an admin already typed', () => {
    const next: LunarHolidayYear = { solarYear: 1407, source: 'test', days: [{ date: '2028-06-02', occasion: 'tasua', computed: true }, { date: '2028-06-03', occasion: 'ashura', computed: true }] };
    expect(addHoliday(db(), adminId(), { date: '2028-06-03', solarMonth: null, solarDay: null, nameFa: 'عاشورا', nameEn: 'Ashura' } as never).ok).toBe(true);
    expect(seedLunarHolidays(db(), [...LUNAR_HOLIDAYS, next])).toEqual([1407]);
    expect(rowsOn('2028-06-02')).toHaveLength(1);
    expect(rowsOn('2028-06-03')).toHaveLength(1);
    expect(rowsOn('2028-06-03')[0]!.nameFa).toBe('عاشورا');
    expect(seedLunarHolidays(db(), [...LUNAR_HOLIDAYS, next])).toEqual([]);
    expect(JSON.parse(db().select().from(settings).where(and(eq(settings.key, LUNAR_SEED_KEY))).get()!.value)).toEqual([1404, 1405, 1406, 1407]);
  });
});
