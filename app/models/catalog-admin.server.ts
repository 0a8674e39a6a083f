/**
 * The admin side of the catalogue (docs/DESIGN.md §4): centres with their services and programmes, services, the workflow
 * settings and the holiday list. Every change is written with its audit row (before → after) in one transaction;
 * every change that touches what the centre directory indexes rebuilds its search index afterwards.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { writeTransaction, type AppDatabase, type Transaction } from '../../db/client';
import { centers, centerServices, holidays, items, programmes, provinces, services, settings } from '../../db/schema';
import type { CenterInput, HolidayInput, ProgrammeInput, ServiceCreateInput, ServiceInput, SettingsFormOutput } from '../domain/catalog-admin-schema';
import type { FieldErrors } from '../domain/forms';
import { parseWorkflowSettings, type WorkflowSettingsValue } from '../domain/settings';
import { recordAudit } from './audit.server';
import { centerOptionColumns } from './catalog.server';
import { matchesCenterSearch, rebuildCenterSearch } from './center-search.server';
import { getWorkflowSettings, listHolidays } from './settings.server';

export type AdminResult<T = object> = ({ ok: true } & T) | { ok: false; status: 400 | 404; errors: FieldErrors };

const notFound = { ok: false, status: 404, errors: {} } as const;
const invalid = (errors: FieldErrors) => ({ ok: false, status: 400, errors }) as const;

type Reader = Pick<AppDatabase, 'select'>;

// ---- centres ---------------------------------------------------------------------------------------------------

export interface AdminCenterFilters {
  provinceId?: string;
  program?: 'mosbat' | 'shoq';
  status?: 'active' | 'inactive';
  /** An FTS5 expression made by `searchQuery` (app/domain/search.ts), never raw user text. */
  match?: string;
}

