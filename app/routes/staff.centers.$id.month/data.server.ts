/**
 * What a centre's month shows (issue 25, "down to the centre"), read on the server for the route's loader; the page
 * takes its type from here. A province manager reaches only their province's centres: another province's centre
 * id is not found (404), never its data.
 */
import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { requireStaff } from '~/sessions/staff.server';
import { db } from '~/platform/db.server';
import { invariantResponse } from '~/platform/invariant.server';
import { compareRows, findHotspots, parseCentreId } from '~/domain/insight';
import { monthDays, monthKey, nextMonth, pickReportMonth, previousMonth } from '~/domain/solar-month';
import { findProvince } from '~/models/catalog.server';
import { centreNow, findCentre, hotspotItems, itemFacts, publicReplies, windowOf } from '~/models/insight.server';

export async function centreMonthData({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'dashboard:read');
  const id = parseCentreId(params.id);
  invariantResponse(id !== null, 'Not Found');
  const centre = findCentre(db(), id);
  invariantResponse(centre && (user.role === 'national_supervisor' || centre.provinceId === user.provinceId), 'Not Found');
  const now = new Date();
  const { month, complete } = pickReportMonth((new URL(request.url).searchParams.get('month') ?? '').slice(0, 20), now);
  const days = monthDays(month);
  // A centre's figures are the items about it, wherever they were handled (decision 016).
  const span = windowOf(days, now);
  const facts = itemFacts(db(), { centerId: centre.id }, span);
  const { total: figures, rows: byKind } = compareRows(facts, 'kind', span);
  const ratings = [1, 2, 3, 4, 5].map((stars) => facts.filter((f) => f.rating === stars && f.ratedAt !== null && f.ratedAt >= span.from && f.ratedAt < span.to).length);
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
    byKind,
    byArea: compareRows(facts, 'area', span).rows.filter((r) => r.received > 0 || r.answeredInTime.cases > 0),
    byChannel: compareRows(facts, 'channel', span).rows.filter((r) => r.received > 0 || r.answeredInTime.cases > 0),
    ratings,
    topics,
    replies: publicReplies(db(), { role: user.role, provinceId: user.provinceId }, centre.id, span),
    generatedAt: now.toISOString(),
  });
}
