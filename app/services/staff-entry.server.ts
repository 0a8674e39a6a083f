/**
 * Staff entering an item for a caller (channel `phone`) or a visitor at a centre's counter (`counter`): the citizen
 * form's schema and workflow, without the arithmetic challenge (the user is signed in) and with a per-user rate limit.
 * Province staff may only file items about their own province; a call-centre agent files for any province (docs/DESIGN.md §4).
 */
import { db } from '../platform/db.server';
import type { FieldErrors } from '../domain/forms';
import type { WorkflowActor } from '../domain/workflow';
import { normalizeDigits, normalizeMobile } from '../domain/persian';
import { checkStaffEntry } from '../domain/staff-entry-schema';
import { findCenter } from '../models/catalog.server';
import type { ItemRow } from '../models/items.server';
import type { StaffUser } from '../models/staff.server';
import { similarOpenItems } from '../models/duplicates.server';
import { createRateLimiter } from './rate-limit.server';
import { placeErrors } from './submission.server';
import { submitItem } from './workflow.server';

/** Entries per staff user: far above a busy agent's pace (a call takes minutes), low enough to stop a runaway script. */
export const ENTRY_LIMIT = 60;
export const ENTRY_WINDOW_MS = 10 * 60_000;
export const staffEntryLimit = createRateLimiter(ENTRY_LIMIT, ENTRY_WINDOW_MS);
/**
 * Similar-items searches by a call-centre agent in which a typed mobile matched none of the items found, per agent:
 * twice a busy agent's calls in ten minutes; past it, guessing mobiles to read a stranger's text shows nothing.
 */
export const SIMILAR_MOBILE_MISSES = 20;
const similarMobileMisses = createRateLimiter(SIMILAR_MOBILE_MISSES, ENTRY_WINDOW_MS);

export type StaffEntryResult =
  | { ok: true; item: ItemRow }
  | { ok: false; errors: FieldErrors; status: 400 | 429; retryAfterSeconds?: number };

/** The province a province role is bound to; null for roles that enter items for any province. */
export function entryProvinceOf(user: Pick<StaffUser, 'role' | 'provinceId'>): string | null {
  return user.role === 'province_officer' || user.role === 'province_manager' ? user.provinceId ?? '' : null;
}

/**
 * Whose reach "similar items" searches while an item is entered: province staff see their own province's items only,
 * as in every other staff read (another province's item is as if absent); the call centre, which files for every
 * province and uses the list to recognise a repeat call, searches every province as a national supervisor would.
 */
export function similarScopeOf(user: Pick<StaffUser, 'role' | 'provinceId'>): WorkflowActor {
  const own = entryProvinceOf(user);
  return own === null ? { role: 'national_supervisor' } : { role: user.role, provinceId: own };
}

export function acceptStaffEntry(values: Record<string, string>, user: StaffUser, now: Date = new Date()): StaffEntryResult {
  const key = `staff:${user.id}`;
  const limit = staffEntryLimit.peek(key, now.getTime());
  if (!limit.ok) return { ok: false, errors: { form: 'entry.rateLimited' }, status: 429, retryAfterSeconds: limit.retryAfterSeconds };

  const checked = checkStaffEntry(values);
  // Every problem at once: the province rule is checked on what was typed, even when other fields failed.
  const errors: FieldErrors = { ...(checked.success ? {} : checked.errors), ...scopeErrors(values, user) };
  if (!checked.success || Object.keys(errors).length > 0) return { ok: false, errors, status: 400 };

  const { channel, ...form } = checked.data;
  try {
    const item = submitItem(db(), form, {
      channel,
      // Callers are answered in Persian: their feedback messages go out in it, whatever the staff screen shows.
      locale: 'fa',
      actor: { role: user.role, provinceId: user.provinceId, staffId: user.id },
      now,
    });
    staffEntryLimit.hit(key, now.getTime());
    return { ok: true, item };
  } catch (error) {
    const place = placeErrors(error);
    if (place) return { ok: false, errors: place, status: 400 };
    throw error;
  }
}

/** Province staff: a centre or province outside their own is refused, with a message on that field. */
function scopeErrors(values: Record<string, string>, user: StaffUser): FieldErrors {
  const own = entryProvinceOf(user);
  if (own === null) return {};
  const errors: FieldErrors = {};
  const centerId = normalizeDigits(values.centerId ?? '');
  if (/^[1-9]\d{0,9}$/.test(centerId)) {
    const center = findCenter(db(), Number(centerId));
    if (center && center.provinceId !== own) errors.centerId = 'entry.errors.centerOtherProvince';
  }
  const provinceId = (values.provinceId ?? '').trim().toLowerCase();
  if (provinceId !== '' && provinceId !== own) errors.provinceId = 'entry.errors.provinceOtherProvince';
  return errors;
}

export type SimilarForEntry = { kind: string; state: string; createdAt: string | Date; excerpt: string | null };

/**
 * Similar open items about the centre being written about, for the one entering a caller's item: kind, state and
 * date, so a repeat call is recognised (the caller may be told it is being handled already). Province staff search
 * their own province (another province's item is as if absent) and read the start of each text. The call centre
 * searches every province but, like everywhere else, reads an item's text only when it is the caller's own (filed
 * with the mobile typed in this form): other citizens' words never reach an agent's screen (docs/DESIGN.md §4).
 */
export function similarWhileWriting(values: Record<string, string>, user: Pick<StaffUser, 'id' | 'role' | 'provinceId'>, now: Date = new Date()): SimilarForEntry[] {
  const centerId = /^\d{1,10}$/.test(normalizeDigits(values.centerId ?? '')) ? Number(normalizeDigits(values.centerId!)) : null;
  if (centerId === null) return [];
  const text = `${values.subject ?? ''} ${values.body ?? ''}`;
  const readsEveryText = entryProvinceOf(user) !== null;
  const mobile = normalizeMobile(normalizeDigits(values.mobile ?? ''));
  // A typed mobile that matches an item shows its text, so for the call centre it is a look-up by mobile: each search
  // whose items all belong to other mobiles spends a budget of the agent's own (not /staff/calls', which a run of new
  // callers would then shut), and with the budget spent no text is shown.
  const key = `staff:${user.id}`;
  const asLookup = !readsEveryText && mobile !== null;
  const mayRead = !asLookup || similarMobileMisses.peek(key, now.getTime()).ok;
  const found = similarOpenItems(db(), similarScopeOf(user), { text, centerId, ownerProvinceId: null, mobile: mayRead ? mobile : null }, now);
  if (asLookup && mayRead && found.length > 0 && !found.some((item) => item.sameMobile)) similarMobileMisses.hit(key, now.getTime());
  return found.map(({ kind, state, createdAt, excerpt, sameMobile }) => ({
    kind,
    state,
    createdAt,
    excerpt: readsEveryText || (mayRead && sameMobile) ? excerpt : null,
  }));
}
