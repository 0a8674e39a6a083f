import { useTranslation } from 'react-i18next';
import { toPersianDigits } from '~/domain/persian';

/**
 * A mobile number as staff see it (masked `0912***4567`, or in full once revealed) inside a sentence: Persian digits
 * on a Persian page (docs/DESIGN.md §6, §7: ۰۹۱۲***۴۵۶۷), always left to right so its groups read in order.
 */
export function PhoneNumber({ value }: { value: string }) {
  const { i18n } = useTranslation();
  return (
    <bdi dir="ltr" className="phone-number">
      {i18n.language === 'en' ? value : toPersianDigits(value)}
    </bdi>
  );
}
