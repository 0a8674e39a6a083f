import { Form } from '@remix-run/react';
import { staffStatusKey } from '~/components/status-badge';
import { useTranslation } from 'react-i18next';
import { CsrfInput } from '~/components/staff-session';
import { TrackingCode } from '~/components/tracking-code';
import { formatDateTime, formatNumber } from '~/domain/dates';
import { trackingCodeInText } from '~/domain/tracking-code';
import type { ItemPageData } from './types';

/**
 * The item's duplicate links (its original, its duplicates) and similar open items, each with a button to mark
 * this item a duplicate of it when that action is open; nothing when there is none of these.
 */
export function DuplicatesSection({ item, links, similar, actions }: Pick<ItemPageData, 'item' | 'links' | 'similar' | 'actions'>) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  return (
    <>
      {links.original || links.originalElsewhere || links.duplicates.length > 0 || links.duplicatesElsewhere > 0 || similar.length > 0 ? (
        <section className="card" aria-labelledby="duplicates-title" data-testid="duplicates">
          <h2 id="duplicates-title">{t('duplicates.title')}</h2>
          {links.original ? (
            <p>
              {t('duplicates.isDuplicateOf')}{' '}
              <a href={`/staff/items/${links.original.id}`}>
                <TrackingCode code={links.original.trackingCode} locale={locale} large={false} testId={false} />
              </a>
            </p>
          ) : links.originalElsewhere ? (
            <p>{t('duplicates.isDuplicateOfElsewhere')}</p>
          ) : null}
          {links.duplicates.length > 0 ? (
            <p>
              {t('duplicates.hasDuplicates')}{' '}
              {links.duplicates.map((d, i) => (
                <span key={d.id}>
                  {i > 0 ? '، ' : ''}
                  <a href={`/staff/items/${d.id}`}>
                    <TrackingCode code={d.trackingCode} locale={locale} large={false} testId={false} />
                  </a>
                </span>
              ))}
            </p>
          ) : null}
          {links.duplicatesElsewhere > 0 ? <p>{t('duplicates.duplicatesElsewhere', { n: formatNumber(links.duplicatesElsewhere, locale) })}</p> : null}
          {similar.length > 0 ? (
            <>
              <p className="muted">{t('duplicates.similarIntro')}</p>
              <ul className="similar-list">
                {similar.map((other) => (
                  <li key={other.id} data-code={other.trackingCode}>
                    <a href={`/staff/items/${other.id}`}>
                      <TrackingCode code={other.trackingCode} locale={locale} large={false} testId={false} />
                    </a>{' '}
                    <span className="muted small">
                      {t(`kind.${other.kind}`)} · {t(staffStatusKey(other.state))} · {formatDateTime(new Date(other.createdAt), locale)}
                    </span>
                    <div className="message" dir="auto">
                      {other.excerpt}
                    </div>
                    {actions.includes('mark_duplicate') ? (
                      <Form method="post" className="inline-form">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="mark_duplicate" />
                        <input type="hidden" name="version" value={item.version} />
                        <input type="hidden" name="original" value={other.trackingCode} />
                        <button type="submit" className="secondary small-button">
                          {t('duplicates.markAsDuplicateOf', { code: trackingCodeInText(other.trackingCode, locale) })}
                        </button>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
