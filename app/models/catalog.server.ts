/** Read access to the reference data: provinces, services, centres and their programmes. */
import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import type { AppDatabase } from '../../db/client';
import { centers, centerServices, programmes, provinces, services } from '../../db/schema';

export type Province = typeof provinces.$inferSelect;
export type Service = typeof services.$inferSelect;
export type Center = typeof centers.$inferSelect;

export function listProvinces(db: AppDatabase): Province[] {
  return db.select().from(provinces).orderBy(asc(provinces.id)).all();
}

export function findProvince(db: AppDatabase, id: string): Province | undefined {
  return db.select().from(provinces).where(eq(provinces.id, id)).get();
}

export function listServices(db: AppDatabase): Service[] {
  return db.select().from(services).where(eq(services.active, true)).orderBy(asc(services.sortOrder), asc(services.id)).all();
}

export interface CenterOption {
  id: number;
  provinceId: string;
  program: 'mosbat' | 'shoq';
  nameFa: string;
  nameEn: string;
  cityFa: string;
  cityEn: string;
}

/** Every active centre, for the submission form's picker (grouped by province there). */
export function listCenterOptions(db: AppDatabase, provinceId?: string): CenterOption[] {
  return db
    .select({
      id: centers.id,
      provinceId: centers.provinceId,
      program: centers.program,
      nameFa: centers.nameFa,
      nameEn: centers.nameEn,
      cityFa: centers.cityFa,
      cityEn: centers.cityEn,
    })
    .from(centers)
    .where(and(eq(centers.active, true), provinceId ? eq(centers.provinceId, provinceId) : undefined))
    .orderBy(asc(centers.provinceId), asc(centers.id))
    .all();
}

export function findCenter(db: AppDatabase, id: number): Center | undefined {
  return db
    .select()
    .from(centers)
    .where(and(eq(centers.id, id), eq(centers.active, true)))
    .get();
}

export function servicesOfCenter(db: AppDatabase, centerId: number): Service[] {
  const ids = db.select({ id: centerServices.serviceId }).from(centerServices).where(eq(centerServices.centerId, centerId)).all();
  if (ids.length === 0) return [];
  return db
    .select()
    .from(services)
    .where(inArray(services.id, ids.map((r) => r.id)))
    .orderBy(asc(services.sortOrder))
    .all();
}

export function upcomingProgrammes(db: AppDatabase, centerId: number, now = new Date()) {
  return db
    .select()
    .from(programmes)
    .where(and(eq(programmes.centerId, centerId), gte(programmes.startsAt, now)))
    .orderBy(asc(programmes.startsAt))
    .limit(10)
    .all();
}
