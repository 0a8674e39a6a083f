import { useTranslation } from 'react-i18next';
import { Field, fieldAria, prefixErrors, type FieldErrorKeys } from '~/components/form';
import { BULK_ACTIONS, type BulkAction } from '~/domain/bulk-actions';
import { MESSAGE_MAX, NATIONAL_OWNER, UNASSIGNED } from '~/domain/staff-action-schema';

export interface BulkChoices {
  canAssign: boolean;
  assignees: { id: number; displayName: string }[];
  provinces: { id: string; nameFa: string; nameEn: string }[];
}

/**
 * The bulk action and what it needs, one labelled field each (a field that an action does not use is ignored for
 * it). Shared by the inbox and the bulk page (a refused or confirmed selection); works without JavaScript.
 */
export function BulkControls({ choices, values, errors: sent }: { choices: BulkChoices; values: Record<string, string>; errors?: FieldErrorKeys }) {
  const { t, i18n } = useTranslation();
  // Ids carry a prefix: the inbox's filter form beside this one has its own `assignee` field.
  const errors = prefixErrors(sent, 'bulk');
  const aria = (name: string, hint: boolean) => ({ ...fieldAria(`bulk-${name}`, errors, hint), name });
  const fa = i18n.language !== 'en';
  const actions = BULK_ACTIONS.filter((a) => a !== 'assign' || choices.canAssign);
  const chosen = (values.bulkAction ?? '') as BulkAction | '';
  return (
    <fieldset className="bulk-controls">
      <legend>{t('bulk.legend')}</legend>
      <Field name="bulk-bulkAction" label={t('bulk.action')} required errors={errors}>
        <select {...aria('bulkAction', false)} defaultValue={chosen}>
          <option value="">{t('bulk.choose')}</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {t(`bulk.action_${a}`)}
            </option>
          ))}
        </select>
      </Field>
      <div className="filter-row">
        {choices.canAssign ? (
          <Field name="bulk-assignee" label={t('bulk.assignee')} hint={t('bulk.forAssign')} errors={errors}>
            <select {...aria('assignee', true)} defaultValue={values.assignee ?? ''}>
              <option value="">{t('bulk.choose')}</option>
              {choices.assignees.map((a, index) => (
                <option key={a.id} value={a.id}>
                  {index === 0 ? t('bulk.me', { name: a.displayName }) : a.displayName}
                </option>
              ))}
              <option value={UNASSIGNED}>{t('bulk.nobody')}</option>
            </select>
          </Field>
        ) : null}
        <Field name="bulk-targetOwner" label={t('bulk.target')} hint={t('bulk.forTransfer')} errors={errors}>
          <select {...aria('targetOwner', true)} defaultValue={values.targetOwner ?? ''}>
            <option value="">{t('bulk.choose')}</option>
            <option value={NATIONAL_OWNER}>{t('inbox.nationalQueue')}</option>
            {choices.provinces.map((p) => (
              <option key={p.id} value={p.id}>
                {fa ? p.nameFa : p.nameEn}
              </option>
            ))}
          </select>
        </Field>
        <Field name="bulk-original" label={t('bulk.original')} hint={t('bulk.forDuplicate')} errors={errors}>
          <input type="text" {...aria('original', true)} defaultValue={values.original ?? ''} maxLength={40} inputMode="numeric" dir="ltr" autoComplete="off" />
        </Field>
      </div>
      <Field name="bulk-internalNote" label={t('bulk.note')} hint={t('bulk.noteHint')} errors={errors}>
        <textarea {...aria('internalNote', true)} rows={2} maxLength={MESSAGE_MAX} defaultValue={values.internalNote ?? ''} />
      </Field>
    </fieldset>
  );
}
