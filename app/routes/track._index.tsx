import { json, redirect, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node';
import { readFormData } from '~/http.server';
import { useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { rememberCode } from '~/citizen-session.server';
import { TrackForm, TRACK_FIELDS } from '~/components/track-form';
import { db } from '~/db.server';
import { fieldErrors, formValues } from '~/domain/forms';
import { trackSchema } from '~/domain/track-schema';
import { metaTranslator, publicPageMeta } from '~/i18n/meta';
import { findForCitizen } from '~/models/items.server';
import { clientKey, limits } from '~/services/rate-limit.server';

export const meta: MetaFunction = (args) => publicPageMeta(args, { title: metaTranslator(args.matches)('track.title') });

export async function action({ request, context }: ActionFunctionArgs) {
  // Guessing codes is what the failure limit stops; a citizen who mistypes twice is never near it. An address past it
  // is refused before its body is read (the browser keeps what was typed).
  const client = clientKey(context);
  const before = client ? limits.trackingFailures.peek(client) : null;
  if (before && !before.ok) {
    return json({ errors: { form: 'track.rateLimited' } as Record<string, string>, values: {} as Record<string, string> }, { status: 429, headers: { 'Retry-After': String(before.retryAfterSeconds) } });
  }
  const values = formValues(await readFormData(request));
  const keep = Object.fromEntries(TRACK_FIELDS.map((name) => [name, values[name] ?? '']));
  const parsed = trackSchema.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), values: keep }, { status: 400 });
  const { item, refused } = findForCitizen(db(), parsed.data.code, parsed.data.mobile);
  if (!item) {
    if (client) limits.trackingFailures.hit(client);
    const message = refused === 'contact_erased' ? 'track.contactErased' : 'track.notFound';
    return json({ errors: { form: message } as Record<string, string>, values: keep }, { status: 404 });
  }
  return redirect(`/track/${item.trackingCode}`, { headers: { 'Set-Cookie': await rememberCode(request, item.trackingCode) } });
}

export default function TrackLookup() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <h1>{t('track.title')}</h1>
      <p className="lead">{t('track.intro')}</p>
      <TrackForm errors={actionData?.errors} values={actionData?.values} />
    </div>
  );
}
