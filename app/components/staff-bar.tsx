import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { splitTrailingNote } from '~/domain/names';
import { hasPermission } from '~/domain/permissions';
import type { StaffRole } from '~/domain/workflow';

export interface StaffBarUser {
  displayName: string;
  role: StaffRole;
}

/** The signed-in user's line on every staff page, with sign-out (a POST with the CSRF token). */
export function StaffBar({ user, csrfToken }: { user: StaffBarUser; csrfToken: string }) {
  const { t } = useTranslation();
  return (
    <div className="staff-bar">
      <span>
        {hasPermission(user.role, 'inbox:read') ? (
          <>
            <Link to="/staff/inbox">{t('staff.inboxTitle')}</Link> ·{' '}
          </>
        ) : null}
        {hasPermission(user.role, 'item:enter') ? (
          <>
            <Link to="/staff/items/new">{t('entry.nav')}</Link> · <Link to="/staff/calls">{t('calls.nav')}</Link> ·{' '}
          </>
        ) : null}
        {hasPermission(user.role, 'calls:outbound') ? (
          <>
            <Link to="/staff/calls/outbound">{t('carers.outbound.nav')}</Link> ·{' '}
          </>
        ) : null}
        {hasPermission(user.role, 'dashboard:read') ? (
          <>
            <Link to="/staff/dashboard">{t('dashboard.title')}</Link> ·{' '}
          </>
        ) : null}
        {hasPermission(user.role, 'outbox:manage') ? (
          <>
            <Link to="/staff/outbox">{t('outbox.title')}</Link> ·{' '}
          </>
        ) : null}
        {hasPermission(user.role, 'canned:manage') ? (
          <>
            <Link to="/staff/canned">{t('staff.canned')}</Link> ·{' '}
          </>
        ) : null}
        {hasPermission(user.role, 'admin:manage') ? (
          <>
            <Link to="/staff/admin">{t('staff.admin')}</Link> ·{' '}
          </>
        ) : null}
        <SignedInAs user={user} /> ·{' '}
        <Link to="/staff/password">{t('staff.changePassword')}</Link> · <Link to="/staff/two-factor">{t('twoFactor.nav')}</Link> ·{' '}
        <Link to="/staff/notifications">{t('digest.nav')}</Link>
      </span>
      <Form method="post" action="/staff/logout">
        <input type="hidden" name="csrf" value={csrfToken} />
        <button type="submit" className="secondary">
          {t('staff.logout')}
        </button>
      </Form>
    </div>
  );
}

/**
 * "Name (role)"; a name that ends in a bracket of its own (the demo's "(نمایشی)") shares it with the role. The name
 * and its note are isolated (<bdi>): a Persian name in an English bar would otherwise pull the brackets and the role
 * into its own right-to-left run.
 */
function SignedInAs({ user }: { user: StaffBarUser }) {
  const { t, i18n } = useTranslation();
  const role = t(`role.${user.role}`);
  const { name, note } = splitTrailingNote(user.displayName);
  const comma = i18n.language === 'en' ? ',' : '،';
  return note ? (
    <>
      <bdi>{name}</bdi> (<bdi>{note}</bdi>
      {comma} {role})
    </>
  ) : (
    <>
      <bdi>{user.displayName}</bdi> ({role})
    </>
  );
}
