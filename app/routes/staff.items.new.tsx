import type { StaffPageHandle } from '~/routes/staff';
import { staffStatusKey } from '~/components/status-badge';
import { CsrfInput } from '~/components/staff-session';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { assertCsrf, requireStaff } from '~/sessions/staff.server';
import { UrgentField } from '~/components/urgent-field';
import { AboutFields, BodyField, ConsentField, ContactFields, KindField } from '~/components/feedback-fields';
import { CarersFields } from '~/components/carers-fields';
import { smsRecipientOf } from '~/domain/carers';
import { ChoiceField, ErrorSummary, Field, fieldAria, useFormReply } from '~/components/form';
import { useOwnerName } from '~/components/owner-name';
import { PhoneNumber } from '~/components/phone-number';
import { TrackingCode } from '~/components/tracking-code';
import { db } from '~/platform/db.server';
import { formatDate, formatDue } from '~/domain/dates';
import { SUBJECT_MAX } from '~/domain/feedback-schema';
import { parseForm, replyTo, sentFields, sentValues } from '~/domain/forms';
import { hasPermission } from '~/domain/permissions';
import { maskMobile, normalizeDigits } from '~/domain/persian';
import { spokenCode } from '~/domain/spoken-code';
import { checkStaffEntry, ENTRY_CHANNELS, ENTRY_FIELDS } from '~/domain/staff-entry-schema';
import { readFormData } from '~/platform/http.server';
import { pageTitle } from '~/i18n/meta';
import { findProvince, listCenterOptions, listProvinces, listServices } from '~/models/catalog.server';
import { findForStaff } from '~/models/items.server';
import { findEnteredBy } from '~/models/staff-entries.server';
import { acceptStaffEntry, entryProvinceOf, similarWhileWriting, type SimilarForEntry } from '~/services/staff-entry.server';
import { invariantResponse } from '~/platform/invariant.server';
import { seesSafeguarding } from '~/domain/workflow';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'entry.title'), { name: 'robots', content: 'noindex' }];

/** The bar lines up with this page's box (app/routes/staff.tsx). */
export const handle: StaffPageHandle = { pageClass: 'page narrow' };

/** How long after entering an item its confirmation (with the code) stays open to the one who entered it. */
const CONFIRMATION_HOURS = 12;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'item:enter');
  const entered = normalizeDigits(new URL(request.url).searchParams.get('entered') ?? '');
  if (entered !== '') return json({ user, confirmation: confirmationFor(user, entered), form: null });

  // Province staff file items about their own province only: the lists offer nothing else.
  const own = entryProvinceOf(user);
  const provinces = listProvinces(db()).filter((p) => own === null || p.id === own);
  return json({
    user,
    confirmation: null,
    form: {
      provinces: provinces.map((p) => ({ id: p.id, nameFa: p.nameFa, nameEn: p.nameEn })),
      centers: listCenterOptions(db(), own ?? undefined),
      services: listServices(db()).map((s) => ({ id: s.id, nameFa: s.nameFa, nameEn: s.nameEn })),
      ownProvinceId: own,
      defaultChannel: user.role === 'call_center_agent' ? 'phone' : '',
    },
  });
}

/**
 * The confirmation after a redirect (`?entered=<item id>`: no tracking code or mobile in the address): only for the
 * staff member who entered the item, shortly after, or for staff whose queue the item is in. Anyone else gets 404.
 */
