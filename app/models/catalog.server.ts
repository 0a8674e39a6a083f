/** Read access to the reference data: provinces, services, centres and their programmes. */
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { AppDatabase } from '../../db/client';
import { centers, centerServices, programmes, provinces, services } from '../../db/schema';
import { matchesCenterSearch } from './center-search.server';

export type Province = typeof provinces.$inferSelect;
export type Service = typeof services.$inferSelect;
export type Center = typeof centers.$inferSelect;

export function listProvinces(db: AppDatabase): Province[] {
  return db.select().from(provinces).orderBy(asc(provinces.id)).all();
}

export function findProvince(db: Pick<AppDatabase, 'select'>, id: string): Province | undefined {
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

/** The columns of a centre in a list: the picker's and, with the neighbourhood, the directory's. */
export const centerOptionColumns = {
  id: centers.id,
  provinceId: centers.provinceId,
  program: centers.program,
  nameFa: centers.nameFa,
  nameEn: centers.nameEn,
  cityFa: centers.cityFa,
  cityEn: centers.cityEn,
};
const centerListingColumns = { ...centerOptionColumns, neighbourhoodFa: centers.neighbourhoodFa, neighbourhoodEn: centers.neighbourhoodEn };

/** Every active centre, for the submission form's picker (grouped by province there). */
export function listCenterOptions(db: AppDatabase, provinceId?: string): CenterOption[] {
  return db
    .select(centerOptionColumns)
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

/** The centre an item was filed about, even if it has since been deactivated: its name stays on the item. */
export function centerOfItem(db: AppDatabase, centerId: number | null): Center | undefined {
  return centerId === null ? undefined : db.select().from(centers).where(eq(centers.id, centerId)).get();
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

export interface CenterFilters {
  provinceId?: string;
  /** The city's Persian name, as the filter's options give it. */
  city?: string;
  program?: 'mosbat' | 'shoq';
  serviceSlug?: string;
  /** An FTS5 expression made by `searchQuery` (app/domain/search.ts), never raw user text. */
  match?: string;
}

export interface CenterListing extends CenterOption {
  neighbourhoodFa: string;
  neighbourhoodEn: string;
}

function centerConditions(filters: CenterFilters) {
  return and(
    eq(centers.active, true),
    filters.provinceId ? eq(centers.provinceId, filters.provinceId) : undefined,
    filters.city ? eq(centers.cityFa, filters.city) : undefined,
    filters.program ? eq(centers.program, filters.program) : undefined,
    filters.serviceSlug
      ? inArray(
          centers.id,
          sql`(SELECT ${centerServices.centerId} FROM ${centerServices} JOIN ${services} ON ${services.id} = ${centerServices.serviceId} WHERE ${services.slug} = ${filters.serviceSlug})`,
        )
      : undefined,
    filters.match ? matchesCenterSearch(filters.match) : undefined,
  );
}

/** One page of the directory, in a stable order (province, then name), with the total for the result count. */
export function searchCenters(db: AppDatabase, filters: CenterFilters, page: number, pageSize: number): { total: number; centers: CenterListing[] } {
  const where = centerConditions(filters);
  const total = db.select({ n: sql<number>`count(*)` }).from(centers).where(where).get()?.n ?? 0;
  const rows = db
    .select(centerListingColumns)
    .from(centers)
    .where(where)
    .orderBy(asc(centers.provinceId), asc(centers.nameFa), asc(centers.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  return { total, centers: rows };
}

/** The cities that have an active centre (of one province, when given), for the city filter. */
export function listCities(db: AppDatabase, provinceId?: string): { provinceId: string; cityFa: string; cityEn: string }[] {
  return db
    .selectDistinct({ provinceId: centers.provinceId, cityFa: centers.cityFa, cityEn: centers.cityEn })
    .from(centers)
    .where(and(eq(centers.active, true), provinceId ? eq(centers.provinceId, provinceId) : undefined))
    .orderBy(asc(centers.provinceId), asc(centers.cityFa))
    .all();
}

export function findServiceBySlug(db: AppDatabase, slug: string): Service | undefined {
  return db.select().from(services).where(and(eq(services.slug, slug), eq(services.active, true))).get();
}

/** The active centres offering a service, in province order, for the service's page. */
export function centersOfferingService(db: AppDatabase, serviceId: number): CenterListing[] {
  return db
    .select(centerListingColumns)
    .from(centers)
    .innerJoin(centerServices, eq(centerServices.centerId, centers.id))
    .where(and(eq(centerServices.serviceId, serviceId), eq(centers.active, true)))
    .orderBy(asc(centers.provinceId), asc(centers.nameFa))
    .all();
}
