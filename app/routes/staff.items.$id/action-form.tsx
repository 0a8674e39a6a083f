import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AreaOptions } from '~/components/area-field';
import { CsrfInput } from '~/components/staff-session';
import { AREA_UNKNOWN } from '~/domain/areas';
import { isCautionAction, needsConfirmation } from '~/domain/item-page';
import { NATIONAL_OWNER, UNASSIGNED } from '~/domain/staff-action-schema';
import { ITEM_KINDS, TRANSITIONS, type WorkflowAction } from '~/domain/workflow';

export interface ActionFormProps {
  organizations: { id: number; nameFa: string; nameEn: string; phone: string }[];
  /** The item's area and kind now, the classification form's starting values. */
  current: { area: string | null; kind: string };
  prefill: string | null;
  assignable: { id: number; displayName: string }[];
  assignedStaffId: number | null;
  /** The citizen's message as it would go out; '' when nobody can be reached. */
  preview: string | null;
  name: WorkflowAction;
  /** The state's leading action: its button is the solid one. */
  primary: boolean;
  version: number;
  ownerProvinceId: string | null;
  provinces: { id: string; nameFa: string; nameEn: string }[];
  errors?: Record<string, string>;
  values?: Record<string, string>;
}

/**
 * One workflow action on the item page, in a section of its own with a heading, and the fields that action requires
 * (TRANSITIONS[name].requires). Each box's label names what it is for in this action ("reason for the rejection,
 * sent to the citizen"), so no two boxes on the page are called the same; ids are prefixed with the action.
 */
export function ActionForm({
  name,
  primary,
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
}: ActionFormProps) {
  const { t, i18n } = useTranslation();
  const rule = TRANSITIONS[name];
  const needs = (requirement: (typeof rule.requires)[number]) => rule.requires.includes(requirement);
  const id = (field: string) => `${name}-${field}`;
  const fa = i18n.language !== 'en';
  const headingId = id('title');
  /** A field's label, hint and error (below the label, announced with the box) around its control. */
  const field = (fieldName: string, label: string, control: (aria: Record<string, string | boolean | undefined>) => ReactNode, hint?: string) => {
    const error = errors?.[fieldName];
    const describedBy = [hint ? id(`${fieldName}-hint`) : null, error ? id(`${fieldName}-error`) : null].filter(Boolean).join(' ');
    return (
      <div className="field">
        <label htmlFor={id(fieldName)}>{label}</label>
        {hint ? (
          <span className="hint" id={id(`${fieldName}-hint`)}>
            {hint}
          </span>
        ) : null}
        {error ? (
          <span className="field-error" id={id(`${fieldName}-error`)}>
            {t(error)}
          </span>
        ) : null}
        {control({ id: id(fieldName), name: fieldName, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined })}
      </div>
    );
  };
  const buttonClass = primary ? undefined : isCautionAction(name) ? 'secondary caution' : 'secondary';
  return (
    <section className={primary ? 'action-section primary-action' : 'action-section'} aria-labelledby={headingId} data-action={name}>
      <h3 id={headingId}>
        {primary ? <span className="primary-label">{t('itemPage.primaryLabel')} </span> : null}
        {t(`itemPage.heading.${name}`)}
      </h3>
      {needsConfirmation(name) ? <p className="hint">{t('itemPage.confirmHint')}</p> : null}
      <Form method="post" className="action-form" aria-label={t(`action.${name}`, { owner: '' })}>
        <CsrfInput />
        <input type="hidden" name="intent" value={name} />
        <input type="hidden" name="version" value={version} />
        {needs('targetOwner')
          ? field('targetOwner', t('itemPage.field.targetOwner'), (aria) => (
              <select {...aria} defaultValue={values?.targetOwner ?? ''}>
                <option value="">—</option>
                {ownerProvinceId !== null ? <option value={NATIONAL_OWNER}>{t('province.national')}</option> : null}
                {provinces
                  .filter((p) => p.id !== ownerProvinceId)
                  .map((p) => (
                    <option key={p.id} value={p.id}>
                      {fa ? p.nameFa : p.nameEn}
                    </option>
                  ))}
              </select>
            ))
          : null}
        {needs('assignee')
          ? field('assignee', t('itemPage.field.assignee'), (aria) => (
              <select {...aria} defaultValue={values?.assignee ?? (assignedStaffId ? String(assignedStaffId) : UNASSIGNED)}>
                <option value={UNASSIGNED}>{t('staff.unassigned')}</option>
                {assignable.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.displayName}
                  </option>
                ))}
              </select>
            ))
          : null}
        {needs('organization')
          ? field(
              'organization',
              t('redirect.organization'),
              (aria) => (
                <select {...aria} defaultValue={values?.organization ?? ''}>
                  <option value="">—</option>
                  {organizations.map((org) => (
                    <option key={org.id} value={org.id}>
                      {fa ? org.nameFa : org.nameEn}
                      {org.phone ? ` (${org.phone})` : ''}
                    </option>
                  ))}
                </select>
              ),
              t('redirect.organizationHint'),
            )
          : null}
        {needs('classification') ? (
          <>
            {field('area', t('area.label'), (aria) => (
              <select {...aria} defaultValue={values?.area ?? current.area ?? AREA_UNKNOWN}>
                <AreaOptions />
              </select>
            ))}
            {field('kind', t('staff.kind'), (aria) => (
              <select {...aria} defaultValue={values?.kind ?? current.kind}>
                {ITEM_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`kind.${kind}`)}
                  </option>
                ))}
              </select>
            ))}
          </>
        ) : null}
        {needs('original')
          ? field(
              'original',
              t('duplicates.originalCode'),
              (aria) => <input {...aria} inputMode="numeric" dir="ltr" defaultValue={values?.original ?? ''} />,
              t('duplicates.originalHint'),
            )
          : null}
        {needs('publicMessage')
          ? field('publicMessage', t(`itemPage.field.publicMessage.${name}`), (aria) => (
              <textarea {...aria} rows={4} defaultValue={values?.publicMessage ?? prefill ?? undefined} />
            ))
          : null}
        {preview !== null ? (
          <div className="preview" role="status">
            <strong>{t('staff.previewTitle')}</strong>
            <div className="message prewrap" dir={preview ? 'auto' : undefined}>
              {preview || t('staff.previewNobody')}
            </div>
          </div>
        ) : null}
        {needs('internalNote')
          ? field('internalNote', t(`itemPage.field.internalNote.${name}`), (aria) => (
              <textarea {...aria} rows={3} defaultValue={values?.internalNote} />
            ))
          : null}
        <div className="actions">
          <button type="submit" className={buttonClass}>
            {/* The English history labels are past tense ("Rejected"): a button says what it does. */}
            {t([`actionButton.${name}`, `action.${name}`], { owner: t('province.label') })}
          </button>
          {rule.isPublic ? (
            <button type="submit" name="preview" value="1" className="secondary" aria-describedby={headingId}>
              {t('staff.preview')}
            </button>
          ) : null}
        </div>
      </Form>
    </section>
  );
}
