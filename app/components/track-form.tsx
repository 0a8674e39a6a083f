import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ChallengeField } from './challenge-field';
import { ErrorSummary, Field, fieldAria, useFormReply, type FormAnswer } from './form';

export const TRACK_FIELDS = ['code', 'mobile'] as const;

/**
 * The look-up form (code + mobile). Always posts to /track, so the mobile number never appears in a URL. After many
 * failed look-ups from the citizen's address (or of this code) it also asks the arithmetic question, saying why.
 */
export function TrackForm({ reply, code, challenge }: { reply?: FormAnswer; code?: string; challenge?: { a: number; b: number; token: string } | null }) {
  const { t } = useTranslation();
  const { errors, values } = useFormReply(reply);
  return (
    <>
      <ErrorSummary errors={errors} order={[...TRACK_FIELDS, 'challengeAnswer']} />
      <Form method="post" action="/track" noValidate className="card">
        <Field name="code" label={t('track.code')} hint={t('track.codeHint')} required errors={errors}>
          <input type="text" inputMode="numeric" autoComplete="off" dir="ltr" className="ltr-in-rtl" {...fieldAria('code', errors, true)} defaultValue={values.code ?? code} />
        </Field>
        <Field name="mobile" label={t('track.mobile')} errors={errors}>
          <input type="tel" inputMode="tel" autoComplete="tel" dir="ltr" className="ltr-in-rtl" {...fieldAria('mobile', errors, false)} defaultValue={values.mobile} />
        </Field>
        {challenge ? (
          <>
            <p className="muted" id="question-why">
              {t('track.questionWhy')}
            </p>
            {/* A new question with each answer: the key makes React replace the field, not keep the old typed answer. */}
            <ChallengeField key={challenge.token} challenge={challenge} errors={errors} />
          </>
        ) : null}
        <button type="submit">{t('track.submit')}</button>
      </Form>
    </>
  );
}
