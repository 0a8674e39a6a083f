import { CsrfInput } from '~/components/staff-session';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { assertCsrf, requireStaff } from '~/sessions/staff.server';
import { PhoneNumber } from '~/components/phone-number';
import { TrackingCode } from '~/components/tracking-code';
import { db } from '~/platform/db.server';
import { formatDateTime } from '~/domain/dates';
import { readFormData } from '~/platform/http.server';
import { pageTitle } from '~/i18n/meta';
import { listFailedMessages } from '~/models/outbox.server';
import { resendMessages } from '~/services/workflow.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'outbox.title'), { name: 'robots', content: 'noindex' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'outbox:manage');
  return json({ user, messages: listFailedMessages(db()) });
}

const resendSchema = z.object({ ids: z.array(z.coerce.number().int().positive()).max(500) });

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, 'outbox:manage');
  const formData = await readFormData(request);
  assertCsrf(staff, formData);
  const parsed = resendSchema.safeParse({ ids: formData.getAll('id').filter((v) => typeof v === 'string') });
  const count = parsed.success ? resendMessages(db(), parsed.data.ids) : 0;
  return redirect(`/staff/outbox?resent=${count}`);
}

export default function StaffOutbox() {
  const { messages } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const resent = searchParams.get('resent');
  const dead = messages.filter((m) => m.status === 'dead');
  return (
    <div className="page">
      <h1>{t('outbox.title')}</h1>
      <p className="muted">{t('outbox.intro')}</p>
      {resent !== null ? (
        <p className="notice" role="status">
          {t('outbox.resent', { count: Number(resent) || 0 })}
        </p>
      ) : null}
      {messages.length === 0 ? (
        <p>{t('outbox.empty')}</p>
      ) : (
        <>
          {dead.length > 0 ? (
            <Form method="post" className="no-print">
              <CsrfInput />
              {dead.map((m) => (
                <input key={m.id} type="hidden" name="id" value={m.id} />
              ))}
              <button type="submit">{t('outbox.resendAll')}</button>
            </Form>
          ) : null}
          <table className="list">
            <thead>
              <tr>
                <th scope="col">{t('outbox.item')}</th>
                <th scope="col">{t('outbox.channel')}</th>
                <th scope="col">{t('outbox.recipient')}</th>
                <th scope="col">{t('outbox.status')}</th>
                <th scope="col">{t('outbox.attempts')}</th>
                <th scope="col">{t('outbox.error')}</th>
                <th scope="col">{t('staff.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id} data-testid="failed-message">
                  <td data-label={t('outbox.item')}>
                    {m.itemId !== null && m.trackingCode !== null ? (
                      <Link to={`/staff/items/${m.itemId}`}>
                        <TrackingCode code={m.trackingCode} locale={locale} large={false} testId={false} />
                      </Link>
                    ) : (
                      t('digest.name')
                    )}
                    <div className="muted small">{formatDateTime(new Date(m.createdAt), locale)}</div>
                  </td>
                  <td data-label={t('outbox.channel')}>{t(`outbox.${m.channel}`)}</td>
                  <td data-label={t('outbox.recipient')}>
                    {m.channel === 'sms' ? <PhoneNumber value={m.recipientMasked} /> : <bdi dir="ltr">{m.recipientMasked}</bdi>}
                  </td>
                  <td data-label={t('outbox.status')}>{t(`outbox.${m.status}`)}</td>
                  <td data-label={t('outbox.attempts')}>{m.attempts}</td>
                  <td data-label={t('outbox.error')} className="prewrap">
                    {m.lastError ?? '—'}
                  </td>
                  <td>
                    {m.status === 'dead' ? (
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="id" value={m.id} />
                        <button type="submit" className="secondary">
                          {t('outbox.resend')}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
