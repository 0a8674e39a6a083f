import type { LoaderFunctionArgs } from '@remix-run/node';
import { staffStatusKey } from '~/components/status-badge';
import { requireStaff } from '~/sessions/staff.server';
import { db } from '~/platform/db.server';
import { csvHeaders, toCsv } from '~/domain/csv';
import { deadlineDay, solarDateNumeric } from '~/domain/dates';
import { translator } from '~/i18n/translate';
import { listProvinces } from '~/models/catalog.server';
import { inboxOutcome } from '~/domain/inbox-query';
import { inboxExport, resolveInbox } from '~/models/inbox.server';
import { getLocale } from '~/platform/locale.server';

/**
 * The inbox as filtered on screen, as a spreadsheet: no personal data (no names, contact data or citizens' text),
 * dates in the Solar calendar and ISO 8601. Same permission and province scope as the inbox.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'inbox:read');
  const locale = await getLocale(request);
  const t = translator(locale);
  const { actor, query, filters } = resolveInbox(db(), user, new URL(request.url).searchParams);
  const rows = inboxExport(db(), actor, filters, query.sort, new Date(), user.id);
  const provinces = new Map(listProvinces(db()).map((p) => [p.id, locale === 'fa' ? p.nameFa : p.nameEn]));
  const iso = (date: Date | null) => (date ? date.toISOString() : '');
  const solar = (date: Date | null) => (date ? solarDateNumeric(date) : '');
  const body = toCsv(
    ['code', 'kind', 'state', 'channel', 'province', 'centre', 'receivedSolar', 'receivedIso', 'answerDueSolar', 'answerDueIso', 'overdue', 'assignee', 'area', 'service', 'answeredSolar', 'answeredIso', 'outcome'].map((k) => t(`csv.${k}`)),
    rows.map((r) => [
      r.trackingCode,
      t(`kind.${r.kind}`),
      t(staffStatusKey(r.state)),
      t(`channel.${r.channel}`),
      r.ownerProvinceId ? provinces.get(r.ownerProvinceId) ?? r.ownerProvinceId : t('province.national'),
      (locale === 'fa' ? r.centerNameFa : r.centerNameEn) ?? '',
      solar(r.createdAt),
      iso(r.createdAt),
      // The last day allowed, as every page writes the deadline; the ISO column keeps the exact instant.
      solar(r.dueAt ? deadlineDay(r.dueAt) : null),
      iso(r.dueAt),
      r.overdue ? t('admin.yes') : t('admin.no'),
      r.assigneeName ?? '',
      t(`area.${r.area ?? 'unknown'}`),
      (locale === 'fa' ? r.serviceNameFa : r.serviceNameEn) ?? '',
      solar(r.answeredAt),
      iso(r.answeredAt),
      // Empty while the item is still open.
      ((outcome) => (outcome ? t(`csv.outcome_${outcome}`) : ''))(inboxOutcome(r)),
    ]),
  );
  return new Response(body, { headers: csvHeaders(`didehban-inbox-${new Date().toISOString().slice(0, 10)}.csv`) });
}
