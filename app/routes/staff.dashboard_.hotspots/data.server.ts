/**
 * What the hotspots page shows (issue 25), read on the server for the route's loader; the page takes its type from
 * here.
 */
import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { requireStaff } from '~/sessions/staff.server';
import { rangeLength } from '~/domain/figures';
import { db } from '~/platform/db.server';
import { findHotspots, HOTSPOT_MIN_ITEMS, parseInsightQuery } from '~/domain/insight';
import { insightScope } from '~/models/insight-scope.server';
import { centreNames, hotspotItems, pageWindow } from '~/models/insight.server';

export async function hotspotsPageData({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'dashboard:read');
  const query = parseInsightQuery(new URL(request.url).searchParams);
  const scope = insightScope(db(), user, query.province);
  const now = new Date();
  const { window, rangeErrors, custom } = pageWindow(query, now);
  const { list, originals } = hotspotItems(db(), { owner: scope.owner, centres: query.centres }, window);
  const hotspots = findHotspots(list, originals);
  const centres = centreNames(db(), [...new Set(hotspots.flatMap((h) => (h.centerId === null ? [] : [h.centerId])))]);
  return json({
    user,
    national: scope.national,
    owner: scope.owner,
    provinces: scope.provinces,
    query: { ...query, province: scope.national ? scope.owner : null, by: null },
    range: window.range,
    days: rangeLength(window.range),
    rangeErrors,
    custom,
    received: list.length,
    min: HOTSPOT_MIN_ITEMS,
    hotspots: hotspots.map((h) => {
      const centre = h.centerId === null ? undefined : centres.get(h.centerId);
      return { ...h, centre: centre ? { nameFa: centre.nameFa, nameEn: centre.nameEn } : null };
    }),
    generatedAt: now.toISOString(),
  });
}
