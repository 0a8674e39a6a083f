import { CsrfInput } from '~/components/staff-session';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { assertCsrf, requireStaff } from '~/sessions/staff.server';
import { AdminCatalogNav } from '~/components/admin-catalog-nav';
import { ErrorSummary, Field, fieldAria, FormNotices, TextField, useFormReply, useSavedNotice } from '~/components/form';
import { db } from '~/platform/db.server';
import { LONG_MAX, NAME_MAX, SERVICE_FIELDS, serviceCreateSchema, serviceUpdateSchema, SLUG_MAX, SLUG_PATTERN, SORT_MAX } from '~/domain/catalog-admin-schema';
import { formatNumber } from '~/domain/dates';
import { parseForm, refusal, replyTo, type FormReply } from '~/domain/forms';
import { readFormData } from '~/platform/http.server';
import { pageTitle } from '~/i18n/meta';
import { createService, findServiceForAdmin, listAllServices, updateService } from '~/models/catalog-admin.server';
import { invariantResponse } from '~/platform/invariant.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'adminCatalog.services.title'), { name: 'robots', content: 'noindex' }];

/** A slug from the address or a form, or null when it cannot be one (then nothing is looked up). */
function slugFrom(value: string | null | undefined): string | null {
  const slug = (value ?? '').trim().toLowerCase();
  return slug.length <= SLUG_MAX && SLUG_PATTERN.test(slug) ? slug : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'admin:manage');
  const editParam = new URL(request.url).searchParams.get('edit');
  let editing = null;
  if (editParam !== null) {
    const slug = slugFrom(editParam);
    editing = slug ? findServiceForAdmin(db(), slug) ?? null : null;
    invariantResponse(editing);
  }
  return json({ user, services: listAllServices(db()), editing });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, 'admin:manage');
  const formData = await readFormData(request);
  assertCsrf(staff, formData);
  const sent = formData.get('intent');
  const intent = sent === 'create' || sent === 'update' ? sent : null;
  // A checkbox left unticked sends nothing: the page reads that as unticked.
  const refuse = (reply: FormReply) => json({ intent: intent ?? '', ...reply }, { status: 400 });
  if (intent === 'create') {
    const parsed = parseForm(formData, serviceCreateSchema);
    if (parsed.status !== 'success') return refuse(replyTo(parsed));
    const result = createService(db(), staff.user.id, parsed.value);
    if (!result.ok) return refuse(replyTo(parsed, result.errors));
    return redirect(`/staff/admin/services?saved=created&slug=${result.slug}`);
  }
  if (intent === 'update') {
    const parsed = parseForm(formData, serviceUpdateSchema);
    const slug = slugFrom(typeof parsed.payload.slug === 'string' ? parsed.payload.slug : undefined);
    invariantResponse(slug);
    if (parsed.status !== 'success') return refuse(replyTo(parsed));
    const result = updateService(db(), staff.user.id, slug, parsed.value);
    if (!result.ok) {
      invariantResponse(result.status !== 404);
      return refuse(replyTo(parsed, result.errors));
    }
    return redirect(`/staff/admin/services?saved=saved&slug=${slug}`);
  }
  return refuse(refusal({ form: 'adminCatalog.errors.invalid' }));
}

const SAVED_MESSAGES: Record<string, string> = {
  created: 'adminCatalog.services.created',
  saved: 'adminCatalog.services.saved',
};

