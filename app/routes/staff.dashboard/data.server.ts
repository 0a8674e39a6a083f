/**
 * What the dashboard page shows, read on the server for the route's loader; the page's parts take its type from here, so
 * they never import the route.
 */
import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { requireStaff } from '~/sessions/staff.server';
import { db } from '~/platform/db.server';
import { parseRange } from '~/domain/figures';
import { dayKey, parseMapMeasure, parsePeriod } from '~/domain/stats';
import { findProvince, listProvinces } from '~/models/catalog.server';
import { centerNames, dashboard } from '~/models/dashboard.server';

/**
 * Monitoring: national supervisors see the country (rows and map per province, a province's own view one click
 * away); a province manager sees their province, row per centre. The figures come from the aggregate tables.
 */
export async function dashboardPageData({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'dashboard:read');
  const params = new URL(request.url).searchParams;
  const national = user.role === 'national_supervisor';
  const asked = (params.get('province') ?? '').trim().toLowerCase();
  const province = national ? (asked ? findProvince(db(), asked) : undefined) : user.provinceId ? findProvince(db(), user.provinceId) : undefined;
  const provinceId = national ? (province?.id ?? null) : user.provinceId;
  const period = parsePeriod(params.get('period'));
  const measure = parseMapMeasure(params.get('measure'));
  const now = new Date();
  // A custom range (`from`, `to`, Solar dates) wins over the preset; refused dates are reported under their fields
  // and the preset is shown.
  const rangeInput = { from: (params.get('from') ?? '').slice(0, 40), to: (params.get('to') ?? '').slice(0, 40) };
  const custom = parseRange(rangeInput.from, rangeInput.to, dayKey(now));
  const view = dashboard(db(), provinceId, custom.range ?? period, now);
  const names: Record<string, { fa: string; en: string }> = {};
  if (provinceId) for (const [id, c] of centerNames(db(), provinceId)) names[id] = { fa: c.nameFa, en: c.nameEn };
  else for (const p of listProvinces(db())) names[p.id] = { fa: p.nameFa, en: p.nameEn };
  return json({
    user,
    national,
    province: province ? { id: province.id, nameFa: province.nameFa, nameEn: province.nameEn } : null,
    period,
    measure,
    rangeInput,
    rangeErrors: custom.errors,
    view,
    names,
    generatedAt: now.toISOString(),
  });
}
