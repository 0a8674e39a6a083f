/** The bulk page's server side (/staff/inbox/bulk): read the form, confirm what reaches citizens, apply, summarise. */
import type { ActionFunctionArgs } from '@remix-run/node';
import { bulkSchema, needsConfirmation, type BulkAction } from '~/domain/bulk-actions';
import { parseForm, replyTo, sentValues, type FieldErrors } from '~/domain/forms';
import { TRANSITIONS } from '~/domain/workflow';
import { db } from '~/platform/db.server';
import { readFormData } from '~/platform/http.server';
import { listProvinces } from '~/models/catalog.server';
import { resolveInbox } from '~/models/inbox.server';
import { findForStaff } from '~/models/items.server';
import { applyBulk, previewBulk, type BulkPreview, type BulkSummary } from '~/services/bulk-actions.server';
import { asFault } from '~/services/faults.server';
import { assertCsrf, requireStaff, safeRedirect, type StaffContext } from '~/sessions/staff.server';
import type { BulkChoices } from './bulk-controls';

type Common = { returnTo: string; choices: BulkChoices; values: Record<string, string> };
export type BulkAnswer =
  | (Common & { step: 'fix'; errors: FieldErrors; items: { id: number; version: number; trackingCode: string }[] })
  | (Common & { step: 'confirm'; action: BulkAction; preview: BulkPreview; items: string[] })
  | (Common & { step: 'summary'; action: BulkAction; summary: BulkSummary });

/** Back to the inbox list the officer came from (only an inbox address). */
function backTo(value: FormDataEntryValue | null): string {
  const to = safeRedirect(value, '/staff/inbox');
  return /^\/staff\/inbox(\?|$)/.test(to) ? to : '/staff/inbox';
}

function choicesFor(staff: StaffContext, returnTo: string): BulkChoices {
  const { user } = staff;
  const { assignees } = resolveInbox(db(), user, new URL(returnTo, 'http://x').searchParams);
  return {
    canAssign: TRANSITIONS.assign.roles.includes(user.role),
    assignees: [{ id: user.id, displayName: user.displayName }, ...assignees],
    provinces: listProvinces(db()).map((p) => ({ id: p.id, nameFa: p.nameFa, nameEn: p.nameEn })),
  };
}

export async function bulkAction({ request }: ActionFunctionArgs): Promise<{ status: number; answer: BulkAnswer }> {
  const staff = await requireStaff(request, 'item:handle');
  const formData = await readFormData(request);
  assertCsrf(staff, formData);
  const returnTo = backTo(formData.get('returnTo'));
  const choices = choicesFor(staff, returnTo);
  const actor = { role: staff.user.role, provinceId: staff.user.provinceId, staffId: staff.user.id };
  const parsed = parseForm(formData, bulkSchema, { repeated: ['item'] });
  const values = sentValues(parsed);
  delete values.confirm;
  if (parsed.status !== 'success') {
    // The selection again, as far as it is well formed and this user's to see (at most a page's worth of look-ups).
    const items = formData
      .getAll('item')
      .slice(0, 100)
      .flatMap((value) => {
        const match = typeof value === 'string' ? /^([1-9]\d{0,11})\.(\d{1,9})$/.exec(value) : null;
        const item = match ? findForStaff(db(), actor, Number(match[1])) : undefined;
        return item && match ? [{ id: item.id, version: Number(match[2]), trackingCode: item.trackingCode }] : [];
      });
    return { status: 400, answer: { step: 'fix', ...replyTo(parsed), values, items, choices, returnTo } };
  }
  const bulk = parsed.value;
  try {
    if (needsConfirmation(bulk.action) && !bulk.confirmed) {
      const preview = previewBulk(db(), actor, bulk);
      // Nothing could be done: no question to ask, only the reasons.
      if (preview.messages.length === 0) return { status: 200, answer: { step: 'summary', action: bulk.action, summary: { done: [], refused: preview.refused }, choices, values, returnTo } };
      const items = bulk.items.map((i) => `${i.id}.${i.version}`);
      return { status: 200, answer: { step: 'confirm', action: bulk.action, preview, items, choices, values, returnTo } };
    }
    return { status: 200, answer: { step: 'summary', action: bulk.action, summary: applyBulk(db(), actor, bulk), choices, values, returnTo } };
  } catch (error) {
    if (!asFault(error)) throw error;
    return { status: 503, answer: { step: 'fix', errors: { form: 'errors.service_busy' }, values, items: [], choices, returnTo } };
  }
}
