import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { inboxPageData } from '~/routes/staff.inbox/data.server';
import { pageTitle } from '~/i18n/meta';
import { FormNotices, useSavedNotice } from '~/components/form';
import { InboxFilters } from '~/routes/staff.inbox/filters';
import { useInboxPage } from '~/routes/staff.inbox/page';
import { InboxPagination } from '~/routes/staff.inbox/pagination';
import { InboxResults } from '~/routes/staff.inbox/results';
import { StateTabs } from '~/routes/staff.inbox/state-tabs';
import { SavedViews } from '~/routes/staff.inbox/saved-views';
import { UrgentLink } from '~/routes/staff.inbox/urgent-link';
import { viewAction } from '~/routes/staff.inbox/views.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'staff.inboxTitle'), { name: 'robots', content: 'noindex' }];

export function loader(args: LoaderFunctionArgs) {
  return inboxPageData(args);
}

/** Saving or removing a saved view (the inbox's only post; bulk actions post to /staff/inbox/bulk). */
export async function action(args: ActionFunctionArgs) {
  const answer = await viewAction(args);
  return answer.redirect ? redirect(answer.redirect) : json(answer.reply, { status: 400 });
}

export default function StaffInbox() {
  const page = useInboxPage(useLoaderData<typeof loader>());
  const viewReply = useActionData<typeof action>();
  const { t } = useTranslation();
  const transferred = useSavedNotice('itemPage.transferDone', 'transferred');
  const safeguarded = useSavedNotice('safeguarding.markedHidden', 'safeguarded');
  return (
    <div className="page">
      <h1>{t('staff.inboxTitle')}</h1>
      <p className="muted">{page.scope ? t('staff.inboxScope', { owner: page.scope }) : t('staff.inboxScopeAll')}</p>
      {/* After a transfer away from the item page (app/routes/staff.items.$id), which this user can no longer open. */}
      <FormNotices saved={transferred ?? safeguarded} />
      <UrgentLink page={page} />

      <SavedViews page={page} reply={viewReply} />

      <InboxFilters page={page} />

      <StateTabs page={page} />

      <InboxResults page={page} />
      <InboxPagination page={page} />
    </div>
  );
}
