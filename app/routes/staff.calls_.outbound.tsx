import type { StaffPageHandle } from '~/routes/staff';
import { CsrfInput } from '~/components/staff-session';
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { assertCsrf, requireStaff } from '~/sessions/staff.server';
import { FormNotices } from '~/components/form';
import { PhoneNumber } from '~/components/phone-number';
import { TrackingCode } from '~/components/tracking-code';
import { CALL_OUTCOMES, callOutcomeSchema } from '~/domain/carers';
import { formatDateTime, formatNumber } from '~/domain/dates';
import { parseForm, refusal, sentFields, sentValues, submissionErrors } from '~/domain/forms';
import { mobileToLocal } from '~/domain/persian';
import { readFormData } from '~/platform/http.server';
import { pageTitle } from '~/i18n/meta';
import { outboundCallList, recordOutcome } from '~/services/outbound-calls.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'carers.outbound.title'), { name: 'robots', content: 'noindex' }];

export const handle: StaffPageHandle = { pageClass: 'page' };

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'calls:outbound');
  return json({ calls: outboundCallList(user) });
}

/** A row's key in the page: the call it stands for. */
const rowKey = (c: { itemId: number | string; reason: string; dueKey: number | string }) => `${c.itemId}-${c.reason}-${c.dueKey}`;

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, 'calls:outbound');
  const formData = await readFormData(request);
  assertCsrf(staff, formData);
  // What was typed goes back with a refusal, never the form token.
  const { csrf: _csrf, ...values } = sentValues(parseForm(formData, sentFields));
  const row = rowKey({ itemId: values.itemId ?? '', reason: values.reason ?? '', dueKey: values.dueKey ?? '' });
  const parsed = parseForm(formData, callOutcomeSchema);
  if (parsed.status !== 'success') {
    const errors = submissionErrors(parsed);
    // A call that is not one (a forged id or reason) is simply not on the list.
    const bad = errors.itemId || errors.reason || errors.dueKey ? { form: 'carers.errors.notOnList' } : errors.version ? { form: 'errors.stale' } : errors;
    return json({ row, notice: null as string | null, ...refusal(bad, values) }, { status: 400 });
  }
  const result = recordOutcome(staff.user, parsed.value);
  if (!result.ok) return json({ row, notice: null as string | null, ...refusal(result.errors, values) }, { status: result.status });
  return json({ row, notice: result.notice, ...refusal({}, {}) });
}

export default function OutboundCalls() {
  const { calls } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const formError = data?.errors?.form ? t(data.errors.form) : null;
  return (
    <div className="page">
      <h1>{t('carers.outbound.title')}</h1>
      <p className="lead">{t('carers.outbound.intro')}</p>
      <p>
        <Link to="/staff/calls">{t('calls.title')}</Link>
      </p>
      <FormNotices saved={data?.notice ? t(data.notice) : null} error={formError} />
      {calls.length === 0 ? <p data-testid="no-calls">{t('carers.outbound.empty')}</p> : null}
      <ul className="call-list" data-testid="call-list">
        {calls.map((call) => {
          const key = rowKey(call);
          const mine = data?.row === key && !data.notice;
          const errors = mine ? (data?.errors ?? {}) : {};
          const typed = mine ? (data?.values ?? {}) : {};
          return (
            <li key={key} className="card" data-testid="call-row" data-code={call.trackingCode}>
              <h2>
                {t(`carers.outbound.reason.${call.reason}`)} · <TrackingCode code={call.trackingCode} locale={locale} large={false} />
              </h2>
              <dl className="facts">
                <dt>{t('carers.outbound.callWho')}</dt>
                <dd data-testid="callee">
                  {t(`carers.outbound.who.${call.callee.who}`)}
                  {call.callee.name ? <> · <bdi>{call.callee.name}</bdi></> : null}
                  {call.callee.relation ? <> ({<bdi>{call.callee.relation}</bdi>})</> : null}
                  {call.callee.mobile ? (
                    <>
                      {' · '}
                      <a href={`tel:${call.callee.mobile}`}>
                        <PhoneNumber value={mobileToLocal(call.callee.mobile)} />
                      </a>
                    </>
                  ) : null}
                </dd>
                <dt>{t('carers.preferredHours')}</dt>
                <dd>{t(`carers.hours.${call.preferredHours ?? 'any'}`)}</dd>
                <dt>{t('carers.outbound.whatToSay')}</dt>
                <dd>
                  {call.whatToSay ? (
                    <div className="message" dir="auto" data-testid="what-to-say">
                      {call.whatToSay}
                    </div>
                  ) : (
                    t('carers.outbound.noMessage')
                  )}
                </dd>
                <dt>{t('carers.outbound.tries', { n: formatNumber(call.tries, locale) })}</dt>
                <dd>{call.lastTriedAt ? formatDateTime(new Date(call.lastTriedAt), locale) : '—'}</dd>
              </dl>
              <Form method="post" className="call-outcome">
                <CsrfInput />
                <input type="hidden" name="itemId" value={call.itemId} />
                <input type="hidden" name="reason" value={call.reason} />
                <input type="hidden" name="dueKey" value={call.dueKey} />
                <input type="hidden" name="version" value={call.version} />
                <fieldset>
                  <legend>{t('carers.outbound.outcome')}</legend>
                  {errors.outcome ? <span className="field-error">{t(errors.outcome)}</span> : null}
                  <div className="choices">
                    {CALL_OUTCOMES.map((outcome) => (
                      <label key={outcome} className="choice">
                        <input type="radio" name="outcome" value={outcome} defaultChecked={typed.outcome === outcome} />
                        <span>{t(`carers.outbound.outcomes.${outcome}`)}</span>
                      </label>
                    ))}
                  </div>
                </fieldset>
                <div className="field">
                  <label htmlFor={`rating-${key}`}>{t('carers.outbound.rating')}</label>
                  {errors.rating ? (
                    <span className="field-error" id={`rating-${key}-error`}>
                      {t(errors.rating)}
                    </span>
                  ) : null}
                  <input
                    type="text"
                    inputMode="numeric"
                    id={`rating-${key}`}
                    name="rating"
                    size={2}
                    defaultValue={typed.rating}
                    aria-invalid={errors.rating ? true : undefined}
                    aria-describedby={errors.rating ? `rating-${key}-error` : undefined}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`message-${key}`}>{t('carers.outbound.message')}</label>
                  {errors.message ? (
                    <span className="field-error" id={`message-${key}-error`}>
                      {t(errors.message)}
                    </span>
                  ) : null}
                  <textarea
                    id={`message-${key}`}
                    name="message"
                    rows={2}
                    defaultValue={typed.message}
                    aria-invalid={errors.message ? true : undefined}
                    aria-describedby={errors.message ? `message-${key}-error` : undefined}
                  />
                </div>
                <button type="submit">{t('carers.outbound.record')}</button>
              </Form>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
