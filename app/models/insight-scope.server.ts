/**
 * Which province an insight page shows (issue 25), by the rule of app/domain/permissions.ts `dashboard:read`: a
 * national supervisor the country or any one province (or the national queue); a province manager their own
 * province only, whatever the address asks.
 */
import type { AppDatabase } from '../../db/client';
import type { StaffRole } from '../domain/workflow';
import { findProvince, listProvinces } from './catalog.server';

export interface InsightScope {
  national: boolean;
  /** A province id, `national` (the national queue), or null for the whole country. */
  owner: string | null;
  provinces: { id: string; nameFa: string; nameEn: string }[];
}

export function insightScope(db: AppDatabase, user: { role: StaffRole; provinceId: string | null }, asked: string | null): InsightScope {
  const national = user.role === 'national_supervisor';
  const provinces = listProvinces(db).map((p) => ({ id: p.id, nameFa: p.nameFa, nameEn: p.nameEn }));
  if (!national) return { national, owner: user.provinceId ?? 'none', provinces };
  const owner = asked === 'national' ? 'national' : asked && findProvince(db, asked) ? asked : null;
  return { national, owner, provinces };
}
