/**
 * The staff inbox's filters as they come in a GET address
 * (`/staff/inbox?state=routed&kind=complaint&overdue=1&q=…&sort=deadline&after=…`). Read leniently, like the
 * directory's: an unknown or malformed value is no filter, never an error page, because staff bookmark and share
 * these addresses. Which province, centre or colleague a value may name is checked by the route against what the
 * signed-in user may see; this module only reads shapes.
 *
 * Dates may be typed as Solar Hijri (`۱۴۰۴/۰۸/۳۰`, Persian or Latin digits) or Gregorian ISO (`2025-11-21`); both
 * become Tehran civil days through Intl alone (DESIGN §6).
 */
import { z } from 'zod';
import { TEHRAN } from './dates';
import { normalizeDigits, normalizeLine, toAsciiDigits } from './persian';
import { searchQuery } from './search';
import { ITEM_KINDS, ITEM_STATES, type ItemKind, type ItemState } from './workflow';

export const INBOX_PAGE_SIZE = 25;
export const INBOX_SORTS = ['deadline', 'newest'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

/** The states in which an item waits for staff: only these can be overdue (DESIGN §3). */
export const AWAITING_STAFF_STATES = ['routed', 'in_review', 'appealed'] as const satisfies readonly ItemState[];
/** The states in which the answer deadline still runs, so the inbox shows and sorts by it. */
export const OPEN_STATES = ['routed', 'in_review', 'awaiting_citizen', 'appealed'] as const satisfies readonly ItemState[];

/** `national` is the national queue (items no province owns). */
export type ProvinceFilter = string | 'national';

/** `me`, `none` (unassigned) or a colleague's staff id. */
export type AssigneeFilter = 'me' | 'none' | number;

/** The position after the last row of a page: its sort key (null: no deadline) and its id. */
export interface InboxCursor {
  key: number | null;
  id: number;
}

export interface DayInput {
  /** What was typed (normalized, capped), to show back in the field. */
  text: string;
  /** The Tehran civil day it names, Gregorian `YYYY-MM-DD`; null when it is not a date (then no filter). */
  day: string | null;
}

export interface InboxQuery {
  province?: ProvinceFilter;
  state?: ItemState;
  kind?: ItemKind;
  center?: number;
  overdue: boolean;
  assignee?: AssigneeFilter;
  from: DayInput;
  to: DayInput;
  /** What was typed in the search box, normalized and cut to a sane length. */
  q: string;
  /** The FTS5 expression for `q`; null when there is nothing to search for. */
  match: string | null;
  sort: InboxSort;
  after?: InboxCursor;
}

const lenient = <T extends z.ZodTypeAny>(schema: T) => schema.optional().catch(undefined);
const positiveId = z
  .string()
  .transform(normalizeDigits)
  .pipe(z.string().regex(/^[1-9]\d{0,11}$/))
  .transform(Number);

const inboxSchema = z.object({
  province: lenient(z.string().trim().toLowerCase().regex(/^(ir-\d{2}|national)$/)),
  state: lenient(z.enum(ITEM_STATES)),
  kind: lenient(z.enum(ITEM_KINDS)),
  center: lenient(positiveId),
  overdue: lenient(z.literal('1')),
  assignee: lenient(z.union([z.enum(['me', 'none']), positiveId])),
  from: lenient(z.string()),
  to: lenient(z.string()),
  q: lenient(z.string().transform((q) => normalizeLine(q).slice(0, 200))),
  sort: lenient(z.enum(INBOX_SORTS)),
  after: lenient(z.string().regex(/^(\d{1,15}|n)\.\d{1,12}$/)),
});

export function parseInboxQuery(params: URLSearchParams): InboxQuery {
  const raw = Object.fromEntries([...params.keys()].map((key) => [key, params.get(key) ?? '']));
  const parsed = inboxSchema.parse(raw);
  const q = parsed.q ?? '';
  const sort = parsed.sort ?? 'deadline';
  return {
    province: parsed.province,
    state: parsed.state,
    kind: parsed.kind,
    center: parsed.center,
    overdue: parsed.overdue === '1',
    assignee: parsed.assignee,
    from: parseDayInput(parsed.from ?? ''),
    to: parseDayInput(parsed.to ?? ''),
    q,
    match: inboxSearchQuery(q),
    sort,
    after: parseCursor(parsed.after, sort),
  };
}

/**
 * The search expression: a tracking code typed in groups (`۴۸۲۷ ۱۹۳۵ ۰۶۱۲`, `4827-1935-0612`) is searched as the one
 * word it is indexed as; anything else goes through the Persian-aware `searchQuery`.
 */
export function inboxSearchQuery(q: string): string | null {
  const digits = normalizeDigits(q);
  if (/^\d{2,}$/.test(digits) && /^[\d\u06F0-\u06F9\u0660-\u0669\s\-_.]+$/.test(q)) return searchQuery(digits);
  return searchQuery(q);
}

export function encodeCursor(cursor: InboxCursor): string {
  return `${cursor.key === null ? 'n' : cursor.key}.${cursor.id}`;
}

function parseCursor(value: string | undefined, sort: InboxSort): InboxCursor | undefined {
  if (!value) return undefined;
  const [key, id] = value.split('.') as [string, string];
  // Only the deadline order has rows without a key.
  if (key === 'n' && sort !== 'deadline') return undefined;
  const cursor = { key: key === 'n' ? null : Number(key), id: Number(id) };
  return Number.isSafeInteger(cursor.id) && (cursor.key === null || Number.isSafeInteger(cursor.key)) ? cursor : undefined;
}

// ---- dates -------------------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const solarOfUtcDay = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: TEHRAN, timeZoneName: 'longOffset' });

/** The Solar Hijri [year, month, day] of a civil day given as days since 1970-01-01. */
function solarOf(dayNumber: number): [number, number, number] {
  const parts = Object.fromEntries(solarOfUtcDay.formatToParts(new Date(dayNumber * DAY_MS + DAY_MS / 2)).map((p) => [p.type, p.value]));
  return [Number(parts.year), Number(parts.month), Number(parts.day)];
}

const compare = (a: readonly number[], b: readonly number[]) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;

/**
 * The civil day (days since 1970-01-01) of a Solar Hijri date, or null when no such date exists (1404/07/31,
 * 1403/12/30 in a common year). A binary search over days that asks Intl for each day's Solar date: the calendar's
 * rules stay in Intl, none are written here.
 */
export function solarToDayNumber(year: number, month: number, day: number): number | null {
  const target = [year, month, day] as const;
  let low = Math.floor(Date.UTC(1900, 0, 1) / DAY_MS);
  let high = Math.floor(Date.UTC(2200, 0, 1) / DAY_MS);
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (compare(solarOf(middle), target) < 0) low = middle + 1;
    else high = middle;
  }
  return compare(solarOf(low), target) === 0 ? low : null;
}

