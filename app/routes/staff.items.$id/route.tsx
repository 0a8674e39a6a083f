import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { readFormData } from '~/platform/http.server';
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormNotices, useFormReply } from '~/components/form';
import { assertCsrf, requireStaff } from '~/sessions/staff.server';
import { hasPermission } from '~/domain/permissions';
import { TrackingCode } from '~/components/tracking-code';
import { ActionsSection } from '~/routes/staff.items.$id/actions';
import { DuplicatesSection } from '~/routes/staff.items.$id/duplicates';
import { ItemRecord } from '~/routes/staff.items.$id/item-record';
import { Timeline } from '~/routes/staff.items.$id/timeline';
import { db } from '~/platform/db.server';
import { parseForm, replyTo, sentValues, type FieldErrors } from '~/domain/forms';
import { staffActionSchema } from '~/domain/staff-action-schema';
import { canReachItem } from '~/domain/workflow';
import { itemIdFrom, itemPageData } from '~/routes/staff.items.$id/data.server';
import { pageTitle } from '~/i18n/meta';
import { revealContact, type RevealedContact } from '~/models/contact.server';
import { findByTrackingCode } from '~/models/items.server';
import { previewTransition, refusalMessage, transition, type ActionRefusal } from '~/services/workflow.server';
import { asFault, retryAfterHeaders } from '~/services/faults.server';

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
  if (parsed.status !== 'success') return json({ intent: values.intent ?? '', ...replyTo(parsed) }, { status: 400 });
  const { action: workflowAction, originalCode, ...fields } = parsed.value;
  // The original is named by its tracking code; it must be an item this user may see (else it is simply unknown).
  const original = originalCode ? findByTrackingCode(db(), originalCode) : undefined;
  const input = { ...fields, originalItemId: original && canReachItem(actor, original.ownerProvinceId) ? original.id : originalCode ? -1 : undefined };
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
  let result: ReturnType<typeof transition>;
  try {
    result = transition(db(), itemId, workflowAction, actorWithId, input);
  } catch (error) {
    // Database locked or disk full: nothing was changed; the officer's reply or note comes back as typed.
    if (!asFault(error)) throw error;
    return json({ intent: workflowAction, ...replyTo(parsed, { form: 'errors.service_busy' }) }, { status: 503, headers: retryAfterHeaders() });
  }
  if (!result.ok) return refuse(result.reason);
  // Still visible to this user? (After a transfer away it is not: back to the inbox.)
  const stillOurs = canReachItem(actor, result.item.ownerProvinceId);
  return redirect(stillOurs ? `/staff/items/${itemId}?saved=${workflowAction}` : '/staff/inbox');
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
  const saved = searchParams.get('saved');
  // The answer of the form posted last (its errors, what was typed), for that action's form and the page's notice.
  const answer = useFormReply(actionData);
  return (
    <div className="page">
      <h1>
        {t('staff.itemTitle')} <TrackingCode code={item.trackingCode} locale={locale} large={false} testId={false} />
      </h1>
      <FormNotices saved={saved && !actionData ? t('staff.saved') : null} error={answer.errors?.form ? t(answer.errors.form) : null} />
      <ItemRecord item={item} owner={owner} attachments={attachments} revealed={revealed} canReveal={canReveal} />

      <DuplicatesSection item={item} links={links} similar={similar} actions={actions} />

      <ActionsSection
        item={item}
        actions={actions}
        canned={canned}
        chosenCanned={chosenCanned}
        prefill={prefill}
        assignable={assignable}
        provinces={provinces}
        organizations={organizations}
        actionData={actionData ? { intent: actionData.intent, preview: (actionData as { preview?: string }).preview, errors: answer.errors ?? {}, values: answer.values } : undefined}
      />

      <Timeline timeline={timeline} />
    </div>
  );
}
