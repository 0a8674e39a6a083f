import type { StaffPageHandle } from '~/routes/staff';
import { CsrfInput } from '~/components/staff-session';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { assertCsrf, requireStaff } from '~/sessions/staff.server';
import { Breadcrumbs } from '~/components/breadcrumbs';
import { ActiveSwitch, ErrorSummary, Field, fieldAria, FormNotices, prefixErrors, useFormReply, useRowRefusal, useSavedNotice, type FormAnswer } from '~/components/form';
import { db } from '~/platform/db.server';
import { parseId } from '~/domain/catalog-admin-schema';
import { organizationSchema } from '~/domain/organization-schema';
import { parseForm, refusal, replyTo, sentValues } from '~/domain/forms';
import { readFormData } from '~/platform/http.server';
import { pageTitle } from '~/i18n/meta';
import { createOrganization, listOrganizations, updateOrganization } from '~/models/organizations.server';
import { invariantResponse } from '~/platform/invariant.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'organizations.title'), { name: 'robots', content: 'noindex' }];

/** The bar lines up with this page's box (app/routes/staff.tsx). */
export const handle: StaffPageHandle = { pageClass: 'page narrow' };

const FIELDS = ['nameFa', 'nameEn', 'phone', 'website', 'sortOrder'] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'admin:manage');
  return json({ user, organizations: listOrganizations(db()) });
}

/** Add, edit, switch on or off; every change audited in the model. */
export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, 'admin:manage');
  const formData = await readFormData(request);
  assertCsrf(staff, formData);
  const parsed = parseForm(formData, organizationSchema);
  const values = sentValues(parsed);
  const id = parseId(values.id);
  if (values.intent === 'toggle') {
    invariantResponse(id !== null && updateOrganization(db(), staff.user.id, id, { active: values.active === 'on' }));
    return redirect('/staff/admin/organizations?saved=1');
  }
  if (values.intent !== 'create' && values.intent !== 'update') return json({ target: 'new', ...refusal({ form: 'errors.not_allowed' }, values) }, { status: 400 });
  const target = values.intent === 'update' ? String(id) : 'new';
  if (parsed.status !== 'success') return json({ target, ...replyTo(parsed) }, { status: 400 });
  if (values.intent === 'create') createOrganization(db(), staff.user.id, parsed.value);
  else invariantResponse(id !== null && updateOrganization(db(), staff.user.id, id, parsed.value));
  return redirect('/staff/admin/organizations?saved=1');
}

export default function Organizations() {
  const { organizations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const saved = useSavedNotice('organizations.saved');
  const { replyFor } = useRowRefusal();
  const formError = actionData?.errors?.form;
  return (
    <div className="page narrow">
      <Breadcrumbs fromHome={false} trail={[{ label: t('admin.title'), to: '/staff/admin' }, { label: t('organizations.title') }]} />
      <h1>{t('organizations.title')}</h1>
      <p className="lead">{t('organizations.intro')}</p>
      <FormNotices saved={saved} error={formError ? t(formError) : null} />
      {organizations.length === 0 ? <p>{t('organizations.empty')}</p> : null}
      {organizations.map((org) => (
        <section key={org.id} className="card" aria-label={org.nameFa} data-testid="organization">
          <OrganizationForm
           
            target={String(org.id)}
            start={{ nameFa: org.nameFa, nameEn: org.nameEn, phone: org.phone, website: org.website, sortOrder: String(org.sortOrder) }}
            reply={replyFor(String(org.id))}
          />
          <ActiveSwitch
           
            id={org.id}
            active={org.active}
            inactiveNote={t('organizations.inactive')}
            switchOff={t('organizations.deactivate')}
            switchOn={t('organizations.activate')}
          />
        </section>
      ))}
      <section className="card" aria-labelledby="org-new">
        <h2 id="org-new">{t('organizations.add')}</h2>
        <OrganizationForm target="new" start={{ sortOrder: String(organizations.length) }} reply={replyFor('new')} />
      </section>
    </div>
  );
}

function OrganizationForm({
  target,
  start,
  reply,
}: {
  target: string;
  start: Partial<Record<(typeof FIELDS)[number], string>>;
  reply?: FormAnswer;
}) {
  const { t } = useTranslation();
  const { errors, values } = useFormReply(reply);
  // Ids differ per form (several forms on one page); errors name the fields by their plain names.
  const prefixed = prefixErrors(errors, target);
  return (
    <Form method="post" noValidate>
      <ErrorSummary errors={prefixed} order={FIELDS.map((f) => `${target}-${f}`)} />
      <CsrfInput />
      <input type="hidden" name="intent" value={target === 'new' ? 'create' : 'update'} />
      {target === 'new' ? null : <input type="hidden" name="id" value={target} />}
      <div className="admin-grid">
        {FIELDS.map((field) => {
          const key = `${target}-${field}`;
          const aria = fieldAria(key, prefixed, false);
          return (
            <Field key={field} name={key} label={t(`organizations.${field}`)} required={field === 'nameFa'} errors={prefixed}>
              <input
                {...aria}
                name={field}
                defaultValue={values[field] ?? start[field] ?? ''}
                dir={field === 'nameFa' ? undefined : 'ltr'}
                inputMode={field === 'phone' || field === 'sortOrder' ? 'numeric' : undefined}
              />
            </Field>
          );
        })}
      </div>
      <button type="submit">{target === 'new' ? t('organizations.create') : t('organizations.save')}</button>
    </Form>
  );
}
