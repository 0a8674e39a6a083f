/**
 * The staff inbox (docs/DESIGN.md §4): the items a staff user may handle, filtered, searched, counted per state and paged
 * with a keyset cursor (sort key + id, never OFFSET), so a page costs the same however deep it is and rows neither
 * repeat nor vanish when new items arrive between pages. The province scope is part of every query's `where`
 * (docs/DESIGN.md §9): no filter, search or cursor can reach another province's item.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, not, sql, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../../db/client';
import { centers, items, services, staffUsers } from '../../db/schema';
import { AREA_UNKNOWN } from '../domain/areas';
import { endOfTehranDay, hoursUntil, startOfTehranDay } from '../domain/calendar';
import {
  AWAITING_STAFF_STATES,
  INBOX_PAGE_SIZE,
  OPEN_STATES,
  parseInboxQuery,
  todoStatesFor,
  type AssigneeFilter,
  type InboxCursor,
  type InboxQuery,
  type InboxSort,
} from '../domain/inbox-query';
import type { ItemKind, ItemPriority, ItemState, StaffRole, WorkflowActor } from '../domain/workflow';
import { listProvinces, listServices } from './catalog.server';
import { findView } from './saved-views.server';
import { scopeFor } from './items.server';
import { queueStaff } from './staff.server';
import { getCalendar } from './settings.server';
import { remainingTime, type Remaining } from '../domain/deadlines';

export interface InboxFilters {
  /** National supervisors only: a province's items, or `null` for the national queue; undefined: all. */
  ownerProvinceId?: string | null;
  state?: ItemState;
  kind?: ItemKind;
  centerId?: number;
  /** An area, or `unknown` for items without one. */
  area?: string;
  serviceId?: number;
  channel?: string;
  /** Urgent (a person is at risk) or normal items only. */
  priority?: ItemPriority;
  /** Only work still to do (not closed, rejected or redirected). */
  todo?: boolean;
  /** Waiting for staff with the first-response or the answer deadline passed at `now`. */
  overdue?: boolean;
  /** `none`: unassigned; a number: that staff user's items. */
  assignee?: 'none' | number;
  /** Received at or after `from` and before `to` (exclusive). */
  from?: Date;
  to?: Date;
  /** An FTS5 expression from `searchQuery`; `null` means the search text had nothing searchable: no rows. */
  match?: string | null;
}

export interface InboxRow {
  id: number;
  trackingCode: string;
  kind: ItemKind;
  state: ItemState;
  channel: string;
  subject: string;
  body: string;
  createdAt: Date;
  centerId: number | null;
  centerNameFa: string | null;
  centerNameEn: string | null;
  area: string | null;
  serviceId: number | null;
  serviceNameFa: string | null;
  serviceNameEn: string | null;
  answeredAt: Date | null;
  duplicateOfItemId: number | null;
  /** The version shown: a bulk action refuses the item if it changed since (`stale`). */
  version: number;
  ownerProvinceId: string | null;
  assignedStaffId: number | null;
  assigneeName: string | null;
  /** The answer deadline while it still runs (open states); null once answered or closed. */
  dueAt: Date | null;
  /** The time left before the answer deadline, frozen while the item waits for the citizen (issue 23). */
  remaining: Remaining | null;
  overdue: boolean;
  priority: ItemPriority;
  /** An open urgent item: hours to its running deadline (first response until staff spoke, then the answer). */
  urgentHoursLeft: number | null;
}

export interface InboxPage {
  items: InboxRow[];
  /** The cursor of the next page; null on the last page. */
  next: InboxCursor | null;
}

function overdueAt(now: Date): SQL {
  const at = now.getTime();
  return sql`(${inArray(items.state, [...AWAITING_STAFF_STATES])} AND ((${items.firstRespondedAt} IS NULL AND ${items.firstResponseDueAt} <= ${at}) OR ${items.answerDueAt} <= ${at}))`;
}

