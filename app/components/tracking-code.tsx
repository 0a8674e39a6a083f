import { groupTrackingCode } from '~/domain/tracking-code';
import { toPersianDigits } from '~/domain/persian';

/**
 * The tracking code, grouped by four and always laid out left to right. `data-code` carries the plain ASCII digits
 * for tools; people see Persian digits in the Persian interface.
 */
export function TrackingCode({ code, locale, large = true, testId = true }: { code: string; locale: string; large?: boolean; testId?: boolean }) {
  const grouped = groupTrackingCode(code);
  return (
    <span className={large ? 'tracking-code' : 'code-inline'} dir="ltr" data-testid={testId ? 'tracking-code' : undefined} data-code={code}>
      {locale === 'fa' ? toPersianDigits(grouped) : grouped}
    </span>
  );
}
