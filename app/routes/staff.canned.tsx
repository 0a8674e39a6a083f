import type { StaffPageHandle } from '~/routes/staff';
import { CsrfInput } from '~/components/staff-session';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { assertCsrf, requireStaff } from '~/sessions/staff.server';
import { ActiveSwitch, ErrorSummary, Field, fieldAria, FormNotices, prefixErrors, useFormReply, useRowRefusal, useSavedNotice, type FormAnswer } from '~/components/form';
import { db } from '~/platform/db.server';
import { cannedReplySchema, PLACEHOLDERS } from '~/domain/canned-reply';
import { parseId } from '~/domain/catalog-admin-schema';
import { parseForm, refusal, replyTo, sentValues } from '~/domain/forms';
import { readFormData } from '~/platform/http.server';
import { pageTitle } from '~/i18n/meta';
import { createReply, repliesKeptBy, updateReply } from '~/models/canned-replies.server';
import { invariantResponse } from '~/platform/invariant.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'staff.canned'), { name: 'robots', content: 'noindex' }];

/** The bar lines up with this page's box (app/routes/staff.tsx). */
export const handle: StaffPageHandle = { pageClass: 'page narrow' };

/** A manager keeps the province's canned replies; a national supervisor those offered in every province. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'canned:manage');
  return json({ user, replies: repliesKeptBy(db(), user.provinceId) });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, 'canned:manage');
  const formData = await readFormData(request);
  assertCsrf(staff, formData);
  const parsed = parseForm(formData, cannedReplySchema);
  const values = sentValues(parsed);
  const keeper = { staffId: staff.user.id, provinceId: staff.user.provinceId };
  const id = parseId(values.id);
  if (values.intent === 'toggle' && id !== null) {
    invariantResponse(updateReply(db(), keeper, id, { active: values.active === 'on' }));
    return redirect('/staff/canned?saved=1');
  }
  if (values.intent !== 'create' && values.intent !== 'update') return json({ target: 'new', ...refusal({ form: 'errors.not_allowed' }, values) }, { status: 400 });
  const target = values.intent === 'update' ? String(id) : 'new';
  if (parsed.status !== 'success') return json({ target, ...replyTo(parsed) }, { status: 400 });
  if (values.intent === 'create') createReply(db(), keeper, parsed.value);
  else invariantResponse(id !== null && updateReply(db(), keeper, id, parsed.value));
  return redirect('/staff/canned?saved=1');
}

export default function CannedReplies() {
  const { user, replies } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const saved = useSavedNotice('staff.saved');
  const placeholders = Object.fromEntries(PLACEHOLDERS.map((name) => [name, `{{${name}}}`]));
  const { replyFor } = useRowRefusal();
  return (
    <div className="page narrow">
      <h1>{t('staff.canned')}</h1>
      <p className="lead">{t('staff.cannedIntro', { ...placeholders, interpolation: { escapeValue: false } })}</p>
      {user.provinceId ? null : <p className="muted">{t('staff.cannedScopeNational')}</p>}
      <FormNotices saved={saved} />
      {replies.length === 0 ? <p>{t('staff.cannedNone')}</p> : null}
      {replies.map((reply) => (
        <section key={reply.id} className="card" aria-label={reply.title}>
          <ReplyForm id={String(reply.id)} title={reply.title} body={reply.body} reply={replyFor(String(reply.id))} />
          <ActiveSwitch
           
            id={reply.id}
            active={reply.active}
            inactiveNote={t('staff.cannedInactive')}
            switchOff={t('staff.cannedDeactivate')}
            switchOn={t('staff.cannedActivate')}
          />
        </section>
      ))}
      <section className="card" aria-labelledby="canned-new">
        <h2 id="canned-new">{t('staff.cannedAdd')}</h2>
        <ReplyForm id="new" title="" body="" reply={replyFor('new')} />
      </section>
    </div>
  );
}

function ReplyForm(props: { id: string; title: string; body: string; reply?: FormAnswer }) {
  const { t } = useTranslation();
  const { id } = props;
  const { errors, values } = useFormReply(props.reply);
  // Field ids carry the reply's id: several forms share the page.
  const prefixed = prefixErrors(errors, id);
  return (
    <Form method="post">
      <ErrorSummary errors={prefixed} order={[`${id}-title`, `${id}-body`]} />
      <CsrfInput />
      <input type="hidden" name="intent" value={id === 'new' ? 'create' : 'update'} />
      {id === 'new' ? null : <input type="hidden" name="id" value={id} />}
      <Field name={`${id}-title`} label={t('staff.cannedTitle')} required errors={prefixed}>
        <input type="text" {...fieldAria(`${id}-title`, prefixed, false)} name="title" defaultValue={values.title ?? props.title} maxLength={240} />
      </Field>
      <Field name={`${id}-body`} label={t('staff.cannedBody')} required errors={prefixed}>
        <textarea {...fieldAria(`${id}-body`, prefixed, false)} name="body" rows={4} defaultValue={values.body ?? props.body} />
      </Field>
      <button type="submit">{t('staff.cannedSave')}</button>
    </Form>
  );
}
