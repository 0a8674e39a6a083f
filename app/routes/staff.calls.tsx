import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { assertCsrf, requireStaff } from '~/auth.server';
import { ErrorSummary, Field, fieldAria, FormNotices, type FieldErrorKeys } from '~/components/form';
import { useOwnerName } from '~/components/owner-name';
import { StaffBar } from '~/components/staff-bar';
import { TrackingCode } from '~/components/tracking-code';
import { db } from '~/db.server';
import { CITIZEN_INTENTS, citizenActionSchema } from '~/domain/citizen-action-schema';
import { formatDateTime, formatNumber } from '~/domain/dates';
import { fieldErrors, formValues } from '~/domain/forms';
import { trackSchema } from '~/domain/track-schema';
import { TRANSITIONS, type StaffRole } from '~/domain/workflow';
import { readFormData } from '~/http.server';
import { pageTitle } from '~/i18n/meta';
import { findByTrackingCode, transition, type ItemRow } from '~/models/items.server';
import { citizenView } from '~/models/tracking.server';
import { lookUpForCaller, readCallTicket } from '~/services/staff-calls.server';
import { kickDelivery } from '~/services/worker.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'calls.title'), { name: 'robots', content: 'noindex' }];

const LOOKUP_FIELDS = ['code', 'mobile'] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, csrfToken } = await requireStaff(request, 'item:enter');
  return json({ user, csrfToken });
}

/**
 * What the agent reads to the caller: the citizen's own tracking page (public fields and timeline, no internal notes,
 * no contact data), and the caller's actions this staff role may record for them.
 */
function callerView(item: ItemRow, role: StaffRole) {
  const { attachments, actions, ...view } = citizenView(db(), item);
  return {
    ...view,
    // Names only: the files open on the citizen's own page.
    attachments: attachments.map((a) => ({ id: a.id, originalName: a.originalName })),
    citizenActions: actions,
    actions: actions.filter((a) => TRANSITIONS[a].roles.includes(role)),
  };
}
type CallerView = ReturnType<typeof callerView>;

interface CallsData {
  stage: 'lookup' | 'found';
  errors: Record<string, string>;
  values: Record<string, string>;
  intent: string | null;
  done: string | null;
  ticket: string | null;
  item: CallerView | null;
}

const answer = (data: Partial<CallsData> & Pick<CallsData, 'stage'>, status = 200) =>
  json<CallsData>({ errors: {}, values: {}, intent: null, done: null, ticket: null, item: null, ...data }, { status });

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, 'item:enter');
  const formData = await readFormData(request);
  assertCsrf(staff, formData);
  const { user } = staff;
  const values = formValues(formData);

  if (values.intent === 'lookup') {
    // The citizen's own look-up (POST only: codes and mobiles never travel in an address).
    const keep = Object.fromEntries(LOOKUP_FIELDS.map((name) => [name, values[name] ?? '']));
    const parsed = trackSchema.safeParse(values);
    if (!parsed.success) return answer({ stage: 'lookup', errors: fieldErrors(parsed.error), values: keep }, 400);
    const found = lookUpForCaller(parsed.data, user.id);
    if (!found.ok) {
      const message = found.reason === 'rate_limited' ? 'calls.rateLimited' : found.reason === 'contact_erased' ? 'track.contactErased' : 'track.notFound';
      return answer({ stage: 'lookup', errors: { form: message }, values: keep }, found.reason === 'rate_limited' ? 429 : 404);
    }
    return answer({ stage: 'found', ticket: found.ticket, item: callerView(found.item, user.role) });
  }

  // A caller's action: only on the item this agent looked up in the last half hour.
  const code = readCallTicket(values.ticket, user.id);
  const item = code ? findByTrackingCode(db(), code) : undefined;
  if (!code || !item) return answer({ stage: 'lookup', errors: { form: 'calls.ticketExpired' } }, 400);
  const again = (data: Partial<CallsData>, status = 200) =>
    answer({ stage: 'found', ticket: values.ticket!, item: callerView(findByTrackingCode(db(), code)!, user.role), ...data }, status);

  const parsed = citizenActionSchema.safeParse(values);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    // The version is no field the agent can correct: an outdated or missing one means "look the item up again".
    if (errors.version) {
      errors.form ??= errors.version;
      delete errors.version;
    }
    return again({ intent: values.intent ?? '', errors, values }, 400);
  }
  // Recorded as the citizen's own action, entered by this agent on the phone (transition marks it so).
  const result = transition(db(), item.id, parsed.data.intent, { role: user.role, provinceId: user.provinceId, staffId: user.id }, {
    publicMessage: parsed.data.message || null,
    rating: parsed.data.intent === 'confirm' ? parsed.data.rating : null,
    expectedVersion: parsed.data.version,
    via: 'phone',
  });
  if (!result.ok) {
    const message = result.reason === 'appeal_window_over' ? 'errors.appeal_window_over' : result.reason === 'stale' ? 'errors.stale' : 'errors.not_allowed';
    return again({ intent: parsed.data.intent, errors: { form: message }, values }, 409);
  }
  kickDelivery();
  return again({ done: parsed.data.intent });
}

