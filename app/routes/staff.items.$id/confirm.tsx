import { Form } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CsrfInput } from '~/components/staff-session';
import { useHydrated } from '~/components/use-hydrated';
import { confirmMessageKey, type CitizenChannel } from '~/domain/item-page';
import type { WorkflowAction } from '~/domain/workflow';

/** The form's own fields, posted again as they were sent (never the CSRF token, which CsrfInput adds afresh). */
const RESENT_FIELDS = ['intent', 'version', 'publicMessage', 'internalNote', 'targetOwner', 'assignee', 'organization', 'area', 'kind', 'original'] as const;

/**
 * The second step of an irreversible action: what will happen, the exact message the citizen will receive, and
 * "yes" (the same form again with `confirm=1`) or "back" (the form again, filled in as it was). Without JavaScript
 * it is a part of the page the server answered with; with JavaScript the same content opens as a modal dialog.
 */
export function ConfirmStep({ action, preview, values, channels }: { action: WorkflowAction; preview: string; values: Record<string, string>; channels: readonly CitizenChannel[] }) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (hydrated && element && !element.open && typeof element.showModal === 'function') element.showModal();
    // Each new answer opens it again (after Escape closed the last one, the officer may send the form once more).
  }, [hydrated, values, preview]);
  const hidden = RESENT_FIELDS.filter((name) => values[name] !== undefined && values[name] !== '').map((name) => (
    <input key={name} type="hidden" name={name} value={values[name]} />
  ));
  const body = (
    <>
      <h2 id="confirm-title">{t('itemPage.confirmTitle', { action: t(`itemPage.heading.${action}`) })}</h2>
      <p id="confirm-what">{t(`itemPage.confirmWhat.${action}`)}</p>
      <p>
        <strong data-testid="confirm-channels">{t(confirmMessageKey(channels))}</strong>
      </p>
      <div className="message prewrap" dir={preview ? 'auto' : undefined} data-testid="confirm-preview">
        {preview || t('staff.previewNobody')}
      </div>
      <Form method="post" className="actions">
        <CsrfInput />
        {hidden}
        <button type="submit" name="confirm" value="1" className={action === 'answer' || action === 'final_answer' ? undefined : 'caution-solid'} autoFocus>
          {t(`itemPage.confirmYes.${action}`)}
        </button>
        <button type="submit" name="edit" value="1" className="secondary">
          {t('itemPage.confirmBack')}
        </button>
      </Form>
    </>
  );
  return hydrated ? (
    <dialog ref={dialog} className="confirm-dialog" aria-labelledby="confirm-title" aria-describedby="confirm-what" data-testid="confirm-step">
      {body}
    </dialog>
  ) : (
    <section className="card confirm-step" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-what" data-testid="confirm-step" id="confirm">
      {body}
    </section>
  );
}