export default function AdminServices() {
  const { services, editing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const fa = i18n.language !== 'en';
  const locale = fa ? 'fa' : 'en';
  const saved = useSavedNotice(SAVED_MESSAGES);
  const reply = useFormReply(actionData);
  const errors = reply.errors;
  const values: Record<string, string> = actionData
    ? reply.values
    : editing
      ? {
          ...Object.fromEntries(SERVICE_FIELDS.map((name) => [name, String(editing[name])])),
          nameEn: editing.nameEn === editing.nameFa ? '' : editing.nameEn,
          active: editing.active ? 'on' : '',
        }
      : { sortOrder: String(services.reduce((max, s) => Math.max(max, s.sortOrder + 1), 0)), active: 'on' };
  return (
    <div className="page">
      <AdminCatalogNav current="services" />
      <h1>{t('adminCatalog.services.title')}</h1>
      <p className="muted">{t('adminCatalog.services.intro')}</p>
      <FormNotices saved={saved} error={errors?.form ? t(errors.form) : null} />
      <table className="list">
        <thead>
          <tr>
            <th scope="col">{t('adminCatalog.services.sortOrder')}</th>
            <th scope="col">{t('adminCatalog.services.name')}</th>
            <th scope="col">{t('adminCatalog.services.slug')}</th>
            <th scope="col">{t('adminCatalog.services.state')}</th>
            <th scope="col">{t('staff.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {services.map((s) => (
            <tr key={s.id} data-testid="admin-service" className={s.active ? undefined : 'admin-inactive'}>
              <td data-label={t('adminCatalog.services.sortOrder')}>{formatNumber(s.sortOrder, locale)}</td>
              <td data-label={t('adminCatalog.services.name')}>{fa ? s.nameFa : s.nameEn}</td>
              <td data-label={t('adminCatalog.services.slug')} dir="ltr">
                {s.slug}
              </td>
              <td data-label={t('adminCatalog.services.state')}>{s.active ? t('adminCatalog.centers.active') : <strong>{t('adminCatalog.centers.inactive')}</strong>}</td>
              <td>
                <Link to={`?edit=${s.slug}#service-form`}>{t('adminCatalog.services.edit')}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <Form method="post" className="card" id="service-form" key={editing?.slug ?? 'new'} noValidate aria-labelledby="service-form-title">
        <h2 id="service-form-title">
          {editing ? t('adminCatalog.services.editTitle', { name: fa ? editing.nameFa : editing.nameEn }) : t('adminCatalog.services.new')}
        </h2>
        <ErrorSummary errors={errors} order={SERVICE_FIELDS} />
        <CsrfInput />
        <input type="hidden" name="intent" value={editing ? 'update' : 'create'} />
        {editing ? (
          <input type="hidden" name="slug" value={editing.slug} />
        ) : (
          <Field name="slug" label={t('adminCatalog.services.slug')} hint={t('adminCatalog.services.slugHint')} required errors={errors}>
            <input {...fieldAria('slug', errors, true)} type="text" dir="ltr" defaultValue={values.slug ?? ''} maxLength={SLUG_MAX} required autoCapitalize="none" spellCheck={false} />
          </Field>
        )}
        <div className="admin-grid">
          <TextField name="nameFa" label={t('adminCatalog.services.nameFa')} values={values} errors={errors} maxLength={NAME_MAX} required />
          <TextField name="nameEn" label={t('adminCatalog.services.nameEn')} values={values} errors={errors} maxLength={NAME_MAX} hint={t('adminCatalog.center.englishHint')} ltr />
          <TextField name="summaryFa" label={t('adminCatalog.services.summaryFa')} values={values} errors={errors} maxLength={LONG_MAX} multiline />
          <TextField name="summaryEn" label={t('adminCatalog.services.summaryEn')} values={values} errors={errors} maxLength={LONG_MAX} multiline ltr />
          <TextField name="audienceFa" label={t('adminCatalog.services.audienceFa')} values={values} errors={errors} maxLength={LONG_MAX} multiline />
          <TextField name="audienceEn" label={t('adminCatalog.services.audienceEn')} values={values} errors={errors} maxLength={LONG_MAX} multiline ltr />
          <TextField name="howFa" label={t('adminCatalog.services.howFa')} values={values} errors={errors} maxLength={LONG_MAX} multiline />
          <TextField name="howEn" label={t('adminCatalog.services.howEn')} values={values} errors={errors} maxLength={LONG_MAX} multiline ltr />
          <Field name="sortOrder" label={t('adminCatalog.services.sortOrder')} hint={t('adminCatalog.services.sortOrderHint')} required errors={errors}>
            <input {...fieldAria('sortOrder', errors, true)} type="text" inputMode="numeric" className="short" defaultValue={values.sortOrder ?? ''} maxLength={String(SORT_MAX).length} required />
          </Field>
        </div>
        <div className="field">
          <label className="choice">
            <input type="checkbox" name="active" defaultChecked={values.active === 'on'} /> {t('adminCatalog.services.active')}
          </label>
        </div>
        <div className="actions">
          <button type="submit">{editing ? t('adminCatalog.services.save') : t('adminCatalog.services.create')}</button>
          {editing ? <Link to="/staff/admin/services">{t('adminCatalog.services.cancel')}</Link> : null}
        </div>
      </Form>
    </div>
  );
}
