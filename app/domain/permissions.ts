/**
 * Who may do what (docs/DESIGN.md §4). Routes ask for a permission; the province scope of item queries is applied in
 * the data module, so a staff user asking for another province's item gets 404.
 */
import type { StaffRole } from './workflow';

export type Permission = 'inbox:read' | 'item:handle' | 'item:enter' | 'outbox:manage' | 'admin:manage' | 'canned:manage' | 'contact:reveal' | 'dashboard:read' | 'calls:outbound';

const GRANTS: Record<Permission, readonly StaffRole[]> = {
  'inbox:read': ['province_officer', 'province_manager', 'national_supervisor'],
  'item:handle': ['province_officer', 'province_manager', 'national_supervisor'],
  'item:enter': ['call_center_agent', 'province_officer', 'province_manager'],
  // Delivery problems are the operators' concern; they see masked recipients only.
  'outbox:manage': ['national_supervisor', 'admin'],
  // Users, centres, services, programmes, holidays and deadlines (docs/DESIGN.md §4: admins read no items).
  'admin:manage': ['admin'],
  // Canned replies: a manager keeps the province's, a national supervisor the ones offered everywhere.
  'canned:manage': ['province_manager', 'national_supervisor'],
  // Seeing a citizen's full mobile number or email is logged (docs/DESIGN.md §7).
  'contact:reveal': ['province_officer', 'province_manager', 'national_supervisor'],
  // Monitoring (docs/DESIGN.md §4): a manager sees the province's statistics, a national supervisor every province's.
  'dashboard:read': ['province_manager', 'national_supervisor'],
  // The outbound call list (issue 22): the call centre and national supervisors every province's calls, province staff
  // their own province's (as at /staff/calls). Not admins: they read no items.
  'calls:outbound': ['call_center_agent', 'province_officer', 'province_manager', 'national_supervisor'],
};

export function hasPermission(role: StaffRole, permission: Permission): boolean {
  return GRANTS[permission].includes(role);
}

/** The page a role lands on after signing in: the call centre starts at the entry form for the next caller. */
export function homeFor(role: StaffRole): string {
  if (hasPermission(role, 'inbox:read')) return '/staff/inbox';
  return role === 'call_center_agent' ? '/staff/items/new' : '/staff';
}
