/**
 * What the inbox page shows, read on the server for the route's loader; the page's parts take its type from here, so
 * they never import the route.
 */
import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { requireStaff } from '~/sessions/staff.server';
import { db } from '~/platform/db.server';
import { solarDateNumeric } from '~/domain/dates';
import { startOfTehranDay, tehranDay } from '~/domain/calendar';
import { inboxHref, todoStatesFor } from '~/domain/inbox-query';
import { canShareViews } from '~/domain/saved-views';
import { ITEM_STATES, TRANSITIONS, type ItemState } from '~/domain/workflow';
import { findProvince, listProvinces } from '~/models/catalog.server';
import { inboxPage, inboxStateCounts, openUrgentCount, resolveInbox } from '~/models/inbox.server';
import { viewsFor } from '~/models/saved-views.server';

export async function inboxPageData({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'inbox:read');
  const now = new Date();
  const { actor, national, query, filters, provinces, centers, assignees, services } = resolveInbox(db(), user, new URL(request.url).searchParams);
  const counts = inboxStateCounts(db(), actor, filters, now);
  const all = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const todo = todoStatesFor(user.role).reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  const total = query.state ? (counts[query.state] ?? 0) : query.all ? all : todo;
  const page = inboxPage(db(), actor, filters, { sort: query.sort, after: query.after, now, me: user.id });
  const views = viewsFor(db(), user).map((v) => ({ id: v.id, name: v.name, shared: v.shared, own: v.ownerStaffId === user.id }));
  // The address of this list without its page: saved as a view, and where a bulk action comes back to.
  const here = inboxHref(query, { after: null });
  const own = !national && user.provinceId ? findProvince(db(), user.provinceId) : undefined;

  return json({
    user,
    national,
    /** Open urgent items in the user's scope, and the urgent view (for national supervisors, the national one). */
    urgent: { count: openUrgentCount(db(), actor), href: '/staff/inbox?priority=urgent' },
    query,
    province: own ? { nameFa: own.nameFa, nameEn: own.nameEn } : null,
    provinces,
    centers,
    assignees,
    /** The instants the typed dates were read as, to show them back in the interface's calendar. */
    fromDay: query.from.day ? startOfTehranDay(query.from.day) : null,
    /** Today, as the date fields' examples: a date the form takes, in this year (never a fixed, ageing one). */
    dateExamples: { solar: solarDateNumeric(now), gregorian: tehranDay(now).key },
    toDay: query.to.day ? startOfTehranDay(query.to.day) : null,
    counts,
    /** Items in every state (the "all states" tab); `total` is the count under the chosen state. */
    all,
    /** Work still to do (the default tab): every state but closed, rejected and redirected. */
    todo,
    total,
    services,
    views,
    here,
    canShare: canShareViews(user.role),
    /** Bulk actions offered (each is decided again per item by the workflow). */
    canAssign: TRANSITIONS.assign.roles.includes(user.role),
    /** Colleagues an item can be assigned to, the user first (as "me"). */
    bulkAssignees: [{ id: user.id, displayName: user.displayName }, ...assignees],
    transferTargets: listProvinces(db()).map((p) => ({ id: p.id, nameFa: p.nameFa, nameEn: p.nameEn })),
    items: page.items,
    todoHref: inboxHref(query, { state: null, all: false, after: null }),
    stateHrefs: Object.fromEntries([['', inboxHref(query, { state: null, all: true, after: null })], ...ITEM_STATES.map((s) => [s, inboxHref(query, { state: s, after: null })])]) as Record<
      ItemState | '',
      string
    >,
    nextHref: page.next ? inboxHref(query, { after: page.next }) : null,
    exportSearch: inboxHref(query, { after: null }).replace(/^[^?]*/, ''),
    firstHref: query.after ? inboxHref(query, { after: null }) : null,
  });
}
