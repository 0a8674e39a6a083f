import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UrgentField } from '~/components/urgent-field';
import { AboutFields, BodyField, ConsentField, ContactFields, KindField } from '~/components/feedback-fields';
import { CarersFields } from '~/components/carers-fields';
import { ErrorSummary, Field, fieldAria, useFormReply } from '~/components/form';
import { rememberCode } from '~/sessions/citizen.server';
import { ChallengeField } from '~/components/challenge-field';
import { CenterFinder, FIND_CENTERS_INTENT } from '~/components/center-finder';
import { centerChoices } from '~/models/center-choices.server';
import { getConfig } from '~/platform/config.server';
import { isTooLarge } from '~/platform/http.server';
import { ATTACHMENT_FIELD, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '~/domain/attachments';
import { createChallenge, reopenChallenge } from '~/domain/challenge';
import { db } from '~/platform/db.server';
import { FEEDBACK_FIELDS, feedbackSchema, SUBJECT_MAX } from '~/domain/feedback-schema';
import { formatNumber } from '~/domain/dates';
import { parseForm, refusal, replyTo, sentValues, type FieldErrors, type FormReply } from '~/domain/forms';
import { toAsciiDigits } from '~/domain/persian';
import { sortByName } from '~/domain/names';
import { metaTranslator, publicPageMeta } from '~/i18n/meta';
import { getLocale } from '~/platform/locale.server';
import { findCenter, findServiceBySlug, listProvinces, listServices } from '~/models/catalog.server';
import { openItemsAtCenter } from '~/models/duplicates.server';
import { clientKey, limits } from '~/services/rate-limit.server';
import { asFault, retryAfterHeaders } from '~/services/faults.server';
import { acceptWebSubmission, type SubmissionResult } from '~/services/submission.server';
import { readSubmission } from '~/services/uploads.server';
import type { PageScripts } from '~/root';

// A citizen page: HTML and CSS without the app's bundle (decision 015), and the few helps of public/citizen.js.
export const handle: PageScripts = { hydrate: false, enhance: true };

export const meta: MetaFunction = (args) => publicPageMeta(args, { title: metaTranslator(args.matches)('feedback.title') });

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const centerParam = toAsciiDigits(url.searchParams.get('center') ?? '');
  const preselected = /^\d{1,10}$/.test(centerParam) ? findCenter(db(), Number(centerParam)) : undefined;
  // From a service's page (`?service=<slug>`): that service is chosen already. An unknown slug is simply ignored.
  const serviceParam = (url.searchParams.get('service') ?? '').toLowerCase();
  const service = /^[a-z0-9-]{1,60}$/.test(serviceParam) ? findServiceBySlug(db(), serviceParam) : undefined;
  const locale = await getLocale(request);
  return json({
    provinces: sortByName(listProvinces(db()), locale),
    // The centres of one province or of a search, never the whole catalogue (issue 21): `?province=` and `?q=` come
    // are links (the finder itself posts the form, `intent=find-centers`, below); a centre given by `?center=` lists its province's.
    finder: centerChoices(db(), { province: url.searchParams.get('province') ?? preselected?.provinceId, q: url.searchParams.get('q'), selected: preselected?.id }, locale),
    services: listServices(db()),
    preselectedService: service ? String(service.id) : '',
    preselected: preselected ? { id: preselected.id, nameFa: preselected.nameFa, nameEn: preselected.nameEn, provinceId: preselected.provinceId } : null,
    // How many items about this centre are being handled: all a citizen learns of others' feedback (never their text).
    openAtCenter: preselected ? openItemsAtCenter(db(), preselected.id) : 0,
    challenge: createChallenge(getConfig().sessionSecret),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const client = clientKey(context);
  const limit = client ? limits.feedbackPosts.hit(client) : { ok: true, retryAfterSeconds: 0 };
  const refuse = (reply: FormReply & { finder?: ReturnType<typeof centerChoices> }, status: number, hadFiles: boolean, headers?: HeadersInit) =>
    json({ ...reply, hadFiles, challenge: createChallenge(getConfig().sessionSecret), retryAfterMinutes: Math.ceil(limit.retryAfterSeconds / 60) }, { status, headers });
  // Refused before a byte of the body is read: a flood past the limit costs no memory (the browser keeps what was typed).
  if (!limit.ok) return refuse(refusal({ form: 'errors.rate_limited' }), 429, false, { 'Retry-After': String(limit.retryAfterSeconds) });

  let submission;
  try {
    submission = await readSubmission(request);
  } catch (error) {
    if (isTooLarge(error)) return refuse(refusal({ form: 'errors.body_too_large' }), 413, true);
    throw error;
  }
  const { formData, files } = submission;
  // "If you don't know the centre, choose only the province": the finder's province is that choice when the item's
  // own province box was left empty (last check before stopping: the form refused it as "no place chosen").
  const finderProvince = String(formData.get('province') ?? '');
  if (!formData.get('centerId') && !formData.get('provinceId') && finderProvince) formData.set('provinceId', finderProvince);
  const form = parseForm(formData, feedbackSchema);
  const values = sentValues(form);
  if (formData.get('intent') === FIND_CENTERS_INTENT) {
    // The finder's button without JavaScript: the same form back with everything typed (files must be chosen again)
    // and the centres asked for. Nothing is filed or checked, and the question is not spent: the same one, answer kept.
    const finder = centerChoices(db(), { province: String(formData.get('province') ?? ''), q: String(formData.get('q') ?? ''), selected: typedCenterOf(values) }, await getLocale(request));
    const kept = replyTo(form, undefined, { keep: [...FEEDBACK_FIELDS, 'challengeAnswer'] });
    const challenge = reopenChallenge(values.challenge, getConfig().sessionSecret) ?? createChallenge(getConfig().sessionSecret);
    return json({ ...kept, errors: {}, finder, hadFiles: files.length > 0, challenge, challengeAnswer: challenge.token === values.challenge ? (values.challengeAnswer ?? '') : '', retryAfterMinutes: 0 });
  }
  // The centre chosen stays among the choices of the page that answers a refusal.
  const typedCenter = typedCenterOf(values);
  const again = async () => centerChoices(db(), { selected: typedCenter, province: typedCenter ? findCenter(db(), typedCenter)?.provinceId : null }, await getLocale(request));
  // What the citizen typed goes back with every refusal (the reply), with a fresh challenge; files must be chosen again.
  let result: SubmissionResult;
  try {
    result = await acceptWebSubmission(values, files, await getLocale(request));
  } catch (error) {
    // Database locked or disk full: nothing was stored (one transaction, files removed); the form comes back as typed.
    if (!asFault(error)) throw error;
    return refuse({ ...replyTo(form, { form: 'errors.service_busy' }, { keep: FEEDBACK_FIELDS }), finder: await again() }, 503, files.length > 0, retryAfterHeaders());
  }
  if (!result.ok) {
    // A right answer refused for other fields keeps its question and its answer (nothing was spent): the citizen
    // fixes the fields without doing another sum. A wrong, expired or used answer gets a new question.
    const same = result.errors.challengeAnswer ? null : reopenChallenge(values.challenge, getConfig().sessionSecret);
    const reply = { ...replyTo(form, result.errors, { keep: FEEDBACK_FIELDS }), finder: await again() };
    if (!same) return refuse(reply, 400, files.length > 0);
    return json({ ...reply, hadFiles: files.length > 0, challenge: same, challengeAnswer: values.challengeAnswer ?? '', retryAfterMinutes: 0 }, { status: 400 });
  }
  return redirect(`/feedback/sent/${result.item.trackingCode}`, { headers: { 'Set-Cookie': await rememberCode(request, result.item.trackingCode) } });
}

function typedCenterOf(values: Record<string, string>): number | null {
  const typed = toAsciiDigits(values.centerId ?? '');
  return /^\d{1,10}$/.test(typed) ? Number(typed) : null;
}

export default function NewFeedback() {
  const { provinces, finder: firstFinder, services, preselected, preselectedService, openAtCenter, challenge: firstChallenge } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const fa = i18n.language !== 'en';
  const challenge = actionData?.challenge ?? firstChallenge;
  // The server checks the form (zod, app/domain/feedback-schema.ts); no schema goes to the browser (issue 21), and
  // the page's script checks nothing first, so every mistake shows at once (the sum too: outside review, round 8).
  const { errors, values } = useFormReply(actionData);
  const finder = ('finder' in (actionData ?? {}) ? (actionData as { finder?: typeof firstFinder }).finder : undefined) ?? firstFinder;
  const files = useFilesAfterRefusal(actionData);
  const number = (n: number) => formatNumber(n, fa ? 'fa' : 'en');
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
      <Form
        method="post"
        encType="multipart/form-data"
        noValidate
        data-feedback-form=""
      >
        <KindField value={values.kind} errors={errors} />
        <UrgentField checked={values.priority === 'urgent'} errors={errors} />

        <AboutFields
          provinces={provinces}
          centers={[]}
          centerField={<CenterFinder provinces={provinces} choices={finder} selected={selectedCenter} errors={errors} />}
          services={services}
          selected={{ centerId: selectedCenter, provinceId: values.provinceId ?? preselected?.provinceId ?? '', serviceId: values.serviceId ?? preselectedService, area: values.area }}
          national
          errors={errors}
        />

        <Field name="subject" label={t('feedback.subject')} hint={t('feedback.subjectHint', { max: number(SUBJECT_MAX) })} errors={errors}>
          {/* The schema's own limit: normalizing only ever shortens what was typed, so the browser never lets through more. */}
          <input type="text" {...fieldAria('subject', errors, true)} defaultValue={values.subject} maxLength={SUBJECT_MAX} />
        </Field>
        <BodyField label={t('feedback.body')} hint={t('feedback.bodyHint')} value={values.body} errors={errors} />

        <Field
          name="attachments"
          label={`${t('feedback.attachments')} (${t('feedback.optional')})`}
          hint={t('feedback.attachmentsHint', { n: number(MAX_ATTACHMENTS), size: number(MAX_ATTACHMENT_BYTES / 1024 / 1024) })}
          errors={errors}
        >
          {files.notice ? (
            <span className="hint" data-testid="attachments-notice" data-kept={t('feedback.attachKept')}>
              {t(files.notice)}
            </span>
          ) : null}
          <input type="file" ref={files.input} {...fieldAria(ATTACHMENT_FIELD, errors, true)} multiple accept="image/jpeg,image/png,application/pdf" />
        </Field>

        <ContactFields who="citizen" values={values} errors={errors} />
        <CarersFields who="citizen" values={values} errors={errors} />

        <ConsentField checked={values.consent === 'on'} errors={errors}>
          {t('feedback.consent')} <a href="/privacy" target="_blank" rel="noopener">{t('feedback.privacyLink')}</a>
        </ConsentField>

        <ChallengeField challenge={challenge} errors={errors} answer={actionData && 'challengeAnswer' in actionData ? actionData.challengeAnswer : undefined} />

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

/**
 * What became of the files chosen before the server refused the form, told truthfully. Without JavaScript the page
 * is new and the file input empty: choose them again. With JavaScript the input keeps its files and sends them
 * again — unless the server refused the files themselves, which are then cleared so the same ones are not resent.
 */
function useFilesAfterRefusal(actionData: { hadFiles?: boolean; errors?: FieldErrors } | undefined) {
  const input = useRef<HTMLInputElement>(null);
  const [kept, setKept] = useState(false);
  useEffect(() => {
    const element = input.current;
    if (!actionData?.hadFiles || !element) return setKept(false);
    // The answer's own errors: conform's state catches up only after this render.
    if (actionData.errors?.attachments) element.value = '';
    setKept(element.files !== null && element.files.length > 0);
  }, [actionData]);
  const notice = actionData?.hadFiles ? (kept ? 'feedback.attachKept' : 'feedback.attachAgain') : null;
  return { input, notice };
}
