import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { isCautionAction } from '~/domain/item-page';
import { TRANSITIONS } from '~/domain/workflow';
import { ActionForm } from './action-form';
import { ConfirmStep } from './confirm';
import type { FieldErrors } from '~/domain/forms';
import type { ItemPageData } from './types';

/**
 * What the action answered, as the page read it through conform (`useFormReply`): the form it was for, that
 * form's errors and what was typed in it, the citizen's message as a preview, and whether it waits for "yes".
 */
export interface ActionAnswer {
  intent: string;
  errors: FieldErrors;
  values: Record<string, string>;
  preview?: string;
  confirm?: boolean;
}

/**
 * The page's one action area: the step the state calls for first (accept a routed item, answer one in review) as
 * the solid button, then every other action open to this user, each in its own headed section; the ones that end
 * or divert the item last. An irreversible action posted once comes back here as its confirmation step.
 */
export function ActionsSection({
  item,
  actions,
  primary,
  canned,
  chosenCanned,
  prefill,
  assignable,
  provinces,
  organizations,
  actionData,
}: Pick<ItemPageData, 'item' | 'actions' | 'primary' | 'canned' | 'chosenCanned' | 'prefill' | 'assignable' | 'provinces' | 'organizations'> & { actionData: ActionAnswer | undefined }) {
  const { t } = useTranslation();
  const rest = actions.filter((name) => name !== primary && !isCautionAction(name));
  const ordered = [...(primary ? [primary] : []), ...rest, ...actions.filter(isCautionAction)];
  const confirming = actionData?.confirm && ordered.some((name) => name === actionData.intent) ? actionData : undefined;
  return (
    <section className="card action-area" aria-labelledby="actions-title" id="actions">
      <h2 id="actions-title">{t('staff.actions')}</h2>
      {confirming ? <ConfirmStep action={ordered.find((name) => name === confirming.intent)!} preview={confirming.preview ?? ''} values={confirming.values} channels={item.channels} /> : null}
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
        {ordered.map((name) => (
          <ActionForm
            key={`${name}-${chosenCanned ?? ''}`}
            primary={name === primary}
            prefill={prefill}
            assignable={assignable}
            assignedStaffId={item.assignedStaffId}
            preview={actionData?.intent === name && !actionData.confirm ? actionData.preview ?? null : null}
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
