import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AreaField } from '~/components/area-field';
import { ErrorSummary, Field, fieldAria } from '~/components/form';
import { useHydrated } from '~/components/use-hydrated';
import { rememberCode } from '~/citizen-session.server';
import { CenterPicker } from '~/components/center-picker';
import { ChallengeField } from '~/components/challenge-field';
import { getConfig } from '~/config.server';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '~/domain/attachments';
import { createChallenge } from '~/domain/challenge';
import { db } from '~/db.server';
import { BODY_MAX, FEEDBACK_FIELDS, feedbackSchema, NATIONAL, SUBJECT_MAX } from '~/domain/feedback-schema';
import { formatNumber } from '~/domain/dates';
import { fieldErrors, formValues } from '~/domain/forms';
import { toAsciiDigits } from '~/domain/persian';
import { ITEM_KINDS } from '~/domain/workflow';
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
  const { formData, files } = await readSubmission(request);
  const values = formValues(formData);
  // What the citizen typed goes back with every refusal, with a fresh challenge; files must be chosen again.
  const keep = Object.fromEntries(FEEDBACK_FIELDS.map((name) => [name, values[name] ?? '']));
  const refuse = (errors: Record<string, string>, status: number, headers?: HeadersInit) =>
    json({ errors, values: keep, hadFiles: files.length > 0, challenge: createChallenge(getConfig().sessionSecret), retryAfterMinutes: Math.ceil(limit.retryAfterSeconds / 60) }, { status, headers });

  if (!limit.ok) return refuse({ form: 'errors.rate_limited' }, 429, { 'Retry-After': String(limit.retryAfterSeconds) });
  const result = await acceptWebSubmission(values, files, await getLocale(request));
  if (!result.ok) return refuse(result.errors, 400);
  kickDelivery();
  return redirect(`/feedback/sent/${result.item.trackingCode}`, { headers: { 'Set-Cookie': await rememberCode(request, result.item.trackingCode) } });
}

