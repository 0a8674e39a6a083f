import type { StaffPageHandle } from '~/routes/staff';
import { CsrfInput } from '~/components/staff-session';
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { createHmac } from 'node:crypto';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { assertCsrf, requireStaff } from '~/sessions/staff.server';
import { ErrorSummary, Field, fieldAria, useFormReply } from '~/components/form';
import { getConfig } from '~/platform/config.server';
import { db } from '~/platform/db.server';
import { formatNumber } from '~/domain/dates';
import { parseForm, refusal, replyTo, sentValues, type FieldErrors } from '~/domain/forms';
import { homeFor } from '~/domain/permissions';
import { sameSecret } from '~/domain/secrets';
import { codeSchema, secondFactorRequired } from '~/domain/two-factor';
import { readFormData } from '~/platform/http.server';
import { pageTitle } from '~/i18n/meta';
import { clientAddress } from '~/services/rate-limit.server';
import {
  disableOwnTwoFactor,
  enableTwoFactor,
  enrolmentDetails,
  newTotpSecret,
  recoveryCodesLeft,
  regenerateRecoveryCodes,
  verifySecondFactor,
} from '~/models/two-factor.server';

/**
 * A staff member's own second factor: enrolment (secret, otpauth URI and QR code, confirmed with a code), the
 * recovery codes shown once, renewing them and, for roles that do not require it, turning it off.
 */
export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'twoFactor.title'), { name: 'robots', content: 'noindex' }];

/** The bar lines up with this page's box (app/routes/staff.tsx). */
export const handle: StaffPageHandle = { pageClass: 'page narrow' };

/**
 * The secret offered on the page travels in the form (no state before the user confirms), signed for this user, so
 * a posted secret is always one this server made for them.
 */
function signSecret(userId: number, secret: string): string {
  return createHmac('sha256', getConfig().sessionSecret).update(`totp-enrol:${userId}:${secret}`).digest('base64url');
}

function offer(userId: number, username: string) {
  const secret = newTotpSecret();
  return { secret, signature: signSecret(userId, secret), ...enrolmentDetails(secret, username) };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request);
  return json({
    user,
    home: homeFor(user.role),
    required: secondFactorRequired(user.role),
    enrolment: user.twoFactorEnabled ? null : offer(user.id, user.username),
    recoveryLeft: user.twoFactorEnabled ? recoveryCodesLeft(db(), user.id) : 0,
  });
}

/** A one-time code is never sent back into the page. */
const HIDE = ['code'];

type ActionData = {
  intent: string;
  errors: FieldErrors | null;
  values?: Record<string, string>;
  retryAfter: number;
  recoveryCodes: string[] | null;
  done: string | null;
  enrolment: ReturnType<typeof offer> | null;
};

