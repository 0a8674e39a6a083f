import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { readFormData } from '~/platform/http.server';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { rememberCode } from '~/sessions/citizen.server';
import { TrackForm, TRACK_FIELDS } from '~/components/track-form';
import { parseForm, replyTo, sentValues, type FormReply } from '~/domain/forms';
import { trackSchema } from '~/domain/track-schema';
import { metaTranslator, publicPageMeta } from '~/i18n/meta';
import { lookUp, questionFor } from '~/services/lookup.server';
import { clientKey } from '~/services/rate-limit.server';
import type { PageScripts } from '~/root';

// A citizen page: HTML and CSS without the app's bundle (decision 015).
export const handle: PageScripts = { hydrate: false };

export const meta: MetaFunction = (args) => publicPageMeta(args, { title: metaTranslator(args.matches)('track.title') });

/** The empty form; with the question already when this address has had many failed look-ups. */
export function loader({ context }: LoaderFunctionArgs) {
  return json({ challenge: questionFor(clientKey(context), null) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseForm(await readFormData(request), trackSchema);
  const values = sentValues(submission);
  const client = clientKey(context);
  // Every refusal keeps what was typed and brings a fresh question when the next try will need one.
  const refuse = (reply: FormReply, status: number, headers?: HeadersInit) =>
    json({ ...reply, challenge: questionFor(client, submission.status === 'success' ? submission.value.code : null) }, { status, headers });
  if (submission.status !== 'success') return refuse(replyTo(submission, undefined, { keep: TRACK_FIELDS }), 400);
  const { code, mobile } = submission.value;
  const result = lookUp(client, code, mobile, { challenge: values.challenge, challengeAnswer: values.challengeAnswer });
  if (!result.ok) return refuse(replyTo(submission, result.errors, { keep: TRACK_FIELDS }), result.status, result.retryAfterSeconds ? { 'Retry-After': String(result.retryAfterSeconds) } : undefined);
  return redirect(`/track/${result.item.trackingCode}`, { headers: { 'Set-Cookie': await rememberCode(request, result.item.trackingCode) } });
}

export default function TrackLookup() {
  const { challenge } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <h1>{t('track.title')}</h1>
      <p className="lead">{t('track.intro')}</p>
      <TrackForm reply={actionData} challenge={actionData ? actionData.challenge : challenge} />
      <p>
        <a href="/track/recover">{t('recover.link')}</a>
      </p>
    </div>
  );
}
