import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useTranslation } from 'react-i18next';
import { requireStaff } from '~/sessions/staff.server';
import { homeFor } from '~/domain/permissions';
import { pageTitle } from '~/i18n/meta';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'staff.home'), { name: 'robots', content: 'noindex' }];

/** Staff land here when their role has no inbox of its own (admins; call-centre agents go to /staff/items/new). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request);
  const home = homeFor(user.role);
  if (home !== '/staff') throw redirect(home);
  return json({ user });
}

export default function StaffDesk() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('staff.home')}</h1>
      <p>{t('staff.homeIntro')}</p>
    </div>
  );
}