function confirmationFor(user: Awaited<ReturnType<typeof requireStaff>>['user'], entered: string) {
  invariantResponse(/^\d{1,10}$/.test(entered));
  const itemId = Number(entered);
  const since = new Date(Date.now() - CONFIRMATION_HOURS * 3_600_000);
  // The one who entered it, unless it has since been marked safeguarding and they may not see that (issue 23).
  const mine = findEnteredBy(db(), itemId, user.id, since);
  const item =
    (mine && (!mine.safeguarding || seesSafeguarding(user.role)) ? mine : undefined) ??
    (hasPermission(user.role, 'item:handle') ? findForStaff(db(), { role: user.role, provinceId: user.provinceId }, itemId) : undefined);
  invariantResponse(item);
  const owner = item.ownerProvinceId ? findProvince(db(), item.ownerProvinceId) : undefined;
  return {
    code: item.trackingCode,
    channel: item.channel,
    anonymous: item.anonymous,
    // The one who just typed it sees it masked all the same (docs/DESIGN.md §7): enough to say "to your number ending …".
    mobileMasked: item.mobile ? maskMobile(item.mobile) : null,
    // Where the code is texted (app/domain/carers.ts): the caller, the contact person, or nobody (a call instead).
    smsTo: item.contactMobile ? ('carer' as const) : smsRecipientOf(item) ? ('citizen' as const) : ('none' as const),
    carerMasked: item.contactMobile ? maskMobile(item.contactMobile) : null,
    owner: owner ? { nameFa: owner.nameFa, nameEn: owner.nameEn } : null,
    firstResponseDueAt: item.firstResponseDueAt,
    answerDueAt: item.answerDueAt,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, 'item:enter');
  const formData = await readFormData(request);
  assertCsrf(staff, formData);
  // The entry's rules are the service's (checkStaffEntry, with staff wording); conform reads what was sent and
  // carries the reply, so everything typed goes back with a refusal and nothing the caller said is asked again.
  const form = parseForm(formData, sentFields);
  const values = sentValues(form);
  if (values.intent === 'similar') {
    // Before saving: open items of the same centre from the last 30 days that read alike (nothing is stored).
    return json({ ...replyTo(form, undefined, { keep: ENTRY_FIELDS }), similar: similarWhileWriting(values, staff.user), checked: true });
  }
  const result = acceptStaffEntry(values, staff.user);
  if (!result.ok) {
    const headers: HeadersInit | undefined = result.retryAfterSeconds ? { 'Retry-After': String(result.retryAfterSeconds) } : undefined;
    return json({ ...replyTo(form, result.errors, { keep: ENTRY_FIELDS }), similar: [] as SimilarForEntry[], checked: false }, { status: result.status, headers });
  }
  return redirect(`/staff/items/new?entered=${result.item.id}`);
}