function conditions(actor: WorkflowActor, filters: InboxFilters, now: Date): SQL | undefined {
  const national = actor.role === 'national_supervisor';
  return and(
    scopeFor(actor),
    national && filters.ownerProvinceId !== undefined
      ? filters.ownerProvinceId === null
        ? isNull(items.ownerProvinceId)
        : eq(items.ownerProvinceId, filters.ownerProvinceId)
      : undefined,
    filters.state ? eq(items.state, filters.state) : undefined,
    filters.kind ? eq(items.kind, filters.kind) : undefined,
    filters.centerId ? eq(items.centerId, filters.centerId) : undefined,
    filters.area ? (filters.area === AREA_UNKNOWN ? isNull(items.area) : eq(items.area, filters.area)) : undefined,
    filters.serviceId ? eq(items.serviceId, filters.serviceId) : undefined,
    filters.channel ? eq(items.channel, filters.channel as InboxRow['channel'] & typeof items.channel._.data) : undefined,
    filters.priority ? eq(items.priority, filters.priority) : undefined,
    filters.todo ? inArray(items.state, todoStatesFor(actor.role)) : undefined,
    filters.overdue ? overdueAt(now) : undefined,
    filters.assignee === 'none' ? isNull(items.assignedStaffId) : filters.assignee ? eq(items.assignedStaffId, filters.assignee) : undefined,
    filters.from ? gte(items.createdAt, filters.from) : undefined,
    filters.to ? lt(items.createdAt, filters.to) : undefined,
    filters.match === null
      ? sql`0`
      : filters.match
        ? inArray(items.id, sql`(SELECT rowid FROM item_search WHERE item_search MATCH ${filters.match})`)
        : undefined,
  );
}

/** An item whose answer deadline still runs: the head of the deadline order. */
const hasDeadline = () => and(inArray(items.state, [...OPEN_STATES]), isNotNull(items.answerDueAt))!;

interface Position {
  id: number;
  key: number | null;
}

/**
 * The ids of one page (plus one, to know whether another follows), in the chosen order:
 * - `newest`: by received time, then id, both descending;
 * - `deadline`: items whose answer deadline still runs, soonest first (ties by id), then every other item, newest
 *   first. Read in two steps so each is cheap whatever the history holds: the open items are few and reached
 *   through the state index, and the rest are walked newest first by id.
 * The cursor is the last row's key (null in the second part) and id; rows after it compare as row values, so the
 * order is strict and a row is never on two pages.
 */
/** No deadline sorts after every real one within its group (a timestamp in ms has 13 digits until the year 2286). */
const NO_DEADLINE = 9_999_999_999_999;
const GROUP = 10_000_000_000_000;

/**
 * The `work` order's key: open urgent items first (issue 23: a person is at risk), then the group (0 assigned to me,
 * 1 unassigned, 2 someone else's), then the running answer deadline, as one number so the keyset cursor stays
 * `key.id`. The largest key, 3·3·GROUP + a deadline, has 14 digits: within the cursor's 15 and a safe integer.
 */
function workKey(me: number | undefined): SQL<number> {
  const group = me === undefined ? sql`CASE WHEN ${items.assignedStaffId} IS NULL THEN 1 ELSE 2 END` : sql`CASE WHEN ${items.assignedStaffId} = ${me} THEN 0 WHEN ${items.assignedStaffId} IS NULL THEN 1 ELSE 2 END`;
  const urgentOpen = sql`CASE WHEN ${items.priority} = 'urgent' AND ${inArray(items.state, [...OPEN_STATES])} THEN 0 ELSE 1 END`;
  return sql<number>`(${urgentOpen} * ${3 * GROUP} + ${group} * ${GROUP} + CASE WHEN ${hasDeadline()} THEN ${items.answerDueAt} ELSE ${NO_DEADLINE} END)`;
}

function pagePositions(db: AppDatabase, where: SQL | undefined, sort: InboxSort, after: InboxCursor | undefined, want: number, me?: number): Position[] {
  if (sort === 'work') {
    const key = workKey(me);
    return db
      .select({ id: items.id, key })
      .from(items)
      .where(and(where, after ? sql`(${key}, ${items.id}) > (${after.key ?? 0}, ${after.id})` : undefined))
      .orderBy(key, asc(items.id))
      .limit(want)
      .all();
  }
  if (sort === 'newest') {
    return db
      .select({ id: items.id, key: sql<number>`${items.createdAt}` })
      .from(items)
      .where(and(where, after ? sql`(${items.createdAt}, ${items.id}) < (${after.key ?? 0}, ${after.id})` : undefined))
      .orderBy(sql`${items.createdAt} DESC`, sql`${items.id} DESC`)
      .limit(want)
      .all();
  }
  const head: Position[] =
    after && after.key === null
      ? []
      : db
          .select({ id: items.id, key: sql<number>`${items.answerDueAt}` })
          .from(items)
          .where(and(where, hasDeadline(), after ? sql`(${items.answerDueAt}, ${items.id}) > (${after.key}, ${after.id})` : undefined))
          .orderBy(asc(items.answerDueAt), asc(items.id))
          .limit(want)
          .all();
  if (head.length >= want) return head;
  const tail = db
    .select({ id: items.id })
    .from(items)
    .where(and(where, not(hasDeadline()), after && after.key === null ? lt(items.id, after.id) : undefined))
    .orderBy(desc(items.id))
    .limit(want - head.length)
    .all();
  return [...head, ...tail.map((r) => ({ id: r.id, key: null }))];
}

