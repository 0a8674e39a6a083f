/**
 * What a centre's admin page shows, read on the server for the route's loader (and the programmes route's page); the
 * page takes its type from here, so it never imports the route.
 */
import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { centerIdFrom } from '~/routes/staff.admin.centers.$id/center-admin.server';
import { requireStaff } from '~/sessions/staff.server';
import { db } from '~/platform/db.server';
import { invariantResponse } from '~/platform/invariant.server';
import { tehranFormParts } from '~/domain/catalog-admin-schema';
import { findCenterForAdmin, listAllServices, listProgrammesForAdmin } from '~/models/catalog-admin.server';
import { listProvinces } from '~/models/catalog.server';

export async function centerPageData({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'admin:manage');
  const id = centerIdFrom(params);
  const found = id === 'new' ? null : findCenterForAdmin(db(), id);
  invariantResponse(id === 'new' || found, 'Not Found');
  const programmes = found
    ? listProgrammesForAdmin(db(), found.center.id).map((p) => ({
        ...p,
        ...tehranFormParts(p.startsAt),
        past: p.startsAt.getTime() < Date.now(),
      }))
    : [];
  return json({
    user,
    center: found?.center ?? null,
    serviceIds: found?.serviceIds ?? [],
    provinces: listProvinces(db()).map((p) => ({ id: p.id, nameFa: p.nameFa, nameEn: p.nameEn })),
    services: listAllServices(db()).map((s) => ({ id: s.id, nameFa: s.nameFa, nameEn: s.nameEn, active: s.active })),
    programmes,
  });
}
