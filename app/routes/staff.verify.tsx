import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { finishSecondStep, getStaff, pendingSecondStep } from '~/sessions/staff.server';
import { ErrorSummary, Field, fieldAria, useFormReply } from '~/components/form';
import { getConfig } from '~/platform/config.server';
import { db } from '~/platform/db.server';
import { formatNumber } from '~/domain/dates';
import { parseForm, refusal, replyTo, type FormReply } from '~/domain/forms';
import { homeFor } from '~/domain/permissions';
import { codeSchema } from '~/domain/two-factor';
import { readFormData } from '~/platform/http.server';
import { pageTitle } from '~/i18n/meta';
import { clientAddress } from '~/services/rate-limit.server';
import { verifySecondFactor } from '~/models/two-factor.server';

/** The sign-in's second step: the code of the authenticator app (or a recovery code), after the password. */
export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'twoFactor.verifyTitle'), { name: 'robots', content: 'noindex' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await getStaff(request);
  if (staff) throw redirect(homeFor(staff.user.role));
  if (!(await pendingSecondStep(request))) throw redirect('/staff/login');
  return json({ demo: getConfig().demoData });
}

type ActionData = FormReply & { retryAfter: number };
/** A one-time code is never sent back into the page. */
const HIDE = ['code'];

/** The wait's Retry-After reaches the page a form post without JavaScript gets too, not only the data request. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After');
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers();
};

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const pending = await pendingSecondStep(request);
  // The five minutes ran out (or no password step in this browser): start again, saying why.
  if (!pending) return json<ActionData>({ ...refusal({ form: 'twoFactor.errors.expired' }), retryAfter: 0 }, { status: 401 });
  const parsed = parseForm(formData, codeSchema);
  if (parsed.status !== 'success') return json<ActionData>({ ...replyTo(parsed, undefined, { hide: HIDE }), retryAfter: 0 }, { status: 400 });
  const address = clientAddress(context);
  const result = await verifySecondFactor(db(), pending.userId, parsed.value.code, new Date(), { address });
  if (result.ok) return finishSecondStep(pending.userId, pending.redirectTo, { factor: result.usedRecoveryCode ? 'recovery' : 'totp', address });
  if (result.reason === 'throttled') {
    return json<ActionData>(
      { ...replyTo(parsed, { code: 'twoFactor.errors.throttled' }, { hide: HIDE }), retryAfter: result.retryAfter },
      { status: 429, headers: { 'Retry-After': String(result.retryAfter) } },
    );
  }
  return json<ActionData>({ ...replyTo(parsed, { code: 'twoFactor.errors.code_invalid' }, { hide: HIDE }), retryAfter: 0 }, { status: 401 });
}

export default function VerifySecondFactor() {
  const { demo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const { errors } = useFormReply(actionData);
  const values = { seconds: formatNumber(actionData?.retryAfter ?? 0, locale) };
  return (
    <div className="page narrow">
      <h1>{t('twoFactor.verifyTitle')}</h1>
      <ErrorSummary errors={errors} order={['code']} values={values} />
      <p>{t('twoFactor.verifyIntro')}</p>
      <Form method="post" className="card" noValidate>
        <Field name="code" label={t('twoFactor.code')} hint={t('twoFactor.codeHint')} required errors={errors} values={values}>
          <input type="text" inputMode="text" autoComplete="one-time-code" autoCapitalize="none" spellCheck={false} dir="ltr" className="ltr-in-rtl" {...fieldAria('code', errors, true)} />
        </Field>
        <button type="submit">{t('twoFactor.verify')}</button>
      </Form>
      <p>
        <Link to="/staff/login">{t('twoFactor.startOver')}</Link>
      </p>
      {demo ? <p className="muted small">{t('twoFactor.demoHint')}</p> : null}
    </div>
  );
}
