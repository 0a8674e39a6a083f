import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ChallengeField } from '~/components/challenge-field';
import { ErrorSummary, Field, fieldAria, useFormReply } from '~/components/form';
import { createChallenge } from '~/domain/challenge';
import { formatDate } from '~/domain/dates';
import { parseForm, refusal, replyTo, sentValues, type FormReply } from '~/domain/forms';
import { toPersianDigits } from '~/domain/persian';
import { OTP_LENGTH, OTP_MAX_TRIES, OTP_TTL_MS, recoverRequestSchema, recoverVerifySchema, RECOVER_FIELDS } from '~/domain/recovery';
import { groupTrackingCode } from '~/domain/tracking-code';
import { metaTranslator, publicPageMeta } from '~/i18n/meta';
import { getConfig } from '~/platform/config.server';
import { readFormData } from '~/platform/http.server';
import { getLocale } from '~/platform/locale.server';
import { clientKey } from '~/services/rate-limit.server';
import { overLimit, requestCode, verifyCode } from '~/services/recovery.server';
import { citizenCsrf, citizenCsrfMatches, recoveryTicket, rememberRecoveredCodes, startRecovery } from '~/sessions/citizen.server';
import type { PageScripts } from '~/root';

// A citizen page: HTML and CSS without the app's bundle (decision 015); it works without JavaScript.
export const handle: PageScripts = { hydrate: false };

export const meta: MetaFunction = (args) => publicPageMeta(args, { title: metaTranslator(args.matches)('recover.title') });

/** Step 2 posts here: the step is known before the body is read, so each step's address limit is counted first. */
const CODE_STEP = '/track/recover?step=code';

type Step = 'mobile' | 'otp';

/** Step 1 (the mobile and the question), or step 2 (the code) once this browser holds a ticket. */
export async function loader({ request }: LoaderFunctionArgs) {
  const wantsCode = new URL(request.url).searchParams.get('step') === 'code';
  if (wantsCode && (await recoveryTicket(request))) {
    const { token, setCookie } = await citizenCsrf(request);
    return json({ step: 'otp' as Step, challenge: null, csrf: token }, { headers: setCookie ? { 'Set-Cookie': setCookie } : undefined });
  }
  return json({ step: 'mobile' as Step, challenge: createChallenge(getConfig().sessionSecret), csrf: '' });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const client = clientKey(context);
  const step: Step = new URL(request.url).searchParams.get('step') === 'code' ? 'otp' : 'mobile';
  // Every answer of step 1 carries a fresh question; step 2 keeps its CSRF value.
  const answer = async (reply: FormReply, status: number, retryAfterSeconds?: number) =>
    json(
      { ...reply, step, challenge: step === 'mobile' ? createChallenge(getConfig().sessionSecret) : null, csrf: step === 'otp' ? (await citizenCsrf(request)).token : '', items: null },
      { status, headers: retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : undefined },
    );

  // Refused before a byte of the body is read: a flood costs no memory.
  const flood = overLimit(step === 'mobile' ? 'requests' : 'guesses', client);
  if (flood) return answer(refusal(flood.errors), flood.status, flood.retryAfterSeconds);
  const formData = await readFormData(request);

  if (step === 'mobile') {
    const submission = parseForm(formData, recoverRequestSchema);
    if (submission.status !== 'success') return answer(replyTo(submission, undefined, { keep: RECOVER_FIELDS }), 400);
    const values = sentValues(submission);
    const result = requestCode(submission.value.mobile, { challenge: values.challenge, challengeAnswer: values.challengeAnswer }, await getLocale(request));
    if (!result.ok) return answer(replyTo(submission, result.errors, { keep: RECOVER_FIELDS }), result.status, result.retryAfterSeconds);
    // The same redirect whether or not the mobile has items (and whether or not an SMS went).
    return redirect(CODE_STEP, { headers: { 'Set-Cookie': await startRecovery(request, result.ticket) } });
  }

  const submission = parseForm(formData, recoverVerifySchema);
  // Only this page's own form: another site cannot read the page, so it cannot send the value.
  if (!(await citizenCsrfMatches(request, sentValues(submission).csrf))) return answer(refusal({ form: 'errors.citizen_csrf' }), 403);
  if (submission.status !== 'success') return answer(replyTo(submission, undefined, { keep: [], hide: ['otp'] }), 400);
  const result = verifyCode(await recoveryTicket(request), submission.value.otp);
  if (!result.ok) return answer(replyTo(submission, result.errors, { keep: [], hide: ['otp'] }), result.status, result.retryAfterSeconds);
  const items = result.items.map((item) => ({ ...item, createdAt: item.createdAt.toISOString(), closedAt: item.closedAt?.toISOString() ?? null }));
  return json(
    { errors: null, values: {}, step: 'done' as const, challenge: null, csrf: '', items },
    { headers: { 'Set-Cookie': await rememberRecoveredCodes(request, result.items.map((item) => item.trackingCode)) } },
  );
}

