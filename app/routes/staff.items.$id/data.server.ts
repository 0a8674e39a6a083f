/**
 * What the staff item page shows, read on the server for the route's loader; the page's sections take its type from here, so
 * they never import the route.
 */
import { invariantResponse } from '~/platform/invariant.server';
import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { requireStaff } from '~/sessions/staff.server';
import { fillPlaceholders } from '~/domain/canned-reply';
import { hasPermission } from '~/domain/permissions';
import { groupTrackingCode } from '~/domain/tracking-code';
import { hoursUntil } from '~/domain/calendar';
import { db } from '~/platform/db.server';
import { maskMobile, normalizeDigits } from '~/domain/persian';
import { STAFF_ACTIONS } from '~/domain/staff-action-schema';
import { availableActions, isOpen, type ItemState } from '~/domain/workflow';
import { listAttachments } from '~/models/attachments.server';
import { centerOfItem, listProvinces } from '~/models/catalog.server';
import { isLocale } from '~/i18n/config';
import { repliesFor } from '~/models/canned-replies.server';
import { queueStaff } from '~/models/staff.server';
import { deadlineReading } from '~/models/tracking.server';
import { duplicateLinks, similarOpenItems } from '~/models/duplicates.server';
import { findForStaff, fullTimeline } from '~/models/items.server';
import { listOrganizations } from '~/models/organizations.server';
import { messageLogForItem } from '~/models/outbox.server';
import { citizenChannels, primaryAction } from '~/domain/item-page';
import { translator } from '~/i18n/translate';

/** The item id of the page's address; anything but digits is not found. */
export function itemIdFrom(params: { id?: string }): number {
  const id = normalizeDigits(params.id ?? '');
  invariantResponse(/^\d{1,10}$/.test(id));
  return Number(id);
}

export async function itemPageData({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'item:handle');
  const actor = { role: user.role, provinceId: user.provinceId };
  // The province scope is in the query: another province's item is simply not found.
  const item = findForStaff(db(), actor, itemIdFrom(params));
  if (!item) throw new Response('Not Found', { status: 404 });
  const provinces = listProvinces(db());
  const names = new Map(provinces.map((p) => [p.id, { nameFa: p.nameFa, nameEn: p.nameEn }]));
  const center = centerOfItem(db(), item.centerId);
  const actions = availableActions({ state: item.state as ItemState, ownerProvinceId: item.ownerProvinceId, answeredAt: item.answeredAt, safeguarding: item.safeguarding }, actor).filter(
    (a): a is (typeof STAFF_ACTIONS)[number] => (STAFF_ACTIONS as readonly string[]).includes(a),
  );
  const assignable = queueStaff(db(), item.ownerProvinceId);
  const canned = repliesFor(db(), item.ownerProvinceId);
  // ?canned=ID starts the reply forms from that text, filled in for this item in the citizen's language.
  const chosen = canned.find((reply) => String(reply.id) === normalizeDigits(new URL(request.url).searchParams.get('canned') ?? ''));
  const citizenLocale = isLocale(item.locale) ? item.locale : 'fa';
  const ownerNames = item.ownerProvinceId ? names.get(item.ownerProvinceId) : undefined;
  const prefill = chosen
    ? fillPlaceholders(chosen.body, {
        code: groupTrackingCode(item.trackingCode),
        centre: center ? (citizenLocale === 'fa' ? center.nameFa : center.nameEn) : '',
        province: ownerNames ? (citizenLocale === 'fa' ? ownerNames.nameFa : ownerNames.nameEn) : translator(citizenLocale)('province.national'),
        kind: translator(citizenLocale)(`kind.${item.kind}`),
      })
    : null;
  const similar = isOpen(item.state as ItemState) && !item.duplicateOfItemId
    ? similarOpenItems(db(), actor, { text: `${item.subject} ${item.body}`, centerId: item.centerId, ownerProvinceId: item.ownerProvinceId, excludeId: item.id })
    : [];
  return json({
    user,
    organizations: actions.includes('redirect') ? listOrganizations(db(), { activeOnly: true }) : [],
    similar,
    links: duplicateLinks(db(), actor, item),
    item: {
      id: item.id,
      version: item.version,
      trackingCode: item.trackingCode,
      kind: item.kind,
      priority: item.priority,
      area: item.area,
      state: item.state,
      channel: item.channel,
      subject: item.subject,
      body: item.body,
      createdAt: item.createdAt,
      anonymous: item.anonymous,
      contactErased: item.contactErasedAt !== null,
      // Contact data is masked (docs/DESIGN.md §7); revealing it is a separate, audited action.
      mobileMasked: item.mobile ? maskMobile(item.mobile) : null,
      firstResponseDueAt: item.firstResponseDueAt,
      answerDueAt: item.answerDueAt,
      /** Hours to each deadline still running, read on the server (an urgent item's deadlines read in hours). */
      hoursLeft: {
        firstResponse: item.firstResponseDueAt && !item.firstRespondedAt && isOpen(item.state as ItemState) ? hoursUntil(item.firstResponseDueAt, new Date()) : null,
        answer: item.answerDueAt && !item.answeredAt && isOpen(item.state as ItemState) ? hoursUntil(item.answerDueAt, new Date()) : null,
      },
      remaining: deadlineReading(db(), item),
      escalationLevel: item.escalationLevel,
      safeguarding: item.safeguarding,
      ownerProvinceId: item.ownerProvinceId,
      center: center ? { nameFa: center.nameFa, nameEn: center.nameEn } : null,
      assignedStaffId: item.assignedStaffId,
      assigneeName: assignable.find((s) => s.id === item.assignedStaffId)?.displayName ?? null,
      hasContact: Boolean(item.mobile || item.email || item.name || item.nationalCode),
      // Communication needs (issue 22): the contact person's mobile masked like the citizen's.
      needs: {
        callBack: item.callBack,
        cannotReadSms: item.cannotReadSms,
        contactName: item.contactName,
        contactRelation: item.contactRelation,
        contactMobileMasked: item.contactMobile ? maskMobile(item.contactMobile) : null,
        preferredHours: item.preferredHours,
        onBehalfName: item.onBehalfName,
        onBehalfRelation: item.onBehalfRelation,
      },
      /** Where a message to the citizen goes (only which channels, never the contact data itself). */
      channels: citizenChannels(item),
    },
    assignable,
    canned: canned.map((reply) => ({ id: reply.id, title: reply.title })),
    chosenCanned: chosen?.id ?? null,
    prefill,
    canReveal: hasPermission(user.role, 'contact:reveal'),
    owner: item.ownerProvinceId ? names.get(item.ownerProvinceId) ?? null : null,
    attachments: listAttachments(db(), item.id),
    messages: messageLogForItem(db(), item.id),
    timeline: fullTimeline(db(), item.id).map((e) => ({ ...e, owner: e.ownerProvinceId ? names.get(e.ownerProvinceId) ?? null : null })),
    actions,
    // The step the state calls for, offered first as the one solid button (app/domain/item-page.ts).
    primary: primaryAction(item.state as ItemState, actions),
    provinces: provinces.map((p) => ({ id: p.id, nameFa: p.nameFa, nameEn: p.nameEn })),
  });
}
