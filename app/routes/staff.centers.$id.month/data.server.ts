/**
 * What a centre's month shows (issue 25, "down to the centre"), read on the server for the route's loader; the page
 * takes its type from here. A province manager reaches only their province's centres: another province's centre
 * id is not found (404), never its data.
 */
import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { requireStaff } from '~/sessions/staff.server';
import { db } from '~/platform/db.server';
import { invariantResponse } from '~/platform/invariant.server';
import { startOfTehranDay } from '~/domain/calendar';
import { compareFigures, compareRows, findHotspots, parseCentreId } from '~/domain/insight';
import { monthDays, monthKey, nextMonth, pickReportMonth, previousMonth } from '~/domain/solar-month';
import { findProvince } from '~/models/catalog.server';
import { centreNow, findCentre, hotspotItems, itemFacts, publicReplies } from '~/models/insight.server';

const DAY_MS = 86_400_000;

export async function centreMonthData({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'dashboard:read');
  const id = parseCentreId(params.id);
  invariantResponse(id !== null, 'Not Found');
  const centre = findCentre(db(), id);
  invariantResponse(centre && (user.role === 'national_supervisor' || centre.provinceId === user.provinceId), 'Not Found');
  const now = new Date();
  const { month, complete } = pickReportMonth((new URL(request.url).searchParams.get('month') ?? '').slice(0, 20), now);
  const days = monthDays(month);
  const span = { from: startOfTehranDay(days.from).getTime(), to: startOfTehranDay(days.to).getTime() + DAY_MS };
  const facts = itemFacts(db(), { centerId: centre.id }, span);
  const figures = compareFigures(facts, now.getTime());
  const ratings = [1, 2, 3, 4, 5].map((stars) => facts.filter((f) => f.rating === stars).length);
  const { list, originals } = hotspotItems(db(), { centerId: centre.id }, span);
  const topics = findHotspots(list, originals);
  const province = findProvince(db(), centre.provinceId);
  const following = nextMonth(month);
  return json({
    user,
    national: user.role === 'national_supervisor',
    centre: { ...centre, provinceNameFa: province?.nameFa ?? '', provinceNameEn: province?.nameEn ?? '' },
    month: monthKey(month),
    previous: monthKey(previousMonth(month)),
    next: complete ? monthKey(following) : null,
    complete,
    range: days,
    figures,
    now: centreNow(db(), centre.id, now),
    byKind: compareRows(facts, 'kind', now.getTime()).rows,
    byArea: compareRows(facts, 'area', now.getTime()).rows.filter((r) => r.received > 0),
    byChannel: compareRows(facts, 'channel', now.getTime()).rows.filter((r) => r.received > 0),
    ratings,
    topics,
    replies: publicReplies(db(), { role: user.role, provinceId: user.provinceId }, centre.id, span),
    generatedAt: now.toISOString(),
  });
}
