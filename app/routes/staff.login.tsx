import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { readFormData } from '~/platform/http.server';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { getStaff, safeRedirect, startSecondStep, startSession } from '~/sessions/staff.server';
import { ErrorSummary, Field, fieldAria, useFormReply } from '~/components/form';
import { getConfig } from '~/platform/config.server';
import { db } from '~/platform/db.server';
import { formatNumber } from '~/domain/dates';
import { parseForm, replyTo } from '~/domain/forms';
import { normalizeText } from '~/domain/persian';
import { homeFor } from '~/domain/permissions';
import { pageTitle } from '~/i18n/meta';
import { verifyLogin } from '~/models/staff.server';
import { clientAddress, clientKey } from '~/services/rate-limit.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'staff.loginTitle'), { name: 'robots', content: 'noindex' }];

const loginSchema = z.object({
  username: z.preprocess((v) => (typeof v === 'string' ? normalizeText(v).toLowerCase() : ''), z.string().min(1, 'errors.username_required').max(100, 'errors.login_invalid')),
  password: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().min(1, 'errors.password_required').max(1000, 'errors.login_invalid')),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await getStaff(request);
  if (staff) throw redirect(homeFor(staff.user.role));
  return json({ demo: getConfig().demoData });
}

/** The wait's Retry-After reaches the page a form post without JavaScript gets too, not only the data request. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After');
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers();
};

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(await readFormData(request), loginSchema);
  // The name typed goes back with a refusal, never the password.
  const keep = { keep: ['username'] };
  if (parsed.status !== 'success') return json({ ...replyTo(parsed, undefined, keep), retryAfter: 0 }, { status: 400 });
  const address = clientAddress(context);
  const result = await verifyLogin(db(), parsed.value.username, parsed.value.password, { clientAddress: clientKey(context), auditAddress: address });
  if (!result.ok) {
    // The same words and status for every name, known or not: the wait is counted per name, whoever owns it.
    if (result.reason === 'throttled') {
      return json(
        { ...replyTo(parsed, { form: 'errors.login_throttled' }, keep), retryAfter: result.retryAfter },
        { status: 429, headers: { 'Retry-After': String(result.retryAfter) } },
      );
    }
    return json({ ...replyTo(parsed, { form: 'errors.login_invalid' }, keep), retryAfter: 0 }, { status: 401 });
  }
  const to = safeRedirect(parsed.value.redirectTo ?? null, homeFor(result.user.role));
  // With a second factor, no session yet: only a short-lived signed note that the password step was passed.
  if (result.user.twoFactorEnabled) return startSecondStep(result.user.id, to);
  return startSession(result.user.id, to, { factor: 'password', address });
}

export default function StaffLogin() {
  const { demo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const { errors, values } = useFormReply(actionData);
  // Carried through the POST so staff land where they were going, also without JavaScript.
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get('redirectTo');
  return (
    <div className="page narrow">
      <h1>{t('staff.loginTitle')}</h1>
      <ErrorSummary errors={errors} order={['username', 'password']} values={{ seconds: formatNumber(actionData?.retryAfter ?? 0, locale) }} />
      <Form method="post" className="card" noValidate>
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <Field name="username" label={t('staff.username')} required errors={errors}>
          <input type="text" autoComplete="username" dir="ltr" className="ltr-in-rtl" {...fieldAria('username', errors, false)} defaultValue={values.username} />
        </Field>
        <Field name="password" label={t('staff.password')} required errors={errors}>
          <input type="password" autoComplete="current-password" dir="ltr" className="ltr-in-rtl" {...fieldAria('password', errors, false)} />
        </Field>
        <button type="submit">{t('staff.login')}</button>
      </Form>
      {demo ? <p className="muted small">{t('staff.demoHint')}</p> : null}
    </div>
  );
}
