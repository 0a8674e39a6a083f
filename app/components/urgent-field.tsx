import { useTranslation } from 'react-i18next';
import type { FieldErrorKeys } from './form';

/**
 * "Urgent — a person is at risk" (issue 23), on the citizen's form and the call-centre agent's: a plain checkbox
 * (`priority=urgent`), what it means, and the emergency lines, worded so that nobody feels sent away: the message
 * can still be sent. No script: it works on the light citizen page as it is.
 */
export function UrgentField({ checked, errors }: { checked: boolean; errors?: FieldErrorKeys }) {
  const { t } = useTranslation();
  const error = errors?.priority;
  const describedBy = ['priority-hint', 'priority-emergency', error ? 'priority-error' : ''].filter(Boolean).join(' ');
  return (
    <fieldset className="field urgent-field" data-testid="urgent-field">
      <legend>{t('urgent.form.legend')}</legend>
      <p className="hint" id="priority-hint">
        {t('urgent.form.hint')}
      </p>
      <p className="urgent-emergency" id="priority-emergency">
        {t('urgent.form.emergency')} <a href="tel:123">123</a> · <a href="tel:115">115</a>
      </p>
      {error ? (
        <span className="field-error" id="priority-error">
          {t(error)}
        </span>
      ) : null}
      <label className="choice">
        <input type="checkbox" name="priority" id="priority" value="urgent" defaultChecked={checked} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
        <span>{t('urgent.form.label')}</span>
      </label>
    </fieldset>
  );
}
