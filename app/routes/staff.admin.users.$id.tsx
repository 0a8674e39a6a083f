import type { StaffPageHandle } from '~/routes/staff';
import { CsrfInput } from '~/components/staff-session';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { assertCsrf, requireStaff } from '~/sessions/staff.server';
import { ErrorSummary, FormNotices, PostButton, useFormReply, useSavedNotice } from '~/components/form';
import { Breadcrumbs } from '~/components/breadcrumbs';
import { OneTimePassword, StaffUserFields } from '~/components/staff-user-fields';
import { db } from '~/platform/db.server';
import { formatDateTime } from '~/domain/dates';
import { parseForm, refusal, replyTo, type FieldErrors } from '~/domain/forms';
import { userEditSchema, userIntentSchema } from '~/domain/staff-admin-schema';
import { readFormData } from '~/platform/http.server';
import { pageTitle } from '~/i18n/meta';
import { listProvinces } from '~/models/catalog.server';
import { secondFactorRequired } from '~/domain/two-factor';
import { findStaffUser, resetStaffPassword, resetStaffTwoFactor, setStaffUserActive, unlockStaffUser, updateStaffUser } from '~/models/staff-admin.server';
import { invariantResponse } from '~/platform/invariant.server';
import { ChoiceField } from '~/components/form';
import { digestSettingSchema } from '~/domain/digest';
import { digestSetting, setDigestSetting } from '~/models/digest.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'admin.users.editTitle'), { name: 'robots', content: 'noindex' }];

/** The bar lines up with this page's box (app/routes/staff.tsx). */
export const handle: StaffPageHandle = { pageClass: 'page narrow' };

function userIdOf(params: { id?: string }): number {
  const id = params.id ?? '';
  invariantResponse(/^\d{1,9}$/.test(id));
  return Number(id);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'admin:manage');
  const target = findStaffUser(db(), userIdOf(params));
  invariantResponse(target);
  const provinces = listProvinces(db()).map((p) => ({ id: p.id, nameFa: p.nameFa, nameEn: p.nameEn }));
  return json({ user, target, provinces, isSelf: target.id === user.id, twoFactorRequired: secondFactorRequired(target.role), digest: digestSetting(db(), target.id) });
}

type ActionData = { intent: string; errors: FieldErrors | null; values: Record<string, string>; password: string | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, 'admin:manage');
  const id = userIdOf(params);
  const formData = await readFormData(request);
  assertCsrf(staff, formData);
  const sent = formData.get('intent');
  const answer = (status: number, data: Partial<ActionData>) =>
    json<ActionData>({ intent: typeof sent === 'string' ? sent : '', errors: null, values: {}, password: null, ...data }, { status });
  const intent = userIntentSchema.safeParse(sent);
  if (!intent.success) return answer(400, { ...refusal({ form: 'errors.not_allowed' }) });
  const done = (what: string) => redirect(`/staff/admin/users/${id}?done=${what}`);
  const me = staff.user.id;
  switch (intent.data) {
    case 'edit': {
      const parsed = parseForm(formData, userEditSchema);
      if (parsed.status !== 'success') return answer(400, { ...replyTo(parsed) });
      const result = updateStaffUser(db(), me, id, parsed.value);
      return result.ok ? done('saved') : answer(result.status, { ...replyTo(parsed, result.errors) });
    }
    case 'deactivate':
    case 'reactivate': {
      const result = setStaffUserActive(db(), me, id, intent.data === 'reactivate');
      return result.ok ? done(intent.data === 'reactivate' ? 'reactivated' : 'deactivated') : answer(result.status, { ...refusal(result.errors) });
    }
    case 'unlock': {
      const result = unlockStaffUser(db(), me, id);
      return result.ok ? done('unlocked') : answer(result.status, { ...refusal(result.errors) });
    }
    case 'reset_two_factor': {
      const result = resetStaffTwoFactor(db(), me, id);
      return result.ok ? done('two_factor_reset') : answer(result.status, { ...refusal(result.errors) });
    }
    case 'digest': {
      // The user's daily digest (issue 24), as the user can set it on /staff/notifications.
      const parsed = parseForm(formData, digestSettingSchema);
      if (parsed.status !== 'success') return answer(400, { ...replyTo(parsed) });
      return setDigestSetting(db(), id, parsed.value.digest === 'on') ? done('digest') : answer(404, { ...refusal({ form: 'admin.errors.user_not_found' }) });
    }
    case 'reset_password': {
      const result = await resetStaffPassword(db(), me, id);
      // The temporary password is shown in this response only, never put in a URL.
      return result.ok ? answer(200, { password: result.password }) : answer(result.status, { ...refusal(result.errors) });
    }
  }
}

