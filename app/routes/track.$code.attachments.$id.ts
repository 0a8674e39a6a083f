import type { LoaderFunctionArgs } from '@remix-run/node';
import { unlockedCodes } from '~/sessions/citizen.server';
import { db } from '~/platform/db.server';
import { normalizeDigits } from '~/domain/persian';
import { readAttachment } from '~/models/attachments.server';
import { findByTrackingCode } from '~/models/items.server';
import { attachmentResponse } from '~/services/attachment-response.server';

/** A citizen's own attachment: only in the browser that unlocked the item with code + mobile. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = normalizeDigits(params.code ?? '');
  const id = normalizeDigits(params.id ?? '');
  const item = (await unlockedCodes(request)).includes(code) ? findByTrackingCode(db(), code) : undefined;
  const file = item && /^\d{1,10}$/.test(id) ? await readAttachment(db(), item.id, Number(id)) : null;
  if (!file) throw new Response('Not Found', { status: 404 });
  return attachmentResponse(file.bytes, file.row.mimeType, file.row.originalName);
}
