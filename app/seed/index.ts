/**
 * Seeding. Reference data (provinces, the service catalogue) is part of every installation. Demo data (centres,
 * programmes, staff accounts with the password `demo-password`) is added only when DEMO_DATA is on, once, into an
 * empty database.
 */
import { hash } from '@node-rs/argon2';
import { asc, sql } from 'drizzle-orm';
import { writeTransaction, type AppDatabase } from '../../db/client';
import { apiKeys, centers, centerServices, organizations, programmes, provinces, services, staffUsers } from '../../db/schema';
import { hashApiKey } from '../models/api-keys.server';
import { ensureCenterSearch } from '../models/center-search.server';
import { ensureItemSearch } from '../models/item-search.server';
import { seedHolidays } from '../models/settings.server';
import { seedLunarHolidays } from '../models/lunar-holidays.server';
import { TEHRAN_OFFSET_MS } from '../domain/stats';
import * as demo from './demo-data';
import { seedDemoItems } from './demo-items';

/** The demo's Open311 API key (docs/DESIGN.md §5), listed in the README as demo-only. */
export const DEMO_API_KEY = 'demo-open311-key';

export const DEMO_PASSWORD = 'demo-password';
/**
 * The published TOTP secret of the demo's `admin` and `national`, whose roles require a second factor: anyone
 * trying the demo computes the code from it (README, "Demo logins"). Demo only, like the password.
 */
export const DEMO_TOTP_SECRET = 'DIDEHBANDEMO2FASECRETFORDEMOONLY';

export function seedReferenceData(db: AppDatabase) {
  seedHolidays(db);
  // Iran's official lunar holidays, once per Solar year (issue 23): admins' corrections are kept.
  seedLunarHolidays(db);
  writeTransaction(db, (tx) => {
    for (const p of demo.provinces) {
      const names = { nameFa: p.nameFa, nameEn: p.nameEn, capitalFa: p.capitalFa, capitalEn: p.capitalEn };
      // The key stays out of the update: setting it, even to itself, makes SQLite check every item that refers to
      // the province (foreign keys), which made each start read the whole items table 31 times.
      tx.insert(provinces)
        .values({ id: p.code.toLowerCase(), ...names })
        .onConflictDoUpdate({ target: provinces.id, set: names })
        .run();
    }
    demo.services.forEach((s, index) => {
      tx.insert(services)
        .values({ ...s, sortOrder: index })
        .onConflictDoNothing({ target: services.slug })
        .run();
    });
    // The organisations citizens most often take for Behzisti, once: admins keep the list (and check the numbers).
    if (!tx.select({ id: organizations.id }).from(organizations).limit(1).get()) {
      tx.insert(organizations)
        .values(REDIRECT_ORGANIZATIONS.map((o, index) => ({ ...o, sortOrder: index })))
        .run();
    }
  });
}

/** Seeded redirection targets (docs/DESIGN.md §1: 16 % of messages concern other organisations). */
const REDIRECT_ORGANIZATIONS = [
  { nameFa: 'سازمان تأمین اجتماعی', nameEn: 'Social Security Organization', phone: '1420', website: 'https://www.tamin.ir' },
  { nameFa: 'کمیته امداد امام خمینی (ره)', nameEn: 'Imam Khomeini Relief Committee', phone: '', website: 'https://www.emdad.ir' },
  { nameFa: 'دانشگاه علوم پزشکی استان (وزارت بهداشت)', nameEn: "The province's university of medical sciences (health ministry)", phone: '190', website: 'https://behdasht.gov.ir' },
  { nameFa: 'شهرداری شهر محل سکونت', nameEn: 'The municipality of your city', phone: '137', website: '' },
  { nameFa: 'اداره کل تعاون، کار و رفاه اجتماعی استان', nameEn: "The province's directorate of cooperatives, labour and social welfare", phone: '', website: 'https://www.mcls.gov.ir' },
];

/** `days` from `now`, at `hour` o'clock Tehran time (UTC+03:30, no daylight saving since 2022). */
function tehranTime(now: Date, days: number, hour: number): Date {
  const day = new Date(now.getTime() + days * 86_400_000);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour) - TEHRAN_OFFSET_MS);
}