const DONE: Record<string, string> = Object.fromEntries(['created', 'saved', 'deactivated', 'reactivated', 'unlocked', 'two_factor_reset'].map((done) => [done, `admin.users.done.${done}`]).concat([['digest', 'digest.saved']]));

export default function EditStaffUser() {
  const { target, provinces, isSelf, twoFactorRequired, digest } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const done = useSavedNotice(DONE, 'done');
  const { errors, values } = useFormReply(actionData);
  const editing = actionData?.intent === 'edit' ? values : null;
  return (
    <div className="page narrow">
      <Breadcrumbs fromHome={false} trail={[{ label: t('admin.title'), to: '/staff/admin' }, { label: t('admin.users.title'), to: '/staff/admin/users' }, { label: target.username }]} />
      <h1>
        {t('admin.users.editTitle')}: <bdi>{target.displayName}</bdi>
      </h1>
      <FormNotices saved={done} />
      {actionData?.password ? (
        <div className="card" role="status" data-testid="reset-password">
          <p>{t('admin.users.resetDone', { username: target.username })}</p>
          <OneTimePassword password={actionData.password} />
        </div>
      ) : null}
      <ErrorSummary errors={errors} order={['displayName', 'role', 'provinceId', 'email', 'mobile']} />

      <dl className="facts">
        <dt>{t('admin.fields.username')}</dt>
        <dd dir="ltr" className="code-inline">
          {target.username}
        </dd>
        <dt>{t('admin.fields.active')}</dt>
        <dd>{target.active ? t('admin.yes') : t('admin.users.inactive')}</dd>
        <dt>{t('admin.fields.locked')}</dt>
        <dd>{target.locked ? t('admin.users.locked') : t('admin.no')}</dd>
        <dt>{t('admin.users.twoFactor')}</dt>
        <dd data-testid="two-factor-state">
          {target.twoFactor ? t('admin.users.twoFactorOn') : t('admin.users.twoFactorOff')}
          {twoFactorRequired ? ` (${t('admin.users.twoFactorRequired')})` : ''}
        </dd>
        <dt>{t('admin.fields.mustChangePassword')}</dt>
        <dd>{target.mustChangePassword ? t('admin.yes') : t('admin.no')}</dd>
        <dt>{t('admin.fields.passwordChangedAt')}</dt>
        <dd>{target.passwordChangedAt ? formatDateTime(new Date(target.passwordChangedAt), locale) : '—'}</dd>
        <dt>{t('admin.fields.createdAt')}</dt>
        <dd>{formatDateTime(new Date(target.createdAt), locale)}</dd>
      </dl>

      <Form method="post" className="card" noValidate>
        <CsrfInput />
        <h2>{t('admin.users.profile')}</h2>
        <StaffUserFields values={editing ?? target} errors={editing ? errors : undefined} provinces={provinces} />
        <button type="submit" name="intent" value="edit">
          {t('admin.save')}
        </button>
      </Form>

      {digest?.forRole ? (
        <Form method="post" className="card" noValidate>
          <CsrfInput />
          <h2>{t('digest.name')}</h2>
          {!digest.hasEmail ? <p className="muted small">{t('digest.adminNoEmail')}</p> : null}
          <ChoiceField
            name="digest"
            legend={t('digest.adminLabel')}
            value={digest.on ? 'on' : 'off'}
            errors={actionData?.intent === 'digest' ? errors : undefined}
            choices={[
              { value: 'on', label: t('digest.on') },
              { value: 'off', label: t('digest.off') },
            ]}
          />
          <button type="submit" name="intent" value="digest">
            {t('digest.save')}
          </button>
        </Form>
      ) : null}

      <section className="card">
        <h2>{t('admin.users.account')}</h2>
        <div className="actions">
          {target.locked ? (
            <PostButton intent="unlock">
              {t('admin.users.unlock')}
            </PostButton>
          ) : null}
          {!isSelf ? (
            <>
              <PostButton intent="reset_password">
                {t('admin.users.resetPassword')}
              </PostButton>
              {target.twoFactor ? (
                <PostButton intent="reset_two_factor">
                  {t('admin.users.resetTwoFactor')}
                </PostButton>
              ) : null}
              <PostButton intent={target.active ? 'deactivate' : 'reactivate'}>
                {target.active ? t('admin.users.deactivate') : t('admin.users.reactivate')}
              </PostButton>
            </>
          ) : (
            <p className="muted small">
              {t('admin.users.selfNote')} <Link to="/staff/password">{t('staff.changePassword')}</Link>
            </p>
          )}
        </div>
        <p className="muted small">{t('admin.users.accountHint')}</p>
      </section>
      <p>
        <Link to={`/staff/admin/audit?entity=user&id=${target.id}`}>{t('admin.users.history')}</Link>
      </p>
    </div>
  );
}