export function inboxPage(
  db: AppDatabase,
  actor: WorkflowActor,
  filters: InboxFilters,
  options: { sort?: InboxSort; after?: InboxCursor; limit?: number; now?: Date; me?: number } = {},
): InboxPage {
  const sort = options.sort ?? 'work';
  const limit = options.limit ?? INBOX_PAGE_SIZE;
  const now = options.now ?? new Date();
  const where = conditions(actor, filters, now);
  const positions = pagePositions(db, where, sort, options.after, limit + 1, options.me);
  const onPage = positions.slice(0, limit);
  if (onPage.length === 0) return { items: [], next: null };
  // The page's rows with their centre and assignee, fetched by id (the scope again, as everywhere).
  const rows = db
    .select({
      id: items.id,
      trackingCode: items.trackingCode,
      kind: items.kind,
      state: items.state,
      channel: items.channel,
      subject: items.subject,
      body: sql<string>`substr(${items.body}, 1, 160)`,
      createdAt: items.createdAt,
      centerId: items.centerId,
      centerNameFa: centers.nameFa,
      centerNameEn: centers.nameEn,
      area: items.area,
      serviceId: items.serviceId,
      serviceNameFa: services.nameFa,
      serviceNameEn: services.nameEn,
      answeredAt: items.answeredAt,
      duplicateOfItemId: items.duplicateOfItemId,
      version: items.version,
      ownerProvinceId: items.ownerProvinceId,
      assignedStaffId: items.assignedStaffId,
      assigneeName: staffUsers.displayName,
      answerDueAt: items.answerDueAt,
      priority: items.priority,
      firstResponseDueAt: items.firstResponseDueAt,
      firstRespondedAt: items.firstRespondedAt,
      pausedAt: items.pausedAt,
      overdue: sql<number>`${overdueAt(now)}`.mapWith(Number),
    })
    .from(items)
    .leftJoin(centers, eq(centers.id, items.centerId))
    .leftJoin(services, eq(services.id, items.serviceId))
    .leftJoin(staffUsers, eq(staffUsers.id, items.assignedStaffId))
    .where(and(scopeFor(actor), inArray(items.id, onPage.map((p) => p.id))))
    .all();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const calendar = getCalendar(db);
  const page = onPage.flatMap((p) => {
    const row = byId.get(p.id);
    if (!row) return [];
    const { answerDueAt, overdue, firstResponseDueAt, firstRespondedAt, pausedAt, ...rest } = row;
    const open = (OPEN_STATES as readonly string[]).includes(row.state);
    const running = firstRespondedAt ? answerDueAt : firstResponseDueAt;
    const urgentHoursLeft = open && row.priority === 'urgent' && running ? hoursUntil(running, now) : null;
    // The time left (issue 23), while the province's answer is still to come; frozen while waiting for the citizen.
    const remaining =
      answerDueAt && ['routed', 'in_review', 'awaiting_citizen'].includes(row.state)
        ? remainingTime(answerDueAt, now, { calendar, priority: row.priority === 'urgent' ? 'urgent' : 'normal', pausedAt })
        : null;
    return [{ ...rest, kind: row.kind as ItemKind, state: row.state as ItemState, dueAt: open ? answerDueAt : null, remaining, overdue: overdue === 1, urgentHoursLeft }];
  });
  const last = onPage.at(-1)!;
  return { items: page, next: positions.length > limit ? { key: last.key, id: last.id } : null };
}

