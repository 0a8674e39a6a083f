import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { unlockedCodes } from '~/citizen-session.server';
import { FormNotices, type FieldErrorKeys } from '~/components/form';
import { useOwnerName } from '~/components/owner-name';
import { TrackForm } from '~/components/track-form';
import { TrackingCode } from '~/components/tracking-code';
import { db } from '~/db.server';
import { citizenActionSchema } from '~/domain/citizen-action-schema';
import { formatDateTime, formatNumber } from '~/domain/dates';
import { fieldErrors, formValues } from '~/domain/forms';
import { normalizeDigits } from '~/domain/persian';
import { readFormData } from '~/http.server';
import { pageTitle } from '~/i18n/meta';
import { findByTrackingCode, transition } from '~/models/items.server';
import { citizenView } from '~/models/tracking.server';
import { kickDelivery } from '~/services/worker.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'track.title'), { name: 'robots', content: 'noindex' }];

/** The item, only for a browser that proved code + mobile (or code alone for an anonymous item). */
async function unlockedItem(request: Request, params: { code?: string }) {
  const code = normalizeDigits(params.code ?? '');
  const unlocked = (await unlockedCodes(request)).includes(code);
  return { code, item: unlocked ? findByTrackingCode(db(), code) : undefined };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { code, item } = await unlockedItem(request, params);
  // Without the check in this browser, the page shows only the look-up form, pre-filled with the code.
  if (!item) return json({ item: null, code });
  return json({ item: citizenView(db(), item), code });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { item } = await unlockedItem(request, params);
  if (!item) throw new Response('Not Found', { status: 404 });
  const values = formValues(await readFormData(request));
  const parsed = citizenActionSchema.safeParse(values);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    // The version is no field the citizen can correct: an outdated or missing one means "reload the page".
    if (errors.version) {
      errors.form ??= errors.version;
      delete errors.version;
    }
    return json({ intent: values.intent ?? '', errors, values }, { status: 400 });
  }
  const result = transition(db(), item.id, parsed.data.intent, { role: 'citizen' }, {
    publicMessage: parsed.data.message || null,
    rating: parsed.data.intent === 'confirm' ? parsed.data.rating : null,
    expectedVersion: parsed.data.version,
  });
  if (!result.ok) {
    const message = result.reason === 'appeal_window_over' ? 'errors.appeal_window_over' : result.reason === 'stale' ? 'errors.stale' : 'errors.not_allowed';
    return json({ intent: parsed.data.intent, errors: { form: message } as Record<string, string>, values }, { status: 409 });
  }
  kickDelivery();
  return redirect(`/track/${item.trackingCode}?done=${parsed.data.intent}`);
}

