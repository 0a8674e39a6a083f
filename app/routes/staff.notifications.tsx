import type { StaffPageHandle } from '~/routes/staff';
import { CsrfInput } from '~/components/staff-session';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { assertCsrf, requireStaff } from '~/sessions/staff.server';
import { ChoiceField, ErrorSummary, FormNotices, useFormReply, useSavedNotice } from '~/components/form';
import { db } from '~/platform/db.server';
import { parseForm, replyTo } from '~/domain/forms';
import { digestSettingSchema } from '~/domain/digest';
import { readFormData } from '~/platform/http.server';
import { pageTitle } from '~/i18n/meta';
import { digestSetting, setDigestSetting } from '~/models/digest.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'digest.title'), { name: 'robots', content: 'noindex' }];

export const handle: StaffPageHandle = { pageClass: 'page narrow' };

/** The signed-in user's own notification settings: the daily digest on or off (issue 24). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request);
  const setting = digestSetting(db(), user.id);
  if (!setting) throw new Response('Not Found', { status: 404 });
  return json({ user, setting });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await readFormData(request);
  assertCsrf(staff, formData);
  const parsed = parseForm(formData, digestSettingSchema);
  if (parsed.status !== 'success') return json(replyTo(parsed), { status: 400 });
  setDigestSetting(db(), staff.user.id, parsed.value.digest === 'on');
  return redirect('/staff/notifications?saved=1');
}

export default function StaffNotifications() {
  const { setting } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { errors } = useFormReply(useActionData<typeof action>());
  const saved = useSavedNotice('digest.saved');
  return (
    <div className="page narrow">
      <h1>{t('digest.title')}</h1>
      <FormNotices saved={saved} />
      <ErrorSummary errors={errors} order={['digest']} />
      {!setting.forRole ? <p className="muted">{t('digest.notForRole')}</p> : null}
      {setting.forRole && !setting.hasEmail ? <p className="notice">{t('digest.noEmail')}</p> : null}
      <Form method="post" className="card" noValidate>
        <CsrfInput />
        <p className="hint">{t('digest.settingHint')}</p>
        <ChoiceField
          name="digest"
          legend={t('digest.settingLabel')}
          value={setting.on ? 'on' : 'off'}
          errors={errors}
          choices={[
            { value: 'on', label: t('digest.on') },
            { value: 'off', label: t('digest.off') },
          ]}
        />
        <button type="submit">{t('digest.save')}</button>
      </Form>
    </div>
  );
}
