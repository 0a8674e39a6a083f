/**
 * The organisations a redirected item is sent to (docs/DESIGN.md §3), kept by admins: every change audited, before → after.
 * Deactivating one hides it from the redirect form; items already sent there keep it.
 */
import { asc, eq } from 'drizzle-orm';
import { writeTransaction, type AppDatabase } from '../../db/client';
import { organizations } from '../../db/schema';
import type { OrganizationInput } from '../domain/organization-schema';
import { recordAudit } from './audit.server';

type Reader = Pick<AppDatabase, 'select'>;
export type Organization = typeof organizations.$inferSelect;

export function listOrganizations(db: Reader, options: { activeOnly?: boolean } = {}): Organization[] {
  return db
    .select()
    .from(organizations)
    .where(options.activeOnly ? eq(organizations.active, true) : undefined)
    .orderBy(asc(organizations.sortOrder), asc(organizations.id))
    .all();
}

export function findOrganization(db: Reader, id: number): Organization | undefined {
  return db.select().from(organizations).where(eq(organizations.id, id)).get();
}

const snapshot = ({ createdAt: _createdAt, ...fields }: Organization) => fields;

export function createOrganization(db: AppDatabase, actorStaffId: number, input: OrganizationInput): Organization {
  return writeTransaction(db, (tx) => {
    const row = tx.insert(organizations).values(input).returning().get();
    recordAudit(tx, { actorStaffId, action: 'organization.create', entity: 'organization', entityId: row.id, before: null, after: snapshot(row) });
    return row;
  });
}

/** Edits (or switches on/off) one organisation; false when there is no such organisation. */
export function updateOrganization(db: AppDatabase, actorStaffId: number, id: number, input: Partial<OrganizationInput> & { active?: boolean }): boolean {
  return writeTransaction(db, (tx) => {
    const current = tx.select().from(organizations).where(eq(organizations.id, id)).get();
    if (!current) return false;
    const updated = tx.update(organizations).set(input).where(eq(organizations.id, id)).returning().get()!;
    recordAudit(tx, { actorStaffId, action: 'organization.update', entity: 'organization', entityId: id, before: snapshot(current), after: snapshot(updated) });
    return true;
  });
}
