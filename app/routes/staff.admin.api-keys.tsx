import { CsrfInput } from '~/components/staff-session';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { assertCsrf, requireStaff } from '~/sessions/staff.server';
import { Breadcrumbs } from '~/components/breadcrumbs';
import { ErrorSummary, Field, fieldAria, FormNotices, PostButton, useFormReply, useSavedNotice } from '~/components/form';
import { db } from '~/platform/db.server';
import { API_KEY_FIELDS, API_KEY_NAME_MAX, apiKeyCreateSchema, apiKeyRevokeSchema } from '~/domain/api-key-schema';
import { formatDateTime } from '~/domain/dates';
import { parseForm, refusal, replyTo } from '~/domain/forms';
import { readFormData } from '~/platform/http.server';
import { pageTitle } from '~/i18n/meta';
import { createApiKey, listApiKeys, revokeApiKey } from '~/models/api-keys.server';
import { invariantResponse } from '~/platform/invariant.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'admin.apiKeys.title'), { name: 'robots', content: 'noindex' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'admin:manage');
  return json({ user, keys: listApiKeys(db()) });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, 'admin:manage');
  const formData = await readFormData(request);
  assertCsrf(staff, formData);
  const intent = formData.get('intent');
  if (intent === 'create') {
    const parsed = parseForm(formData, apiKeyCreateSchema);
    if (parsed.status !== 'success') return json({ ...replyTo(parsed, undefined, { keep: ['name'] }), created: null }, { status: 400 });
    const created = createApiKey(db(), staff.user.id, parsed.value.name);
    // Shown in this one response only: the database keeps just the hash, and the key never goes into a URL.
    return json(
      { errors: null, values: { name: '' }, created: { id: created.id, name: parsed.value.name, key: created.key } },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  }
  if (intent === 'revoke') {
    const parsed = parseForm(formData, apiKeyRevokeSchema);
    invariantResponse(parsed.status === 'success');
    const result = revokeApiKey(db(), staff.user.id, parsed.value.keyId);
    invariantResponse(result.ok);
    return redirect(`/staff/admin/api-keys?done=${result.changed ? 'revoked' : 'alreadyRevoked'}`);
  }
  return json({ ...refusal({ form: 'adminCatalog.errors.invalid' }), created: null }, { status: 400 });
}

const DONE: Record<string, string> = { revoked: 'admin.apiKeys.done.revoked', alreadyRevoked: 'admin.apiKeys.done.alreadyRevoked' };

export default function AdminApiKeys() {
  const { keys } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const { errors, values } = useFormReply(actionData);
  const created = actionData?.created ?? null;
  const saved = useSavedNotice(DONE, 'done');
  const when = (value: string | null) => (value ? formatDateTime(new Date(value), locale) : t('admin.apiKeys.never'));
  return (
    <div className="page">
      <Breadcrumbs fromHome={false} trail={[{ label: t('admin.title'), to: '/staff/admin' }, { label: t('admin.apiKeys.title') }]} />
      <h1>{t('admin.apiKeys.title')}</h1>
      <p className="muted">{t('admin.apiKeys.intro')}</p>
      <FormNotices saved={saved} error={errors?.form ? t(errors.form) : null} />

      {created ? (
        <div className="card" role="status" data-testid="created-api-key">
          <p>{t('admin.apiKeys.created', { name: created.name })}</p>
          <p>
            {t('admin.apiKeys.keyOnce')}{' '}
            <code dir="ltr" className="ltr-in-rtl" data-testid="api-key">
              {created.key}
            </code>
          </p>
          <p className="muted small">{t('admin.apiKeys.keyOnceHint')}</p>
        </div>
      ) : null}

      <h2>{t('admin.apiKeys.list')}</h2>
      {keys.length === 0 ? (
        <p className="muted">{t('admin.apiKeys.empty')}</p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">{t('admin.apiKeys.name')}</th>
              <th scope="col">{t('admin.apiKeys.prefix')}</th>
              <th scope="col">{t('admin.apiKeys.createdAt')}</th>
              <th scope="col">{t('admin.apiKeys.lastUsedAt')}</th>
              <th scope="col">{t('admin.apiKeys.state')}</th>
              <th scope="col">{t('staff.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id} data-testid="api-key-row" className={key.revokedAt ? 'admin-inactive' : undefined}>
                <td data-label={t('admin.apiKeys.name')}>{key.name}</td>
                <td data-label={t('admin.apiKeys.prefix')}>
                  <code dir="ltr">{key.keyPrefix}…</code>
                </td>
                <td data-label={t('admin.apiKeys.createdAt')}>
                  {when(key.createdAt)}
                  {key.createdBy ? ` · ${key.createdBy}` : null}
                </td>
                <td data-label={t('admin.apiKeys.lastUsedAt')}>{when(key.lastUsedAt)}</td>
                <td data-label={t('admin.apiKeys.state')}>
                  {key.revokedAt ? <strong>{t('admin.apiKeys.revokedOn', { date: when(key.revokedAt) })}</strong> : t('admin.apiKeys.active')}
                </td>
                <td>
                  {key.revokedAt ? null : (
                    <PostButton intent="revoke" fields={{ keyId: key.id }} ariaLabel={t('admin.apiKeys.revokeNamed', { name: key.name })}>
                      {t('admin.apiKeys.revoke')}
                    </PostButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <Form method="post" className="card" noValidate aria-labelledby="api-key-form-title" key={created?.id ?? 'new'}>
        <h2 id="api-key-form-title">{t('admin.apiKeys.new')}</h2>
        <ErrorSummary errors={errors} order={API_KEY_FIELDS} />
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <Field name="name" label={t('admin.apiKeys.name')} hint={t('admin.apiKeys.nameHint')} required errors={errors}>
          <input {...fieldAria('name', errors, true)} type="text" defaultValue={values.name ?? ''} maxLength={API_KEY_NAME_MAX * 2} required autoComplete="off" />
        </Field>
        <div className="actions">
          <button type="submit">{t('admin.apiKeys.create')}</button>
        </div>
      </Form>
    </div>
  );
}
