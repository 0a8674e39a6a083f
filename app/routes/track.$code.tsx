import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { citizenCsrf, citizenCsrfMatches, forgetCode, unlockedCodes } from '~/sessions/citizen.server';
import { CitizenActionForms, CitizenText, ItemFacts, PublicTimeline, SentMessages, type CitizenFormKeys } from '~/components/citizen-record';
import { ErrorSummary, FormNotices, useFormReply } from '~/components/form';
import { TrackForm } from '~/components/track-form';
import { TrackingCode } from '~/components/tracking-code';
import { db } from '~/platform/db.server';
import { citizenActionErrors, citizenActionSchema } from '~/domain/citizen-action-schema';
import { formatNumber } from '~/domain/dates';
import { parseForm, refusal, sentValues, submissionErrors } from '~/domain/forms';
import { normalizeDigits } from '~/domain/persian';
import { readFormData } from '~/platform/http.server';
import { pageTitle } from '~/i18n/meta';
import { findByTrackingCode } from '~/models/items.server';
import { citizenView } from '~/models/tracking.server';
import { questionFor } from '~/services/lookup.server';
import { clientKey } from '~/services/rate-limit.server';
import { refusalMessage, transition } from '~/services/workflow.server';
import type { PageScripts } from '~/root';

// A citizen page: HTML and CSS without the app's bundle (decision 015).
export const handle: PageScripts = { hydrate: false };

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'track.title'), { name: 'robots', content: 'noindex' }];

/** The item, only for a browser that proved code + mobile (or code alone for an anonymous item). */
async function unlockedItem(request: Request, params: { code?: string }) {
  const code = normalizeDigits(params.code ?? '');
  const unlocked = (await unlockedCodes(request)).includes(code);
  return { code, item: unlocked ? findByTrackingCode(db(), code) : undefined };
}

/** The citizen's own wording of the forms on their tracking page. */
const TRACK_FORM_KEYS: CitizenFormKeys = {
  replyTitle: 'track.replyTitle',
  replyLabel: 'track.replyLabel',
  confirmTitle: 'track.confirmTitle',
  ratingLabel: 'track.ratingLabel',
  commentLabel: 'track.commentLabel',
  appealTitle: 'track.appealTitle',
  appealLabel: 'track.appealLabel',
  reopenTitle: 'fairClock.reopenTitle',
  reopenLabel: 'fairClock.reopenLabel',
  submit: { citizen_reply: 'track.submit_citizen_reply', confirm: 'track.submit_confirm', appeal: 'track.submit_appeal', citizen_reopen: 'fairClock.submitReopen' },
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { code, item } = await unlockedItem(request, params);
  // Without the check in this browser, the page shows only the look-up form, pre-filled with the code (and the
  // question, when a look-up of it from here would need one).
  if (!item) return json({ item: null, code, challenge: questionFor(clientKey(context), /^\d{12}$/.test(code) ? code : null) });
  const csrf = await citizenCsrf(request);
  // "Filed on behalf of …" (issue 22): only here, to the holder of the code, never on a public page or Open311.
  const onBehalf = item.onBehalfName ? { name: item.onBehalfName, relation: item.onBehalfRelation ?? '' } : null;
  return json({ item: { ...citizenView(db(), item), onBehalf }, code, csrf: csrf.token }, csrf.setCookie ? { headers: { 'Set-Cookie': csrf.setCookie } } : undefined);
}

/** What was typed, as a refusal gives it back: never the anti-CSRF value. */
const typedValues = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).filter(([name]) => name !== 'csrf'));
/** A refusal of a citizen's form: the form's intent beside conform's reply. */
const refused = (intent: string, errors: Record<string, string>, values: Record<string, string>, status: number) =>
  json({ intent, ...refusal(errors, typedValues(values)) }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const { item, code } = await unlockedItem(request, params);
  const parsed = parseForm(await readFormData(request), citizenActionSchema);
  const values = sentValues(parsed);
  // "Forget this item on this device" (a shared phone): nothing open here any more, so the page asks for code + mobile.
  if (values.intent === 'forget') {
    if (!item) return redirect(`/track/${encodeURIComponent(code)}?forgotten=1`);
    // Only the page's own button: another site must not be able to close the citizen's page either.
    if (!(await citizenCsrfMatches(request, values.csrf))) return refused('forget', { form: 'errors.citizen_csrf' }, {}, 403);
    return redirect(`/track/${item.trackingCode}?forgotten=1`, { headers: { 'Set-Cookie': await forgetCode(request, item.trackingCode) } });
  }
  // This browser no longer holds the code (the session cookie expired or was cleared): the page becomes the look-up
  // form, and shows the text that could not be sent so it is not lost.
  if (!item) return refused(values.intent ?? '', { form: 'track.sessionEnded' }, values, 403);
  // A form from another site (or from before the session): refused before anything changes, the text kept.
  if (!(await citizenCsrfMatches(request, values.csrf))) {
    return refused(values.intent ?? '', { form: 'errors.citizen_csrf' }, values, 403);
  }
  if (parsed.status !== 'success') return refused(values.intent ?? '', citizenActionErrors(submissionErrors(parsed)), values, 400);
  const result = transition(db(), item.id, parsed.value.intent, { role: 'citizen' }, {
    publicMessage: parsed.value.message || null,
    rating: parsed.value.intent === 'confirm' ? parsed.value.rating : null,
    expectedVersion: parsed.value.version,
  });
  if (!result.ok) {
    const { message } = refusalMessage(parsed.value.intent, { role: 'citizen' }, result.reason);
    return refused(parsed.value.intent, { form: message }, values, 409);
  }
  return redirect(`/track/${item.trackingCode}?done=${parsed.value.intent}`);
}