export default function StaffCalls() {
  const { user, csrfToken } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <StaffBar user={user} csrfToken={csrfToken} />
      <h1>{t('calls.title')}</h1>
      {data?.stage === 'found' && data.item && data.ticket ? (
        <CallerItem item={data.item} ticket={data.ticket} csrfToken={csrfToken} data={data} />
      ) : (
        <>
          <p className="lead">{t('calls.intro')}</p>
          <LookupForm csrfToken={csrfToken} errors={data?.errors} values={data?.values} />
        </>
      )}
    </div>
  );
}

function LookupForm({ csrfToken, errors, values }: { csrfToken: string; errors?: FieldErrorKeys; values?: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <>
      <ErrorSummary errors={errors} order={LOOKUP_FIELDS} />
      <Form method="post" noValidate className="card">
        <input type="hidden" name="csrf" value={csrfToken} />
        <input type="hidden" name="intent" value="lookup" />
        <Field name="code" label={t('track.code')} hint={t('track.codeHint')} required errors={errors}>
          <input type="text" inputMode="numeric" autoComplete="off" dir="ltr" className="ltr-in-rtl" {...fieldAria('code', errors, true)} defaultValue={values?.code} />
        </Field>
        <Field name="mobile" label={t('calls.mobile')} hint={t('calls.mobileHint')} errors={errors}>
          <input type="tel" inputMode="tel" autoComplete="off" dir="ltr" className="ltr-in-rtl" {...fieldAria('mobile', errors, true)} defaultValue={values?.mobile} />
        </Field>
        <button type="submit">{t('calls.lookup')}</button>
      </Form>
    </>
  );
}

/** The action's answer as the page receives it (dates as strings). */
type CallsAnswer = NonNullable<ReturnType<typeof useActionData<typeof action>>>;

