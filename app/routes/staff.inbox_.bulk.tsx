/**
 * Bulk actions on the inbox's ticked rows (issue 24): a post from the inbox lands here. An assignment is applied at
 * once; a transfer, a duplicate or a spam closure first shows what the citizens will receive and asks to confirm (a
 * second post). Then a summary: what was done, and what was refused and why. No JavaScript needed at any step.
 */
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, prefixErrors, useFormReply } from '~/components/form';
import { CsrfInput } from '~/components/staff-session';
import { TrackingCode } from '~/components/tracking-code';
import { formatDate, formatNumber } from '~/domain/dates';
import { pageTitle } from '~/i18n/meta';
import { requireStaff } from '~/sessions/staff.server';
import { BulkControls } from '~/routes/staff.inbox/bulk-controls';
import { bulkAction, type BulkAnswer } from '~/routes/staff.inbox/bulk.server';
import type { BulkRefused } from '~/services/bulk-actions.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'bulk.title'), { name: 'robots', content: 'noindex' }];

/**
 * Nothing to show without a post, so the page only links back to the inbox. No redirect here: loaders also run
 * after the action, and a redirect would replace the action's answer (the confirmation or the summary).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, 'inbox:read');
  return json(null);
}

export async function action(args: ActionFunctionArgs) {
  const { status, answer } = await bulkAction(args);
  return json(answer, { status });
}

const FIELDS = ['bulkAction', 'item', 'assignee', 'targetOwner', 'original', 'internalNote'] as const;
/** The error summary links to the fields by their ids (`bulk-…`, as BulkControls writes them). */
const FIELD_IDS = FIELDS.map((name) => (name === 'item' ? name : `bulk-${name}`));

export default function BulkPage() {
  const answer = useActionData<typeof action>() as BulkAnswer | undefined;
  const { t } = useTranslation();
  if (!answer) {
    return (
      <div className="page">
        <h1>{t('bulk.title')}</h1>
        <Link to="/staff/inbox">{t('bulk.back')}</Link>
      </div>
    );
  }
  if (answer.step === 'summary') return <Summary answer={answer} />;
  if (answer.step === 'confirm') return <Confirm answer={answer} />;
  return <Fix answer={answer} />;
}

