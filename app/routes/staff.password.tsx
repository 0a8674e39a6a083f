import type { StaffPageHandle } from '~/routes/staff';
import { CsrfInput } from '~/components/staff-session';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { assertCsrf, requireStaff, sessionToken } from '~/sessions/staff.server';
import { ErrorSummary, Field, fieldAria, useFormReply } from '~/components/form';
import { db } from '~/platform/db.server';
import { parseForm, replyTo } from '~/domain/forms';
import { homeFor } from '~/domain/permissions';
import { passwordChangeSchema } from '~/domain/staff-admin-schema';
import { readFormData } from '~/platform/http.server';
import { pageTitle } from '~/i18n/meta';
import { changeOwnPassword } from '~/models/staff-admin.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'admin.password.title'), { name: 'robots', content: 'noindex' }];

/** The bar lines up with this page's box (app/routes/staff.tsx). */
export const handle: StaffPageHandle = { pageClass: 'page narrow' };

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request);
  return json({ user, home: homeFor(user.role) });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await readFormData(request);
  assertCsrf(staff, formData);
  const parsed = parseForm(formData, passwordChangeSchema(staff.user.username));
  if (parsed.status !== 'success') return json({ ...replyTo(parsed, undefined, { hide: PASSWORDS }) }, { status: 400 });
  const result = await changeOwnPassword(db(), staff.user, parsed.value, await sessionToken(request));
  if (!result.ok) return json({ ...replyTo(parsed, result.errors, { hide: PASSWORDS }) }, { status: result.status });
  // A forced change leads on to the user's own pages; a voluntary one comes back here with a confirmation.
  return redirect(staff.user.mustChangePassword ? homeFor(staff.user.role) : '/staff/password?done=1');
}

const ORDER = ['currentPassword', 'newPassword', 'confirmPassword'] as const;
/** Never sent back into the page. */
const PASSWORDS = [...ORDER];

export default function ChangePassword() {
  const { user } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const { errors } = useFormReply(actionData);
  return (
    <div className="page narrow">
      <h1>{t('admin.password.title')}</h1>
      {user.mustChangePassword ? (
        <p className="notice error" role="status">
          {t('admin.password.forced')}
        </p>
      ) : null}
      {searchParams.get('done') && !actionData ? (
        <p className="notice" role="status">
          {t('admin.password.done')}
        </p>
      ) : null}
      <ErrorSummary errors={errors} order={ORDER} />
      <Form method="post" className="card" noValidate>
        <CsrfInput />
        {/* Lets password managers tie the new password to the right account. */}
        <input type="text" name="username" value={user.username} autoComplete="username" readOnly hidden />
        <Field name="currentPassword" label={t('admin.fields.currentPassword')} required errors={errors}>
          <input type="password" autoComplete="current-password" dir="ltr" className="ltr-in-rtl" {...fieldAria('currentPassword', errors, false)} />
        </Field>
        <Field name="newPassword" label={t('admin.fields.newPassword')} hint={t('admin.passwordRule')} required errors={errors}>
          <input type="password" autoComplete="new-password" dir="ltr" className="ltr-in-rtl" {...fieldAria('newPassword', errors, true)} />
        </Field>
        <Field name="confirmPassword" label={t('admin.fields.confirmPassword')} required errors={errors}>
          <input type="password" autoComplete="new-password" dir="ltr" className="ltr-in-rtl" {...fieldAria('confirmPassword', errors, false)} />
        </Field>
        <p className="muted small">{t('admin.password.othersSignedOut')}</p>
        <button type="submit">{t('admin.password.submit')}</button>
      </Form>
    </div>
  );
}
