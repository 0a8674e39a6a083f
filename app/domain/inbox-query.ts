/**
 * The staff inbox's filters as they come in a GET address
 * (`/staff/inbox?state=routed&kind=complaint&overdue=1&q=…&sort=deadline&after=…`). Read leniently, like the
 * directory's: an unknown or malformed value is no filter, never an error page, because staff bookmark and share
 * these addresses. Which province, centre or colleague a value may name is checked by the route against what the
 * signed-in user may see; this module only reads shapes.
 *
 * Dates may be typed as Solar Hijri (`۱۴۰۴/۰۸/۳۰`, Persian or Latin digits) or Gregorian ISO (`2025-11-21`); both
 * become Tehran civil days through Intl alone (docs/DESIGN.md §6).
 */
import { z } from 'zod';
import { parseTypedDate } from './calendar';
import { lenient } from './forms';
import { normalizeDigits, normalizeLine } from './persian';
import { searchQuery } from './search';
import { AREAS, AREA_UNKNOWN, type Area } from './areas';
import { CHANNELS, ITEM_KINDS, ITEM_PRIORITIES, ITEM_STATES, TERMINAL_STATES, type Channel, type ItemKind, type ItemPriority, type ItemState } from './workflow';

export const INBOX_PAGE_SIZE = 25;
/**
 * `work` (the default): mine first, then unassigned, then the rest of the queue, each soonest deadline first;
 * `deadline`: soonest deadline first for everyone's items; `newest`: by received time.
 */
export const INBOX_SORTS = ['work', 'deadline', 'newest'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

/** The states in which an item waits for staff: only these can be overdue (docs/DESIGN.md §3). */
export const AWAITING_STAFF_STATES = ['routed', 'in_review', 'appealed'] as const satisfies readonly ItemState[];
/** The states in which the answer deadline still runs, so the inbox shows and sorts by it. */
export const OPEN_STATES = ['routed', 'in_review', 'awaiting_citizen', 'appealed'] as const satisfies readonly ItemState[];

/**
 * Work still to do: every state but the endings (closed, rejected, redirected). The inbox opens on these unless a
 * state is chosen or `all=1` asks for every state.
 */
export const TODO_STATES = ITEM_STATES.filter((state) => !TERMINAL_STATES.includes(state));

/**
 * Work still to do for a role (outside review, round 8): an appealed item waits on the national supervisor alone
 * (reopen, final answer), so it is no province officer's or manager's work and stays out of their "to do" list and
 * count (still under "all states" and its own tab). Items waiting for the citizen or answered stay in: staff follow
 * them (a reminder, a duplicate, a note) until they close.
 */
export function todoStatesFor(role: string): ItemState[] {
  return role === 'national_supervisor' ? [...TODO_STATES] : TODO_STATES.filter((state) => state !== 'appealed');
}

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
  /** An area, or `unknown` for items without one. */
  area?: Area | typeof AREA_UNKNOWN;
  /** A service's id. */
  service?: number;
  channel?: Channel;
  /** `urgent`: a person is at risk (issue 23): the national urgent view is `?priority=urgent`. */
  priority?: ItemPriority;
  overdue: boolean;
  /** Every state (`all=1`); otherwise, without a state filter, only work still to do (TODO_STATES). */
  all: boolean;
  /** The saved view this address came from (`view=id`); the route resolves it. */
  view?: number;
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
  area: lenient(z.enum([...AREAS, AREA_UNKNOWN])),
  service: lenient(positiveId),
  channel: lenient(z.enum(CHANNELS)),
  priority: lenient(z.enum(ITEM_PRIORITIES)),
  overdue: lenient(z.literal('1')),
  all: lenient(z.literal('1')),
  view: lenient(positiveId),
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
  const sort = parsed.sort ?? 'work';
  return {
    province: parsed.province,
    state: parsed.state,
    kind: parsed.kind,
    center: parsed.center,
    area: parsed.area,
    service: parsed.service,
    channel: parsed.channel,
    priority: parsed.priority,
    overdue: parsed.overdue === '1',
    all: parsed.all === '1',
    view: parsed.view,
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

/** A typed date, kept as typed (to show back) with the civil day it means, or null when it means none. */
export function parseDayInput(input: string): DayInput {
  const text = normalizeLine(input).slice(0, 20);
  return { text, day: parseTypedDate(text) };
}

// ---- addresses ---------------------------------------------------------------------------------------------------

/** The address of the inbox with the same filters; `changes` replace some (undefined removes one). */
export function inboxHref(query: InboxQuery, changes: { state?: ItemState | null; all?: boolean; after?: InboxCursor | null } = {}): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.province) params.set('province', query.province);
  const state = changes.state === undefined ? query.state : changes.state;
  if (state) params.set('state', state);
  if (query.kind) params.set('kind', query.kind);
  if (query.center) params.set('center', String(query.center));
  if (query.area) params.set('area', query.area);
  if (query.service) params.set('service', String(query.service));
  if (query.channel) params.set('channel', query.channel);
  if (query.priority) params.set('priority', query.priority);
  if (query.overdue) params.set('overdue', '1');
  if (!state && (changes.all ?? query.all)) params.set('all', '1');
  if (query.assignee !== undefined) params.set('assignee', String(query.assignee));
  if (query.from.day) params.set('from', query.from.text);
  if (query.to.day) params.set('to', query.to.text);
  if (query.sort !== 'work') params.set('sort', query.sort);
  const after = changes.after === undefined ? query.after : changes.after;
  if (after) params.set('after', encodeCursor(after));
  const search = params.toString();
  return `/staff/inbox${search ? `?${search}` : ''}`;
}

// ---- outcome -----------------------------------------------------------------------------------------------------

/** How an item ended, as the figures group endings (issue 25): null while it is still open. */
export type InboxOutcome = 'answered' | 'redirected' | 'rejected' | 'duplicate' | 'closed';

export function inboxOutcome(item: { state: ItemState; answeredAt: Date | string | null; duplicateOfItemId: number | null }): InboxOutcome | null {
  if (item.state !== 'answered' && !TERMINAL_STATES.includes(item.state)) return null;
  // A duplicate's reason to end is its original, even when the original's answer reached it too.
  if (item.duplicateOfItemId !== null) return 'duplicate';
  if (item.state === 'redirected' || item.state === 'rejected') return item.state;
  if (item.answeredAt) return 'answered';
  return item.state === 'closed' ? 'closed' : null;
}
