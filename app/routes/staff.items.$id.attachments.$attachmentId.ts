import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireStaff } from '~/sessions/staff.server';
import { db } from '~/platform/db.server';
import { normalizeDigits } from '~/domain/persian';
import { readAttachment } from '~/models/attachments.server';
import { findForStaff } from '~/models/items.server';
import { attachmentResponse } from '~/services/attachment-response.server';
import { invariantResponse } from '~/platform/invariant.server';

/** An attachment for staff who may see the item (the province scope is in the item query). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'item:handle');
  const itemId = normalizeDigits(params.id ?? '');
  const attachmentId = normalizeDigits(params.attachmentId ?? '');
  invariantResponse(/^\d{1,10}$/.test(itemId) && /^\d{1,10}$/.test(attachmentId));
  const item = findForStaff(db(), { role: user.role, provinceId: user.provinceId }, Number(itemId));
  const file = item ? await readAttachment(db(), item.id, Number(attachmentId)) : null;
  invariantResponse(file);
  return attachmentResponse(file.bytes, file.row.mimeType, file.row.originalName);
}