export default function TrackItem() {
  const data = useLoaderData<typeof loader>();
  const { item, code } = data;
  const challenge = 'challenge' in data ? data.challenge : null;
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const answer = useFormReply(actionData);
  const formError = answer.errors?.form;
  if (!item) {
    return (
      <div className="page narrow">
        <h1>{t('track.title')}</h1>
        <p className="lead">{t('track.intro')}</p>
        {formError ? <FormNotices error={t(formError)} /> : null}
        {!actionData && searchParams.get('forgotten') ? <FormNotices saved={t('track.forgotten')} /> : null}
        {answer.values.message ? (
          <div className="field">
            <label htmlFor="unsent-message">{t('track.unsentText')}</label>
            <textarea id="unsent-message" dir="auto" readOnly rows={4} defaultValue={answer.values.message} />
          </div>
        ) : null}
        <TrackForm code={code} challenge={challenge} />
      </div>
    );
  }
  const done = searchParams.get('done');
  const formFor = (intent: string) => (actionData?.intent === intent ? answer : undefined);
  return (
    <div className="page narrow">
      <h1>
        {t('track.title')} <TrackingCode code={item.trackingCode} locale={locale} large={false} />
      </h1>
      <FormNotices saved={done && !actionData ? t([`track.done.${done}`, `fairClock.done.${done}`], { defaultValue: t('staff.saved') }) : null} error={formError ? t(formError) : null} />
      <FieldErrorSummary answer={actionData ? { intent: actionData.intent, errors: answer.errors ?? {} } : undefined} />
      <div className="card">
        <ItemFacts item={item} ratingLabel={t('track.yourRating')}>
          {item.redirectedTo ? (
            <>
              <dt>{t('redirect.sentTo')}</dt>
              <dd data-testid="redirected-to">
                <strong>{locale === 'fa' ? item.redirectedTo.nameFa : item.redirectedTo.nameEn}</strong>
                {item.redirectedTo.phone ? (
                  <>
                    {' · '}
                    <a href={`tel:${item.redirectedTo.phone.replace(/[^\d+]/g, '')}`} dir="ltr">
                      {item.redirectedTo.phone}
                    </a>
                  </>
                ) : null}
                {item.redirectedTo.website ? (
                  <>
                    {' · '}
                    <a href={item.redirectedTo.website} rel="noopener noreferrer" dir="ltr">
                      {item.redirectedTo.website.replace(/^https?:\/\//, '')}
                    </a>
                  </>
                ) : null}
              </dd>
            </>
          ) : null}
        </ItemFacts>
        {item.onBehalf ? (
          <p data-testid="filed-on-behalf" dir="auto">
            {t('carers.filedOnBehalf', { name: item.onBehalf.name, relation: item.onBehalf.relation })}
          </p>
        ) : null}
        <h2>{t('track.yourText')}</h2>
        <CitizenText subject={item.subject} body={item.body} />
        {item.attachments.length > 0 ? (
          <ul className="attachments">
            {item.attachments.map((a) => (
              <li key={a.id}>
                <a href={`/track/${item.trackingCode}/attachments/${a.id}`} download>
                  {a.originalName}
                </a>{' '}
                <span className="muted small">({formatNumber(Math.ceil(a.size / 1024), locale)} KB)</span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>

      {/* What was said (the province's answer, a question) comes before what the citizen can do about it. */}
      <PublicTimeline events={item.timeline} />
      <CitizenActionForms item={item} keys={TRACK_FORM_KEYS} hidden={{ csrf: data.csrf }} formFor={formFor} />
      <SentMessages title={t('track.messages')} messages={item.messages} anonymous={item.anonymous} />
      <Form method="post" className="card" data-testid="forget-form">
        <input type="hidden" name="csrf" value={data.csrf} />
        <input type="hidden" name="intent" value="forget" />
        <p className="muted small" id="forget-hint">
          {t('track.forgetHint')}
        </p>
        <button type="submit" className="secondary" aria-describedby="forget-hint">
          {t('track.forget')}
        </button>
      </Form>
      <p>
        <a href="/track">{t('track.another')}</a>
      </p>
    </div>
  );
}

/**
 * A refused form's field errors at the top, each linked to its field. The forms stand screens below the top, and
 * without JavaScript the answer reloads the page at the top: without this the refusal showed nowhere in sight.
 */
function FieldErrorSummary({ answer }: { answer?: { intent: string; errors: Record<string, string> } }) {
  if (!answer) return null;
  // The fields' ids on this page (app/components/citizen-record.tsx): the message box carries its form's intent.
  const ids: Record<string, string> = { rating: 'rating', message: `${answer.intent}-message` };
  const errors = Object.fromEntries(Object.entries(answer.errors).flatMap(([name, key]) => (ids[name] ? [[ids[name], key]] : [])));
  return Object.keys(errors).length > 0 ? <ErrorSummary errors={errors} order={['rating', `${answer.intent}-message`]} /> : null;
}
