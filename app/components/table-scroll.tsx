import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A wide table that stays a table on a phone and scrolls sideways in its box: the box is a named region reachable by
 * keyboard (Tab, then the arrow keys), a shadow on an edge shows that more columns lie beyond it, and a line says so
 * in words. Where JavaScript runs, both follow the real overflow (and the shadows the scroll position, in either
 * direction); without it, a narrow screen shows the line and the shadow at the end edge, where the columns go on.
 * (CSS scroll shadows with `background-attachment: local` are drawn on the wrong edges in RTL by Chromium.)
 */
export function TableScroll({ labelledBy, label, children }: { labelledBy?: string; label?: string; children: ReactNode }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState<{ start: boolean; end: boolean } | null>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      // scrollLeft runs from 0 towards the end: positive in LTR, negative in RTL.
      const beyond = element.scrollWidth - element.clientWidth;
      const at = Math.abs(element.scrollLeft);
      setMore({ start: at > 1, end: at < beyond - 1 });
    };
    measure();
    element.addEventListener('scroll', measure, { passive: true });
    const resized = new ResizeObserver(measure);
    resized.observe(element);
    return () => {
      element.removeEventListener('scroll', measure);
      resized.disconnect();
    };
  }, []);
  const overflows = more ? more.start || more.end : undefined;
  return (
    <>
      {overflows === false ? null : (
        // Measured: shown because the table is wider than its box; not yet: CSS shows it on a narrow screen.
        <p className={overflows ? 'scroll-hint is-needed muted small' : 'scroll-hint muted small'} data-testid="scroll-hint">
          {t('stats.scrollHint')}
        </p>
      )}
      <div className="table-scroll-wrap" data-measured={more ? '' : undefined} data-more-start={more?.start ? '' : undefined} data-more-end={more?.end ? '' : undefined}>
        <div className="table-scroll" ref={box} tabIndex={0} role="region" aria-labelledby={labelledBy} aria-label={labelledBy ? undefined : label}>
          {children}
        </div>
      </div>
    </>
  );
}
