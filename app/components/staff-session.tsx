import { useRouteLoaderData } from '@remix-run/react';
import type { StaffBarUser } from '~/components/staff-bar';

/** What the staff layout route's loader (app/routes/staff.tsx) gives every page below it. */
export interface StaffSessionData {
  user: StaffBarUser | null;
  csrfToken: string | null;
}

/**
 * The signed-in staff user and the session's CSRF token, read once by the staff layout route (app/routes/staff.tsx)
 * for every page below it. The token only goes into forms: the server checks it on every post (`assertCsrf`).
 */
export function useStaffSession() {
  const data = useRouteLoaderData<StaffSessionData>('routes/staff');
  return { user: data?.user ?? null, csrfToken: data?.csrfToken ?? '' };
}

/** The hidden CSRF field every staff form posts. */
export function CsrfInput() {
  const { csrfToken } = useStaffSession();
  return <input type="hidden" name="csrf" value={csrfToken} />;
}