const enableSchema = codeSchema.extend({
  secret: z.string().regex(/^[A-Z2-7]{16,64}$/),
  signature: z.string().min(1).max(100),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await readFormData(request);
  assertCsrf(staff, formData);
  const intent = typeof formData.get('intent') === 'string' ? String(formData.get('intent')) : '';
  const { user } = staff;
  const answer = (status: number, data: Partial<ActionData>) =>
    json<ActionData>({ intent, errors: null, retryAfter: 0, recoveryCodes: null, done: null, enrolment: null, ...data }, { status });

  if (intent === 'enable') {
    if (user.twoFactorEnabled) return answer(400, { ...refusal({ form: 'twoFactor.errors.already_enabled' }) });
    const parsed = parseForm(formData, enableSchema);
    const values = sentValues(parsed);
    const secretOk = parsed.status === 'success' && sameSecret(parsed.value.signature, signSecret(user.id, parsed.value.secret));
    if (parsed.status !== 'success' || !secretOk) {
      // Keep the secret the user may already have scanned, when it is one we made for them.
      const kept =
        typeof values.secret === 'string' && /^[A-Z2-7]{16,64}$/.test(values.secret) && sameSecret(values.signature, signSecret(user.id, values.secret))
          ? { secret: values.secret, signature: values.signature!, ...enrolmentDetails(values.secret, user.username) }
          : offer(user.id, user.username);
      return answer(400, { ...replyTo(parsed, parsed.status === 'success' ? { form: 'errors.invalid' } : undefined, { hide: HIDE }), enrolment: kept });
    }
    const result = await enableTwoFactor(db(), user.id, parsed.value.secret, parsed.value.code);
    const enrolment = { secret: parsed.value.secret, signature: parsed.value.signature, ...enrolmentDetails(parsed.value.secret, user.username) };
    if (!result.ok) return answer(400, { ...replyTo(parsed, { code: result.error }, { hide: HIDE }), enrolment });
    return answer(200, { recoveryCodes: result.recoveryCodes, done: 'twoFactor.done.enabled' });
  }

  if (intent === 'disable' || intent === 'regenerate') {
    if (!user.twoFactorEnabled) return answer(400, { ...refusal({ form: 'errors.not_allowed' }) });
    if (intent === 'disable' && secondFactorRequired(user.role)) return answer(400, { ...refusal({ form: 'twoFactor.errors.required_for_role' }) });
    const parsed = parseForm(formData, codeSchema);
    if (parsed.status !== 'success') return answer(400, { ...replyTo(parsed, undefined, { hide: HIDE }) });
    // Both changes need a fresh code, so a session left open on someone's desk cannot take the factor away.
    const check = await verifySecondFactor(db(), user.id, parsed.value.code, new Date(), { address: clientAddress(context) });
    if (!check.ok) {
      return check.reason === 'throttled'
        ? answer(429, { ...replyTo(parsed, { code: 'twoFactor.errors.throttled' }, { hide: HIDE }), retryAfter: check.retryAfter })
        : answer(400, { ...replyTo(parsed, { code: 'twoFactor.errors.code_invalid' }, { hide: HIDE }) });
    }
    if (intent === 'disable') {
      disableOwnTwoFactor(db(), user.id);
      return answer(200, { done: 'twoFactor.done.disabled', enrolment: offer(user.id, user.username) });
    }
    return answer(200, { recoveryCodes: regenerateRecoveryCodes(db(), user.id) });
  }
  return answer(400, { ...refusal({ form: 'errors.not_allowed' }) });
}

export default function TwoFactorPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const { errors } = useFormReply(actionData);
  const values = { seconds: formatNumber(actionData?.retryAfter ?? 0, locale) };
  const enrolment = actionData?.enrolment ?? data.enrolment;
  const enabled = data.user.twoFactorEnabled && actionData?.done !== 'twoFactor.done.disabled';
  return (
    <div className="page narrow">
      <h1>{t('twoFactor.title')}</h1>
      {data.required && !enabled ? (
        <p className="notice error" role="status">
          {t('twoFactor.required')}
        </p>
      ) : null}
      {actionData?.done ? (
        <p className="notice" role="status">
          {t(actionData.done)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} order={['code']} values={values} />

      {actionData?.recoveryCodes ? (
        <section className="card" data-testid="recovery-codes">
          <h2>{t('twoFactor.recoveryTitle')}</h2>
          <p>{t('twoFactor.recoveryOnce')}</p>
          <ul className="recovery-codes" dir="ltr">
            {actionData.recoveryCodes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ul>
          <p>
            <Link to={data.home}>{t('twoFactor.continue')}</Link>
          </p>
        </section>
      ) : enabled ? (
        <>
          <p className="notice" role="status">
            {t('twoFactor.enabled')} {t('twoFactor.recoveryLeft', { n: formatNumber(data.recoveryLeft, locale) })}
          </p>
          <CodeForm intent="regenerate" label={t('twoFactor.regenerate')} errors={errors} />
          {!data.required ? (
            <>
              <p className="muted small">{t('twoFactor.disableHint')}</p>
              <CodeForm intent="disable" label={t('twoFactor.disable')} errors={errors} idPrefix="disable-" />
            </>
          ) : null}
        </>
      ) : enrolment ? (
        <section className="card">
          <p>{t('twoFactor.setupIntro')}</p>
          {/* Made on the server by uqr from the otpauth URI, shown as a data: image (no raw markup in the page, no
              request leaves it). */}
          <img className="qr-code" alt={t('twoFactor.qrAlt')} src={`data:image/svg+xml;base64,${enrolment.qrSvgBase64}`} />
          <dl className="facts">
            <dt>{t('twoFactor.secret')}</dt>
            <dd dir="ltr" className="otpauth-uri" data-testid="totp-secret">
              {enrolment.secret.replace(/(.{4})(?=.)/g, '$1 ')}
            </dd>
            <dt>{t('twoFactor.uri')}</dt>
            <dd dir="ltr" className="otpauth-uri">
              <a href={enrolment.uri}>{enrolment.uri}</a>
            </dd>
          </dl>
          <Form method="post" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="enable" />
            <input type="hidden" name="secret" value={enrolment.secret} />
            <input type="hidden" name="signature" value={enrolment.signature} />
            <Field name="code" label={t('twoFactor.code')} required errors={errors} values={values}>
              <input type="text" inputMode="numeric" autoComplete="one-time-code" dir="ltr" className="ltr-in-rtl" {...fieldAria('code', errors, false)} />
            </Field>
            <button type="submit">{t('twoFactor.enable')}</button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

function CodeForm({
  intent,
  label,
  errors,
  idPrefix = '',
}: {
  intent: string;
  label: string;
  errors?: FieldErrors;
  idPrefix?: string;
}) {
  const { t } = useTranslation();
  // Each form's field has its own id; a wrong code is named in the error summary above.
  const name = 'code';
  return (
    <Form method="post" className="card" noValidate>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <div className="field">
        <label htmlFor={`${idPrefix}code`}>{t('twoFactor.code')}</label>
        <input id={`${idPrefix}code`} name={name} type="text" autoComplete="one-time-code" dir="ltr" className="ltr-in-rtl" aria-invalid={errors?.code ? true : undefined} />
      </div>
      <button type="submit">{label}</button>
    </Form>
  );
}
