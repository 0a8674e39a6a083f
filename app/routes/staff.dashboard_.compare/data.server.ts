/**
 * What the comparison page shows ("same procedure, same outcome?", issue 25), read on the server for the route's
 * loader; the page takes its type from here.
 */
import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { requireStaff } from '~/sessions/staff.server';
import { rangeLength } from '~/domain/figures';
import { db } from '~/platform/db.server';
import { compareRows, DIMENSIONS, parseInsightQuery, type Dimension } from '~/domain/insight';
import { insightScope } from '~/models/insight-scope.server';
import { itemFacts, pageWindow, serviceNames } from '~/models/insight.server';

export async function comparePageData({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'dashboard:read');
  const query = parseInsightQuery(new URL(request.url).searchParams);
  const scope = insightScope(db(), user, query.province);
  // Provinces are compared across the country; within one province the rows are another dimension.
  const options: readonly Dimension[] = scope.owner === null ? DIMENSIONS : DIMENSIONS.filter((d) => d !== 'province');
  const by: Dimension = query.by && options.includes(query.by) ? query.by : options[0]!;
  const now = new Date();
  const { window, rangeErrors, custom } = pageWindow(query, now);
  const facts = itemFacts(db(), { owner: scope.owner, centres: query.centres }, window);
  const fixed = by === 'province' ? [...scope.provinces.map((p) => p.id), 'national'] : undefined;
  // Each event counts for its own province (decision 016); a province's page counts only its own.
  const inScope = (owner: string) => scope.owner === null || owner === scope.owner;
  const { rows, total } = compareRows(facts, by, window, inScope, fixed);
  const names: Record<string, { fa: string; en: string }> = {};
  if (by === 'service') for (const [id, s] of serviceNames(db())) names[id] = { fa: s.nameFa, en: s.nameEn };
  if (by === 'province') for (const p of scope.provinces) names[p.id] = { fa: p.nameFa, en: p.nameEn };
  return json({
    user,
    national: scope.national,
    owner: scope.owner,
    provinces: scope.provinces,
    query: { ...query, province: scope.national ? scope.owner : null, by },
    options,
    range: window.range,
    days: rangeLength(window.range),
    rangeErrors,
    custom,
    rows,
    total,
    names,
    generatedAt: now.toISOString(),
  });
}
