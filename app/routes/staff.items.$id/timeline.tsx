import { useTranslation } from 'react-i18next';
import { useOwnerName } from '~/components/owner-name';
import { formatDateTime } from '~/domain/dates';
import type { ItemPageData } from './types';

/** The item's full history for staff: public messages and internal notes, who did what and when. */
export function Timeline({ timeline }: Pick<ItemPageData, 'timeline'>) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const ownerName = useOwnerName();
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t('staff.timeline')}</h2>
      <ol className="timeline">
        {timeline.map((event) => (
          <li key={event.id}>
            <strong>{t(`action.${event.action}`, { owner: ownerName(event.owner) })}</strong>{' '}
            <span className="muted small">
              {event.actorType === 'staff' ? t('staff.by', { name: event.actorName ?? '' }) : event.actorType === 'citizen' ? t('staff.citizen') : t('staff.system')}
              {event.via ? ` — ${t(`via.${event.via}`)}${event.actorName ? ` (${event.actorName})` : ''}` : ''}
            </span>
            <time dateTime={new Date(event.at).toISOString()}>{formatDateTime(new Date(event.at), locale)}</time>
            {event.publicMessage ? (
              <div className="message" dir="auto">
                {event.publicMessage}
              </div>
            ) : null}
            {event.internalNote ? (
              <div className="message internal" dir={event.action === 'escalate' ? undefined : 'auto'}>
                {event.action === 'escalate' ? t(`escalation.${event.internalNote}`) : event.internalNote}</div>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
