import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { unlockedCodes } from '~/citizen-session.server';
import { useOwnerName } from '~/components/owner-name';
import { TrackForm } from '~/components/track-form';
import { TrackingCode } from '~/components/tracking-code';
import { db } from '~/db.server';
import { formatDateTime } from '~/domain/dates';
import { normalizeDigits } from '~/domain/persian';
import { pageTitle } from '~/i18n/meta';
import { findByTrackingCode } from '~/models/items.server';
import { citizenView } from '~/models/tracking.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'track.title'), { name: 'robots', content: 'noindex' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = normalizeDigits(params.code ?? '');
  const unlocked = (await unlockedCodes(request)).includes(code);
  const item = unlocked ? findByTrackingCode(db(), code) : undefined;
  // Without the code + mobile check in this browser, the page shows only the look-up form, pre-filled with the code.
  if (!item) return json({ item: null, code });
  return json({ item: citizenView(db(), item), code });
}

export default function TrackItem() {
  const { item, code } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const ownerName = useOwnerName();
  if (!item) {
    return (
      <div className="page narrow">
        <h1>{t('track.title')}</h1>
        <p className="lead">{t('track.intro')}</p>
        <TrackForm values={{ code }} />
      </div>
    );
  }
  const centerName = item.center ? (locale === 'fa' ? item.center.nameFa : item.center.nameEn) : null;
  return (
    <div className="page narrow">
      <h1>
        {t('track.title')} <TrackingCode code={item.trackingCode} locale={locale} large={false} />
      </h1>
      <div className="card">
        <dl className="facts">
          <dt>{t('track.status')}</dt>
          <dd>
            <span className="status-badge" data-testid="item-status" data-status={item.state}>
              {t(`status.${item.state}`)}
            </span>
          </dd>
          <dt>{t('track.handledBy')}</dt>
          <dd>{ownerName(item.owner)}</dd>
          <dt>{t('track.kind')}</dt>
          <dd>{t(`kind.${item.kind}`)}</dd>
          {centerName ? (
            <>
              <dt>{t('track.center')}</dt>
              <dd>{centerName}</dd>
            </>
          ) : null}
          <dt>{t('track.submittedAt')}</dt>
          <dd>{formatDateTime(new Date(item.createdAt), locale)}</dd>
          {item.answerDueAt ? (
            <>
              <dt>{t('track.answerDue')}</dt>
              <dd>{formatDateTime(new Date(item.answerDueAt), locale)}</dd>
            </>
          ) : null}
        </dl>
        <h2>{t('track.yourText')}</h2>
        {item.subject ? <p><strong className="prewrap">{item.subject}</strong></p> : null}
        <p className="prewrap">{item.body}</p>
      </div>
      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('track.timeline')}</h2>
        <ol className="timeline">
          {item.timeline.map((event) => (
            <li key={event.id} data-action={event.action}>
              <strong>{t(`action.${event.action}`, { owner: ownerName(event.owner) })}</strong>
              <time dateTime={new Date(event.at).toISOString()}>{formatDateTime(new Date(event.at), locale)}</time>
              {event.publicMessage ? (
                <div className="message">
                  <span className="visually-hidden">{t('track.reply')}: </span>
                  {event.publicMessage}
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
      <p>
        <a href="/track">{t('track.another')}</a>
      </p>
    </div>
  );
}
