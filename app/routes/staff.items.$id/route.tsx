import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { readFormData } from '~/platform/http.server';
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormNotices, useFormReply } from '~/components/form';
import { assertCsrf, requireStaff } from '~/sessions/staff.server';
import type { WorkflowActor } from '~/domain/workflow';
import { hasPermission } from '~/domain/permissions';
import { TrackingCode } from '~/components/tracking-code';
import { ActionsSection } from '~/routes/staff.items.$id/actions';
import { DuplicatesSection } from '~/routes/staff.items.$id/duplicates';
import { PrioritySection } from '~/routes/staff.items.$id/priority';
import { MessageLog } from '~/routes/staff.items.$id/message-log';
import { ItemRecord } from '~/routes/staff.items.$id/item-record';
import { Timeline } from '~/routes/staff.items.$id/timeline';
import { db } from '~/platform/db.server';
import { parseForm, replyTo, sentValues, type FieldErrors } from '~/domain/forms';
import { staffActionSchema } from '~/domain/staff-action-schema';
import { canReachItem } from '~/domain/workflow';
import { itemIdFrom, itemPageData } from '~/routes/staff.items.$id/data.server';
import { pageTitle } from '~/i18n/meta';
import { revealContact, type RevealedContact } from '~/models/contact.server';
import { findByTrackingCode, findForStaff } from '~/models/items.server';
import { messageLogForItem } from '~/models/outbox.server';
import { deliveryState, needsConfirmation } from '~/domain/item-page';
import { normalizeDigits } from '~/domain/persian';
import { previewTransition, refusalMessage, resendMessages, transition, updateCommunicationNeeds, type ActionRefusal } from '~/services/workflow.server';
import { needsEditSchema } from '~/domain/carers';
import { NeedsSection } from '~/routes/staff.items.$id/needs';
import { asFault, retryAfterHeaders } from '~/services/faults.server';
import { SafeguardingMark, SafeguardingSection } from './safeguarding';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'staff.inboxTitle'), { name: 'robots', content: 'noindex' }];

