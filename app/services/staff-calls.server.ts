/**
 * Following a caller's item on the phone (`/staff/calls`): the agent proves code + mobile exactly as the citizen does
 * on /track (same look-up, same "not found", the same failure limit counted per staff user: a call centre's agents
 * share one address), then reads the public page to the caller and records the caller's own reply, rating or appeal.
 *
 * Between the look-up and an action, the page carries a ticket in a hidden field: the tracking code, the staff user
 * and an expiry, signed with the session secret. Nothing is kept on the server, nothing goes into an address, and the
 * ticket is worthless to anyone else or after half an hour.
 */
import { createHmac } from 'node:crypto';
import { getConfig } from '../platform/config.server';
import { db } from '../platform/db.server';
import { sameSecret } from '../domain/secrets';
import { seesSafeguarding } from '../domain/workflow';
import { findForCitizen, type ItemRow } from '../models/items.server';
import type { StaffUser } from '../models/staff.server';
import { limits } from './rate-limit.server';
import { entryProvinceOf } from './staff-entry.server';

export const CALL_TICKET_TTL_MS = 30 * 60_000;

function sign(payload: string): string {
  return createHmac('sha256', getConfig().sessionSecret).update(`call-ticket:${payload}`).digest('base64url');
}

export function issueCallTicket(trackingCode: string, staffId: number, now: Date = new Date()): string {
  const payload = `${trackingCode}.${staffId}.${now.getTime() + CALL_TICKET_TTL_MS}`;
  return `${payload}.${sign(payload)}`;
}

/** The tracking code a ticket stands for, if it is this staff user's, unexpired and untouched; else null. */
export function readCallTicket(ticket: unknown, staffId: number, now: Date = new Date()): string | null {
  if (typeof ticket !== 'string') return null;
  const match = /^(\d{12})\.(\d{1,10})\.(\d{1,15})\.([\w-]{43})$/.exec(ticket);
  if (!match) return null;
  const [, code, owner, expires, signature] = match;
  if (!sameSecret(signature, sign(`${code}.${owner}.${expires}`))) return null;
  if (Number(owner) !== staffId || Number(expires) < now.getTime()) return null;
  return code!;
}

export type CallLookup =
  | { ok: true; item: ItemRow; ticket: string }
  | { ok: false; reason: 'not_found' | 'contact_erased' | 'rate_limited'; retryAfterSeconds?: number };

/**
 * Whether this staff user may follow the item on a caller's behalf (docs/DESIGN.md §4): the call centre any province's, as the
 * caller proves code + mobile; province staff at their counters only items their own province owns. Outside that the
 * item is "not found", exactly as if the code were wrong.
 */
export function callerItemInReach(user: Pick<StaffUser, 'role' | 'provinceId'>, item: Pick<ItemRow, 'ownerProvinceId' | 'safeguarding'>): boolean {
  // A safeguarding item (issue 23) is not found for the call centre: the same refusal as an unknown code.
  if (item.safeguarding && !seesSafeguarding(user.role)) return false;
  const own = entryProvinceOf(user);
  return own === null || (own !== '' && item.ownerProvinceId === own);
}

/** The citizen's look-up (findForCitizen) on the agent's behalf; failures count against the agent's own limit. */
export function lookUpForCaller(lookup: { code: string; mobile: string | null }, user: Pick<StaffUser, 'id' | 'role' | 'provinceId'>, now: Date = new Date()): CallLookup {
  const staffId = user.id;
  const key = `staff:${staffId}`;
  const before = limits.trackingFailures.peek(key, now.getTime());
  if (!before.ok) return { ok: false, reason: 'rate_limited', retryAfterSeconds: before.retryAfterSeconds };
  const found = findForCitizen(db(), lookup.code, lookup.mobile);
  // Another province's item counts as a failed look-up too: probing codes there costs the same as anywhere.
  const refused = !found.item ? found.refused : callerItemInReach(user, found.item) ? null : 'not_found';
  if (refused || !found.item) {
    limits.trackingFailures.hit(key, now.getTime());
    return { ok: false, reason: refused ?? 'not_found' };
  }
  return { ok: true, item: found.item, ticket: issueCallTicket(found.item.trackingCode, staffId, now) };
}
