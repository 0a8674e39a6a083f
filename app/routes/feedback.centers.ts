import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { toAsciiDigits } from '~/domain/persian';
import { centerChoices } from '~/models/center-choices.server';
import { db } from '~/platform/db.server';
import { getLocale } from '~/platform/locale.server';

/**
 * The submission form's centre choices as JSON, for its small script (public/citizen.js): the same as
 * `/feedback/new?province=…&q=…` lists without JavaScript (app/models/center-choices.server.ts). Public reference
 * data; under /feedback, so the service worker never caches it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const selected = toAsciiDigits(url.searchParams.get('center') ?? '');
  const choices = centerChoices(
    db(),
    { province: url.searchParams.get('province'), q: url.searchParams.get('q'), selected: /^\d{1,10}$/.test(selected) ? Number(selected) : null },
    await getLocale(request),
  );
  return json(choices, { headers: { 'Cache-Control': 'no-store' } });
}
