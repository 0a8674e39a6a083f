/**
 * A citizen's contact data for staff (docs/DESIGN.md §7): masked by default; seeing it in full is an explicit, audited act.
 */
import type { AppDatabase } from '../../db/client';
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
