import { useTranslation } from 'react-i18next';
import { toPersianDigits } from '~/domain/persian';
import { fieldAria, type FieldErrorKeys } from './form';

/**
 * The arithmetic question ("۹ + ۸ = ?"). The label spells the sum out in words for screen readers; the visible
 * digits follow the interface language. Answers in Persian or Latin digits are both accepted.
 */
export function ChallengeField({ challenge, errors, answer }: { challenge: { a: number; b: number; token: string }; errors?: FieldErrorKeys; answer?: string }) {
  const { t, i18n } = useTranslation();
  const fa = i18n.language !== 'en';
  const digits = (n: number) => (fa ? toPersianDigits(n) : String(n));
  return (
    <div className="field challenge">
      <input type="hidden" name="challenge" value={challenge.token} />
      <label htmlFor="challengeAnswer" className="required">
        <span className="visually-hidden">{t('feedback.challengeSpoken', { a: t(`numbers.${challenge.a}`), b: t(`numbers.${challenge.b}`) })}</span>
        <span aria-hidden="true" data-testid="challenge-question" data-a={challenge.a} data-b={challenge.b}>
          {t('feedback.challenge')} <bdi dir="ltr">{`${digits(challenge.a)} + ${digits(challenge.b)} =`}</bdi>
        </span>
      </label>
      <span className="hint" id="challengeAnswer-hint">
        {t('feedback.challengeHint')}
      </span>
      {errors?.challengeAnswer ? (
        <span className="field-error" id="challengeAnswer-error">
          {t(errors.challengeAnswer)}
        </span>
      ) : null}
      {/* A new question starts with an empty box (the key makes React start it afresh); the same question asked again
          (the form re-rendered without filing) keeps the answer typed, `answer`. */}
      <input key={challenge.token} type="text" inputMode="numeric" autoComplete="off" dir="ltr" className="ltr-in-rtl short" defaultValue={answer} {...fieldAria('challengeAnswer', errors, true)} />
    </div>
  );
}
