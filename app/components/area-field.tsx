import { useTranslation } from 'react-i18next';
import { AREA_UNKNOWN, AREAS } from '~/domain/areas';
import { Field, fieldAria, type FieldErrorKeys } from './form';

/** Behzisti's area of an item (docs/DESIGN.md §2), with "I don't know" first: citizens are not expected to know it. */
export function AreaField({ value, errors }: { value?: string; errors?: FieldErrorKeys }) {
  const { t } = useTranslation();
  return (
    <Field name="area" label={t('area.label')} hint={t('area.hint')} errors={errors}>
      <select {...fieldAria('area', errors, true)} defaultValue={value || AREA_UNKNOWN}>
        <AreaOptions />
      </select>
    </Field>
  );
}

/** The choices of an area select: "I don't know" first, then Behzisti's areas (also the staff's classification form). */
export function AreaOptions() {
  const { t } = useTranslation();
  return (
    <>
      <option value={AREA_UNKNOWN}>{t('area.unknown')}</option>
      {AREAS.map((area) => (
        <option key={area} value={area}>
          {t(`area.${area}`)}
        </option>
      ))}
    </>
  );
}
