import { useTranslation } from 'react-i18next';

/** An item's state as a coloured badge (tests read it by `item-status`). */
export function StatusBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <span className="status-badge" data-testid="item-status" data-status={state}>
      {t(`status.${state}`)}
    </span>
  );
}
