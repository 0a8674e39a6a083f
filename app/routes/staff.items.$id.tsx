import { CsrfInput } from '~/components/staff-session';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { readFormData } from '~/platform/http.server';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AreaOptions } from '~/components/area-field';
import { FormNotices } from '~/components/form';
import { assertCsrf, requireStaff } from '~/sessions/staff.server';
import { fillPlaceholders } from '~/domain/canned-reply';
import { hasPermission } from '~/domain/permissions';
import { groupTrackingCode, trackingCodeInText } from '~/domain/tracking-code';
import { useOwnerName } from '~/components/owner-name';
import { StatusBadge } from '~/components/status-badge';
import { TrackingCode } from '~/components/tracking-code';
import { db } from '~/platform/db.server';
import { formatDateTime, formatDeadline } from '~/domain/dates';
import { fieldErrors, formValues } from '~/domain/forms';
import { maskMobile, mobileToLocal, normalizeDigits } from '~/domain/persian';
import { PhoneNumber } from '~/components/phone-number';
import { NATIONAL_OWNER, STAFF_ACTIONS, staffActionSchema, UNASSIGNED } from '~/domain/staff-action-schema';
import { availableActions, canReachItem, isOpen, ITEM_KINDS, TRANSITIONS, type ItemState, type WorkflowAction } from '~/domain/workflow';
import { AREA_UNKNOWN } from '~/domain/areas';
import { pageTitle } from '~/i18n/meta';
import { listAttachments } from '~/models/attachments.server';
import { centerOfItem, listProvinces } from '~/models/catalog.server';
import { isLocale } from '~/i18n/config';
import { repliesFor } from '~/models/canned-replies.server';
import { revealContact, type RevealedContact } from '~/models/contact.server';
import { queueStaff } from '~/models/staff.server';
import { duplicateLinks, similarOpenItems } from '~/models/duplicates.server';
import { findByTrackingCode, findForStaff, fullTimeline, previewTransition, transition } from '~/models/items.server';
import { listOrganizations } from '~/models/organizations.server';
import { translator } from '~/i18n/translate';
import { kickDelivery } from '~/services/worker.server';
import { asFault, retryAfterHeaders } from '~/services/faults.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'staff.inboxTitle'), { name: 'robots', content: 'noindex' }];

