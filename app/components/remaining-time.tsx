import { useTranslation } from 'react-i18next';
import { formatDeadline, formatNumber } from '~/domain/dates';
import type { Remaining } from '~/domain/deadlines';

/**
 * A deadline as the time left (issue 23): "۳ روز کاری مانده (تا پایان …)", "۵ ساعت مانده", "متوقف تا پاسخ شما — ۴ روز
 * کاری مانده", "۲ روز گذشته از مهلت". `who` names whose reply a paused clock waits for, from the reader's side.
 */
export function RemainingTime({ remaining, due, who }: { remaining: Remaining; due: string | Date; who: 'you' | 'citizen' }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const n = formatNumber(remaining.amount, locale);
  const amount = t(`fairClock.${remaining.kind}.${remaining.unit}`, { n, count: remaining.amount });
  const text = remaining.paused ? t(`fairClock.paused.${who}`, { left: amount }) : amount;
  // The date beside a running clock; a paused one has no date yet (it moves on the reply).
  const until = !remaining.paused && remaining.kind === 'left' && remaining.unit === 'workingDays' ? ` ${t('fairClock.until', { date: formatDeadline(new Date(due), locale) })}` : '';
  return (
    <span data-testid="remaining-time" data-paused={remaining.paused ? 'true' : undefined} className={remaining.kind === 'overdue' ? 'overdue' : undefined}>
      {text}
      {until}
    </span>
  );
}
