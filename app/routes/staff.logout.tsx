import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { readFormData } from '~/http.server';
import { assertCsrf, endSession, requireStaff } from '~/auth.server';

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  assertCsrf(staff, await readFormData(request));
  return endSession(request);
}

export function loader() {
  return redirect('/staff/login');
}