function Code({ code, id }: { code: string | null; id: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  if (!code) return <span>{t('bulk.unknownItem', { id: formatNumber(id, locale) })}</span>;
  return (
    <Link to={`/staff/items/${id}`}>
      <TrackingCode code={code} locale={locale} large={false} testId={false} />
    </Link>
  );
}

function RefusedList({ refused }: { refused: BulkRefused[] }) {
  const { t } = useTranslation();
  return (
    <ul className="bulk-list" data-testid="bulk-refused">
      {refused.map((r) => (
        <li key={r.id}>
          <Code code={r.trackingCode} id={r.id} />: {t(r.reason)}
        </li>
      ))}
    </ul>
  );
}

function Summary({ answer }: { answer: Extract<BulkAnswer, { step: 'summary' }> }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const { done, refused } = answer.summary;
  return (
    <div className="page">
      <h1>{t('bulk.summaryTitle', { action: t(`bulk.action_${answer.action}`) })}</h1>
      <p role="status" className={refused.length ? 'notice error' : 'notice'} data-testid="bulk-summary">
        {t('bulk.summaryLine', { done: formatNumber(done.length, locale), refused: formatNumber(refused.length, locale) })}
      </p>
      {done.length ? (
        <section aria-labelledby="bulk-done">
          <h2 id="bulk-done">{t('bulk.doneTitle')}</h2>
          <ul className="bulk-list" data-testid="bulk-done">
            {done.map((d) => (
              <li key={d.id}>
                <Code code={d.trackingCode} id={d.id} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {refused.length ? (
        <section aria-labelledby="bulk-refused">
          <h2 id="bulk-refused">{t('bulk.refusedTitle')}</h2>
          <RefusedList refused={refused} />
        </section>
      ) : null}
      <p>
        <Link to={answer.returnTo}>{t('bulk.back')}</Link>
      </p>
    </div>
  );
}

function Confirm({ answer }: { answer: Extract<BulkAnswer, { step: 'confirm' }> }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const { messages, refused } = answer.preview;
  const count = messages.reduce((n, m) => n + m.items.length, 0);
  const label = t(`bulk.action_${answer.action}`);
  return (
    <div className="page narrow">
      <h1>{t('bulk.confirmTitle', { action: label, n: formatNumber(count, locale) })}</h1>
      <p>{t(`bulk.confirmIntro_${answer.action}`)}</p>
      <section aria-labelledby="bulk-messages">
        <h2 id="bulk-messages">{t('bulk.citizensReceive')}</h2>
        {messages.map((m, index) => (
          <div className="card" key={index}>
            {m.text === null ? <p className="muted">{t('bulk.noMessage')}</p> : <blockquote className="prewrap" dir="auto" data-testid="bulk-message">{m.text}</blockquote>}
            <p className="small">{t('bulk.goesTo')}</p>
            {/* Each item with enough to recognise it, not its code alone (outside review, round 8). */}
            <ul className="bulk-list" data-testid="bulk-items">
              {m.items.map((i) => (
                <li key={i.id}>
                  <Code code={i.trackingCode} id={i.id} />
                  {locale === 'fa' ? '، ' : ', '}
                  {[t(`kind.${i.about.kind}`), i.about.center ? (locale === 'fa' ? i.about.center.fa : i.about.center.en) : null, formatDate(new Date(i.about.receivedAt), locale)]
                    .filter(Boolean)
                    .join(locale === 'fa' ? '، ' : ', ')}
                  {': '}
                  <q dir="auto" data-testid="bulk-excerpt">
                    {i.about.excerpt}
                  </q>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      {refused.length ? (
        <section aria-labelledby="bulk-left">
          <h2 id="bulk-left">{t('bulk.leftAsIs')}</h2>
          <RefusedList refused={refused} />
        </section>
      ) : null}
      <Form method="post" action="/staff/inbox/bulk">
        <CsrfInput />
        <input type="hidden" name="returnTo" value={answer.returnTo} />
        <input type="hidden" name="confirm" value="1" />
        {answer.items.map((item) => (
          <input key={item} type="hidden" name="item" value={item} />
        ))}
        {FIELDS.filter((name) => name !== 'item').map((name) => (
          <input key={name} type="hidden" name={name} value={answer.values[name] ?? ''} />
        ))}
        <div className="actions">
          <button type="submit">{t('bulk.confirm', { action: label })}</button>
          <Link to={answer.returnTo} className="button secondary">
            {t('bulk.cancel')}
          </Link>
        </div>
      </Form>
    </div>
  );
}

function Fix({ answer }: { answer: Extract<BulkAnswer, { step: 'fix' }> }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const { errors, values } = useFormReply(answer);
  return (
    <div className="page narrow">
      <h1>{t('bulk.title')}</h1>
      <ErrorSummary errors={errors ? { ...prefixErrors(errors, 'bulk'), item: errors.item, form: errors.form } : undefined} order={FIELD_IDS} />
      <Form method="post" action="/staff/inbox/bulk">
        <CsrfInput />
        <input type="hidden" name="returnTo" value={answer.returnTo} />
        {answer.items.length ? (
          <fieldset id="item">
            <legend>{t('bulk.selected')}</legend>
            {answer.items.map((i) => (
              <label className="choice" key={i.id}>
                <input type="checkbox" name="item" value={`${i.id}.${i.version}`} defaultChecked />
                <TrackingCode code={i.trackingCode} locale={locale} large={false} testId={false} />
              </label>
            ))}
          </fieldset>
        ) : null}
        <BulkControls choices={answer.choices} values={{ ...values, ...answer.values }} errors={errors} />
        <div className="actions">
          <button type="submit">{t('bulk.apply')}</button>
          <Link to={answer.returnTo} className="button secondary">
            {t('bulk.cancel')}
          </Link>
        </div>
      </Form>
    </div>
  );
}
