import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { readFormData } from '~/platform/http.server';
import { assertCsrf, endSession, requireStaff } from '~/sessions/staff.server';
import { clientAddress } from '~/services/rate-limit.server';

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  assertCsrf(staff, await readFormData(request));
  return endSession(request, clientAddress(context));
}

export function loader() {
  return redirect('/staff/login');
}
