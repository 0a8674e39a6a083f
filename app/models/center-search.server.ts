/**
 * The centres' full-text index (FTS5 table `center_search`, rowid = centre id). Rebuilt from the centres and their
 * services whenever they change; the build is cheap (a few hundred rows), so it is done whole.
 */
import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import { writeTransaction, type AppDatabase } from '../../db/client';
import { centers, centerServices, services } from '../../db/schema';
import { searchDocument } from '../domain/search';

export function rebuildCenterSearch(db: AppDatabase) {
  const serviceNames = new Map<number, string[]>();
  for (const row of db
    .select({ centerId: centerServices.centerId, nameFa: services.nameFa, nameEn: services.nameEn })
    .from(centerServices)
    .innerJoin(services, eq(services.id, centerServices.serviceId))
    .all()) {
    serviceNames.set(row.centerId, [...(serviceNames.get(row.centerId) ?? []), row.nameFa, row.nameEn]);
  }
  const rows = db.select().from(centers).all();
  writeTransaction(db, (tx) => {
    tx.run(sql`DELETE FROM center_search`);
    for (const c of rows) {
      const body = searchDocument([
        c.nameFa, c.nameEn, c.operatorFa, c.operatorEn, c.cityFa, c.cityEn,
        c.neighbourhoodFa, c.neighbourhoodEn, c.addressFa, c.addressEn, ...(serviceNames.get(c.id) ?? []),
      ]);
      tx.run(sql`INSERT INTO center_search (rowid, body) VALUES (${c.id}, ${body})`);
    }
  });
}

/** Builds the index when it is missing rows (a fresh or upgraded database). */
export function ensureCenterSearch(db: AppDatabase) {
  const indexed = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM center_search`)?.n ?? 0;
  const total = db.select({ n: sql<number>`count(*)` }).from(centers).get()?.n ?? 0;
  if (indexed !== total) rebuildCenterSearch(db);
}

/** A condition on centres: those whose indexed text matches `match`, an expression made by `searchQuery`. */
export function matchesCenterSearch(match: string): SQL {
  return inArray(centers.id, sql`(SELECT rowid FROM center_search WHERE center_search MATCH ${match})`);
}