export default function NewFeedback() {
  const { provinces, centers, services, preselected, openAtCenter, challenge: firstChallenge } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const { t, i18n } = useTranslation();
  const fa = i18n.language !== 'en';
  // Where JavaScript runs, the server's own schema checks the form first, so a mistake costs no round trip.
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const errors: Record<string, string> | undefined = clientErrors ?? actionData?.errors;
  const checkBeforeSending = (event: React.FormEvent<HTMLFormElement>) => {
    const parsed = feedbackSchema.safeParse(formValues(new FormData(event.currentTarget)));
    if (parsed.success) return setClientErrors(null);
    event.preventDefault();
    setClientErrors(fieldErrors(parsed.error));
  };
  const challenge = actionData?.challenge ?? firstChallenge;
  const values: Record<string, string> = actionData?.values ?? {};
  const [bodyLength, setBodyLength] = useState((values.body ?? '').length);
  const selectedCenter = values.centerId ?? (preselected ? String(preselected.id) : '');
  const anonymousChecked = values.anonymous === 'on';
  const provinceName = (id: string) => {
    const province = provinces.find((p) => p.id === id);
    return province ? (fa ? province.nameFa : province.nameEn) : id;
  };

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
        <fieldset aria-describedby={errors?.kind ? 'kind-error' : undefined}>
          <legend className="required">{t('feedback.kind')}</legend>
          {errors?.kind ? (
            <span className="field-error" id="kind-error">
              {t(errors.kind)}
            </span>
          ) : null}
          <div className="choices" id="kind" tabIndex={-1}>
            {ITEM_KINDS.map((kind) => (
              <label className="choice" key={kind}>
                <input type="radio" name="kind" value={kind} defaultChecked={values.kind === kind} />
                <span>{t(`kind.${kind}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('feedback.about')}</legend>
          <CenterPicker provinces={provinces} centers={centers} selected={selectedCenter} errors={errors} />
          <Field name="provinceId" label={t('feedback.province')} errors={errors}>
            <select {...fieldAria('provinceId', errors, false)} defaultValue={values.provinceId ?? preselected?.provinceId ?? ''}>
              <option value="">{t('feedback.provinceNone')}</option>
              <option value={NATIONAL}>{t('feedback.provinceNational')}</option>
              {provinces.map((province) => (
                <option key={province.id} value={province.id}>
                  {provinceName(province.id)}
                </option>
              ))}
            </select>
          </Field>
          <Field name="serviceId" label={t('feedback.service')} errors={errors}>
            <select {...fieldAria('serviceId', errors, false)} defaultValue={values.serviceId ?? ''}>
              <option value="">{t('feedback.serviceNone')}</option>
              {services.map((service) => (
                <option key={service.id} value={service.id}>
                  {fa ? service.nameFa : service.nameEn}
                </option>
              ))}
            </select>
          </Field>
          <AreaField value={values.area} errors={errors} />
        </fieldset>

        <Field name="subject" label={t('feedback.subject')} hint={t('feedback.subjectHint')} errors={errors}>
          <input type="text" {...fieldAria('subject', errors, true)} defaultValue={values.subject} maxLength={SUBJECT_MAX * 2} />
        </Field>
        <Field name="body" label={t('feedback.body')} hint={t('feedback.bodyHint')} required errors={errors}>
          <textarea
            {...fieldAria('body', errors, true)}
            defaultValue={values.body}
            rows={8}
            onChange={(event) => setBodyLength(event.currentTarget.value.length)}
          />
          {hydrated ? (
            <span className="hint" aria-live="polite">
              {t('feedback.counter', { count: bodyLength, max: BODY_MAX })}
            </span>
          ) : null}
        </Field>

        <Field
          name="attachments"
          label={`${t('feedback.attachments')} (${t('feedback.optional')})`}
          hint={t('feedback.attachmentsHint', { count: MAX_ATTACHMENTS, size: MAX_ATTACHMENT_BYTES / 1024 / 1024 })}
          errors={errors}
        >
          {actionData?.hadFiles ? <span className="hint">{t('feedback.attachAgain')}</span> : null}
          <input type="file" {...fieldAria(ATTACHMENT_FIELD, errors, true)} multiple accept="image/jpeg,image/png,application/pdf" />
        </Field>

        <fieldset>
          <legend>{t('feedback.contact')}</legend>
          <p className="hint">{t('feedback.contactIntro')}</p>
          <Field name="mobile" label={t('feedback.mobile')} hint={t('feedback.mobileHint')} errors={errors}>
            <input type="tel" inputMode="tel" autoComplete="tel" dir="ltr" className="ltr-in-rtl" {...fieldAria('mobile', errors, true)} defaultValue={values.mobile} />
          </Field>
          <Field name="name" label={`${t('feedback.name')} (${t('feedback.optional')})`} errors={errors}>
            <input type="text" autoComplete="name" {...fieldAria('name', errors, false)} defaultValue={values.name} />
          </Field>
          <Field name="email" label={`${t('feedback.email')} (${t('feedback.optional')})`} errors={errors}>
            <input type="email" autoComplete="email" dir="ltr" className="ltr-in-rtl" {...fieldAria('email', errors, false)} defaultValue={values.email} />
          </Field>
          <Field name="nationalCode" label={`${t('feedback.nationalCode')} (${t('feedback.optional')})`} hint={t('feedback.nationalCodeHint')} errors={errors}>
            <input type="text" inputMode="numeric" dir="ltr" className="ltr-in-rtl" {...fieldAria('nationalCode', errors, true)} defaultValue={values.nationalCode} />
          </Field>
          <div className="field">
            <label className="choice">
              <input type="checkbox" name="anonymous" id="anonymous" defaultChecked={anonymousChecked} aria-describedby="anonymous-hint" />
              <span>{t('feedback.anonymous')}</span>
            </label>
            <span className="hint" id="anonymous-hint">
              {t('feedback.anonymousHint')}
            </span>
          </div>
        </fieldset>

        <div className="field">
          {errors?.consent ? (
            <span className="field-error" id="consent-error">
              {t(errors.consent)}
            </span>
          ) : null}
          <label className="choice">
            <input type="checkbox" name="consent" id="consent" defaultChecked={values.consent === 'on'} aria-invalid={errors?.consent ? true : undefined} aria-describedby={errors?.consent ? 'consent-error' : undefined} />
            <span>
              {t('feedback.consent')} <a href="/privacy" target="_blank" rel="noopener">{t('feedback.privacyLink')}</a>
            </span>
          </label>
        </div>

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