export async function seedDemoData(db: AppDatabase, now = new Date(), options: { workingItems?: boolean } = {}) {
  if (hasCenters(db)) return;
  // One hash for every demo account: they share a published password anyway, and 60+ argon2 runs slow start-up.
  const passwordHash = await hash(DEMO_PASSWORD);
  const serviceIds = new Map(db.select({ id: services.id, slug: services.slug }).from(services).all().map((s) => [s.slug, s.id]));
  const seeded = writeTransaction(db, (tx) => {
    // Checked again inside the write transaction: a worker started beside the server must not seed twice.
    if (hasCenters(tx)) return false;
    // One statement per table, not one per row: each statement prepared costs the compiling of the table's triggers,
    // and a worker started beside this one waits for the lock meanwhile (5 s at most). The table is empty and the
    // rows of one INSERT get their ids in order, so the ids read back in order belong to demo.centers in order.
    tx.insert(centers)
      .values(demo.centers.map(({ key: _key, provinceCode, serviceSlugs: _slugs, ...fields }) => ({ ...fields, provinceId: provinceCode.toLowerCase(), isDemo: true })))
      .run();
    const ids = tx.select({ id: centers.id }).from(centers).orderBy(asc(centers.id)).all();
    const centerIds = new Map(demo.centers.map((c, index) => [c.key, ids[index]!.id]));
    const links = demo.centers.flatMap((c) =>
      c.serviceSlugs.flatMap((slug) => {
        const serviceId = serviceIds.get(slug);
        return serviceId ? [{ centerId: centerIds.get(c.key)!, serviceId }] : [];
      }),
    );
    if (links.length > 0) tx.insert(centerServices).values(links).onConflictDoNothing().run();
    const rows = demo.programmes.flatMap((p) => {
      const centerId = centerIds.get(p.centerKey);
      if (!centerId) return [];
      return [
        {
          centerId,
          titleFa: p.titleFa,
          titleEn: p.titleEn,
          descriptionFa: p.descriptionFa,
          descriptionEn: p.descriptionEn,
          startsAt: tehranTime(now, p.startsInDays, p.startHourTehran),
          durationMinutes: p.durationMinutes,
        },
      ];
    });
    if (rows.length > 0) tx.insert(programmes).values(rows).run();
    const users: Omit<typeof staffUsers.$inferInsert, 'passwordHash'>[] = [
      { username: 'admin', displayName: 'مدیر سامانه (نمایشی)', role: 'admin', provinceId: null, totpSecret: DEMO_TOTP_SECRET, totpEnabledAt: now },
      {
        username: 'national',
        displayName: 'ناظر ملی (نمایشی)',
        role: 'national_supervisor',
        provinceId: null,
        email: 'national@demo.didehban.invalid',
        totpSecret: DEMO_TOTP_SECRET,
        totpEnabledAt: now,
      },
      { username: 'agent', displayName: 'کارشناس مرکز تماس ۱۴۸۲ (نمایشی)', role: 'call_center_agent', provinceId: null },
    ];
    for (const p of demo.provinces) {
      const id = p.code.toLowerCase();
      users.push(
        { username: `officer.${id}`, displayName: `کارشناس ${p.nameFa} (نمایشی)`, role: 'province_officer', provinceId: id },
        { username: `manager.${id}`, displayName: `مدیر ${p.nameFa} (نمایشی)`, role: 'province_manager', provinceId: id, email: `manager.${id}@demo.didehban.invalid` },
      );
    }
    tx.insert(staffUsers)
      .values(users.map((u) => ({ ...u, passwordHash, isDemo: true })))
      .onConflictDoNothing({ target: staffUsers.username })
      .run();
    // docs/DESIGN.md §5: the demo's Open311 key, so the README's curl examples work on a fresh `npm start`.
    tx.insert(apiKeys)
      .values({ name: 'کلید نمایشی Open311 (فقط نسخه نمایشی)', keyHash: hashApiKey(DEMO_API_KEY), keyPrefix: DEMO_API_KEY.slice(0, 10) })
      .onConflictDoNothing({ target: apiKeys.keyHash })
      .run();
    return true;
  });
  if (seeded) seedDemoItems(db, now, options);
}

function hasCenters(db: Pick<AppDatabase, 'select'>): boolean {
  return (db.select({ n: sql<number>`count(*)` }).from(centers).get()?.n ?? 0) > 0;
}

/** `workingItems: false` leaves out the demo's open ir-09 items (app/seed/demo-items.ts): the tests' template. */
export async function prepareDatabase(db: AppDatabase, options: { demoData: boolean; now?: Date; workingItems?: boolean }) {
  seedReferenceData(db);
  if (options.demoData) await seedDemoData(db, options.now, { workingItems: options.workingItems });
  ensureCenterSearch(db);
  ensureItemSearch(db);
}

