import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CarersFields } from '~/components/carers-fields';
import { ErrorSummary, type FieldErrorKeys } from '~/components/form';
import { PhoneNumber } from '~/components/phone-number';
import { CsrfInput } from '~/components/staff-session';
import { CARERS_FIELDS } from '~/domain/carers';
import type { ItemView } from './types';

/**
 * The item's communication needs (issue 22) beside its contact data: how the citizen wants to be reached, the
 * contact person (the mobile masked, as the citizen's is), and on whose behalf it was filed; editable by the
 * item's staff (an audited change). The carer's mobile is never sent to the page: typing a new one replaces it,
 * leaving the box empty keeps it.
 */
export function NeedsSection({ item, reply }: { item: ItemView; reply?: { errors: FieldErrorKeys; values: Record<string, string> } }) {
  const { t } = useTranslation();
  const needs = item.needs;
  const flags = [needs.callBack ? t('carers.item.callBack') : null, needs.cannotReadSms ? t('carers.item.cannotReadSms') : null].filter(Boolean);
  const current: Record<string, string> = {
    callBack: needs.callBack ? 'on' : '',
    cannotReadSms: needs.cannotReadSms ? 'on' : '',
    contactName: needs.contactName ?? '',
    contactRelation: needs.contactRelation ?? '',
    contactMobile: '',
    preferredHours: needs.preferredHours ?? '',
    onBehalf: needs.onBehalfName ? 'on' : '',
    onBehalfName: needs.onBehalfName ?? '',
    onBehalfRelation: needs.onBehalfRelation ?? '',
  };
  const editable = !item.anonymous && !item.contactErased;
  return (
    <section className="card" aria-labelledby="needs-title" data-testid="communication-needs-staff">
      <h2 id="needs-title">{t('carers.item.title')}</h2>
      <dl className="facts">
        <dt>{t('carers.item.title')}</dt>
        <dd>{flags.length > 0 ? flags.join('، ') : t('carers.item.none')}</dd>
        <dt>{t('carers.item.preferredHours')}</dt>
        <dd>{t(`carers.hours.${needs.preferredHours ?? 'any'}`)}</dd>
        <dt>{t('carers.item.contactPerson')}</dt>
        <dd>
          {needs.contactName ? <bdi>{needs.contactName}</bdi> : t('carers.item.none')}
          {needs.contactRelation ? <> (<bdi>{needs.contactRelation}</bdi>)</> : null}
          {needs.contactMobileMasked ? (
            <>
              {' · '}
              <PhoneNumber value={needs.contactMobileMasked} />
            </>
          ) : null}
        </dd>
        {needs.onBehalfName ? (
          <>
            <dt>{t('carers.item.onBehalf')}</dt>
            <dd data-testid="staff-on-behalf">
              <bdi>{needs.onBehalfName}</bdi>
              {needs.onBehalfRelation ? <> (<bdi>{needs.onBehalfRelation}</bdi>)</> : null}
            </dd>
          </>
        ) : null}
      </dl>
      {editable ? (
        <details open={reply ? true : undefined}>
          <summary>{t('carers.item.edit')}</summary>
          <ErrorSummary errors={reply?.errors} order={CARERS_FIELDS} />
          <Form method="post" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="communication_needs" />
            <input type="hidden" name="version" value={item.version} />
            <CarersFields who="staff" values={reply ? reply.values : current} errors={reply?.errors} />
            <button type="submit">{t('carers.item.save')}</button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
