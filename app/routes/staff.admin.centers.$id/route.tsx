import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useOutlet } from '@remix-run/react';
import { assertCsrf, requireStaff } from '~/sessions/staff.server';
import { CenterPage } from '~/routes/staff.admin.centers.$id/center-page';
import { centerIdFrom, doneFor, isProgrammeIntent, programmeIntent, refusalFor } from '~/routes/staff.admin.centers.$id/center-admin.server';
import { db } from '~/platform/db.server';
import { invariantResponse } from '~/platform/invariant.server';
import { centerSchema, serviceIdsSchema, tehranFormParts } from '~/domain/catalog-admin-schema';
import { fieldErrors, formValues } from '~/domain/forms';
import { readFormData } from '~/platform/http.server';
import { pageTitle } from '~/i18n/meta';
import { createCenter, findCenterForAdmin, listAllServices, listProgrammesForAdmin, setCenterActive, updateCenter } from '~/models/catalog-admin.server';
import { listProvinces } from '~/models/catalog.server';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  ...pageTitle(matches, data?.center ? 'adminCatalog.center.editTitle' : 'adminCatalog.center.newTitle', { name: data?.center?.nameFa ?? '' }),
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
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

type Intent = 'save' | 'deactivate' | 'reactivate';
const INTENTS: readonly Intent[] = ['save', 'deactivate', 'reactivate'];

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, 'admin:manage');
  const formData = await readFormData(request);
  assertCsrf(staff, formData);
  const id = centerIdFrom(params);
  const values = formValues(formData);
  // The programme forms post to the programmes route; a page opened before that still posts them here.
  if (isProgrammeIntent(values.intent)) return programmeIntent(staff.user.id, id, formData);
  const intent = (INTENTS as readonly string[]).includes(values.intent ?? '') ? (values.intent as Intent) : null;
  const refuse = refusalFor(intent ?? '', formData);
  const actor = staff.user.id;
  if (!intent) return refuse({ form: 'adminCatalog.errors.invalid' });
  // A centre not saved yet has nothing to deactivate.
  invariantResponse(id !== 'new' || intent === 'save', 'Not Found');
  const done = doneFor(id, refuse);

  switch (intent) {
    case 'save': {
      const parsed = centerSchema.safeParse(values);
      const services = serviceIdsSchema.safeParse(formData.getAll('services').filter((v): v is string => typeof v === 'string'));
      if (!parsed.success || !services.success) {
        return refuse({ ...(parsed.success ? {} : fieldErrors(parsed.error)), ...(services.success ? {} : { services: 'adminCatalog.errors.invalidChoice' }) });
      }
      if (id === 'new') {
        const result = createCenter(db(), actor, parsed.data, services.data);
        if (!result.ok) return refuse(result.errors);
        return redirect(`/staff/admin/centers/${result.id}?saved=created`);
      }
      return done(updateCenter(db(), actor, id, parsed.data, services.data), 'saved');
    }
    case 'deactivate':
    case 'reactivate':
      return done(setCenterActive(db(), actor, id as number, intent === 'reactivate'), intent === 'reactivate' ? 'reactivated' : 'deactivated');
  }
}

/** The page; below it, the programmes route's page (a refused programme form) when that route matched. */
export default function AdminCenter() {
  const actionData = useActionData<typeof action>();
  return useOutlet() ?? <CenterPage actionData={actionData} from="centre" />;
}
