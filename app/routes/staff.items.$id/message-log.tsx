import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { PhoneNumber } from '~/components/phone-number';
import { CsrfInput } from '~/components/staff-session';
import { formatDateTime, formatNumber } from '~/domain/dates';
import { deliveryState } from '~/domain/item-page';
import type { ItemPageData } from './types';

/**
 * Every message the citizen was sent about this item (the outbox), oldest first: its channel and masked address, the
 * exact text, when it was queued and sent (Tehran, Solar calendar) and its delivery state; a message given up on
 * can be sent again (the workflow door's `resendMessages`).
 */
export function MessageLog({ messages, error }: Pick<ItemPageData, 'messages'> & { error?: string | null }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  return (
    <section className="card" aria-labelledby="messages-title" id="messages" data-testid="message-log">
      <h2 id="messages-title">{t('itemPage.messages.title')}</h2>
      {error ? (
        <p className="notice error" role="alert">
          {t(error)}
        </p>
      ) : null}
      {messages.length === 0 ? (
        <p className="muted">{t('itemPage.messages.none')}</p>
      ) : (
        <ol className="timeline message-log">
          {messages.map((m) => {
            const state = deliveryState(m);
            return (
              <li key={m.id} data-testid="logged-message" data-channel={m.channel} data-state={state}>
                <strong>{t(`outbox.${m.channel}`)}</strong>{' '}
                <span className="muted small">
                  {m.erased ? t('itemPage.messages.erased') : m.channel === 'sms' ? <PhoneNumber value={m.recipientMasked} /> : <bdi dir="ltr">{m.recipientMasked}</bdi>}
                </span>{' '}
                <span className={`delivery-state delivery-${state}`}>{t(`itemPage.messages.state.${state}`)}</span>
                {/* One fact a line, no "·" between them: a separator wrapped to a line's start read as a Persian zero. */}
                <ul className="message-facts muted small">
                  <li>
                    {t('itemPage.messages.queuedAt')} <time dateTime={new Date(m.createdAt).toISOString()}>{formatDateTime(new Date(m.createdAt), locale)}</time>
                  </li>
                  {m.sentAt ? (
                    <li>
                      {t('itemPage.messages.sentAt')} <time dateTime={new Date(m.sentAt).toISOString()}>{formatDateTime(new Date(m.sentAt), locale)}</time>
                    </li>
                  ) : null}
                  {m.attempts > 0 && state !== 'sent' ? <li>{t('itemPage.messages.attempts', { count: m.attempts, n: formatNumber(m.attempts, locale) })}</li> : null}
                </ul>
                <div className="message prewrap" dir="auto">
                  {m.body}
                </div>
                {state === 'given_up' && !m.erased ? (
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="resend_message" />
                    <input type="hidden" name="message" value={m.id} />
                    <button type="submit" className="secondary small-button" aria-describedby={`resend-${m.id}-what`}>
                      {t('itemPage.messages.resend')}
                    </button>
                    <span className="visually-hidden" id={`resend-${m.id}-what`}>
                      {t(`outbox.${m.channel}`)} {formatDateTime(new Date(m.createdAt), locale)}
                    </span>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
