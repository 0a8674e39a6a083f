import { Form, useNavigation } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CITIZEN_INTENTS } from '~/domain/citizen-action-schema';
import { formatDateTime, formatDeadline, formatNumber } from '~/domain/dates';
import { publicMessageKind } from '~/domain/timeline-labels';
import { ChoiceField, type FieldErrorKeys } from './form';
import { useOwnerName } from './owner-name';
import { StatusBadge } from './status-badge';
import { RemainingTime } from './remaining-time';
import type { Remaining } from '~/domain/deadlines';

/**
 * What a citizen reads of their own item and may do with it, shared by their tracking page and by the call-centre
 * page where an agent reads it to them over the phone: the item's facts and text, the public timeline, the messages
 * sent to them, and the reply, confirmation and appeal forms. The pages differ only in wording (their translation keys) and in what each
 * form carries besides the intent and version (the agent's CSRF token and look-up ticket).
 */

type CitizenIntent = (typeof CITIZEN_INTENTS)[number];
type When = string | Date;

interface ItemFacts {
  state: string;
  owner: { nameFa: string; nameEn: string } | null;
  kind: string;
  center: { nameFa: string; nameEn: string } | null;
  createdAt: When;
  answerDueAt: When | null;
  /** The time left before the answer deadline (app/models/tracking.server.ts deadlineReading). */
  remaining?: Remaining | null;
  rating: number | null;
}

/**
 * The item's public facts: state, who handles it, kind, centre, when it was submitted and the answer is due, and the
 * citizen's rating under the page's own label. `children` stand after the centre (the tracking page's redirection).
 */
export function ItemFacts({ item, ratingLabel, children, remainingWho = 'you' }: { item: ItemFacts; ratingLabel: string; children?: ReactNode; remainingWho?: 'you' | 'citizen' }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const ownerName = useOwnerName();
  const centerName = item.center ? (locale === 'fa' ? item.center.nameFa : item.center.nameEn) : null;
  return (
    <dl className="facts">
      <dt>{t('track.status')}</dt>
      <dd>
        <StatusBadge state={item.state} />
      </dd>
      <dt>{t('track.handledBy')}</dt>
      {/* An appeal is reviewed by a national supervisor, whichever province answered: the status, this line and the
          deadline (the province's is no longer shown, app/models/tracking.server.ts) tell the same story. */}
      <dd data-testid="handled-by">{item.state === 'appealed' ? t('track.appealHandler') : ownerName(item.owner)}</dd>
      <dt>{t('track.kind')}</dt>
      <dd>{t(`kind.${item.kind}`)}</dd>
      {centerName ? (
        <>
          <dt>{t('track.center')}</dt>
          <dd>{centerName}</dd>
        </>
      ) : null}
      {children}
      <dt>{t('track.submittedAt')}</dt>
      <dd>{formatDateTime(new Date(item.createdAt), locale)}</dd>
      {item.answerDueAt ? (
        <>
          <dt>{t('track.answerDue')}</dt>
          <dd>{item.remaining ? <RemainingTime remaining={item.remaining} due={item.answerDueAt} who={remainingWho} /> : formatDeadline(new Date(item.answerDueAt), locale)}</dd>
        </>
      ) : null}
      {item.rating ? (
        <>
          <dt>{ratingLabel}</dt>
          <dd>{t('track.ratingValue', { rating: formatNumber(item.rating, locale) })}</dd>
        </>
      ) : null}
    </dl>
  );
}

/**
 * What the citizen wrote: the subject (when given) and the text, line breaks kept. Typed text is laid out in its own
 * direction (`dir="auto"`): Persian on an English page reads right to left, English on a Persian page left to right.
 */
export function CitizenText({ subject, body }: { subject: string | null; body: string }) {
  return (
    <>
      {subject ? (
        <p dir="auto">
          <strong className="prewrap">{subject}</strong>
        </p>
      ) : null}
      <p className="prewrap" dir="auto">
        {body}
      </p>
    </>
  );
}

