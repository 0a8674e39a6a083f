import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { Outlet, useLoaderData, useMatches } from '@remix-run/react';
import { StaffBar } from '~/components/staff-bar';
import type { StaffSessionData } from '~/components/staff-session';
import { getStaff } from '~/sessions/staff.server';

/**
 * The parent of every /staff page: reads the session once for the staff bar and the CSRF token the pages' forms
 * carry (`useStaffSession`, `<CsrfInput />`). It protects nothing: loaders run in parallel, so each child loader
 * still calls `requireStaff` with its own permission, and each action still checks the token (`assertCsrf`).
 * Signed out (the sign-in and code pages) it renders no bar. Resource routes below it (the CSV files, attachments)
 * run only their own loader.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await getStaff(request);
  if (!staff) return json<StaffSessionData>({ user: null, csrfToken: null });
  const { displayName, role } = staff.user;
  return json<StaffSessionData>({ user: { displayName, role }, csrfToken: staff.csrfToken });
}

/** What a staff page's `handle` may say: the class of its page box, which the bar shares to line up with it. */
export interface StaffPageHandle {
  pageClass?: string;
}

export default function StaffLayout() {
  const { user, csrfToken } = useLoaderData<typeof loader>();
  const matches = useMatches();
  const pageClass = ((matches[matches.length - 1]?.handle ?? {}) as StaffPageHandle).pageClass ?? 'page';
  return (
    <>
      {user && csrfToken ? (
        <div className={pageClass}>
          <StaffBar user={user} csrfToken={csrfToken} />
        </div>
      ) : null}
      <Outlet />
    </>
  );
}
