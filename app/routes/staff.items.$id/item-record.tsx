import { useTranslation } from 'react-i18next';
import { useOwnerName } from '~/components/owner-name';
import { StatusBadge } from '~/components/status-badge';
import { RemainingTime } from '~/components/remaining-time';
import { formatDateTime, formatDeadline, formatDue } from '~/domain/dates';
import type { RevealedContact } from '~/models/contact.server';
import { Attachments } from './attachments';
import { ContactDetails } from './contact';
import type { ItemPageData } from './types';

/** The item's record: state, owner, kind, centre, dates, assignee, contact, and the citizen's own text and files. */
export function ItemRecord({
  item,
  owner,
  attachments,
  revealed,
  canReveal,
}: Pick<ItemPageData, 'item' | 'owner' | 'attachments' | 'canReveal'> & { revealed: RevealedContact | null }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const ownerName = useOwnerName();
  return (
    <div className="card">
      <dl className="facts">
        <dt>{t('staff.status')}</dt>
        <dd>
          <StatusBadge state={item.state} staff />
        </dd>
        <dt>{t('track.handledBy')}</dt>
        <dd>{ownerName(owner)}</dd>
        <dt>{t('staff.kind')}</dt>
        <dd>{t(`kind.${item.kind}`)}</dd>
        <dt>{t('staff.center')}</dt>
        <dd>{item.center ? (locale === 'fa' ? item.center.nameFa : item.center.nameEn) : '—'}</dd>
        <dt>{t('staff.received')}</dt>
        <dd>
          {formatDateTime(new Date(item.createdAt), locale)} · {t(`channel.${item.channel}`)}
        </dd>
        {item.firstResponseDueAt ? (
          <>
            <dt>{t('staff.firstResponseDue')}</dt>
            <dd>{formatDue(new Date(item.firstResponseDueAt), locale)}</dd>
          </>
        ) : null}
        {item.answerDueAt ? (
          <>
            <dt>{t('staff.answerDue')}</dt>
            <dd>
              {item.remaining ? <RemainingTime remaining={item.remaining} due={item.answerDueAt} who="citizen" /> : formatDeadline(new Date(item.answerDueAt), locale)}
              {item.escalationLevel > 0 ? (
                <>
                  {' '}
                  <span className="badge-overdue">{t('staff.overdue')}</span>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
        <dt>{t('staff.assignee')}</dt>
        <dd>{item.assigneeName ?? t('staff.unassigned')}</dd>
        <dt>{t('staff.contact')}</dt>
        <dd>
          <ContactDetails item={item} revealed={revealed} canReveal={canReveal} />
        </dd>
      </dl>
      <h2>{t('staff.citizenText')}</h2>
      {item.subject ? (
        <p dir="auto">
          <strong className="prewrap">{item.subject}</strong>
        </p>
      ) : null}
      <p className="prewrap" dir="auto">
        {item.body}
      </p>
      <Attachments item={item} attachments={attachments} />
    </div>
  );
}