export function loader(args: LoaderFunctionArgs) {
  return itemPageData(args);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, 'item:handle');
  const formData = await readFormData(request);
  assertCsrf(staff, formData);
  const itemId = itemIdFrom(params);
  const parsed = parseForm(formData, staffActionSchema);
  // What was sent, as strings, for what the schema does not decide: the intent of a refused form, a preview.
  const values = sentValues(parsed);
  const actor = { role: staff.user.role, provinceId: staff.user.provinceId };
  if (values.intent === 'reveal_contact') {
    if (!hasPermission(staff.user.role, 'contact:reveal')) throw new Response('Not Found', { status: 404 });
    const revealed = revealContact(db(), { ...actor, staffId: staff.user.id }, itemId);
    if (!revealed) throw new Response('Not Found', { status: 404 });
    return json({ intent: 'reveal_contact', revealed, errors: {} as FieldErrors, values: {} as Record<string, string> });
  }
  if (values.intent === 'resend_message') return resendGivenUp(itemId, actor, values.message ?? '');
  if (values.intent === 'communication_needs') return saveNeeds(itemId, { ...actor, staffId: staff.user.id }, formData);
  if (parsed.status !== 'success') return json({ intent: values.intent ?? '', ...replyTo(parsed) }, { status: 400 });
  const { action: workflowAction, originalCode, ...fields } = parsed.value;
  // The original is named by its tracking code; it must be an item this user may see (else it is simply unknown).
  const original = originalCode ? findByTrackingCode(db(), originalCode) : undefined;
  const input = { ...fields, originalItemId: original && canReachItem(actor, original.ownerProvinceId, original.safeguarding) ? original.id : originalCode ? -1 : undefined };
  const refuse = (reason: ActionRefusal) => {
    if (reason === 'not_found') throw new Response('Not Found', { status: 404 });
    const key = refusalMessage(workflowAction, actor, reason);
    return json({ intent: workflowAction, ...replyTo(parsed, { [key.field]: key.message }) }, { status: reason === 'stale' ? 409 : 400 });
  };
  const actorWithId = { ...actor, staffId: staff.user.id };
  if (values.preview) {
    // What the citizen would receive, after the same checks as the real action; nothing is saved.
    const preview = previewTransition(db(), itemId, workflowAction, actorWithId, input);
    // No errors, and what was typed, so the form still holds it beside the preview.
    if (preview.ok) return json({ intent: workflowAction, preview: preview.text ?? '', ...replyTo(parsed) });
    return refuse(preview.reason);
  }
  if (needsConfirmation(workflowAction) && values.confirm !== '1') {
    // "Back" from the confirmation step: the form again, as it was typed.
    if (values.edit) return json({ intent: workflowAction, ...replyTo(parsed) });
    // The second step (docs: issue 24): the same checks as the action, the exact message, nothing saved yet.
    const step = previewTransition(db(), itemId, workflowAction, actorWithId, input);
    if (step.ok) return json({ intent: workflowAction, confirm: true, preview: step.text ?? '', ...replyTo(parsed) });
    return refuse(step.reason);
  }
  let result: ReturnType<typeof transition>;
  try {
    result = transition(db(), itemId, workflowAction, actorWithId, input);
  } catch (error) {
    // Database locked or disk full: nothing was changed; the officer's reply or note comes back as typed.
    if (!asFault(error)) throw error;
    return json({ intent: workflowAction, ...replyTo(parsed, { form: 'errors.service_busy' }) }, { status: 503, headers: retryAfterHeaders() });
  }
  if (!result.ok) return refuse(result.reason);
  // Still visible to this user? (After a transfer away it is not, nor after an officer marks it safeguarding.)
  const stillOurs = canReachItem(actor, result.item.ownerProvinceId, result.item.safeguarding);
  if (stillOurs) return redirect(`/staff/items/${itemId}?saved=${workflowAction}`);
  // The inbox it lands on says why the item is gone from view.
  return redirect(workflowAction === 'set_safeguarding' ? '/staff/inbox?safeguarded=1' : '/staff/inbox?transferred=1');
}

/**
 * A message given up on, back in the queue (the door's `resendMessages`). Only a message of this item that staff
 * may act on (the province scope: another province's item is not found), only one that was given up on, and never
 * one whose address retention has erased.
 */
function resendGivenUp(itemId: number, actor: WorkflowActor, typed: string) {
  const item = findForStaff(db(), actor, itemId);
  if (!item) throw new Response('Not Found', { status: 404 });
  const id = normalizeDigits(typed);
  const message = /^\d{1,12}$/.test(id) ? messageLogForItem(db(), item.id).find((m) => m.id === Number(id)) : undefined;
  const refused = () => json({ intent: 'resend_message', errors: { form: 'itemPage.messages.notResendable' } as FieldErrors, values: {} as Record<string, string> }, { status: 400 });
  if (!message || deliveryState(message) !== 'given_up' || message.erased) return refused();
  if (resendMessages(db(), [message.id]) === 0) return refused();
  return redirect(`/staff/items/${item.id}?saved=resend_message`);
}

