/**
 * A citizen's contact data for staff (DESIGN §7): masked by default; seeing it in full is an explicit, audited act.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { AppDatabase } from '../../db/client';
import { staffUsers } from '../../db/schema';
import { mobileToLocal } from '../domain/persian';
import type { WorkflowActor } from '../domain/workflow';
import { recordAudit } from './audit.server';
import { findForStaff } from './items.server';

export interface RevealedContact {
  name: string | null;
  mobile: string | null;
  email: string | null;
  nationalCode: string | null;
}

/** The item's full contact data, recorded in the audit log; null when the actor cannot reach the item. */
export function revealContact(db: AppDatabase, actor: WorkflowActor & { staffId: number }, itemId: number, now = new Date()): RevealedContact | null {
  const item = findForStaff(db, actor, itemId);
  if (!item) return null;
  // The record is written before anything is shown: a reveal that is not logged does not happen.
  recordAudit(db, { actorStaffId: actor.staffId, action: 'item.reveal_contact', entity: 'item', entityId: item.id }, now);
  return { name: item.name, mobile: item.mobile ? mobileToLocal(item.mobile) : null, email: item.email, nationalCode: item.nationalCode };
}

/** Who an item of `ownerProvinceId` can be assigned to: the province's active officers and managers, or the national supervisors for the national queue. */
export function assignableStaff(db: AppDatabase, ownerProvinceId: string | null) {
  return db
    .select({ id: staffUsers.id, displayName: staffUsers.displayName, role: staffUsers.role })
    .from(staffUsers)
    .where(
      and(
        eq(staffUsers.active, true),
        ownerProvinceId
          ? and(eq(staffUsers.provinceId, ownerProvinceId), inArray(staffUsers.role, ['province_officer', 'province_manager']))
          : and(isNull(staffUsers.provinceId), eq(staffUsers.role, 'national_supervisor')),
      ),
    )
    .orderBy(asc(staffUsers.displayName))
    .all();
}