const dayKey = (dayNumber: number) => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);

/**
 * A typed date: `yyyy/mm/dd` (or with `-`/`.`) in Persian or Latin digits. A year before 1700 is Solar Hijri
 * (۱۴۰۴/۰۸/۳۰), a later one Gregorian (2025-11-21, as an `<input type="date">` sends it).
 */
export function parseDayInput(input: string): DayInput {
  const text = normalizeLine(input).slice(0, 20);
  const match = /^(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})$/.exec(toAsciiDigits(text));
  if (!match) return { text, day: null };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year >= 1700) {
    const date = new Date(Date.UTC(year, month - 1, day));
    const valid = year <= 2200 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    return { text, day: valid ? dayKey(Math.floor(date.getTime() / DAY_MS)) : null };
  }
  if (year < 1300 || month < 1 || month > 12 || day < 1 || day > 31) return { text, day: null };
  const dayNumber = solarToDayNumber(year, month, day);
  return { text, day: dayNumber === null ? null : dayKey(dayNumber) };
}

/** Tehran's UTC offset in minutes at `instant` (Intl's "GMT+03:30" → 210). */
function tehranOffsetMinutes(instant: Date): number {
  const name = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** The instant the Tehran civil day `YYYY-MM-DD` starts. */
export function startOfTehranDay(key: string): Date {
  const utcMidnight = new Date(`${key}T00:00:00Z`);
  return new Date(utcMidnight.getTime() - tehranOffsetMinutes(utcMidnight) * 60_000);
}

/** The instant the Tehran civil day after `key` starts: the exclusive end of a range that ends on `key`. */
export function endOfTehranDay(key: string): Date {
  return startOfTehranDay(dayKey(Math.floor(Date.parse(`${key}T00:00:00Z`) / DAY_MS) + 1));
}

// ---- addresses ---------------------------------------------------------------------------------------------------

/** The address of the inbox with the same filters; `changes` replace some (undefined removes one). */
export function inboxHref(query: InboxQuery, changes: { state?: ItemState | null; after?: InboxCursor | null } = {}): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.province) params.set('province', query.province);
  const state = changes.state === undefined ? query.state : changes.state;
  if (state) params.set('state', state);
  if (query.kind) params.set('kind', query.kind);
  if (query.center) params.set('center', String(query.center));
  if (query.overdue) params.set('overdue', '1');
  if (query.assignee !== undefined) params.set('assignee', String(query.assignee));
  if (query.from.day) params.set('from', query.from.text);
  if (query.to.day) params.set('to', query.to.text);
  if (query.sort !== 'deadline') params.set('sort', query.sort);
  const after = changes.after === undefined ? query.after : changes.after;
  if (after) params.set('after', encodeCursor(after));
  const search = params.toString();
  return `/staff/inbox${search ? `?${search}` : ''}`;
}
