import type { StaffPageHandle } from '~/routes/staff';
import { CsrfInput } from '~/components/staff-session';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { assertCsrf, requireStaff } from '~/sessions/staff.server';
import { ErrorSummary, Field, fieldAria, useFormReply } from '~/components/form';
import { Breadcrumbs } from '~/components/breadcrumbs';
import { OneTimePassword, StaffUserFields } from '~/components/staff-user-fields';
import { db } from '~/platform/db.server';
import { parseForm, replyTo } from '~/domain/forms';
import { userCreateSchema } from '~/domain/staff-admin-schema';
import { readFormData } from '~/platform/http.server';
import { pageTitle } from '~/i18n/meta';
import { listProvinces } from '~/models/catalog.server';
import { createStaffUser } from '~/models/staff-admin.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'admin.users.new'), { name: 'robots', content: 'noindex' }];

/** The bar lines up with this page's box (app/routes/staff.tsx). */
export const handle: StaffPageHandle = { pageClass: 'page narrow' };

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'admin:manage');
  const provinces = listProvinces(db()).map((p) => ({ id: p.id, nameFa: p.nameFa, nameEn: p.nameEn }));
  return json({ user, provinces });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, 'admin:manage');
  const formData = await readFormData(request);
  assertCsrf(staff, formData);
  const parsed = parseForm(formData, userCreateSchema);
  // What goes back to the form: all but the CSRF token and a typed password.
  const hide = ['password'];
  if (parsed.status !== 'success') return json({ ...replyTo(parsed, undefined, { hide }), created: null }, { status: 400 });
  const result = await createStaffUser(db(), staff.user.id, parsed.value);
  if (!result.ok) return json({ ...replyTo(parsed, result.errors, { hide }), created: null }, { status: result.status });
  if (result.generatedPassword === null) return redirect(`/staff/admin/users/${result.id}?done=created`);
  // Shown in this one response only: the database keeps just the hash, and the password never goes into a URL.
  return json({ ...replyTo(parsed, undefined, { hide }), created: { id: result.id, username: parsed.value.username, password: result.generatedPassword } });
}

const ORDER = ['username', 'displayName', 'role', 'provinceId', 'email', 'mobile', 'password'] as const;

export default function NewStaffUser() {
  const { provinces } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const { errors, values } = useFormReply(actionData);
  const created = actionData?.created;
  return (
    <div className="page narrow">
      <Breadcrumbs fromHome={false} trail={[{ label: t('admin.title'), to: '/staff/admin' }, { label: t('admin.users.title'), to: '/staff/admin/users' }, { label: t('admin.users.new') }]} />
      <h1>{t('admin.users.new')}</h1>
      {created ? (
        <div className="card" role="status" data-testid="created-user">
          <p>{t('admin.users.created', { username: created.username })}</p>
          <OneTimePassword password={created.password} />
          <p className="actions">
            <Link to={`/staff/admin/users/${created.id}`}>{t('admin.users.openUser')}</Link>
            <Link to="/staff/admin/users">{t('admin.users.backToList')}</Link>
          </p>
        </div>
      ) : (
        <>
          <ErrorSummary errors={errors} order={ORDER} />
          <Form method="post" className="card" noValidate>
            <CsrfInput />
            <Field name="username" label={t('admin.fields.username')} hint={t('admin.users.usernameHint')} required errors={errors}>
              <input type="text" autoComplete="off" dir="ltr" className="ltr-in-rtl" spellCheck={false} {...fieldAria('username', errors, true)} defaultValue={values.username ?? ''} />
            </Field>
            <StaffUserFields values={values} errors={errors} provinces={provinces} />
            <fieldset>
              <legend>{t('admin.users.initialPassword')}</legend>
              <div className="choices stacked">
                <label className="choice">
                  <input type="radio" name="passwordMode" value="generate" defaultChecked={values.passwordMode !== 'set'} />
                  <span>{t('admin.users.generatePassword')}</span>
                </label>
                <label className="choice">
                  <input type="radio" name="passwordMode" value="set" defaultChecked={values.passwordMode === 'set'} />
                  <span>{t('admin.users.setPassword')}</span>
                </label>
              </div>
              <Field name="password" label={t('admin.fields.password')} hint={t('admin.passwordRule')} errors={errors}>
                <input type="password" autoComplete="new-password" dir="ltr" className="ltr-in-rtl" {...fieldAria('password', errors, true)} />
              </Field>
            </fieldset>
            <p className="muted small">{t('admin.users.mustChangeNote')}</p>
            <button type="submit">{t('admin.users.create')}</button>
          </Form>
        </>
      )}
    </div>
  );
}