function CallerItem({ item, ticket, csrfToken, data }: { item: NonNullable<CallsAnswer['item']>; ticket: string; csrfToken: string; data: CallsAnswer }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const ownerName = useOwnerName();
  const centerName = item.center ? (locale === 'fa' ? item.center.nameFa : item.center.nameEn) : null;
  const formFor = (intent: string) => (data.intent === intent ? data : undefined);
  const hidden = { csrfToken, ticket, version: item.version };
  return (
    <>
      <FormNotices saved={data.done ? t(`calls.done.${data.done}`) : null} error={data.errors.form ? t(data.errors.form) : null} />
      <p className="muted">{t('calls.readAloud')}</p>
      <div className="card">
        <h2>
          {t('track.code')} <TrackingCode code={item.trackingCode} locale={locale} large={false} />
        </h2>
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
          {item.rating ? (
            <>
              <dt>{t('calls.rating')}</dt>
              <dd>{t('track.ratingValue', { rating: formatNumber(item.rating, locale) })}</dd>
            </>
          ) : null}
        </dl>
        <h3>{t('calls.callerText')}</h3>
        {item.subject ? (
          <p>
            <strong className="prewrap">{item.subject}</strong>
          </p>
        ) : null}
        <p className="prewrap">{item.body}</p>
        {item.attachments.length > 0 ? (
          <p className="muted small">
            {t('calls.attachments')}: {item.attachments.map((a) => a.originalName).join('، ')}
          </p>
        ) : null}
      </div>

      {item.actions.includes('citizen_reply') ? (
        <CallerForm intent="citizen_reply" title={t('calls.replyTitle')} {...hidden}>
          <MessageField intent="citizen_reply" label={t('calls.replyLabel')} errors={formFor('citizen_reply')?.errors} value={formFor('citizen_reply')?.values.message} required />
        </CallerForm>
      ) : null}
      {item.actions.includes('confirm') ? (
        <CallerForm intent="confirm" title={t('calls.confirmTitle')} {...hidden}>
          <RatingField errors={formFor('confirm')?.errors} value={formFor('confirm')?.values.rating} />
          <MessageField intent="confirm" label={`${t('calls.commentLabel')} (${t('feedback.optional')})`} errors={formFor('confirm')?.errors} value={formFor('confirm')?.values.message} />
        </CallerForm>
      ) : null}
      {item.actions.includes('appeal') ? (
        <CallerForm
          intent="appeal"
          title={t('calls.appealTitle')}
          intro={item.appealUntil ? t('track.appealUntil', { date: formatDateTime(new Date(item.appealUntil), locale) }) : undefined}
          {...hidden}
        >
          <MessageField intent="appeal" label={t('calls.appealLabel')} errors={formFor('appeal')?.errors} value={formFor('appeal')?.values.message} required />
        </CallerForm>
      ) : null}
      {item.actions.length === 0 && item.citizenActions.length > 0 ? <p className="notice">{t('calls.agentsOnly')}</p> : null}

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
        <h2 id="messages-title">{t('calls.messages')}</h2>
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
      <p className="actions">
        <Link to="/staff/calls">{t('calls.another')}</Link>
        <Link to="/staff/items/new">{t('entry.title')}</Link>
      </p>
    </>
  );
}

/** One of the caller's actions, posted with the look-up's ticket and the version the agent is reading. */
function CallerForm({ intent, title, intro, csrfToken, ticket, version, children }: { intent: (typeof CITIZEN_INTENTS)[number]; title: string; intro?: string; csrfToken: string; ticket: string; version: number; children: ReactNode }) {
  const navigation = useNavigation();
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby={`${intent}-title`}>
      <h2 id={`${intent}-title`}>{title}</h2>
      {intro ? <p className="muted">{intro}</p> : null}
      <Form method="post" noValidate aria-labelledby={`${intent}-title`}>
        <input type="hidden" name="csrf" value={csrfToken} />
        <input type="hidden" name="ticket" value={ticket} />
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="version" value={version} />
        {children}
        <button type="submit" disabled={navigation.state === 'submitting'}>
          {t(`calls.submit_${intent}`)}
        </button>
      </Form>
    </section>
  );
}

/** The message box of one form; the answered item shows two forms, so ids carry the intent. */
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
      <textarea id={id} name="message" aria-invalid={errors?.message ? true : undefined} aria-describedby={errors?.message ? `${id}-error` : undefined} rows={4} defaultValue={value} />
    </div>
  );
}

function RatingField({ errors, value }: { errors?: FieldErrorKeys; value?: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  return (
    <fieldset aria-describedby={errors?.rating ? 'rating-error' : undefined}>
      <legend className="required">{t('calls.ratingLabel')}</legend>
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
