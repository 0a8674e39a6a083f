import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, Field, fieldAria, type FieldErrorKeys } from './form';

export const TRACK_FIELDS = ['code', 'mobile'] as const;

/** The look-up form (code + mobile). Always posts to /track, so the mobile number never appears in a URL. */
export function TrackForm({ errors, values }: { errors?: FieldErrorKeys; values?: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <>
      <ErrorSummary errors={errors} order={TRACK_FIELDS} />
      <Form method="post" action="/track" noValidate className="card">
        <Field name="code" label={t('track.code')} hint={t('track.codeHint')} required errors={errors}>
          <input type="text" inputMode="numeric" autoComplete="off" dir="ltr" className="ltr-in-rtl" {...fieldAria('code', errors, true)} defaultValue={values?.code} />
        </Field>
        <Field name="mobile" label={t('track.mobile')} errors={errors}>
          <input type="tel" inputMode="tel" autoComplete="tel" dir="ltr" className="ltr-in-rtl" {...fieldAria('mobile', errors, false)} defaultValue={values?.mobile} />
        </Field>
        <button type="submit">{t('track.submit')}</button>
      </Form>
    </>
  );
}
