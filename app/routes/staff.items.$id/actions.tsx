import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { TRANSITIONS } from '~/domain/workflow';
import { ActionForm } from './action-form';
import type { FieldErrors } from '~/domain/forms';
import type { ItemPageData } from './types';

/**
 * What the action answered, as the page read it through conform (`useFormReply`): the form it was for, that
 * form's errors and what was typed in it, and the citizen's message as a preview.
 */
export interface ActionAnswer {
  intent: string;
  errors: FieldErrors;
  values: Record<string, string>;
  preview?: string;
}

/** The actions open to this user on this item: a canned-reply picker, then one form per action. */
export function ActionsSection({
  item,
  actions,
  canned,
  chosenCanned,
  prefill,
  assignable,
  provinces,
  organizations,
  actionData,
}: Pick<ItemPageData, 'item' | 'actions' | 'canned' | 'chosenCanned' | 'prefill' | 'assignable' | 'provinces' | 'organizations'> & { actionData: ActionAnswer | undefined }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('staff.actions')}</h2>
      {actions.length === 0 ? <p>{t('staff.noActions')}</p> : null}
      {canned.length > 0 && actions.some((name) => TRANSITIONS[name].requires.includes('publicMessage')) ? (
        <Form method="get" className="inline-form canned-picker">
          <label htmlFor="canned">{t('staff.cannedPick')}</label>
          <select id="canned" name="canned" defaultValue={chosenCanned ?? ''}>
            <option value="">—</option>
            {canned.map((reply) => (
              <option key={reply.id} value={reply.id}>
                {reply.title}
              </option>
            ))}
          </select>
          <button type="submit" className="secondary">
            {t('staff.cannedUse')}
          </button>
        </Form>
      ) : null}
      <div className="actions-grid">
        {actions.map((name) => (
          <ActionForm
            key={`${name}-${chosenCanned ?? ''}`}
            prefill={prefill}
            assignable={assignable}
            assignedStaffId={item.assignedStaffId}
            preview={actionData?.intent === name ? actionData.preview ?? null : null}
            name={name}
            version={item.version}
            ownerProvinceId={item.ownerProvinceId}
            provinces={provinces}
            errors={actionData?.intent === name ? actionData.errors : undefined}
            values={actionData?.intent === name ? actionData.values : undefined}
            organizations={organizations}
            current={{ area: item.area, kind: item.kind }}
          />
        ))}
      </div>
    </section>
  );
}
