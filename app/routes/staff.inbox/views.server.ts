/** The inbox's post: save the list as a named view, or remove one of one's own (app/models/saved-views.server.ts). */
import type { ActionFunctionArgs } from '@remix-run/node';
import { deleteViewSchema, saveViewSchema } from '~/domain/saved-views';
import { parseForm, refusal, replyTo, sentValues, type FormReply } from '~/domain/forms';
import { parseInboxQuery, inboxHref } from '~/domain/inbox-query';
import { readFormData } from '~/platform/http.server';
import { db } from '~/platform/db.server';
import { deleteView, saveView } from '~/models/saved-views.server';
import { assertCsrf, requireStaff } from '~/sessions/staff.server';

export async function viewAction({ request }: ActionFunctionArgs): Promise<{ redirect: string; reply?: undefined } | { redirect?: undefined; reply: FormReply & { intent: string } }> {
  const staff = await requireStaff(request, 'inbox:read');
  const formData = await readFormData(request);
  assertCsrf(staff, formData);
  const intent = formData.get('intent');
  if (intent === 'delete') {
    const parsed = parseForm(formData, deleteViewSchema);
    // Someone else's view, or one already gone: nothing to remove, and nothing said about it.
    if (parsed.status === 'success') deleteView(db(), staff.user, parsed.value.id);
    return { redirect: '/staff/inbox?view_deleted=1' };
  }
  const parsed = parseForm(formData, saveViewSchema);
  if (parsed.status !== 'success') return { reply: { intent: 'save', ...replyTo(parsed, undefined, { keep: ['name'] }) } };
  // Kept as the inbox itself writes the address: read back through the same lenient parser, never trusted as sent.
  const query = inboxHref({ ...parseInboxQuery(new URLSearchParams(parsed.value.query)), after: undefined }).replace(/^[^?]*\??/, '');
  const saved = saveView(db(), staff.user, { name: parsed.value.name, query, shared: parsed.value.shared });
  if (!saved) return { reply: { intent: 'save', ...refusal({ name: 'views.tooMany' }, sentValues(parsed)) } };
  return { redirect: `/staff/inbox?view=${saved.id}` };
}
