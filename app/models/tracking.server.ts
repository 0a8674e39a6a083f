/** What a citizen sees of their own item: public fields and the public timeline (never notes or staff names). */
import type { AppDatabase } from '../../db/client';
import { findCenter, listProvinces } from './catalog.server';
import { publicTimeline, type ItemRow } from './items.server';

export function citizenView(db: AppDatabase, item: ItemRow) {
  const provinces = new Map(listProvinces(db).map((p) => [p.id, { nameFa: p.nameFa, nameEn: p.nameEn }]));
  const owner = (id: string | null) => (id ? provinces.get(id) ?? null : null);
  const center = item.centerId ? findCenter(db, item.centerId) : undefined;
  return {
    trackingCode: item.trackingCode,
    kind: item.kind,
    state: item.state,
    channel: item.channel,
    subject: item.subject,
    body: item.body,
    anonymous: item.anonymous,
    hasMobile: item.mobile !== null,
    createdAt: item.createdAt,
    // The promise made to the citizen, shown while the answer is still to come.
    answerDueAt: ['routed', 'in_review', 'awaiting_citizen', 'appealed'].includes(item.state) ? item.answerDueAt : null,
    owner: owner(item.ownerProvinceId),
    center: center ? { id: center.id, nameFa: center.nameFa, nameEn: center.nameEn } : null,
    timeline: publicTimeline(db, item.id).map((event) => ({ ...event, owner: owner(event.ownerProvinceId) })),
  };
}

export type CitizenView = ReturnType<typeof citizenView>;
