import { useTranslation } from 'react-i18next';

/**
 * The key of a state's name for staff: the citizen's own wording ("Waiting for your reply") reads as the opposite on a
 * staff screen, where the item waits for the citizen (outside review, round 8). Other states read the same for both.
 */
export function staffStatusKey(state: string): string {
  return state === 'awaiting_citizen' ? 'staffStatus.awaiting_citizen' : `status.${state}`;
}

/** An item's state as a coloured badge (tests read it by `item-status`); `staff` for staff pages' wording. */
export function StatusBadge({ state, staff = false }: { state: string; staff?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="status-badge" data-testid="item-status" data-status={state}>
      {t(staff ? staffStatusKey(state) : `status.${state}`)}
    </span>
  );
}
