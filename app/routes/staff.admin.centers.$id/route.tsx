import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useOutlet } from '@remix-run/react';
import { assertCsrf, requireStaff } from '~/sessions/staff.server';
import { CenterPage } from '~/routes/staff.admin.centers.$id/center-page';
import { centerIdFrom, doneFor, isProgrammeIntent, programmeIntent, refusalFor, sentForm } from '~/routes/staff.admin.centers.$id/center-admin.server';
import { db } from '~/platform/db.server';
import { invariantResponse } from '~/platform/invariant.server';
import { centerFormSchema } from '~/domain/catalog-admin-schema';
import { parseForm, replyTo, sentValues } from '~/domain/forms';
import { readFormData } from '~/platform/http.server';
import { centerPageData } from '~/routes/staff.admin.centers.$id/data.server';
import { pageTitle } from '~/i18n/meta';
import { createCenter, setCenterActive, setCenterUnderserved, updateCenter } from '~/models/catalog-admin.server';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  ...pageTitle(matches, data?.center ? 'adminCatalog.center.editTitle' : 'adminCatalog.center.newTitle', { name: data?.center?.nameFa ?? '' }),
  { name: 'robots', content: 'noindex' },
];

export function loader(args: LoaderFunctionArgs) {
  return centerPageData(args);
}

type Intent = 'save' | 'deactivate' | 'reactivate' | 'markUnderserved' | 'unmarkUnderserved';
const INTENTS: readonly Intent[] = ['save', 'deactivate', 'reactivate', 'markUnderserved', 'unmarkUnderserved'];

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, 'admin:manage');
  const formData = await readFormData(request);
  assertCsrf(staff, formData);
  const id = centerIdFrom(params);
  const sent = sentForm(formData);
  const values = sentValues(sent);
  // The programme forms post to the programmes route; a page opened before that still posts them here.
  if (isProgrammeIntent(values.intent)) return programmeIntent(staff.user.id, id, formData);
  const intent = (INTENTS as readonly string[]).includes(values.intent ?? '') ? (values.intent as Intent) : null;
  const refuse = refusalFor(intent ?? '', sent);
  const actor = staff.user.id;
  if (!intent) return refuse(replyTo(sent, { form: 'adminCatalog.errors.invalid' }));
  // A centre not saved yet has nothing to deactivate.
  invariantResponse(id !== 'new' || intent === 'save', 'Not Found');

  switch (intent) {
    case 'save': {
      // The record and the services ticked, every problem at once.
      const parsed = parseForm(formData, centerFormSchema, { repeated: ['services'] });
      if (parsed.status !== 'success') return refuse(replyTo(parsed));
      const { services, ...center } = parsed.value;
      if (id === 'new') {
        const result = createCenter(db(), actor, center, services);
        if (!result.ok) return refuse(replyTo(parsed, result.errors));
        return redirect(`/staff/admin/centers/${result.id}?saved=created`);
      }
      return doneFor(id, refuse, parsed)(updateCenter(db(), actor, id, center, services), 'saved');
    }
    case 'deactivate':
    case 'reactivate':
      return doneFor(id, refuse, sent)(setCenterActive(db(), actor, id as number, intent === 'reactivate'), intent === 'reactivate' ? 'reactivated' : 'deactivated');
    case 'markUnderserved':
    case 'unmarkUnderserved':
      return doneFor(id, refuse, sent)(setCenterUnderserved(db(), actor, id as number, intent === 'markUnderserved'), intent === 'markUnderserved' ? 'underservedMarked' : 'underservedCleared');
  }
}

/** The page; below it, the programmes route's page (a refused programme form) when that route matched. */
export default function AdminCenter() {
  const actionData = useActionData<typeof action>();
  return useOutlet() ?? <CenterPage actionData={actionData} from="centre" />;
}