export default function TrackItem() {
  const { item, code } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
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
  const done = searchParams.get('done');
  const centerName = item.center ? (locale === 'fa' ? item.center.nameFa : item.center.nameEn) : null;
  const formFor = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  return (
    <div className="page narrow">
      <h1>
        {t('track.title')} <TrackingCode code={item.trackingCode} locale={locale} large={false} />
      </h1>
      <FormNotices saved={done && !actionData ? t(`track.done.${done}`, { defaultValue: t('staff.saved') }) : null} error={actionData?.errors.form ? t(actionData.errors.form) : null} />
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
          <dt>{t('track.submittedAt')}</dt>
          <dd>{formatDateTime(new Date(item.createdAt), locale)}</dd>
          {item.answerDueAt ? (
            <>
              <dt>{t('track.answerDue')}</dt>
              <dd>{formatDateTime(new Date(item.answerDueAt), locale)}</dd>
            </>
          ) : null}
          {item.rating ? (
            <>
              <dt>{t('track.yourRating')}</dt>
              <dd>{t('track.ratingValue', { rating: formatNumber(item.rating, locale) })}</dd>
            </>
          ) : null}
        </dl>
        <h2>{t('track.yourText')}</h2>
        {item.subject ? (
          <p>
            <strong className="prewrap">{item.subject}</strong>
          </p>
        ) : null}
        <p className="prewrap">{item.body}</p>
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

      {item.actions.includes('citizen_reply') ? (
        <CitizenForm intent="citizen_reply" version={item.version} title={t('track.replyTitle')} data={formFor('citizen_reply')}>
          <MessageField intent="citizen_reply" label={t('track.replyLabel')} errors={formFor('citizen_reply')?.errors} value={formFor('citizen_reply')?.values.message} required />
        </CitizenForm>
      ) : null}
      {item.actions.includes('confirm') ? (
        <CitizenForm intent="confirm" version={item.version} title={t('track.confirmTitle')} data={formFor('confirm')}>
          <RatingField errors={formFor('confirm')?.errors} value={formFor('confirm')?.values.rating} />
          <MessageField intent="confirm" label={`${t('track.commentLabel')} (${t('feedback.optional')})`} errors={formFor('confirm')?.errors} value={formFor('confirm')?.values.message} />
        </CitizenForm>
      ) : null}
      {item.actions.includes('appeal') ? (
        <CitizenForm
          intent="appeal"
          version={item.version}
          title={t('track.appealTitle')}
          intro={item.appealUntil ? t('track.appealUntil', { date: formatDateTime(new Date(item.appealUntil), locale) }) : undefined}
          data={formFor('appeal')}
        >
          <MessageField intent="appeal" label={t('track.appealLabel')} errors={formFor('appeal')?.errors} value={formFor('appeal')?.values.message} required />
        </CitizenForm>
      ) : null}

      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('track.timeline')}</h2>
        <ol className="timeline">
          {item.timeline.map((event) => (
            <li key={event.id} data-action={event.action}>
              <strong>{t(`action.${event.action}`, { owner: ownerName(event.owner) })}</strong>
              {event.via ? <span className="muted small"> — {t(`via.${event.via}`)}</span> : null}
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

      <section className="card" aria-labelledby="messages-title">
        <h2 id="messages-title">{t('track.messages')}</h2>
        {item.messages.length === 0 ? (
          <p className="muted">{item.anonymous ? t('track.noMessagesAnonymous') : t('track.noMessages')}</p>
        ) : (
          <ol className="timeline">
            {item.messages.map((m) => (
              <li key={m.id}>
                <strong>{t(`outbox.${m.channel}`)}</strong> <span className="muted small">{m.status === 'sent' ? t('track.messageSent') : t('track.messageQueued')}</span>
                <time dateTime={new Date(m.sentAt ?? m.createdAt).toISOString()}>{formatDateTime(new Date(m.sentAt ?? m.createdAt), locale)}</time>
                <div className="message">{m.body}</div>
              </li>
            ))}
          </ol>
        )}
      </section>
      <p>
        <a href="/track">{t('track.another')}</a>
      </p>
    </div>
  );
}

function CitizenForm({ intent, version, title, intro, children }: { intent: string; version: number; title: string; intro?: string; data?: unknown; children: React.ReactNode }) {
  const navigation = useNavigation();
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby={`${intent}-title`}>
      <h2 id={`${intent}-title`}>{title}</h2>
      {intro ? <p className="muted">{intro}</p> : null}
      <Form method="post" noValidate aria-labelledby={`${intent}-title`}>
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="version" value={version} />
        {children}
        <button type="submit" disabled={navigation.state === 'submitting'}>
          {t(`track.submit_${intent}`)}
        </button>
      </Form>
    </section>
  );
}

/** The message box of one citizen form. The answered page shows two such forms, so ids carry the intent. */
function MessageField({ intent, label, errors, value, required }: { intent: string; label: string; errors?: FieldErrorKeys; value?: string; required?: boolean }) {
  const { t } = useTranslation();
  const id = `${intent}-message`;
  return (
    <div className="field">
      <label htmlFor={id} className={required ? 'required' : undefined}>
        {label}
      </label>
      {errors?.message ? (
        <span className="field-error" id={`${id}-error`}>
          {t(errors.message)}
        </span>
      ) : null}
      <textarea
        id={id}
        name="message"
        aria-invalid={errors?.message ? true : undefined}
        aria-describedby={errors?.message ? `${id}-error` : undefined}
        rows={4}
        defaultValue={value}
      />
    </div>
  );
}

function RatingField({ errors, value }: { errors?: FieldErrorKeys; value?: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  return (
    <fieldset aria-describedby={errors?.rating ? 'rating-error' : undefined}>
      <legend className="required">{t('track.ratingLabel')}</legend>
      {errors?.rating ? (
        <span className="field-error" id="rating-error">
          {t(errors.rating)}
        </span>
      ) : null}
      <div className="choices stacked" id="rating" tabIndex={-1}>
        {[5, 4, 3, 2, 1].map((n) => (
          <label className="choice" key={n}>
            <input type="radio" name="rating" value={n} defaultChecked={value === String(n)} />
            <span>
              {formatNumber(n, locale)} — {t(`track.rating${n}`)}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
