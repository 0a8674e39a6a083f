import { useRouteLoaderData } from '@remix-run/react';
import type { loader as staffLayoutLoader } from '~/routes/staff';

/**
 * The signed-in staff user and the session's CSRF token, read once by the staff layout route (app/routes/staff.tsx)
 * for every page below it. The token only goes into forms: the server checks it on every post (`assertCsrf`).
 */
export function useStaffSession() {
  const data = useRouteLoaderData<typeof staffLayoutLoader>('routes/staff');
  return { user: data?.user ?? null, csrfToken: data?.csrfToken ?? '' };
}

/** The hidden CSRF field every staff form posts. */
export function CsrfInput() {
  const { csrfToken } = useStaffSession();
  return <input type="hidden" name="csrf" value={csrfToken} />;
}
