/**
 * What a citizen sees of their own item: public fields, the public timeline (never notes, escalations or staff
 * names), the feedback messages sent to them, their attachments, and the actions the workflow allows them now.
 */
import { and, asc, eq, ne } from 'drizzle-orm';
import type { AppDatabase } from '../../db/client';
import { outbox } from '../../db/schema';
import { CITIZEN_INTENTS } from '../domain/citizen-action-schema';
import { availableActions, type ItemState } from '../domain/workflow';
import { listAttachments } from './attachments.server';
import { findOrganization } from './organizations.server';
import { centerOfItem, listProvinces } from './catalog.server';
import { publicTimeline, type ItemRow } from './items.server';
import { getCalendar, getWorkflowSettings } from './settings.server';
import { remainingTime, reopenUntil, type Remaining } from '../domain/deadlines';

const DAY_MS = 86_400_000;

export function citizenView(db: AppDatabase, item: ItemRow, now: Date = new Date()) {
  const provinces = new Map(listProvinces(db).map((p) => [p.id, { nameFa: p.nameFa, nameEn: p.nameEn }]));
  const owner = (id: string | null) => (id ? provinces.get(id) ?? null : null);
  const center = centerOfItem(db, item.centerId);
  const settings = getWorkflowSettings(db);
  const redirectedTo = item.redirectedOrgId ? findOrganization(db, item.redirectedOrgId) : undefined;
  const actions = availableActions(
    { state: item.state as ItemState, ownerProvinceId: item.ownerProvinceId, answeredAt: item.answeredAt, closedAt: item.closedAt },
    { role: 'citizen' },
    now,
    settings,
  )
    .filter((a): a is (typeof CITIZEN_INTENTS)[number] => (CITIZEN_INTENTS as readonly string[]).includes(a));
  return {
    trackingCode: item.trackingCode,
    version: item.version,
    kind: item.kind,
    state: item.state,
    channel: item.channel,
    subject: item.subject,
    body: item.body,
    anonymous: item.anonymous,
    createdAt: item.createdAt,
    // The promise made to the citizen, shown while the province's answer is still to come. Not once appealed: that
    // deadline was the province's (it has usually passed, and stays as it was for the statistics of answers in time),
    // and a national supervisor reviews the appeal with no deadline of its own, so none is shown rather than a stale one.
    answerDueAt: ['routed', 'in_review', 'awaiting_citizen'].includes(item.state) ? item.answerDueAt : null,
    // The time left, not a stale date (issue 23): frozen while the item waits for the citizen.
    remaining: deadlineReading(db, item, now),
    reopenUntil: actions.includes('citizen_reopen') && item.closedAt ? reopenUntil(item.closedAt, settings.reopenWindowDays) : null,
    appealUntil: actions.includes('appeal') && item.answeredAt ? new Date(item.answeredAt.getTime() + settings.appealWindowDays * DAY_MS) : null,
    rating: item.rating,
    owner: owner(item.ownerProvinceId),
    center: center ? { id: center.id, nameFa: center.nameFa, nameEn: center.nameEn } : null,
    // Where a redirected item sends the citizen, and how to reach it (docs/DESIGN.md §3 "redirect").
    redirectedTo: redirectedTo ? { nameFa: redirectedTo.nameFa, nameEn: redirectedTo.nameEn, phone: redirectedTo.phone, website: redirectedTo.website } : null,
    timeline: publicTimeline(db, item.id).map((event) => ({ ...event, owner: owner(event.ownerProvinceId) })),
    // The texts themselves and when: where they went is the citizen's own number and not needed here. A receipt skipped
    // by the per-recipient cap was never sent, so it is not listed as waiting.
    messages: db
      .select({ id: outbox.id, channel: outbox.channel, status: outbox.status, body: outbox.body, createdAt: outbox.createdAt, sentAt: outbox.sentAt })
      .from(outbox)
      .where(and(eq(outbox.itemId, item.id), eq(outbox.audience, 'citizen'), ne(outbox.status, 'skipped')))
      .orderBy(asc(outbox.id))
      .all(),
    attachments: listAttachments(db, item.id),
    actions,
  };
}

export type CitizenView = ReturnType<typeof citizenView>;

/**
 * The answer deadline as a page reads it now (citizen and staff): the time left or past, in hours for an urgent item
 * or under a day, in working days otherwise; null once the answer is no longer to come (answered, appealed, ended).
 */
export function deadlineReading(db: Pick<AppDatabase, 'select'>, item: Pick<ItemRow, 'state' | 'answerDueAt' | 'pausedAt' | 'priority'>, now: Date = new Date()): Remaining | null {
  if (!item.answerDueAt || !['routed', 'in_review', 'awaiting_citizen'].includes(item.state)) return null;
  return remainingTime(item.answerDueAt, now, { calendar: getCalendar(db), priority: item.priority === 'urgent' ? 'urgent' : 'normal', pausedAt: item.pausedAt });
}
