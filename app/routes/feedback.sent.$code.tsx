import { smsRecipientOf } from '~/domain/carers';
import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unlockedCodes } from '~/sessions/citizen.server';
import { useOwnerName } from '~/components/owner-name';
import { TrackingCode } from '~/components/tracking-code';
import { RemainingTime } from '~/components/remaining-time';
import { useHydrated } from '~/components/use-hydrated';
import { db } from '~/platform/db.server';
import { formatDue } from '~/domain/dates';
import { pageTitle } from '~/i18n/meta';
import { findByTrackingCode } from '~/models/items.server';
import { deadlineReading } from '~/models/tracking.server';
import { findProvince } from '~/models/catalog.server';
import type { PageScripts } from '~/root';

// A citizen page: HTML and CSS without the app's bundle (decision 015), and the few helps of public/citizen.js.
export const handle: PageScripts = { hydrate: false, enhance: true };

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'sent.title'), { name: 'robots', content: 'noindex' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = params.code ?? '';
  // Only the browser that sent it sees the confirmation; anyone else is asked for code + mobile.
  if (!(await unlockedCodes(request)).includes(code)) throw redirect(`/track/${encodeURIComponent(code)}`);
  const item = findByTrackingCode(db(), code);
  if (!item) throw new Response('Not Found', { status: 404 });
  const owner = item.ownerProvinceId ? findProvince(db(), item.ownerProvinceId) : undefined;
  return json({
    code: item.trackingCode,
    anonymous: item.anonymous,
    hasMobile: item.mobile !== null,
    // Where the code was texted (app/domain/carers.ts): the citizen, their contact person, or nobody (a call instead).
    smsTo: item.contactMobile ? 'carer' : smsRecipientOf(item) ? 'citizen' : 'none',
    owner: owner ? { nameFa: owner.nameFa, nameEn: owner.nameEn } : null,
    firstResponseDueAt: item.firstResponseDueAt,
    answerDueAt: item.answerDueAt,
    remaining: deadlineReading(db(), item),
  });
}

export default function FeedbackSent() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const ownerName = useOwnerName();
  const hydrated = useHydrated();
  return (
    <div className="page narrow">
      <div className="card">
        <h1>{t('sent.title')}</h1>
        <p>{t('sent.codeLabel')}:</p>
        <p>
          <TrackingCode code={data.code} locale={i18n.language} />
        </p>
        <p>{t('sent.keep')}</p>
        <p>{t('sent.routedTo', { owner: ownerName(data.owner) })}</p>
        <p>{t('sent.next')}</p>
        {data.firstResponseDueAt && data.answerDueAt ? (
          <p>
            {t('sent.byWhen', {
              first: formatDue(new Date(data.firstResponseDueAt), i18n.language === 'en' ? 'en' : 'fa'),
              answer: formatDue(new Date(data.answerDueAt), i18n.language === 'en' ? 'en' : 'fa'),
            })}
          </p>
        ) : null}
        {data.remaining && data.answerDueAt ? (
          <p data-testid="sent-remaining">
            {t('fairClock.remainingLabel')}: <RemainingTime remaining={data.remaining} due={data.answerDueAt} who="you" />
          </p>
        ) : null}
        <p>{data.anonymous || !data.hasMobile ? t('sent.anonymousNote') : data.smsTo === 'carer' ? t('carers.sentToCarer') : data.smsTo === 'none' ? t('carers.sentNoSms') : t('sent.smsSent')}</p>
        <p className="no-print">
          <Link className="button" to={`/track/${data.code}`}>
            {t('sent.track')}
          </Link>{' '}
          {hydrated ? (
            <>
              <CopyButton text={data.code} />{' '}
              <button type="button" className="secondary" onClick={() => window.print()}>
                {t('sent.print')}
              </button>
            </>
          ) : (
            // Without the app: shown and wired by public/citizen.js (decision 015); hidden where no script runs.
            <>
              <button type="button" className="secondary" hidden data-copy={data.code}>
                {t('sent.copy')}
              </button>{' '}
              <span role="status" className="muted small" data-copied={` ${t('sent.copied')}`} />{' '}
              <button type="button" className="secondary" hidden data-print="">
                {t('sent.print')}
              </button>
            </>
          )}
        </p>
      </div>
    </div>
  );
}

function CopyButton({ text }: { text: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <>
      <button
        type="button"
        className="secondary"
        onClick={() => {
          void navigator.clipboard?.writeText(text).then(() => setCopied(true));
        }}
      >
        {t('sent.copy')}
      </button>
      <span role="status" className="muted small">
        {copied ? ` ${t('sent.copied')}` : ''}
      </span>
    </>
  );
}