/** The item's communication needs, changed by its staff (issue 22): the same rules as the forms, audited. */
function saveNeeds(itemId: number, actor: WorkflowActor & { staffId: number }, formData: FormData) {
  const item = findForStaff(db(), actor, itemId);
  if (!item) throw new Response('Not Found', { status: 404 });
  // The carer's mobile never reaches the page: an empty box keeps the one on file while a contact person stays.
  if (!String(formData.get('contactMobile') ?? '').trim() && String(formData.get('contactName') ?? '').trim() && item.contactMobile) {
    formData.set('contactMobile', item.contactMobile);
  }
  const parsed = parseForm(formData, needsEditSchema);
  const hide = ['contactMobile'];
  if (parsed.status !== 'success') return json({ intent: 'communication_needs', ...replyTo(parsed, undefined, { hide }) }, { status: 400 });
  const result = updateCommunicationNeeds(db(), itemId, actor, parsed.value.needs, parsed.value.version);
  if (!result.ok) {
    if (result.reason === 'not_found') throw new Response('Not Found', { status: 404 });
    const message = result.reason === 'stale' ? 'errors.stale' : 'errors.not_allowed';
    return json({ intent: 'communication_needs', ...replyTo(parsed, { form: message }, { hide }) }, { status: result.reason === 'stale' ? 409 : 400 });
  }
  return redirect(`/staff/items/${itemId}?saved=communication_needs`);
}

export default function StaffItem() {
  const { user, item, owner, attachments, timeline, actions, provinces, assignable, canned, chosenCanned, prefill, canReveal, organizations, similar, links, messages, primary } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // The full contact data comes only from the audited reveal action, never from the loader.
  const revealed = (actionData as { revealed?: RevealedContact } | undefined)?.revealed ?? null;
  const [searchParams] = useSearchParams();
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const saved = searchParams.get('saved');
  // The answer of the form posted last (its errors, what was typed), for that action's form and the page's notice.
  const answer = useFormReply(actionData);
  const resendRefused = actionData?.intent === 'resend_message' ? answer.errors?.form ?? null : null;
  const formError = actionData?.intent !== 'resend_message' && answer.errors?.form ? t(answer.errors.form) : null;
  return (
    <div className="page item-page">
      <h1>
        {t('staff.itemTitle')} <TrackingCode code={item.trackingCode} locale={locale} large={false} testId={false} />
      </h1>
      {/* The story comes first; the keyboard can jump straight to the actions. */}
      {actions.length > 0 ? (
        <p className="skip-to-actions">
          <a href="#actions">{t('itemPage.skipToActions')}</a>
        </p>
      ) : null}
      <FormNotices saved={saved && !actionData ? t([`itemPage.saved.${saved}`, `safeguarding.saved.${saved}`, 'staff.saved']) : null} error={formError} />
      <SafeguardingMark item={item} />
      <ItemRecord item={item} owner={owner} attachments={attachments} revealed={revealed} canReveal={canReveal} />
      <NeedsSection item={item} reply={actionData?.intent === 'communication_needs' ? { errors: answer.errors ?? {}, values: answer.values ?? {} } : undefined} />

      <Timeline timeline={timeline} />

      <MessageLog messages={messages} error={resendRefused} />

      <DuplicatesSection item={item} links={links} similar={similar} actions={actions} />

      <PrioritySection
        item={item}
        canChange={actions.includes('set_priority')}
        answer={actionData?.intent === 'set_priority' ? { errors: answer.errors ?? {}, values: answer.values } : undefined}
      />

      <SafeguardingSection
        item={item}
        role={user.role}
        offered={actions.includes('set_safeguarding')}
        errors={actionData?.intent === 'set_safeguarding' ? answer.errors : undefined}
        values={actionData?.intent === 'set_safeguarding' ? answer.values : undefined}
      />

      <ActionsSection
        item={item}
        // The priority and the safeguarding mark have their own sections above.
        actions={actions.filter((name) => name !== 'set_priority' && name !== 'set_safeguarding')}
        primary={primary}
        canned={canned}
        chosenCanned={chosenCanned}
        prefill={prefill}
        assignable={assignable}
        provinces={provinces}
        organizations={organizations}
        actionData={
          actionData && actionData.intent !== 'resend_message' && actionData.intent !== 'communication_needs'
            ? {
                intent: actionData.intent,
                preview: (actionData as { preview?: string }).preview,
                confirm: (actionData as { confirm?: boolean }).confirm,
                errors: answer.errors ?? {},
                values: answer.values,
              }
            : undefined
        }
      />
    </div>
  );
}
