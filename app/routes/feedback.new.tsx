import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AboutFields, BodyField, ConsentField, ContactFields, KindField } from '~/components/feedback-fields';
import { ErrorSummary, Field, fieldAria, useCheckBeforeSending } from '~/components/form';
import { rememberCode } from '~/citizen-session.server';
import { ChallengeField } from '~/components/challenge-field';
import { getConfig } from '~/config.server';
import { isTooLarge } from '~/http.server';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '~/domain/attachments';
import { createChallenge } from '~/domain/challenge';
import { db } from '~/db.server';
import { FEEDBACK_FIELDS, feedbackSchema, SUBJECT_MAX } from '~/domain/feedback-schema';
import { formatNumber } from '~/domain/dates';
import { fieldErrors, formValues } from '~/domain/forms';
import { toAsciiDigits } from '~/domain/persian';
import { metaTranslator, publicPageMeta } from '~/i18n/meta';
import { getLocale } from '~/locale.server';
import { findCenter, listCenterOptions, listProvinces, listServices } from '~/models/catalog.server';
import { openItemsAtCenter } from '~/models/duplicates.server';
import { clientKey, limits } from '~/services/rate-limit.server';
import { acceptWebSubmission } from '~/services/submission.server';
import { ATTACHMENT_FIELD, readSubmission } from '~/services/uploads.server';
import { kickDelivery } from '~/services/worker.server';

export const meta: MetaFunction = (args) => publicPageMeta(args, { title: metaTranslator(args.matches)('feedback.title') });

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const centerParam = toAsciiDigits(url.searchParams.get('center') ?? '');
  const preselected = /^\d{1,10}$/.test(centerParam) ? findCenter(db(), Number(centerParam)) : undefined;
  return json({
    provinces: listProvinces(db()),
    centers: listCenterOptions(db()),
    services: listServices(db()),
    preselected: preselected ? { id: preselected.id, nameFa: preselected.nameFa, nameEn: preselected.nameEn, provinceId: preselected.provinceId } : null,
    // How many items about this centre are being handled: all a citizen learns of others' feedback (never their text).
    openAtCenter: preselected ? openItemsAtCenter(db(), preselected.id) : 0,
    challenge: createChallenge(getConfig().sessionSecret),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const client = clientKey(context);
  const limit = client ? limits.feedbackPosts.hit(client) : { ok: true, retryAfterSeconds: 0 };
  const refuse = (errors: Record<string, string>, status: number, typed: Record<string, string>, hadFiles: boolean, headers?: HeadersInit) =>
    json({ errors, values: typed, hadFiles, challenge: createChallenge(getConfig().sessionSecret), retryAfterMinutes: Math.ceil(limit.retryAfterSeconds / 60) }, { status, headers });
  // Refused before a byte of the body is read: a flood past the limit costs no memory (the browser keeps what was typed).
  if (!limit.ok) return refuse({ form: 'errors.rate_limited' }, 429, {}, false, { 'Retry-After': String(limit.retryAfterSeconds) });

  let submission;
  try {
    submission = await readSubmission(request);
  } catch (error) {
    if (isTooLarge(error)) return refuse({ form: 'errors.body_too_large' }, 413, {}, true);
    throw error;
  }
  const { formData, files } = submission;
  const values = formValues(formData);
  // What the citizen typed goes back with every refusal, with a fresh challenge; files must be chosen again.
  const keep = Object.fromEntries(FEEDBACK_FIELDS.map((name) => [name, values[name] ?? '']));
  const result = await acceptWebSubmission(values, files, await getLocale(request));
  if (!result.ok) return refuse(result.errors, 400, keep, files.length > 0);
  kickDelivery();
  return redirect(`/feedback/sent/${result.item.trackingCode}`, { headers: { 'Set-Cookie': await rememberCode(request, result.item.trackingCode) } });
}

export default function NewFeedback() {
  const { provinces, centers, services, preselected, openAtCenter, challenge: firstChallenge } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const fa = i18n.language !== 'en';
  // Where JavaScript runs, the server's own schema checks the form first, so a mistake costs no round trip.
  const { errors, onSubmit: checkBeforeSending } = useCheckBeforeSending(actionData?.errors, (typed) => {
    const parsed = feedbackSchema.safeParse(typed);
    return parsed.success ? null : fieldErrors(parsed.error);
  });
  const challenge = actionData?.challenge ?? firstChallenge;
  const values: Record<string, string> = actionData?.values ?? {};
  const selectedCenter = values.centerId ?? (preselected ? String(preselected.id) : '');

  return (
    <div className="page narrow">
      <h1>{preselected ? t('feedback.centerFor', { center: fa ? preselected.nameFa : preselected.nameEn }) : t('feedback.title')}</h1>
      <p className="lead">{t('feedback.intro')}</p>
      {openAtCenter > 0 ? (
        <p className="muted" data-testid="open-at-center">
          {t('duplicates.openAtCenter', { n: formatNumber(openAtCenter, fa ? 'fa' : 'en') })}
        </p>
      ) : null}
      <ErrorSummary errors={errors} order={[...FEEDBACK_FIELDS, 'attachments', 'challengeAnswer']} />
      <Form method="post" encType="multipart/form-data" noValidate onSubmit={checkBeforeSending}>
        <KindField value={values.kind} errors={errors} />

        <AboutFields
          provinces={provinces}
          centers={centers}
          services={services}
          selected={{ centerId: selectedCenter, provinceId: values.provinceId ?? preselected?.provinceId ?? '', serviceId: values.serviceId, area: values.area }}
          national
          errors={errors}
        />

        <Field name="subject" label={t('feedback.subject')} hint={t('feedback.subjectHint')} errors={errors}>
          <input type="text" {...fieldAria('subject', errors, true)} defaultValue={values.subject} maxLength={SUBJECT_MAX * 2} />
        </Field>
        <BodyField label={t('feedback.body')} hint={t('feedback.bodyHint')} value={values.body} errors={errors} />

        <Field
          name="attachments"
          label={`${t('feedback.attachments')} (${t('feedback.optional')})`}
          hint={t('feedback.attachmentsHint', { count: MAX_ATTACHMENTS, size: MAX_ATTACHMENT_BYTES / 1024 / 1024 })}
          errors={errors}
        >
          {actionData?.hadFiles ? <span className="hint">{t('feedback.attachAgain')}</span> : null}
          <input type="file" {...fieldAria(ATTACHMENT_FIELD, errors, true)} multiple accept="image/jpeg,image/png,application/pdf" />
        </Field>

        <ContactFields who="citizen" values={values} errors={errors} />

        <ConsentField checked={values.consent === 'on'} errors={errors}>
          {t('feedback.consent')} <a href="/privacy" target="_blank" rel="noopener">{t('feedback.privacyLink')}</a>
        </ConsentField>

        <ChallengeField challenge={challenge} errors={errors} />

        <div className="honeypot" aria-hidden="true">
          <label htmlFor="website">{t('feedback.honeypot')}</label>
          <input type="text" id="website" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>

        <button type="submit" disabled={navigation.state === 'submitting'}>
          {t('feedback.submit')}
        </button>
      </Form>
    </div>
  );
}