export default function RecoverCodes() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const fa = i18n.language !== 'en';
  const digits = (n: number | string) => (fa ? toPersianDigits(n) : String(n));
  const step = actionData?.step ?? loaded.step;
  const { errors, values } = useFormReply(actionData?.step === 'done' ? undefined : actionData);

  if (actionData?.step === 'done') {
    const items = actionData.items ?? [];
    return (
      <div className="page narrow">
        <h1>{t('recover.doneTitle')}</h1>
        {items.length === 0 ? (
          <p className="lead" data-testid="recovered-none">{t('recover.none')}</p>
        ) : (
          <>
            <p className="lead">{t('recover.doneIntro')}</p>
            <ul className="card" data-testid="recovered-items">
              {items.map((item) => (
                <li key={item.trackingCode}>
                  <a href={`/track/${item.trackingCode}`}>
                    <bdi dir="ltr">{digits(groupTrackingCode(item.trackingCode))}</bdi>
                  </a>{' '}
                  — {t(`kind.${item.kind}`)}
                  {item.subject ? `: ${item.subject}` : ''} — {t(`status.${item.state}`)} ({formatDate(new Date(item.createdAt), fa ? 'fa' : 'en')})
                </li>
              ))}
            </ul>
          </>
        )}
        <p className="muted">{t('recover.keepCodes')}</p>
      </div>
    );
  }

  if (step === 'otp') {
    const csrf = actionData?.csrf || loaded.csrf;
    return (
      <div className="page narrow">
        <h1>{t('recover.title')}</h1>
        <p className="lead" data-testid="recover-sent">{t('recover.sent', { minutes: digits(OTP_TTL_MS / 60_000) })}</p>
        <ErrorSummary errors={errors} order={['otp']} />
        <Form method="post" action={CODE_STEP} noValidate className="card">
          <input type="hidden" name="csrf" value={csrf} />
          <Field name="otp" label={t('recover.otp')} hint={t('recover.otpHint', { n: digits(OTP_LENGTH), tries: digits(OTP_MAX_TRIES) })} required errors={errors}>
            <input type="text" inputMode="numeric" autoComplete="one-time-code" dir="ltr" className="ltr-in-rtl short" maxLength={20} {...fieldAria('otp', errors, true)} />
          </Field>
          <button type="submit">{t('recover.verify')}</button>
        </Form>
        <p>
          <a href="/track/recover">{t('recover.again')}</a>
        </p>
      </div>
    );
  }

  const challenge = actionData?.challenge ?? loaded.challenge;
  return (
    <div className="page narrow">
      <h1>{t('recover.title')}</h1>
      <p className="lead">{t('recover.intro')}</p>
      <ErrorSummary errors={errors} order={[...RECOVER_FIELDS, 'challengeAnswer']} />
      <Form method="post" action="/track/recover" noValidate className="card">
        <Field name="mobile" label={t('recover.mobile')} hint={t('recover.mobileHint')} required errors={errors}>
          <input type="tel" inputMode="tel" autoComplete="tel" dir="ltr" className="ltr-in-rtl" {...fieldAria('mobile', errors, true)} defaultValue={values.mobile} />
        </Field>
        {challenge ? <ChallengeField key={challenge.token} challenge={challenge} errors={errors} /> : null}
        <button type="submit">{t('recover.send')}</button>
      </Form>
      <p className="muted">{t('recover.anonymous')}</p>
    </div>
  );
}
