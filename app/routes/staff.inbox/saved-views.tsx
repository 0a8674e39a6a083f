import { Form, Link, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CsrfInput } from '~/components/staff-session';
import { Field, fieldAria, useFormReply, type FormAnswer } from '~/components/form';
import { VIEW_NAME_MAX } from '~/domain/saved-views';
import type { InboxPage } from './page';

/** The user's saved views (and those a manager shared with the province) as links, and the form that saves this list. */
export function SavedViews({ page, reply }: { page: InboxPage; reply: FormAnswer }) {
  const { t } = useTranslation();
  const { data, query } = page;
  const { errors, values } = useFormReply(reply);
  const [params] = useSearchParams();
  return (
    <section className="card inbox-views" aria-labelledby="views-title">
      <h2 id="views-title">{t('views.title')}</h2>
      {params.get('view_deleted') ? (
        <p role="status" className="notice">
          {t('views.deleted')}
        </p>
      ) : null}
      {data.views.length === 0 ? (
        <p className="muted small">{t('views.none')}</p>
      ) : (
        <ul className="inbox-view-list">
          {data.views.map((view) => (
            <li key={view.id}>
              <Link to={`/staff/inbox?view=${view.id}`} aria-current={query.view === view.id ? 'true' : undefined}>
                <bdi>{view.name}</bdi>
              </Link>
              {view.shared ? <span className="badge">{t(view.own ? 'views.sharedByMe' : 'views.shared')}</span> : null}
              {view.own ? (
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="id" value={view.id} />
                  <button type="submit" className="link-button">
                    {t('views.delete')}
                    <span className="visually-hidden"> {view.name}</span>
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <details className="inbox-view-save" open={errors?.name ? true : undefined}>
        <summary>{t('views.saveThis')}</summary>
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="query" value={data.here.replace(/^[^?]*/, '')} />
          <Field name="name" label={t('views.name')} hint={t('views.nameHint')} required errors={errors}>
            <input type="text" {...fieldAria('name', errors, true)} defaultValue={values.name ?? ''} maxLength={VIEW_NAME_MAX} autoComplete="off" />
          </Field>
          {data.canShare ? (
            <div className="field">
              <label className="choice">
                <input type="checkbox" name="shared" value="1" />
                <span>{t('views.share')}</span>
              </label>
            </div>
          ) : null}
          <button type="submit" className="secondary">
            {t('views.save')}
          </button>
        </Form>
      </details>
    </section>
  );
}
