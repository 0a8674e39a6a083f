import { useTranslation } from 'react-i18next';
import { formatDate } from '~/domain/dates';
import { toPersianDigits } from '~/domain/persian';

/** A date typed as Solar Hijri or Gregorian, shown back as the date it was read as (or as ignored). */
export function DayField({
  name,
  label,
  text,
  readAs,
  examples,
  locale,
}: {
  name: string;
  label: string;
  text: string;
  readAs: string | null;
  examples: { solar: string; gregorian: string };
  locale: 'fa' | 'en';
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <span className="hint" id={`${name}-hint`}>
        {t('inbox.dateHint')}{' '}
        <span dir="ltr" className="code-inline">
          {/* In the page's digits: the field takes Persian or Latin digits alike. */}
          {locale === 'fa' ? toPersianDigits(`${examples.solar} · ${examples.gregorian}`) : `${examples.solar} · ${examples.gregorian}`}
        </span>
      </span>
      <input type="text" id={name} name={name} defaultValue={text} maxLength={20} inputMode="numeric" dir="ltr" autoComplete="off" aria-describedby={`${name}-hint ${name}-read`} />
      <span className="hint inbox-date-read" id={`${name}-read`}>
        {readAs ? t('inbox.dateRead', { date: formatDate(new Date(readAs), locale) }) : text ? t('inbox.dateIgnored') : null}
      </span>
    </div>
  );
}
