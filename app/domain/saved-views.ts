/**
 * Saved inbox views (issue 24): a named inbox filter per staff user; a province manager may share one with the
 * province. Pure rules: who may share, who may see one, and the form that saves or removes a view.
 */
import { z } from 'zod';
import { checkbox } from './forms';
import { normalizeDigits, normalizeLine } from './persian';
import type { StaffRole } from './workflow';

export const VIEW_NAME_MAX = 60;
/** A user keeps at most this many views of their own: enough for every queue they work, never a table to fill. */
export const VIEWS_PER_USER = 30;

export interface ViewReader {
  id: number;
  role: StaffRole;
  provinceId: string | null;
}

export interface ViewRow {
  ownerStaffId: number;
  provinceId: string | null;
  shared: boolean;
}

/** Only a province's manager shares a view, and only with that province. */
export const canShareViews = (role: StaffRole): boolean => role === 'province_manager';

/** A view is the reader's own, or shared within the reader's province. */
export function canSeeView(reader: ViewReader, view: ViewRow): boolean {
  if (view.ownerStaffId === reader.id) return true;
  return view.shared && reader.provinceId !== null && view.provinceId === reader.provinceId;
}

export const saveViewSchema = z.object({
  intent: z.literal('save', { message: 'errors.not_allowed' }),
  name: z.preprocess(
    (v) => (typeof v === 'string' ? normalizeLine(v) : ''),
    z.string().min(1, 'views.nameRequired').max(VIEW_NAME_MAX, 'views.nameTooLong'),
  ),
  /** The inbox address's query string the view keeps (read again through the inbox's parser on every use). */
  query: z.preprocess((v) => (typeof v === 'string' ? v.replace(/^\?/, '') : ''), z.string().max(2000, 'errors.not_allowed')),
  shared: checkbox,
});

export const deleteViewSchema = z.object({
  intent: z.literal('delete', { message: 'errors.not_allowed' }),
  id: z.preprocess((v) => (typeof v === 'string' ? normalizeDigits(v).trim() : ''), z.string().regex(/^[1-9]\d{0,11}$/, 'errors.not_allowed')).transform(Number),
});