/** How many items of the scope and filters are in each state, whatever the state filter says. */
export function inboxStateCounts(db: AppDatabase, actor: WorkflowActor, filters: InboxFilters, now: Date = new Date()): Partial<Record<ItemState, number>> {
  const rows = db
    .select({ state: items.state, n: sql<number>`count(*)` })
    .from(items)
    // Every state's true count in the user's scope under the other filters: neither the chosen state nor the to-do
    // restriction of the default inbox (it would show "closed 0" beside a closed tab that lists ten).
    .where(conditions(actor, { ...filters, state: undefined, todo: false }, now))
    .groupBy(items.state)
    .all();
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/** The centres a province's items can be filtered by (inactive ones too: their old items stay in the inbox). */
export function inboxCenters(db: AppDatabase, provinceId: string) {
  return db
    .select({ id: centers.id, nameFa: centers.nameFa, nameEn: centers.nameEn })
    .from(centers)
    .where(eq(centers.provinceId, provinceId))
    .orderBy(asc(centers.nameFa), asc(centers.id))
    .all();
}

/**
 * Reads the inbox's address for one staff user: values naming a province, centre or colleague count only when this
 * user is offered them (others are no filter). Shared by the inbox page and its CSV export.
 */
export function resolveInbox(db: AppDatabase, user: { id: number; role: StaffRole; provinceId: string | null }, params: URLSearchParams) {
  let asked = parseInboxQuery(params);
  // A saved view (`view=id`) stands for its filters, read through the same parser and scope as a typed address; an
  // id the user may not see is no filter at all (nothing of it is shown).
  const view = asked.view ? findView(db, user, asked.view) : undefined;
  if (view) asked = { ...parseInboxQuery(new URLSearchParams(view.query)), after: asked.after };
  asked = { ...asked, view: view?.id };
  const actor: WorkflowActor = { role: user.role, provinceId: user.provinceId };
  const national = user.role === 'national_supervisor';
  const provinces = national ? listProvinces(db).map((p) => ({ id: p.id, nameFa: p.nameFa, nameEn: p.nameEn })) : [];
  const province = national && (asked.province === 'national' || provinces.some((p) => p.id === asked.province)) ? asked.province : undefined;
  // The queue whose centres and staff the filters offer: the user's province, or the one a supervisor chose.
  const queue: string | null | undefined = national ? (province === 'national' ? null : province) : user.provinceId;
  const centerChoices = typeof queue === 'string' ? inboxCenters(db, queue) : [];
  const assignees = queue !== undefined ? queueStaff(db, queue).filter((a) => a.id !== user.id) : [];
  const center = centerChoices.some((c) => c.id === asked.center) ? asked.center : undefined;
  const assignee: AssigneeFilter | undefined =
    asked.assignee === 'me' || asked.assignee === 'none' || assignees.some((a) => a.id === asked.assignee) ? asked.assignee : undefined;
  const services = listServices(db).map((s) => ({ id: s.id, nameFa: s.nameFa, nameEn: s.nameEn }));
  const service = services.some((s) => s.id === asked.service) ? asked.service : undefined;
  const query: InboxQuery = { ...asked, province, center, assignee, service };
  const filters: InboxFilters = {
    ownerProvinceId: province === undefined ? undefined : province === 'national' ? null : province,
    state: query.state,
    kind: query.kind,
    centerId: center,
    area: query.area,
    serviceId: service,
    channel: query.channel,
    priority: query.priority,
    // Without a chosen state the inbox opens on work still to do; `all=1` shows every state.
    todo: !query.state && !query.all,
    overdue: query.overdue,
    assignee: assignee === 'me' ? user.id : assignee,
    from: query.from.day ? startOfTehranDay(query.from.day) : undefined,
    to: query.to.day ? endOfTehranDay(query.to.day) : undefined,
    // Punctuation-only search text matches nothing rather than everything.
    match: query.q ? query.match : undefined,
  };
  return { actor, national, query, filters, provinces, centers: centerChoices, assignees, services };
}

/** A spreadsheet holds at most this many rows; the staff narrow the filters for more. */
export const EXPORT_LIMIT = 20_000;

/** Every row the filters select (up to EXPORT_LIMIT), walked page by page on the keyset cursor. */
export function inboxExport(db: AppDatabase, actor: WorkflowActor, filters: InboxFilters, sort: InboxSort, now: Date = new Date(), me?: number): InboxRow[] {
  const rows: InboxRow[] = [];
  let after: InboxCursor | undefined;
  do {
    const page = inboxPage(db, actor, filters, { sort, after, limit: 500, now, me });
    rows.push(...page.items);
    after = page.next ?? undefined;
  } while (after && rows.length < EXPORT_LIMIT);
  return rows.slice(0, EXPORT_LIMIT);
}

/** Open urgent items in the user's scope (issue 23): the count beside the link to the urgent view. */
export function openUrgentCount(db: AppDatabase, actor: WorkflowActor): number {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(items)
    .where(and(scopeFor(actor), eq(items.priority, 'urgent'), inArray(items.state, [...OPEN_STATES])))
    .get()!.n;
}
