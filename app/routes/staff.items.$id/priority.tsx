import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { fieldAria } from '~/components/form';
import { CsrfInput } from '~/components/staff-session';
import { formatDateTime, formatDeadline, formatNumber } from '~/domain/dates';
import type { FieldErrors } from '~/domain/forms';
import type { ItemPageData } from './types';

/**
 * The item's priority (issue 23): urgent items show their deadlines in hours; staff who handle the item raise it to
 * urgent or lower it back with a reason (the workflow's `set_priority`, an internal event: the audit trail).
 */
export function PrioritySection({
  item,
  canChange,
  answer,
}: {
  item: Pick<ItemPageData['item'], 'version' | 'priority' | 'firstResponseDueAt' | 'answerDueAt' | 'hoursLeft'>;
  canChange: boolean;
  answer: { errors: FieldErrors; values: Record<string, string> } | undefined;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const urgent = item.priority === 'urgent';
  const to = urgent ? 'normal' : 'urgent';
  const errors = answer?.errors;
  const error = errors?.internalNote ?? errors?.priority ?? errors?.form;
  const due = (at: string | Date | null, hours: number | null) => {
    if (!at) return '—';
    if (!urgent) return formatDeadline(new Date(at), locale);
    const left = hours === null ? '' : ` (${t(hours >= 0 ? 'urgent.hoursLeft' : 'urgent.hoursOver', { hours: formatNumber(Math.abs(hours), locale) })})`;
    return `${formatDateTime(new Date(at), locale)}${left}`;
  };
  return (
    <section className={`card priority-section${urgent ? ' is-urgent' : ''}`} aria-labelledby="priority-title" data-testid="priority">
      <h2 id="priority-title">{t('urgent.item.title')}</h2>
      <p>
        {urgent ? <span className="badge-urgent">{t('urgent.badge')}</span> : null} {t('urgent.item.current', { priority: t(`urgent.priority.${item.priority}`) })}
      </p>
      {urgent ? (
        <ul className="plain" data-testid="urgent-deadlines">
          <li>{t('urgent.item.firstResponseDue', { when: due(item.firstResponseDueAt, item.hoursLeft.firstResponse) })}</li>
          <li>{t('urgent.item.answerDue', { when: due(item.answerDueAt, item.hoursLeft.answer) })}</li>
        </ul>
      ) : null}
      {canChange ? (
        <Form method="post" className="action-form" aria-label={t(to === 'urgent' ? 'urgent.item.raise' : 'urgent.item.lower')}>
          <CsrfInput />
          <input type="hidden" name="intent" value="set_priority" />
          <input type="hidden" name="version" value={item.version} />
          <input type="hidden" name="priority" value={to} />
          <p className="hint">{t(to === 'urgent' ? 'urgent.item.raiseHint' : 'urgent.item.lowerHint')}</p>
          <div className="field">
            <label htmlFor="priority-reason" className="required">
              {t('urgent.item.reason')}
            </label>
            <span className="hint" id="priority-reason-hint">
              {t('urgent.item.reasonHint')}
            </span>
            {error ? (
              <span className="field-error" id="priority-reason-error">
                {t(error)}
              </span>
            ) : null}
            <textarea
              {...fieldAria('internalNote', errors, true)}
              id="priority-reason"
              aria-describedby={['priority-reason-hint', error ? 'priority-reason-error' : ''].filter(Boolean).join(' ')}
              rows={2}
              required
              defaultValue={answer?.values.internalNote}
            />
          </div>
          <div className="actions">
            <button type="submit" className={to === 'urgent' ? 'danger' : 'secondary'}>
              {t(to === 'urgent' ? 'urgent.item.raise' : 'urgent.item.lower')}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
