import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AreaOptions } from '~/components/area-field';
import { CsrfInput } from '~/components/staff-session';
import { AREA_UNKNOWN } from '~/domain/areas';
import { NATIONAL_OWNER, UNASSIGNED } from '~/domain/staff-action-schema';
import { ITEM_KINDS, TRANSITIONS, type WorkflowAction } from '~/domain/workflow';

/** One workflow action's form on the item page, with the fields that action requires (TRANSITIONS[name].requires). */
export function ActionForm({
  name,
  version,
  ownerProvinceId,
  provinces,
  errors,
  values,
  prefill,
  assignable,
  assignedStaffId,
  preview,
  organizations,
  current,
}: {
  organizations: { id: number; nameFa: string; nameEn: string; phone: string }[];
  /** The item's area and kind now, the classification form's starting values. */
  current: { area: string | null; kind: string };
  prefill: string | null;
  assignable: { id: number; displayName: string }[];
  assignedStaffId: number | null;
  /** The citizen's message as it would go out; '' when nobody can be reached. */
  preview: string | null;
  name: WorkflowAction;
  version: number;
  ownerProvinceId: string | null;
  provinces: { id: string; nameFa: string; nameEn: string }[];
  errors?: Record<string, string>;
  values?: Record<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const rule = TRANSITIONS[name];
  const needsPublic = rule.requires.includes('publicMessage');
  const needsNote = rule.requires.includes('internalNote');
  const needsTarget = rule.requires.includes('targetOwner');
  const needsAssignee = rule.requires.includes('assignee');
  const needsOrganization = rule.requires.includes('organization');
  const needsClassification = rule.requires.includes('classification');
  const needsOriginal = rule.requires.includes('original');
  const id = (field: string) => `${name}-${field}`;
  const fa = i18n.language !== 'en';
  return (
    <Form method="post" className="action-form" aria-label={t(`action.${name}`, { owner: '' })}>
      <CsrfInput />
      <input type="hidden" name="intent" value={name} />
      <input type="hidden" name="version" value={version} />
      {needsTarget ? (
        <div className="field">
          <label htmlFor={id('targetOwner')}>{t('province.label')}</label>
          {errors?.targetOwner ? <span className="field-error">{t(errors.targetOwner)}</span> : null}
          <select id={id('targetOwner')} name="targetOwner" defaultValue={values?.targetOwner ?? ''}>
            <option value="">—</option>
            {ownerProvinceId !== null ? <option value={NATIONAL_OWNER}>{t('province.national')}</option> : null}
            {provinces
              .filter((p) => p.id !== ownerProvinceId)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {i18n.language === 'en' ? p.nameEn : p.nameFa}
                </option>
              ))}
          </select>
        </div>
      ) : null}
      {needsAssignee ? (
        <div className="field">
          <label htmlFor={id('assignee')}>{t('staff.assignee')}</label>
          {errors?.assignee ? <span className="field-error">{t(errors.assignee)}</span> : null}
          <select id={id('assignee')} name="assignee" defaultValue={values?.assignee ?? (assignedStaffId ? String(assignedStaffId) : UNASSIGNED)}>
            <option value={UNASSIGNED}>{t('staff.unassigned')}</option>
            {assignable.map((person) => (
              <option key={person.id} value={person.id}>
                {person.displayName}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {needsOrganization ? (
        <div className="field">
          <label htmlFor={id('organization')}>{t('redirect.organization')}</label>
          <span className="hint" id={id('organization-hint')}>
            {t('redirect.organizationHint')}
          </span>
          {errors?.organization ? <span className="field-error">{t(errors.organization)}</span> : null}
          <select id={id('organization')} name="organization" defaultValue={values?.organization ?? ''} aria-describedby={id('organization-hint')} aria-invalid={errors?.organization ? true : undefined}>
            <option value="">—</option>
            {organizations.map((org) => (
              <option key={org.id} value={org.id}>
                {fa ? org.nameFa : org.nameEn}
                {org.phone ? ` (${org.phone})` : ''}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {needsClassification ? (
        <>
          <div className="field">
            <label htmlFor={id('area')}>{t('area.label')}</label>
            {errors?.area ? <span className="field-error">{t(errors.area)}</span> : null}
            <select id={id('area')} name="area" defaultValue={values?.area ?? current.area ?? AREA_UNKNOWN} aria-invalid={errors?.area ? true : undefined}>
              <AreaOptions />
            </select>
          </div>
          <div className="field">
            <label htmlFor={id('kind')}>{t('staff.kind')}</label>
            {errors?.kind ? <span className="field-error">{t(errors.kind)}</span> : null}
            <select id={id('kind')} name="kind" defaultValue={values?.kind ?? current.kind}>
              {ITEM_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`kind.${kind}`)}
                </option>
              ))}
            </select>
          </div>
        </>
      ) : null}
      {needsOriginal ? (
        <div className="field">
          <label htmlFor={id('original')}>{t('duplicates.originalCode')}</label>
          <span className="hint" id={id('original-hint')}>
            {t('duplicates.originalHint')}
          </span>
          {errors?.original ? <span className="field-error">{t(errors.original)}</span> : null}
          <input
            id={id('original')}
            name="original"
            inputMode="numeric"
            dir="ltr"
            defaultValue={values?.original ?? ''}
            aria-describedby={id('original-hint')}
            aria-invalid={errors?.original ? true : undefined}
          />
        </div>
      ) : null}
      {needsPublic ? (
        <div className="field">
          <label htmlFor={id('publicMessage')}>{t('staff.publicMessage')}</label>
          {errors?.publicMessage ? <span className="field-error">{t(errors.publicMessage)}</span> : null}
          <textarea
            id={id('publicMessage')}
            name="publicMessage"
            rows={4}
            defaultValue={values?.publicMessage ?? prefill ?? undefined}
            aria-invalid={errors?.publicMessage ? true : undefined}
          />
        </div>
      ) : null}
      {preview !== null ? (
        <div className="preview" role="status">
          <strong>{t('staff.previewTitle')}</strong>
          <div className="message prewrap" dir={preview ? 'auto' : undefined}>
            {preview || t('staff.previewNobody')}
          </div>
        </div>
      ) : null}
      {needsNote ? (
        <div className="field">
          <label htmlFor={id('internalNote')}>{t('staff.internalNote')}</label>
          {errors?.internalNote ? <span className="field-error">{t(errors.internalNote)}</span> : null}
          <textarea id={id('internalNote')} name="internalNote" rows={3} defaultValue={values?.internalNote} aria-invalid={errors?.internalNote ? true : undefined} />
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className={needsPublic || needsNote || needsTarget || needsAssignee || needsOrganization || needsClassification || needsOriginal ? undefined : 'secondary'}>
          {/* The English history labels are past tense ("Rejected"): a button says what it does, where the language has a word for it. */}
          {t([`actionButton.${name}`, `action.${name}`], { owner: t('province.label') })}
        </button>
        {rule.isPublic ? (
          <button type="submit" name="preview" value="1" className="secondary">
            {t('staff.preview')}
          </button>
        ) : null}
      </div>
    </Form>
  );
}