/** The translation keys of the citizen's forms on one page. */
export interface CitizenFormKeys {
  replyTitle: string;
  replyLabel: string;
  confirmTitle: string;
  ratingLabel: string;
  commentLabel: string;
  appealTitle: string;
  appealLabel: string;
  reopenTitle: string;
  reopenLabel: string;
  /** The submit button of each form. */
  submit: Record<CitizenIntent, string>;
}

/** The action answer a form shows again (its errors and what was typed), when it is this form's. */
type FormAnswer = { errors?: FieldErrorKeys; values?: Record<string, string> } | undefined;

/**
 * The forms the workflow offers the citizen now (reply, confirm with a rating, appeal), each posted with the version
 * being read and the page's own hidden fields.
 */
export function CitizenActionForms({
  item,
  keys,
  hidden,
  formFor,
}: {
  item: { actions: readonly string[]; version: number; appealUntil: When | null; reopenUntil?: When | null };
  keys: CitizenFormKeys;
  hidden?: Record<string, string>;
  formFor: (intent: CitizenIntent) => FormAnswer;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const form = (intent: CitizenIntent) => ({ intent, version: item.version, hidden, submitLabel: t(keys.submit[intent]) });
  return (
    <>
      {item.actions.includes('citizen_reply') ? (
        <CitizenActionForm {...form('citizen_reply')} title={t(keys.replyTitle)}>
          <MessageField intent="citizen_reply" label={t(keys.replyLabel)} errors={formFor('citizen_reply')?.errors} value={formFor('citizen_reply')?.values?.message} required />
        </CitizenActionForm>
      ) : null}
      {item.actions.includes('confirm') ? (
        <CitizenActionForm {...form('confirm')} title={t(keys.confirmTitle)}>
          <RatingField label={t(keys.ratingLabel)} errors={formFor('confirm')?.errors} value={formFor('confirm')?.values?.rating} />
          <MessageField intent="confirm" label={`${t(keys.commentLabel)} (${t('feedback.optional')})`} errors={formFor('confirm')?.errors} value={formFor('confirm')?.values?.message} />
        </CitizenActionForm>
      ) : null}
      {item.actions.includes('appeal') ? (
        <CitizenActionForm
          {...form('appeal')}
          title={t(keys.appealTitle)}
          intro={item.appealUntil ? t('track.appealUntil', { date: formatDeadline(new Date(item.appealUntil), locale) }) : undefined}
        >
          <MessageField intent="appeal" label={t(keys.appealLabel)} errors={formFor('appeal')?.errors} value={formFor('appeal')?.values?.message} required />
        </CitizenActionForm>
      ) : null}
      {item.actions.includes('citizen_reopen') ? (
        <CitizenActionForm
          {...form('citizen_reopen')}
          title={t(keys.reopenTitle)}
          intro={item.reopenUntil ? t('fairClock.reopenUntil', { date: formatDeadline(new Date(item.reopenUntil), locale) }) : undefined}
        >
          <MessageField intent="citizen_reopen" label={t(keys.reopenLabel)} errors={formFor('citizen_reopen')?.errors} value={formFor('citizen_reopen')?.values?.message} required />
        </CitizenActionForm>
      ) : null}
    </>
  );
}

/** One citizen form: a titled card (the title also names the form), its hidden fields first, then the intent and version. */
export function CitizenActionForm({
  intent,
  version,
  title,
  intro,
  hidden,
  submitLabel,
  children,
}: {
  intent: CitizenIntent;
  version: number;
  title: string;
  intro?: string;
  hidden?: Record<string, string>;
  submitLabel: string;
  children: ReactNode;
}) {
  const navigation = useNavigation();
  return (
    <section className="card" aria-labelledby={`${intent}-title`}>
      <h2 id={`${intent}-title`}>{title}</h2>
      {intro ? <p className="muted">{intro}</p> : null}
      <Form method="post" noValidate aria-labelledby={`${intent}-title`}>
        {Object.entries(hidden ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="version" value={version} />
        {children}
        <button type="submit" disabled={navigation.state === 'submitting'}>
          {submitLabel}
        </button>
      </Form>
    </section>
  );
}

/** The message box of one form. A page may show two such forms, so ids carry the intent. */
export function MessageField({ intent, label, errors, value, required }: { intent: string; label: string; errors?: FieldErrorKeys; value?: string; required?: boolean }) {
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
      <textarea id={id} name="message" dir="auto" aria-invalid={errors?.message ? true : undefined} aria-describedby={errors?.message ? `${id}-error` : undefined} rows={4} defaultValue={value} />
    </div>
  );
}

/** The rating of a confirmation, 5 (best) first. */
export function RatingField({ label, errors, value }: { label: string; errors?: FieldErrorKeys; value?: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const choices = [5, 4, 3, 2, 1].map((n) => ({
    value: String(n),
    label: (
      <>
        {formatNumber(n, locale)} — {t(`track.rating${n}`)}
      </>
    ),
  }));
  return <ChoiceField name="rating" legend={label} choices={choices} value={value} errors={errors} stacked />;
}

interface PublicEvent {
  id: number;
  action: string;
  owner: { nameFa: string; nameEn: string } | null;
  via: string | null;
  at: When;
  publicMessage: string | null;
}

/**
 * The public timeline: each step with who handles the item, how a citizen's own step came (via) and what was said,
 * labelled by whose words they are. `citizenWords` names the citizen's own text from the page's point of view ("what
 * you wrote" on their tracking page, "the caller's words" where an agent reads it to them).
 */
export function PublicTimeline({ events, citizenWords = 'track.messageLabel.citizen' }: { events: readonly PublicEvent[]; citizenWords?: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const ownerName = useOwnerName();
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('track.timeline')}</h2>
      <ol className="timeline">
        {events.map((event) => (
          <li key={event.id} data-action={event.action}>
            <strong>{t(`action.${event.action}`, { owner: ownerName(event.owner) })}</strong>
            {event.via ? <span className="muted small"> — {t(`via.${event.via}`)}</span> : null}
            <time dateTime={new Date(event.at).toISOString()}>{formatDateTime(new Date(event.at), locale)}</time>
            {event.publicMessage ? (
              <div className="message" dir="auto">
                {/* Its own `dir`, so the label does not decide the message's direction (dir="auto" skips it). */}
                <span className="visually-hidden" dir={locale === 'fa' ? 'rtl' : 'ltr'}>{t(publicMessageKind(event.action) === 'citizen' ? citizenWords : `track.messageLabel.${publicMessageKind(event.action)}`)}: </span>
                {event.publicMessage}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

interface SentMessage {
  id: number;
  channel: string;
  status: string;
  body: string;
  createdAt: When;
  sentAt: When | null;
}

/** The messages sent (or about to be sent) to the citizen, under the page's own heading. */
export function SentMessages({ title, messages, anonymous }: { title: string; messages: readonly SentMessage[]; anonymous: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  return (
    <section className="card" aria-labelledby="messages-title">
      <h2 id="messages-title">{title}</h2>
      {messages.length === 0 ? (
        <p className="muted">{anonymous ? t('track.noMessagesAnonymous') : t('track.noMessages')}</p>
      ) : (
        <ol className="timeline">
          {messages.map((m) => (
            <li key={m.id}>
              <strong>{t(`outbox.${m.channel}`)}</strong> <span className="muted small">{m.status === 'sent' ? t('track.messageSent') : t('track.messageQueued')}</span>
              <time dateTime={new Date(m.sentAt ?? m.createdAt).toISOString()}>{formatDateTime(new Date(m.sentAt ?? m.createdAt), locale)}</time>
              <div className="message" dir="auto">
                {m.body}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