function itemIdFrom(params: { id?: string }): number {
  const id = normalizeDigits(params.id ?? '');
  if (!/^\d{1,10}$/.test(id)) throw new Response('Not Found', { status: 404 });
  return Number(id);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'item:handle');
  const actor = { role: user.role, provinceId: user.provinceId };
  // The province scope is in the query: another province's item is simply not found.
  const item = findForStaff(db(), actor, itemIdFrom(params));
  if (!item) throw new Response('Not Found', { status: 404 });
  const provinces = listProvinces(db());
  const names = new Map(provinces.map((p) => [p.id, { nameFa: p.nameFa, nameEn: p.nameEn }]));
  const center = centerOfItem(db(), item.centerId);
  const actions = availableActions({ state: item.state as ItemState, ownerProvinceId: item.ownerProvinceId, answeredAt: item.answeredAt }, actor).filter(
    (a): a is (typeof STAFF_ACTIONS)[number] => (STAFF_ACTIONS as readonly string[]).includes(a),
  );
  const assignable = queueStaff(db(), item.ownerProvinceId);
  const canned = repliesFor(db(), item.ownerProvinceId);
  // ?canned=ID starts the reply forms from that text, filled in for this item in the citizen's language.
  const chosen = canned.find((reply) => String(reply.id) === normalizeDigits(new URL(request.url).searchParams.get('canned') ?? ''));
  const citizenLocale = isLocale(item.locale) ? item.locale : 'fa';
  const ownerNames = item.ownerProvinceId ? names.get(item.ownerProvinceId) : undefined;
  const prefill = chosen
    ? fillPlaceholders(chosen.body, {
        code: groupTrackingCode(item.trackingCode),
        centre: center ? (citizenLocale === 'fa' ? center.nameFa : center.nameEn) : '',
        province: ownerNames ? (citizenLocale === 'fa' ? ownerNames.nameFa : ownerNames.nameEn) : translator(citizenLocale)('province.national'),
        kind: translator(citizenLocale)(`kind.${item.kind}`),
      })
    : null;
  const similar = isOpen(item.state as ItemState) && !item.duplicateOfItemId
    ? similarOpenItems(db(), actor, { text: `${item.subject} ${item.body}`, centerId: item.centerId, ownerProvinceId: item.ownerProvinceId, excludeId: item.id })
    : [];
  return json({
    user,
    organizations: actions.includes('redirect') ? listOrganizations(db(), { activeOnly: true }) : [],
    similar,
    links: duplicateLinks(db(), item),
    item: {
      id: item.id,
      version: item.version,
      trackingCode: item.trackingCode,
      kind: item.kind,
      area: item.area,
      state: item.state,
      channel: item.channel,
      subject: item.subject,
      body: item.body,
      createdAt: item.createdAt,
      anonymous: item.anonymous,
      contactErased: item.contactErasedAt !== null,
      // Contact data is masked (DESIGN §7); revealing it is a separate, audited action.
      mobileMasked: item.mobile ? maskMobile(item.mobile) : null,
      firstResponseDueAt: item.firstResponseDueAt,
      answerDueAt: item.answerDueAt,
      escalationLevel: item.escalationLevel,
      ownerProvinceId: item.ownerProvinceId,
      center: center ? { nameFa: center.nameFa, nameEn: center.nameEn } : null,
      assignedStaffId: item.assignedStaffId,
      assigneeName: assignable.find((s) => s.id === item.assignedStaffId)?.displayName ?? null,
      hasContact: Boolean(item.mobile || item.email || item.name || item.nationalCode),
    },
    assignable,
    canned: canned.map((reply) => ({ id: reply.id, title: reply.title })),
    chosenCanned: chosen?.id ?? null,
    prefill,
    canReveal: hasPermission(user.role, 'contact:reveal'),
    owner: item.ownerProvinceId ? names.get(item.ownerProvinceId) ?? null : null,
    attachments: listAttachments(db(), item.id),
    timeline: fullTimeline(db(), item.id).map((e) => ({ ...e, owner: e.ownerProvinceId ? names.get(e.ownerProvinceId) ?? null : null })),
    actions,
    provinces: provinces.map((p) => ({ id: p.id, nameFa: p.nameFa, nameEn: p.nameEn })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, 'item:handle');
  const formData = await readFormData(request);
  assertCsrf(staff, formData);
  const itemId = itemIdFrom(params);
  const values = formValues(formData);
  const actor = { role: staff.user.role, provinceId: staff.user.provinceId };
  if (values.intent === 'reveal_contact') {
    if (!hasPermission(staff.user.role, 'contact:reveal')) throw new Response('Not Found', { status: 404 });
    const revealed = revealContact(db(), { ...actor, staffId: staff.user.id }, itemId);
    if (!revealed) throw new Response('Not Found', { status: 404 });
    return json({ intent: 'reveal_contact', revealed, errors: {} as Record<string, string>, values: {} as Record<string, string> });
  }
  const parsed = staffActionSchema.safeParse(values);
  if (!parsed.success) return json({ intent: values.intent ?? '', errors: fieldErrors(parsed.error), values }, { status: 400 });
  const { action: workflowAction, originalCode, ...fields } = parsed.data;
  // The original is named by its tracking code; it must be an item this user may see (else it is simply unknown).
  const original = originalCode ? findByTrackingCode(db(), originalCode) : undefined;
  const input = { ...fields, originalItemId: original && canReachItem(actor, original.ownerProvinceId) ? original.id : originalCode ? -1 : undefined };
  const refuse = (reason: string) => {
    if (reason === 'not_found') throw new Response('Not Found', { status: 404 });
    const key = refusalMessage(reason);
    return json({ intent: workflowAction, errors: { [key.field]: key.message } as Record<string, string>, values }, { status: reason === 'stale' ? 409 : 400 });
  };
  const actorWithId = { ...actor, staffId: staff.user.id };
  if (values.preview) {
    // What the citizen would receive, after the same checks as the real action; nothing is saved.
    const preview = previewTransition(db(), itemId, workflowAction, actorWithId, input);
    if (preview.ok) return json({ intent: workflowAction, preview: preview.text ?? '', errors: {} as Record<string, string>, values });
    return refuse(preview.reason);
  }
  let result: ReturnType<typeof transition>;
  try {
    result = transition(db(), itemId, workflowAction, actorWithId, input);
  } catch (error) {
    // Database locked or disk full: nothing was changed; the officer's reply or note comes back as typed.
    if (!asFault(error)) throw error;
    return json({ intent: workflowAction, errors: { form: 'errors.service_busy' } as Record<string, string>, values }, { status: 503, headers: retryAfterHeaders() });
  }
  if (!result.ok) return refuse(result.reason);
  kickDelivery();
  // Still visible to this user? (After a transfer away it is not: back to the inbox.)
  const stillOurs = canReachItem(actor, result.item.ownerProvinceId);
  return redirect(stillOurs ? `/staff/items/${itemId}?saved=${workflowAction}` : '/staff/inbox');
}

function refusalMessage(reason: string): { field: string; message: string } {
  switch (reason) {
    case 'public_message_required':
      return { field: 'publicMessage', message: 'errors.message_required' };
    case 'internal_note_required':
      return { field: 'internalNote', message: 'errors.message_required' };
    case 'target_required':
    case 'same_owner':
      return { field: 'targetOwner', message: 'errors.invalid_choice' };
    case 'assignee_required':
      return { field: 'assignee', message: 'errors.invalid_choice' };
    case 'organization_required':
      return { field: 'organization', message: 'redirect.orgRequired' };
    case 'classification_unchanged':
      return { field: 'area', message: 'classify.unchanged' };
    case 'original_required':
      return { field: 'original', message: 'duplicates.originalInvalid' };
    case 'stale':
      return { field: 'form', message: 'errors.stale' };
    default:
      return { field: 'form', message: 'errors.not_allowed' };
  }
}

export default function StaffItem() {
  const { item, owner, attachments, timeline, actions, provinces, assignable, canned, chosenCanned, prefill, canReveal, organizations, similar, links } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // The full contact data comes only from the audited reveal action, never from the loader.
  const revealed = (actionData as { revealed?: RevealedContact } | undefined)?.revealed ?? null;
  const [searchParams] = useSearchParams();
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const ownerName = useOwnerName();
  const saved = searchParams.get('saved');
  return (
    <div className="page">
      <h1>
        {t('staff.itemTitle')} <TrackingCode code={item.trackingCode} locale={locale} large={false} testId={false} />
      </h1>
      <FormNotices saved={saved && !actionData ? t('staff.saved') : null} error={actionData?.errors.form ? t(actionData.errors.form) : null} />
      <div className="card">
        <dl className="facts">
          <dt>{t('staff.status')}</dt>
          <dd>
            <StatusBadge state={item.state} />
          </dd>
          <dt>{t('track.handledBy')}</dt>
          <dd>{ownerName(owner)}</dd>
          <dt>{t('staff.kind')}</dt>
          <dd>{t(`kind.${item.kind}`)}</dd>
          <dt>{t('staff.center')}</dt>
          <dd>{item.center ? (locale === 'fa' ? item.center.nameFa : item.center.nameEn) : '—'}</dd>
          <dt>{t('staff.received')}</dt>
          <dd>
            {formatDateTime(new Date(item.createdAt), locale)} · {t(`channel.${item.channel}`)}
          </dd>
          {item.firstResponseDueAt ? (
            <>
              <dt>{t('staff.firstResponseDue')}</dt>
              <dd>{formatDeadline(new Date(item.firstResponseDueAt), locale)}</dd>
            </>
          ) : null}
          {item.answerDueAt ? (
            <>
              <dt>{t('staff.answerDue')}</dt>
              <dd>
                {formatDeadline(new Date(item.answerDueAt), locale)}
                {item.escalationLevel > 0 ? (
                  <>
                    {' '}
                    <span className="badge-overdue">{t('staff.overdue')}</span>
                  </>
                ) : null}
              </dd>
            </>
          ) : null}
          <dt>{t('staff.assignee')}</dt>
          <dd>{item.assigneeName ?? t('staff.unassigned')}</dd>
          <dt>{t('staff.contact')}</dt>
          <dd>
            {revealed ? (
              <dl className="facts" data-testid="revealed-contact">
                {revealed.name ? (
                  <>
                    <dt>{t('feedback.name')}</dt>
                    <dd>{revealed.name}</dd>
                  </>
                ) : null}
                {revealed.mobile ? (
                  <>
                    <dt>{t('feedback.mobile')}</dt>
                    <dd>
                      <a href={`tel:${revealed.mobile}`}>
                        <PhoneNumber value={mobileToLocal(revealed.mobile)} />
                      </a>
                    </dd>
                  </>
                ) : null}
                {revealed.email ? (
                  <>
                    <dt>{t('feedback.email')}</dt>
                    <dd dir="ltr">{revealed.email}</dd>
                  </>
                ) : null}
                {revealed.nationalCode ? (
                  <>
                    <dt>{t('feedback.nationalCode')}</dt>
                    <dd dir="ltr">{revealed.nationalCode}</dd>
                  </>
                ) : null}
              </dl>
            ) : (
              <>
                <span data-testid="contact-masked">
                  {item.anonymous ? t('staff.anonymous') : item.contactErased ? t('staff.contactErased') : item.mobileMasked ? <PhoneNumber value={item.mobileMasked} /> : '—'}
                </span>
                {canReveal && item.hasContact ? (
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="reveal_contact" />
                    <button type="submit" className="secondary small-button">
                      {t('staff.reveal')}
                    </button>
                  </Form>
                ) : null}
              </>
            )}
          </dd>
        </dl>
        <h2>{t('staff.citizenText')}</h2>
        {item.subject ? (
          <p dir="auto">
            <strong className="prewrap">{item.subject}</strong>
          </p>
        ) : null}
        <p className="prewrap" dir="auto">
          {item.body}
        </p>
        {attachments.length > 0 ? (
          <ul className="attachments">
            {attachments.map((a) => (
              <li key={a.id}>
                <a href={`/staff/items/${item.id}/attachments/${a.id}`} download>
                  {a.originalName}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </div>

      {links.original || links.duplicates.length > 0 || similar.length > 0 ? (
        <section className="card" aria-labelledby="duplicates-title" data-testid="duplicates">
          <h2 id="duplicates-title">{t('duplicates.title')}</h2>
          {links.original ? (
            <p>
              {t('duplicates.isDuplicateOf')}{' '}
              <a href={`/staff/items/${links.original.id}`}>
                <TrackingCode code={links.original.trackingCode} locale={locale} large={false} testId={false} />
              </a>
            </p>
          ) : null}
          {links.duplicates.length > 0 ? (
            <p>
              {t('duplicates.hasDuplicates')}{' '}
              {links.duplicates.map((d, i) => (
                <span key={d.id}>
                  {i > 0 ? '، ' : ''}
                  <a href={`/staff/items/${d.id}`}>
                    <TrackingCode code={d.trackingCode} locale={locale} large={false} testId={false} />
                  </a>
                </span>
              ))}
            </p>
          ) : null}
          {similar.length > 0 ? (
            <>
              <p className="muted">{t('duplicates.similarIntro')}</p>
              <ul className="similar-list">
                {similar.map((other) => (
                  <li key={other.id} data-code={other.trackingCode}>
                    <a href={`/staff/items/${other.id}`}>
                      <TrackingCode code={other.trackingCode} locale={locale} large={false} testId={false} />
                    </a>{' '}
                    <span className="muted small">
                      {t(`kind.${other.kind}`)} · {t(`status.${other.state}`)} · {formatDateTime(new Date(other.createdAt), locale)}
                    </span>
                    <div className="message" dir="auto">
                      {other.excerpt}
                    </div>
                    {actions.includes('mark_duplicate') ? (
                      <Form method="post" className="inline-form">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="mark_duplicate" />
                        <input type="hidden" name="version" value={item.version} />
                        <input type="hidden" name="original" value={other.trackingCode} />
                        <button type="submit" className="secondary small-button">
                          {t('duplicates.markAsDuplicateOf', { code: trackingCodeInText(other.trackingCode, locale) })}
                        </button>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      <section className="card" aria-labelledby="actions-title">
        <h2 id="actions-title">{t('staff.actions')}</h2>
        {actions.length === 0 ? <p>{t('staff.noActions')}</p> : null}
        {canned.length > 0 && actions.some((name) => TRANSITIONS[name].requires.includes('publicMessage')) ? (
          <Form method="get" className="inline-form canned-picker">
            <label htmlFor="canned">{t('staff.cannedPick')}</label>
            <select id="canned" name="canned" defaultValue={chosenCanned ?? ''}>
              <option value="">—</option>
              {canned.map((reply) => (
                <option key={reply.id} value={reply.id}>
                  {reply.title}
                </option>
              ))}
            </select>
            <button type="submit" className="secondary">
              {t('staff.cannedUse')}
            </button>
          </Form>
        ) : null}
        <div className="actions-grid">
          {actions.map((name) => (
            <ActionForm
              key={`${name}-${chosenCanned ?? ''}`}
              prefill={prefill}
              assignable={assignable}
              assignedStaffId={item.assignedStaffId}
              preview={actionData?.intent === name ? (actionData as { preview?: string }).preview ?? null : null}
              name={name}
             
              version={item.version}
              ownerProvinceId={item.ownerProvinceId}
              provinces={provinces}
              errors={actionData?.intent === name ? actionData.errors : undefined}
              values={actionData?.intent === name ? (actionData.values as Record<string, string>) : undefined}
              organizations={organizations}
              current={{ area: item.area, kind: item.kind }}
            />
          ))}
        </div>
      </section>

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t('staff.timeline')}</h2>
        <ol className="timeline">
          {timeline.map((event) => (
            <li key={event.id}>
              <strong>{t(`action.${event.action}`, { owner: ownerName(event.owner) })}</strong>{' '}
              <span className="muted small">
                {event.actorType === 'staff' ? t('staff.by', { name: event.actorName ?? '' }) : event.actorType === 'citizen' ? t('staff.citizen') : t('staff.system')}
                {event.via ? ` — ${t(`via.${event.via}`)}${event.actorName ? ` (${event.actorName})` : ''}` : ''}
              </span>
              <time dateTime={new Date(event.at).toISOString()}>{formatDateTime(new Date(event.at), locale)}</time>
              {event.publicMessage ? (
                <div className="message" dir="auto">
                  {event.publicMessage}
                </div>
              ) : null}
              {event.internalNote ? (
                <div className="message internal" dir={event.action === 'escalate' ? undefined : 'auto'}>
                  {event.action === 'escalate' ? t(`escalation.${event.internalNote}`) : event.internalNote}</div>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function ActionForm({
  name,
  version,
  ownerProvinceId,
  provinces,
  errors,
  values,
  prefill,
  assignable,
  assignedStaffId,
  preview,
  organizations,
  current,
}: {
  organizations: { id: number; nameFa: string; nameEn: string; phone: string }[];
  /** The item's area and kind now, the classification form's starting values. */
  current: { area: string | null; kind: string };
  prefill: string | null;
  assignable: { id: number; displayName: string }[];
  assignedStaffId: number | null;
  /** The citizen's message as it would go out; '' when nobody can be reached. */
  preview: string | null;
  name: WorkflowAction;
  version: number;
  ownerProvinceId: string | null;
  provinces: { id: string; nameFa: string; nameEn: string }[];
  errors?: Record<string, string>;
  values?: Record<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const rule = TRANSITIONS[name];
  const needsPublic = rule.requires.includes('publicMessage');
  const needsNote = rule.requires.includes('internalNote');
  const needsTarget = rule.requires.includes('targetOwner');
  const needsAssignee = rule.requires.includes('assignee');
  const needsOrganization = rule.requires.includes('organization');
  const needsClassification = rule.requires.includes('classification');
  const needsOriginal = rule.requires.includes('original');
  const id = (field: string) => `${name}-${field}`;
  const fa = i18n.language !== 'en';
  return (
    <Form method="post" className="action-form" aria-label={t(`action.${name}`, { owner: '' })}>
      <CsrfInput />
      <input type="hidden" name="intent" value={name} />
      <input type="hidden" name="version" value={version} />
      {needsTarget ? (
        <div className="field">
          <label htmlFor={id('targetOwner')}>{t('province.label')}</label>
          {errors?.targetOwner ? <span className="field-error">{t(errors.targetOwner)}</span> : null}
          <select id={id('targetOwner')} name="targetOwner" defaultValue={values?.targetOwner ?? ''}>
            <option value="">—</option>
            {ownerProvinceId !== null ? <option value={NATIONAL_OWNER}>{t('province.national')}</option> : null}
            {provinces
              .filter((p) => p.id !== ownerProvinceId)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {i18n.language === 'en' ? p.nameEn : p.nameFa}
                </option>
              ))}
          </select>
        </div>
      ) : null}
      {needsAssignee ? (
        <div className="field">
          <label htmlFor={id('assignee')}>{t('staff.assignee')}</label>
          {errors?.assignee ? <span className="field-error">{t(errors.assignee)}</span> : null}
          <select id={id('assignee')} name="assignee" defaultValue={values?.assignee ?? (assignedStaffId ? String(assignedStaffId) : UNASSIGNED)}>
            <option value={UNASSIGNED}>{t('staff.unassigned')}</option>
            {assignable.map((person) => (
              <option key={person.id} value={person.id}>
                {person.displayName}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {needsOrganization ? (
        <div className="field">
          <label htmlFor={id('organization')}>{t('redirect.organization')}</label>
          <span className="hint" id={id('organization-hint')}>
            {t('redirect.organizationHint')}
          </span>
          {errors?.organization ? <span className="field-error">{t(errors.organization)}</span> : null}
          <select id={id('organization')} name="organization" defaultValue={values?.organization ?? ''} aria-describedby={id('organization-hint')} aria-invalid={errors?.organization ? true : undefined}>
            <option value="">—</option>
            {organizations.map((org) => (
              <option key={org.id} value={org.id}>
                {fa ? org.nameFa : org.nameEn}
                {org.phone ? ` (${org.phone})` : ''}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {needsClassification ? (
        <>
          <div className="field">
            <label htmlFor={id('area')}>{t('area.label')}</label>
            {errors?.area ? <span className="field-error">{t(errors.area)}</span> : null}
            <select id={id('area')} name="area" defaultValue={values?.area ?? current.area ?? AREA_UNKNOWN} aria-invalid={errors?.area ? true : undefined}>
              <AreaOptions />
            </select>
          </div>
          <div className="field">
            <label htmlFor={id('kind')}>{t('staff.kind')}</label>
            {errors?.kind ? <span className="field-error">{t(errors.kind)}</span> : null}
            <select id={id('kind')} name="kind" defaultValue={values?.kind ?? current.kind}>
              {ITEM_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`kind.${kind}`)}
                </option>
              ))}
            </select>
          </div>
        </>
      ) : null}
      {needsOriginal ? (
        <div className="field">
          <label htmlFor={id('original')}>{t('duplicates.originalCode')}</label>
          <span className="hint" id={id('original-hint')}>
            {t('duplicates.originalHint')}
          </span>
          {errors?.original ? <span className="field-error">{t(errors.original)}</span> : null}
          <input
            id={id('original')}
            name="original"
            inputMode="numeric"
            dir="ltr"
            defaultValue={values?.original ?? ''}
            aria-describedby={id('original-hint')}
            aria-invalid={errors?.original ? true : undefined}
          />
        </div>
      ) : null}
      {needsPublic ? (
        <div className="field">
          <label htmlFor={id('publicMessage')}>{t('staff.publicMessage')}</label>
          {errors?.publicMessage ? <span className="field-error">{t(errors.publicMessage)}</span> : null}
          <textarea
            id={id('publicMessage')}
            name="publicMessage"
            rows={4}
            defaultValue={values?.publicMessage ?? prefill ?? undefined}
            aria-invalid={errors?.publicMessage ? true : undefined}
          />
        </div>
      ) : null}
      {preview !== null ? (
        <div className="preview" role="status">
          <strong>{t('staff.previewTitle')}</strong>
          <div className="message prewrap" dir={preview ? 'auto' : undefined}>
            {preview || t('staff.previewNobody')}
          </div>
        </div>
      ) : null}
      {needsNote ? (
        <div className="field">
          <label htmlFor={id('internalNote')}>{t('staff.internalNote')}</label>
          {errors?.internalNote ? <span className="field-error">{t(errors.internalNote)}</span> : null}
          <textarea id={id('internalNote')} name="internalNote" rows={3} defaultValue={values?.internalNote} aria-invalid={errors?.internalNote ? true : undefined} />
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className={needsPublic || needsNote || needsTarget || needsAssignee || needsOrganization || needsClassification || needsOriginal ? undefined : 'secondary'}>
          {t(`action.${name}`, { owner: t('province.label') })}
        </button>
        {rule.isPublic ? (
          <button type="submit" name="preview" value="1" className="secondary">
            {t('staff.preview')}
          </button>
        ) : null}
      </div>
    </Form>
  );
}
