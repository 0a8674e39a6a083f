import { useTranslation } from 'react-i18next';
import { PREFERRED_HOURS } from '~/domain/carers';
import { Field, fieldAria, type FieldErrorKeys } from './form';

/**
 * Communication needs and filing for someone else (app/domain/carers.ts): two optional fieldsets, plain HTML that works
 * without JavaScript (the citizen's page is light, decision 015). `who` words them for the citizen or for staff.
 */
export function CarersFields({ who, values, errors }: { who: 'citizen' | 'staff'; values: Record<string, string | undefined>; errors?: FieldErrorKeys }) {
  const { t } = useTranslation();
  const optional = `(${t('feedback.optional')})`;
  return (
    <>
      <fieldset data-testid="communication-needs">
        <legend>
          {t('carers.needsLegend')} {optional}
        </legend>
        <p className="hint">{t(who === 'citizen' ? 'carers.needsIntro' : 'carers.needsIntroStaff')}</p>
        <CheckBox name="callBack" label={t(who === 'citizen' ? 'carers.callBack' : 'carers.callBackStaff')} values={values} errors={errors} />
        <CheckBox name="cannotReadSms" label={t(who === 'citizen' ? 'carers.cannotReadSms' : 'carers.cannotReadSmsStaff')} values={values} errors={errors} />
        <Field name="preferredHours" label={`${t('carers.preferredHours')} ${optional}`} errors={errors}>
          <select {...fieldAria('preferredHours', errors, false)} defaultValue={values.preferredHours ?? ''}>
            <option value="">{t('carers.hours.any')}</option>
            {PREFERRED_HOURS.map((h) => (
              <option key={h} value={h}>
                {t(`carers.hours.${h}`)}
              </option>
            ))}
          </select>
        </Field>
        <p className="hint">{t('carers.contactIntro')}</p>
        <Field name="contactName" label={`${t('carers.contactName')} ${optional}`} errors={errors}>
          <input type="text" autoComplete="off" {...fieldAria('contactName', errors, false)} defaultValue={values.contactName} maxLength={100} />
        </Field>
        <Field name="contactRelation" label={`${t('carers.contactRelation')} ${optional}`} hint={t('carers.relationHint')} errors={errors}>
          <input type="text" autoComplete="off" {...fieldAria('contactRelation', errors, true)} defaultValue={values.contactRelation} maxLength={50} />
        </Field>
        <Field name="contactMobile" label={`${t('carers.contactMobile')} ${optional}`} hint={t('carers.contactMobileHint')} errors={errors}>
          <input type="tel" inputMode="tel" autoComplete="off" dir="ltr" className="ltr-in-rtl" {...fieldAria('contactMobile', errors, true)} defaultValue={values.contactMobile} />
        </Field>
      </fieldset>
      <fieldset data-testid="on-behalf">
        <legend>
          {t('carers.onBehalfLegend')} {optional}
        </legend>
        <CheckBox name="onBehalf" label={t(who === 'citizen' ? 'carers.onBehalf' : 'carers.onBehalfStaff')} values={values} errors={errors} />
        <Field name="onBehalfName" label={t('carers.onBehalfName')} errors={errors}>
          <input type="text" autoComplete="off" {...fieldAria('onBehalfName', errors, false)} defaultValue={values.onBehalfName} maxLength={100} />
        </Field>
        <Field name="onBehalfRelation" label={t('carers.onBehalfRelation')} hint={t('carers.onBehalfRelationHint')} errors={errors}>
          <input type="text" autoComplete="off" {...fieldAria('onBehalfRelation', errors, true)} defaultValue={values.onBehalfRelation} maxLength={50} />
        </Field>
      </fieldset>
    </>
  );
}

function CheckBox({ name, label, values, errors }: { name: string; label: string; values: Record<string, string | undefined>; errors?: FieldErrorKeys }) {
  const { t } = useTranslation();
  const error = errors?.[name];
  return (
    <div className="field">
      {error ? (
        <span className="field-error" id={`${name}-error`}>
          {t(error)}
        </span>
      ) : null}
      <label className="choice">
        <input type="checkbox" name={name} id={name} defaultChecked={values[name] === 'on'} aria-invalid={error ? true : undefined} aria-describedby={error ? `${name}-error` : undefined} />
        <span>{label}</span>
      </label>
    </div>
  );
}
