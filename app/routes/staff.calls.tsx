import type { StaffPageHandle } from '~/routes/staff';
import { CsrfInput, useStaffSession } from '~/components/staff-session';
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { assertCsrf, requireStaff } from '~/sessions/staff.server';
import { CitizenActionForms, CitizenText, ItemFacts, PublicTimeline, SentMessages, type CitizenFormKeys } from '~/components/citizen-record';
import { ErrorSummary, Field, fieldAria, FormNotices, useFormReply, type FormAnswer } from '~/components/form';
import { TrackingCode } from '~/components/tracking-code';
import { db } from '~/platform/db.server';
import { citizenActionErrors, citizenActionSchema } from '~/domain/citizen-action-schema';
import { parseForm, refusal, replyTo, sentFields, sentValues, submissionErrors, type FieldErrors } from '~/domain/forms';
import { trackSchema } from '~/domain/track-schema';
import { TRANSITIONS, type StaffRole } from '~/domain/workflow';
import { readFormData } from '~/platform/http.server';
import { pageTitle } from '~/i18n/meta';
import { findByTrackingCode, type ItemRow } from '~/models/items.server';
import { citizenView } from '~/models/tracking.server';
import { callerItemInReach, lookUpForCaller, readCallTicket } from '~/services/staff-calls.server';
import { refusalMessage, transition } from '~/services/workflow.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'calls.title'), { name: 'robots', content: 'noindex' }];

/** The bar lines up with this page's box (app/routes/staff.tsx). */
export const handle: StaffPageHandle = { pageClass: 'page narrow' };

const LOOKUP_FIELDS = ['code', 'mobile'] as const;

/** The caller's forms, worded for the agent who records what the caller says. */
const CALLER_FORM_KEYS: CitizenFormKeys = {
  replyTitle: 'calls.replyTitle',
  replyLabel: 'calls.replyLabel',
  confirmTitle: 'calls.confirmTitle',
  ratingLabel: 'calls.ratingLabel',
  commentLabel: 'calls.commentLabel',
  appealTitle: 'calls.appealTitle',
  appealLabel: 'calls.appealLabel',
  reopenTitle: 'fairClock.callerReopenTitle',
  reopenLabel: 'fairClock.callerReopenLabel',
  submit: { citizen_reply: 'calls.submit_citizen_reply', confirm: 'calls.submit_confirm', appeal: 'calls.submit_appeal', citizen_reopen: 'fairClock.submitReopen' },
};

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'item:enter');
  return json({ user });
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
  errors: FieldErrors;
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
  const values = sentValues(parseForm(formData, sentFields));

  if (values.intent === 'lookup') {
    // The citizen's own look-up (POST only: codes and mobiles never travel in an address).
    const parsed = parseForm(formData, trackSchema);
    if (parsed.status !== 'success') return answer({ stage: 'lookup', ...replyTo(parsed, undefined, { keep: LOOKUP_FIELDS }) }, 400);
    const found = lookUpForCaller(parsed.value, user);
    if (!found.ok) {
      const message = found.reason === 'rate_limited' ? 'calls.rateLimited' : found.reason === 'contact_erased' ? 'track.contactErased' : 'track.notFound';
      return answer({ stage: 'lookup', ...replyTo(parsed, { form: message }, { keep: LOOKUP_FIELDS }) }, found.reason === 'rate_limited' ? 429 : 404);
    }
    return answer({ stage: 'found', ticket: found.ticket, item: callerView(found.item, user.role) });
  }

  // A caller's action: only on the item this agent looked up in the last half hour, and still in their reach (an item
  // transferred to another province since the look-up is gone for province staff).
  const code = readCallTicket(values.ticket, user.id);
  const found = code ? findByTrackingCode(db(), code) : undefined;
  const item = found && callerItemInReach(user, found) ? found : undefined;
  if (!code || !item) return answer({ stage: 'lookup', ...refusal({ form: 'calls.ticketExpired' }) }, 400);
  const again = (data: Partial<CallsData>, status = 200) =>
    answer({ stage: 'found', ticket: values.ticket!, item: callerView(findByTrackingCode(db(), code)!, user.role), ...data }, status);

  const parsed = parseForm(formData, citizenActionSchema);
  if (parsed.status !== 'success') {
    const errors = citizenActionErrors(submissionErrors(parsed));
    return again({ intent: values.intent ?? '', ...refusal(errors, values) }, 400);
  }
  // Recorded as the citizen's own action, entered by this agent on the phone (transition marks it so).
  const caller = { role: user.role, provinceId: user.provinceId, staffId: user.id };
  const result = transition(db(), item.id, parsed.value.intent, caller, {
    publicMessage: parsed.value.message || null,
    rating: parsed.value.intent === 'confirm' ? parsed.value.rating : null,
    expectedVersion: parsed.value.version,
    via: 'phone',
  });
  if (!result.ok) {
    const { message } = refusalMessage(parsed.value.intent, caller, result.reason);
    return again({ intent: parsed.value.intent, ...refusal({ form: message }, values) }, 409);
  }
  return again({ done: parsed.value.intent });
}