/** Every centre, active or not, for the admin list: one page in province-then-name order, with the total. */
export function listCentersForAdmin(db: AppDatabase, filters: AdminCenterFilters, page: number, pageSize: number) {
  const where = and(
    filters.provinceId ? eq(centers.provinceId, filters.provinceId) : undefined,
    filters.program ? eq(centers.program, filters.program) : undefined,
    filters.status ? eq(centers.active, filters.status === 'active') : undefined,
    filters.match ? matchesCenterSearch(filters.match) : undefined,
  );
  const total = db.select({ n: sql<number>`count(*)` }).from(centers).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      ...centerOptionColumns,
      active: centers.active,
      serviceCount: sql<number>`(SELECT count(*) FROM ${centerServices} WHERE ${centerServices.centerId} = ${centers.id})`,
      itemCount: sql<number>`(SELECT count(*) FROM ${items} WHERE ${items.centerId} = ${centers.id})`,
    })
    .from(centers)
    .where(where)
    .orderBy(asc(centers.provinceId), asc(centers.nameFa), asc(centers.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  return { total, centers: rows };
}

type CenterRow = typeof centers.$inferSelect;

/** What the audit keeps of a centre: its editable fields, its state and its services. */
function centerSnapshot(tx: Reader, center: CenterRow) {
  const { createdAt: _createdAt, ...fields } = center;
  return { ...fields, serviceIds: serviceIdsOf(tx, center.id) };
}

function serviceIdsOf(db: Reader, centerId: number): number[] {
  return db
    .select({ id: centerServices.serviceId })
    .from(centerServices)
    .where(eq(centerServices.centerId, centerId))
    .orderBy(asc(centerServices.serviceId))
    .all()
    .map((r) => r.id);
}

/** A centre whatever its state (the admin edits inactive ones too), with the ids of its services. */
export function findCenterForAdmin(db: AppDatabase, id: number) {
  const center = db.select().from(centers).where(eq(centers.id, id)).get();
  if (!center) return undefined;
  return { center, serviceIds: serviceIdsOf(db, id) };
}

/** Every service, active or not, in display order: the centre form's checkboxes and the services page. */
export function listAllServices(db: Reader) {
  return db.select().from(services).orderBy(asc(services.sortOrder), asc(services.id)).all();
}

function checkPlaceAndServices(tx: Transaction, input: CenterInput, serviceIds: number[]): FieldErrors | null {
  const errors: FieldErrors = {};
  if (!tx.select({ id: provinces.id }).from(provinces).where(eq(provinces.id, input.provinceId)).get()) {
    errors.provinceId = 'adminCatalog.errors.invalidChoice';
  }
  if (serviceIds.length > 0) {
    const known = tx.select({ id: services.id }).from(services).where(inArray(services.id, serviceIds)).all().length;
    if (known !== serviceIds.length) errors.services = 'adminCatalog.errors.invalidChoice';
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

function replaceServices(tx: Transaction, centerId: number, serviceIds: number[]) {
  tx.delete(centerServices).where(eq(centerServices.centerId, centerId)).run();
  if (serviceIds.length > 0) tx.insert(centerServices).values(serviceIds.map((serviceId) => ({ centerId, serviceId }))).run();
}

export function createCenter(db: AppDatabase, actorStaffId: number, input: CenterInput, serviceIds: number[]): AdminResult<{ id: number }> {
  const result = writeTransaction(db, (tx): AdminResult<{ id: number }> => {
    const errors = checkPlaceAndServices(tx, input, serviceIds);
    if (errors) return invalid(errors);
    const center = tx.insert(centers).values({ ...input, active: true, isDemo: false }).returning().get();
    replaceServices(tx, center.id, serviceIds);
    recordAudit(tx, { actorStaffId, action: 'center.create', entity: 'center', entityId: center.id, before: null, after: centerSnapshot(tx, center) });
    return { ok: true, id: center.id };
  });
  if (result.ok) rebuildCenterSearch(db);
  return result;
}

export function updateCenter(db: AppDatabase, actorStaffId: number, id: number, input: CenterInput, serviceIds: number[]): AdminResult {
  const result = writeTransaction(db, (tx): AdminResult => {
    const current = tx.select().from(centers).where(eq(centers.id, id)).get();
    if (!current) return notFound;
    const errors = checkPlaceAndServices(tx, input, serviceIds);
    if (errors) return invalid(errors);
    const before = centerSnapshot(tx, current);
    const updated = tx.update(centers).set(input).where(eq(centers.id, id)).returning().get()!;
    replaceServices(tx, id, serviceIds);
    recordAudit(tx, { actorStaffId, action: 'center.update', entity: 'center', entityId: id, before, after: centerSnapshot(tx, updated) });
    return { ok: true };
  });
  if (result.ok) rebuildCenterSearch(db);
  return result;
}

/**
 * Deactivating hides the centre from the directory, its page and the feedback form; its items keep pointing at it
 * and stay where they are. Reactivating brings it back as it was.
 */
export function setCenterActive(db: AppDatabase, actorStaffId: number, id: number, active: boolean): AdminResult {
  const result = writeTransaction(db, (tx): AdminResult => {
    const current = tx.select().from(centers).where(eq(centers.id, id)).get();
    if (!current) return notFound;
    if (current.active === active) return { ok: true };
    tx.update(centers).set({ active }).where(eq(centers.id, id)).run();
    recordAudit(tx, {
      actorStaffId,
      action: active ? 'center.reactivate' : 'center.deactivate',
      entity: 'center',
      entityId: id,
      before: { active: current.active },
      after: { active },
    });
    return { ok: true };
  });
  if (result.ok) rebuildCenterSearch(db);
  return result;
}

/**
 * Marks a centre as serving an underserved area, or clears the mark (issue 25: the insight pages split every figure
 * on it). Audited like every admin change; setting the value it already has records nothing.
 */
export function setCenterUnderserved(db: AppDatabase, actorStaffId: number, id: number, underserved: boolean): AdminResult {
  return writeTransaction(db, (tx): AdminResult => {
    const current = tx.select({ underserved: centers.underserved }).from(centers).where(eq(centers.id, id)).get();
    if (!current) return notFound;
    if (current.underserved === underserved) return { ok: true };
    tx.update(centers).set({ underserved }).where(eq(centers.id, id)).run();
    recordAudit(tx, {
      actorStaffId,
      action: underserved ? 'center.mark_underserved' : 'center.unmark_underserved',
      entity: 'center',
      entityId: id,
      before: { underserved: current.underserved },
      after: { underserved },
    });
    return { ok: true };
  });
}

// ---- programmes --------------------------------------------------------------------------------------------------

/** A centre's programmes, past ones included (newest first after the upcoming ones), for the admin. */
export function listProgrammesForAdmin(db: Reader, centerId: number) {
  return db
    .select()
    .from(programmes)
    .where(eq(programmes.centerId, centerId))
    .orderBy(sql`${programmes.startsAt} < (unixepoch('subsec') * 1000)`, asc(programmes.startsAt))
    .limit(200)
    .all();
}

const programmeSnapshot = (p: typeof programmes.$inferSelect) => ({ ...p, startsAt: p.startsAt.toISOString() });

export function createProgramme(db: AppDatabase, actorStaffId: number, centerId: number, input: ProgrammeInput): AdminResult<{ id: number }> {
  return writeTransaction(db, (tx): AdminResult<{ id: number }> => {
    if (!tx.select({ id: centers.id }).from(centers).where(eq(centers.id, centerId)).get()) return notFound;
    const row = tx.insert(programmes).values({ ...input, centerId }).returning().get();
    recordAudit(tx, { actorStaffId, action: 'programme.create', entity: 'programme', entityId: row.id, before: null, after: programmeSnapshot(row) });
    return { ok: true, id: row.id };
  });
}

/** The programme must belong to the centre in the address: a wrong pair is not found. */
export function updateProgramme(db: AppDatabase, actorStaffId: number, centerId: number, programmeId: number, input: ProgrammeInput): AdminResult {
  return writeTransaction(db, (tx): AdminResult => {
    const where = and(eq(programmes.id, programmeId), eq(programmes.centerId, centerId));
    const current = tx.select().from(programmes).where(where).get();
    if (!current) return notFound;
    const updated = tx.update(programmes).set(input).where(where).returning().get()!;
    recordAudit(tx, {
      actorStaffId,
      action: 'programme.update',
      entity: 'programme',
      entityId: programmeId,
      before: programmeSnapshot(current),
      after: programmeSnapshot(updated),
    });
    return { ok: true };
  });
}

export function deleteProgramme(db: AppDatabase, actorStaffId: number, centerId: number, programmeId: number): AdminResult {
  return writeTransaction(db, (tx): AdminResult => {
    const where = and(eq(programmes.id, programmeId), eq(programmes.centerId, centerId));
    const current = tx.select().from(programmes).where(where).get();
    if (!current) return notFound;
    tx.delete(programmes).where(where).run();
    recordAudit(tx, { actorStaffId, action: 'programme.delete', entity: 'programme', entityId: programmeId, before: programmeSnapshot(current), after: null });
    return { ok: true };
  });
}

// ---- services ----------------------------------------------------------------------------------------------------

export function findServiceForAdmin(db: Reader, slug: string) {
  return db.select().from(services).where(eq(services.slug, slug)).get();
}

export function createService(db: AppDatabase, actorStaffId: number, input: ServiceCreateInput): AdminResult<{ slug: string }> {
  return writeTransaction(db, (tx): AdminResult<{ slug: string }> => {
    if (tx.select({ id: services.id }).from(services).where(eq(services.slug, input.slug)).get()) {
      return invalid({ slug: 'adminCatalog.errors.slugTaken' });
    }
    const row = tx.insert(services).values(input).returning().get();
    recordAudit(tx, { actorStaffId, action: 'service.create', entity: 'service', entityId: row.id, before: null, after: row });
    return { ok: true, slug: row.slug };
  });
}

/** The slug is the service's address (and its Open311 code): it never changes once created. */
export function updateService(db: AppDatabase, actorStaffId: number, slug: string, input: ServiceInput): AdminResult<{ slug: string }> {
  const result = writeTransaction(db, (tx): AdminResult<{ slug: string }> => {
    const current = tx.select().from(services).where(eq(services.slug, slug)).get();
    if (!current) return notFound;
    const updated = tx.update(services).set(input).where(eq(services.id, current.id)).returning().get()!;
    recordAudit(tx, { actorStaffId, action: 'service.update', entity: 'service', entityId: current.id, before: current, after: updated });
    return { ok: true, slug };
  });
  // Service names are part of every offering centre's search text.
  if (result.ok) rebuildCenterSearch(db);
  return result;
}

// ---- settings and holidays ---------------------------------------------------------------------------------------

export { getWorkflowSettings, listHolidays };

const WORKFLOW_KEY = 'workflow';

/** Saves the workflow settings with the audit row in the same transaction (before → after, whole values). */
export function saveSettings(db: AppDatabase, actorStaffId: number, form: SettingsFormOutput): AdminResult {
  return writeTransaction(db, (tx): AdminResult => {
    const before = getWorkflowSettings(tx);
    const after: WorkflowSettingsValue = parseWorkflowSettings({ ...before, ...form });
    const value = JSON.stringify(after);
    // Saving the form unchanged is not a change: nothing to write, nothing to audit.
    if (value === JSON.stringify(before)) return { ok: true };
    tx.insert(settings).values({ key: WORKFLOW_KEY, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
    recordAudit(tx, { actorStaffId, action: 'settings.update', entity: 'settings', entityId: WORKFLOW_KEY, before, after });
    return { ok: true };
  });
}

export function addHoliday(db: AppDatabase, actorStaffId: number, input: HolidayInput): AdminResult<{ id: number }> {
  return writeTransaction(db, (tx): AdminResult<{ id: number }> => {
    const same = input.date
      ? eq(holidays.date, input.date)
      : and(eq(holidays.solarMonth, input.solarMonth!), eq(holidays.solarDay, input.solarDay!));
    if (tx.select({ id: holidays.id }).from(holidays).where(same).get()) {
      return invalid(input.date ? { date: 'adminCatalog.errors.holidayExists' } : { solarDay: 'adminCatalog.errors.holidayExists' });
    }
    const row = tx.insert(holidays).values(input).returning().get();
    recordAudit(tx, { actorStaffId, action: 'holiday.create', entity: 'holiday', entityId: row.id, before: null, after: row });
    return { ok: true, id: row.id };
  });
}

export function deleteHoliday(db: AppDatabase, actorStaffId: number, id: number): AdminResult {
  return writeTransaction(db, (tx): AdminResult => {
    const current = tx.select().from(holidays).where(eq(holidays.id, id)).get();
    if (!current) return notFound;
    tx.delete(holidays).where(eq(holidays.id, id)).run();
    recordAudit(tx, { actorStaffId, action: 'holiday.delete', entity: 'holiday', entityId: id, before: current, after: null });
    return { ok: true };
  });
}
