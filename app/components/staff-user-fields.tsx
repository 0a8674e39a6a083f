import { useTranslation } from 'react-i18next';
import { STAFF_ROLES } from '~/domain/workflow';
import { Field, fieldAria, type FieldErrorKeys } from './form';

export interface StaffUserFieldValues {
  displayName?: string;
  role?: string;
  provinceId?: string | null;
  email?: string | null;
  mobile?: string | null;
}

/** Display name, role, province and email: the profile fields of the new-user and edit-user forms. */
export function StaffUserFields({
  values,
  errors,
  provinces,
}: {
  values: StaffUserFieldValues;
  errors?: FieldErrorKeys;
  provinces: { id: string; nameFa: string; nameEn: string }[];
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <>
      <Field name="displayName" label={t('admin.fields.displayName')} required errors={errors}>
        <input type="text" autoComplete="off" {...fieldAria('displayName', errors, false)} defaultValue={values.displayName ?? ''} />
      </Field>
      <Field name="role" label={t('admin.fields.role')} required errors={errors}>
        <select {...fieldAria('role', errors, false)} defaultValue={values.role ?? ''}>
          <option value="">{t('admin.users.chooseRole')}</option>
          {STAFF_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field name="provinceId" label={t('admin.fields.provinceId')} hint={t('admin.users.provinceHint')} errors={errors}>
        <select {...fieldAria('provinceId', errors, true)} defaultValue={values.provinceId ?? ''}>
          <option value="">{t('admin.users.noProvince')}</option>
          {provinces.map((p) => (
            <option key={p.id} value={p.id}>
              {en ? p.nameEn : p.nameFa}
            </option>
          ))}
        </select>
      </Field>
      <Field name="email" label={t('admin.fields.email')} hint={t('admin.users.emailHint')} errors={errors}>
        <input type="email" autoComplete="off" dir="ltr" className="ltr-in-rtl" {...fieldAria('email', errors, true)} defaultValue={values.email ?? ''} />
      </Field>
      <Field name="mobile" label={t('urgent.staffMobile.label')} hint={t('urgent.staffMobile.hint')} errors={errors}>
        <input type="tel" autoComplete="off" dir="ltr" className="ltr-in-rtl" {...fieldAria('mobile', errors, true)} defaultValue={values.mobile ?? ''} />
      </Field>
    </>
  );
}

/** A password shown once, to be passed on to the user by the admin. */
export function OneTimePassword({ password }: { password: string }) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        {t('admin.users.passwordOnce')}{' '}
        <code className="tracking-code" dir="ltr" data-testid="one-time-password">
          {password}
        </code>
      </p>
      <p className="muted small">{t('admin.users.passwordOnceHint')}</p>
    </>
  );
}