export default function StaffCalls() {
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <h1>{t('calls.title')}</h1>
      {data?.stage === 'found' && data.item && data.ticket ? (
        <CallerItem item={data.item} ticket={data.ticket} data={data} />
      ) : (
        <>
          <p className="lead">{t('calls.intro')}</p>
          <p>
            <Link to="/staff/calls/outbound">{t('carers.outbound.link')}</Link>
          </p>
          <LookupForm reply={data} />
        </>
      )}
    </div>
  );
}

function LookupForm({ reply }: { reply?: FormAnswer }) {
  const { errors, values } = useFormReply(reply);
  const { t } = useTranslation();
  return (
    <>
      <ErrorSummary errors={errors} order={LOOKUP_FIELDS} />
      <Form method="post" noValidate className="card">
        <CsrfInput />
        <input type="hidden" name="intent" value="lookup" />
        <Field name="code" label={t('track.code')} hint={t('track.codeHint')} required errors={errors}>
          <input type="text" inputMode="numeric" autoComplete="off" dir="ltr" className="ltr-in-rtl" {...fieldAria('code', errors, true)} defaultValue={values.code} />
        </Field>
        <Field name="mobile" label={t('calls.mobile')} hint={t('calls.mobileHint')} errors={errors}>
          <input type="tel" inputMode="tel" autoComplete="off" dir="ltr" className="ltr-in-rtl" {...fieldAria('mobile', errors, true)} defaultValue={values.mobile} />
        </Field>
        <button type="submit">{t('calls.lookup')}</button>
      </Form>
    </>
  );
}

/** The action's answer as the page receives it (dates as strings). */
type CallsAnswer = NonNullable<ReturnType<typeof useActionData<typeof action>>>;

function CallerItem({ item, ticket, data }: { item: NonNullable<CallsAnswer['item']>; ticket: string; data: CallsAnswer }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const answer = useFormReply(data);
  const formFor = (intent: string) => (data.intent === intent ? answer : undefined);
  const { csrfToken } = useStaffSession();
  return (
    <>
      <FormNotices saved={data.done ? t([`calls.done.${data.done}`, `fairClock.done.${data.done}`]) : null} error={answer.errors?.form ? t(answer.errors.form) : null} />
      <p className="muted">{t('calls.readAloud')}</p>
      <div className="card">
        <h2>
          {t('track.code')} <TrackingCode code={item.trackingCode} locale={locale} large={false} />
        </h2>
        <ItemFacts item={item} ratingLabel={t('calls.rating')} remainingWho="citizen" />
        <h3>{t('calls.callerText')}</h3>
        <CitizenText subject={item.subject} body={item.body} />
        {item.attachments.length > 0 ? (
          <p className="muted small">
            {t('calls.attachments')}: {item.attachments.map((a) => a.originalName).join('، ')}
          </p>
        ) : null}
      </div>

      <CitizenActionForms item={item} keys={CALLER_FORM_KEYS} hidden={{ csrf: csrfToken, ticket }} formFor={formFor} />
      {item.actions.length === 0 && item.citizenActions.length > 0 ? <p className="notice">{t('calls.agentsOnly')}</p> : null}

      <PublicTimeline events={item.timeline} citizenWords="calls.callerWords" />
      <SentMessages title={t('calls.messages')} messages={item.messages} anonymous={item.anonymous} />
      <p className="actions">
        <Link to="/staff/calls">{t('calls.another')}</Link>
        <Link to="/staff/items/new">{t('entry.title')}</Link>
        <Link to="/staff/calls/outbound">{t('carers.outbound.link')}</Link>
      </p>
    </>
  );
}