export default function StaffEntryPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      {data.confirmation ? <Confirmation confirmation={data.confirmation} /> : data.form ? <EntryForm form={data.form} /> : null}
    </div>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function EntryForm({ form }: { form: NonNullable<LoaderData['form']> }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const fa = i18n.language !== 'en';
  // Where JavaScript runs, the server's own rules check the form first; the server checks again (and the province rule).
  const { errors, values, formProps } = useFormReply(actionData, (typed, submitter) => {
    // Looking for similar items needs only the centre and the text: no check before that.
    if (submitter?.getAttribute('value') === 'similar') return null;
    const checked = checkStaffEntry(typed);
    return checked.success ? null : checked.errors;
  });
  const channel = actionData ? values.channel : form.defaultChannel;
  const single = form.ownProvinceId !== null;

  return (
    <>
      <h1>{t('entry.title')}</h1>
      <p className="lead">{single ? t('entry.introProvince') : t('entry.intro')}</p>
      <ErrorSummary errors={errors} order={ENTRY_FIELDS} />
      <Form method="post" noValidate {...formProps}>
        <CsrfInput />
        <ChoiceField name="channel" legend={t('entry.channel')} choices={ENTRY_CHANNELS.map((c) => ({ value: c, label: t(`entry.channels.${c}`) }))} value={channel} errors={errors} />

        <KindField value={values.kind} errors={errors} />

        <UrgentField checked={values.priority === 'urgent'} errors={errors} />

        <AboutFields
          provinces={form.provinces}
          centers={form.centers}
          services={form.services}
          selected={{ centerId: values.centerId ?? '', provinceId: values.provinceId ?? form.ownProvinceId ?? '', serviceId: values.serviceId, area: values.area }}
          national={!single}
          errors={errors}
        />

        <Field name="subject" label={`${t('feedback.subject')} (${t('feedback.optional')})`} errors={errors}>
          <input type="text" {...fieldAria('subject', errors, false)} defaultValue={values.subject} maxLength={SUBJECT_MAX} />
        </Field>
        <BodyField label={t('entry.body')} hint={t('entry.bodyHint')} value={values.body} errors={errors} />

        <ContactFields who="staff" values={values} errors={errors} />
        <CarersFields who="staff" values={values} errors={errors} />

        <ConsentField checked={values.consent === 'on'} errors={errors}>
          {t('entry.consent')}
        </ConsentField>

        {actionData?.checked ? (
          <section className="card" aria-labelledby="similar-title" data-testid="similar-while-writing">
            <h2 id="similar-title">{t('duplicates.title')}</h2>
            {actionData.similar.length === 0 ? (
              <p>{t('entry.noSimilar')}</p>
            ) : (
              <>
                <p>{t('entry.similarIntro')}</p>
                <ul className="similar-list">
                  {actionData.similar.map((other, i) => (
                    <li key={i}>
                      <span className="muted small">
                        {t(`kind.${other.kind}`)} · {t(staffStatusKey(other.state))} · {formatDate(new Date(other.createdAt), fa ? 'fa' : 'en')}
                      </span>
                      {other.excerpt === null ? (
                        <div className="muted small">{t('entry.similarTextHidden')}</div>
                      ) : (
                        <div className="message" dir="auto">
                          {other.excerpt}
                        </div>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        ) : null}

        <div className="actions">
          <button type="submit" disabled={navigation.state === 'submitting'}>
            {t('entry.submit')}
          </button>
          <button type="submit" name="intent" value="similar" className="secondary" disabled={navigation.state === 'submitting'}>
            {t('entry.checkSimilar')}
          </button>
        </div>
      </Form>
    </>
  );
}

function Confirmation({ confirmation: c }: { confirmation: NonNullable<LoaderData['confirmation']> }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const ownerName = useOwnerName();
  return (
    <div className="card">
      <h1>{t('entry.sentTitle')}</h1>
      <p>{t('entry.readCode')}</p>
      <p>
        <TrackingCode code={c.code} locale={locale} />
      </p>
      <p>
        <strong>{t('entry.spokenLabel')}</strong>{' '}
        <span data-testid="spoken-code" lang={locale}>
          {spokenCode(c.code, locale)}
        </span>
      </p>
      <dl className="facts">
        <dt>{t('entry.channel')}</dt>
        <dd>{t(`entry.channels.${c.channel}`, { defaultValue: t(`channel.${c.channel}`) })}</dd>
        <dt>{t('track.handledBy')}</dt>
        <dd>{ownerName(c.owner)}</dd>
        {c.firstResponseDueAt && c.answerDueAt ? (
          <>
            <dt>{t('staff.answerDue')}</dt>
            <dd>{formatDue(new Date(c.answerDueAt), locale)}</dd>
          </>
        ) : null}
      </dl>
      {c.smsTo === 'carer' && c.carerMasked ? (
        <p data-testid="sms-note">
          {t('carers.entryToCarer')} <PhoneNumber value={c.carerMasked} />
        </p>
      ) : c.mobileMasked && c.smsTo === 'none' ? (
        <p data-testid="sms-note">{t('carers.entryNoSms')}</p>
      ) : c.mobileMasked ? (
        <p>
          {t('entry.smsSent')} <PhoneNumber value={c.mobileMasked} />
        </p>
      ) : (
        <p>{t('entry.anonymousNote')}</p>
      )}
      <p className="actions no-print">
        <Link className="button" to="/staff/items/new">
          {t('entry.next')}
        </Link>
        <Link className="button secondary" to="/staff/calls">
          {t('calls.title')}
        </Link>
      </p>
    </div>
  );
}
