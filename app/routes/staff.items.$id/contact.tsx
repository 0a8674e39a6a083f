import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { PhoneNumber } from '~/components/phone-number';
import { CsrfInput } from '~/components/staff-session';
import { mobileToLocal } from '~/domain/persian';
import type { RevealedContact } from '~/models/contact.server';
import type { ItemView } from './types';

/**
 * The citizen's contact data on the item page: masked, with the audited reveal button for roles that may reveal;
 * the full data only once that action answered (`revealed`), never from the loader.
 */
export function ContactDetails({ item, revealed, canReveal }: { item: ItemView; revealed: RevealedContact | null; canReveal: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {revealed ? (
        <dl className="facts" data-testid="revealed-contact">
          {revealed.name ? (
            <>
              <dt>{t('feedback.name')}</dt>
              <dd>{revealed.name}</dd>
            </>
          ) : null}
          {revealed.mobile ? (
            <>
              <dt>{t('feedback.mobile')}</dt>
              <dd>
                <a href={`tel:${revealed.mobile}`}>
                  <PhoneNumber value={mobileToLocal(revealed.mobile)} />
                </a>
              </dd>
            </>
          ) : null}
          {revealed.email ? (
            <>
              <dt>{t('feedback.email')}</dt>
              <dd dir="ltr">{revealed.email}</dd>
            </>
          ) : null}
          {revealed.nationalCode ? (
            <>
              <dt>{t('feedback.nationalCode')}</dt>
              <dd dir="ltr">{revealed.nationalCode}</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <>
          <span data-testid="contact-masked">
            {item.anonymous ? t('staff.anonymous') : item.contactErased ? t('staff.contactErased') : item.mobileMasked ? <PhoneNumber value={item.mobileMasked} /> : '—'}
          </span>
          {canReveal && item.hasContact ? (
            <Form method="post" className="inline-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="reveal_contact" />
              <button type="submit" className="secondary small-button">
                {t('staff.reveal')}
              </button>
            </Form>
          ) : null}
        </>
      )}
    </>
  );
}
