import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData } from '@remix-run/react';
import { CenterPage } from '~/routes/staff.admin.centers.$id/center-page';
import { centerIdFrom, programmeIntent } from '~/routes/staff.admin.centers.$id/center-admin.server';
import { readFormData } from '~/platform/http.server';
import { assertCsrf, requireStaff } from '~/sessions/staff.server';

/**
 * A centre's programmes (/staff/admin/centers/:id/programmes): the programme forms of the centre's page post here.
 * A change redirects back to the centre's page; a refusal shows that page again with the form's errors, also
 * without JavaScript. A GET shows the centre's page (its loader, the parent's, finds the centre or answers 404).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, 'admin:manage');
  centerIdFrom(params);
  return json(null);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, 'admin:manage');
  const formData = await readFormData(request);
  assertCsrf(staff, formData);
  return programmeIntent(staff.user.id, centerIdFrom(params), formData);
}

export default function CenterProgrammes() {
  return <CenterPage actionData={useActionData<typeof action>()} from="programmes" />;
}
