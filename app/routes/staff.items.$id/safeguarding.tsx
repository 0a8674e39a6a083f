import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CsrfInput } from '~/components/staff-session';
import { mayUnmarkSafeguarding, type StaffRole } from '~/domain/workflow';
import type { ItemView } from './types';

/**
 * The safeguarding mark (issue 23: the citizen's text suggests abuse or self-harm): shown plainly at the top of the
 * page, and its own section to set or lift it with a reason. Marking hides the item from province officers, so an
 * officer is told before posting that they will no longer see it.
 */
export function SafeguardingMark({ item }: { item: Pick<ItemView, 'safeguarding'> }) {
  const { t } = useTranslation();
  if (!item.safeguarding) return null;
  return (
    <p className="notice safeguarding-mark" role="note" data-testid="safeguarding-mark">
      <strong>{t('safeguarding.mark')}</strong> {t('safeguarding.markExplained')}
    </p>
  );
}

export function SafeguardingSection({
  item,
  role,
  offered,
  errors,
  values,
}: {
  item: Pick<ItemView, 'safeguarding' | 'version'>;
  role: StaffRole;
  /** The workflow offers the action to this user now (an open item within reach). */
  offered: boolean;
  errors?: Record<string, string | undefined>;
  values?: Record<string, string>;
}) {
  const { t } = useTranslation();
  if (!offered) return null;
  const marking = !item.safeguarding;
  const reasonError = errors?.internalNote ?? errors?.safeguarding;
  const describedBy = ['safeguarding-reason-hint', reasonError ? 'safeguarding-reason-error' : null].filter(Boolean).join(' ');
  return (
    <section className="card" aria-labelledby="safeguarding-title" id="safeguarding">
      <h2 id="safeguarding-title">{t('safeguarding.title')}</h2>
      <p>{marking ? t('safeguarding.whatItMeans') : t('safeguarding.markExplained')}</p>
      {marking && !mayUnmarkSafeguarding(role) ? (
        <p className="hint" data-testid="safeguarding-lose-sight">
          {t('safeguarding.youWillLoseSight')}
        </p>
      ) : null}
      <Form method="post" className="action-form" aria-labelledby="safeguarding-title">
        <CsrfInput />
        <input type="hidden" name="intent" value="set_safeguarding" />
        <input type="hidden" name="version" value={item.version} />
        <input type="hidden" name="safeguarding" value={marking ? 'on' : 'off'} />
        <div className="field">
          <label htmlFor="safeguarding-reason">{marking ? t('safeguarding.reasonMark') : t('safeguarding.reasonUnmark')}</label>
          <span className="hint" id="safeguarding-reason-hint">
            {t('safeguarding.reasonHint')}
          </span>
          {reasonError ? (
            <span className="field-error" id="safeguarding-reason-error">
              {t(reasonError)}
            </span>
          ) : null}
          <textarea
            id="safeguarding-reason"
            name="internalNote"
            rows={3}
            maxLength={5000}
            defaultValue={values?.internalNote ?? ''}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={describedBy}
          />
        </div>
        <div className="actions">
          <button type="submit" className={marking ? 'secondary caution' : 'secondary'}>
            {marking ? t('safeguarding.markButton') : t('safeguarding.unmarkButton')}
          </button>
        </div>
      </Form>
    </section>
  );
}
