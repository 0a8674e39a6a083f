/**
 * How every page writes the figures of app/domain/figures.ts (docs/decisions/016-figures.md): a share, an average or
 * a median always with its count of cases, "fewer than 5 cases" under the small-number rule, durations in days,
 * the previous period and the target beside it, and the one link to the definitions.
 */
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber, formatPercent, type Locale } from '~/domain/dates';
import { AGEING_BANDS, MIN_CASES, type Comparison } from '~/domain/figures';
import { dayNoon } from '~/domain/stats';

/** The shape both staff (Figure) and public (PublicFigure) figures have. */
export interface ShownFigure {
  value: number | null;
  cases: number | null;
}

export type FigureKind = 'share' | 'rating' | 'days';

/** Formatters for one locale: a bare value, a value with its cases, a count (public counts may be withheld). */
export function useFigureText(locale: Locale) {
  const { t } = useTranslation();
  const number = (n: number) => formatNumber(n, locale);
  const few = t('figures.few', { n: number(MIN_CASES) });
  const value = (kind: FigureKind, v: number) =>
    kind === 'share' ? formatPercent(v, locale) : kind === 'rating' ? t('figures.ratingOf5', { value: number(v) }) : t('figures.days', { value: number(v) });
  /** "82 % · 120 cases", or "fewer than 5 cases" (with the count when the page may show it). */
  const withCases = (kind: FigureKind, f: ShownFigure) =>
    f.value === null ? (f.cases !== null && f.cases > 0 && f.cases < MIN_CASES ? `${few} (${number(f.cases)})` : few) : t('figures.ofCases', { value: value(kind, f.value), n: number(f.cases ?? 0) });
  const bare = (kind: FigureKind, f: ShownFigure) => (f.value === null ? '—' : value(kind, f.value));
  const count = (n: number | null) => (n === null ? few : number(n));
  return { number, few, value, withCases, bare, count };
}

/** The previous period's figure, the direction of the change and the target, in one short line. */
export function ComparedLine({ kind, previous, comparison, locale }: { kind: FigureKind; previous: ShownFigure; comparison?: Comparison; locale: Locale }) {
  const { t } = useTranslation();
  const text = useFigureText(locale);
  const parts = [t('figures.previous', { value: text.bare(kind, previous) })];
  if (comparison?.direction) parts.push(t(`figures.direction.${comparison.direction}`));
  if (comparison?.target !== null && comparison?.target !== undefined) {
    parts.push(t('figures.target', { value: text.value(kind, comparison.target) }));
    if (comparison.meetsTarget !== null) parts.push(t(comparison.meetsTarget ? 'figures.meets' : 'figures.misses'));
  }
  return <span className="figure-compare">{parts.join(' · ')}</span>;
}

/** One figure of a `dl.figures` grid with its cases and, where given, its comparison. */
export function FigureCell({
  label,
  name,
  children,
  compared,
  alert = false,
}: {
  label: string;
  name: string;
  children: string;
  compared?: React.ReactNode;
  alert?: boolean;
}) {
  return (
    <div className={alert ? 'figure figure-alert' : 'figure'} data-figure={name}>
      <dt>{label}</dt>
      <dd>
        {children}
        {compared ? <small>{compared}</small> : null}
      </dd>
    </div>
  );
}

/** Items unanswered at the period's end per ageing band. */
export function AgeingList({ ageing, locale, testId }: { ageing: Record<string, number | null>; locale: Locale; testId?: string }) {
  const { t } = useTranslation();
  const text = useFigureText(locale);
  return (
    <dl className="figures ageing" data-testid={testId} aria-label={t('figures.ageing')}>
      {AGEING_BANDS.map((band) => (
        <div className="figure" key={band.key} data-figure={`age-${band.key}`}>
          <dt>{t(`figures.band.${band.key}`)}</dt>
          <dd>{text.count(ageing[band.key] ?? 0)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The one line every page with figures carries: where they are defined. */
export function DefinitionsLink() {
  const { t } = useTranslation();
  return (
    <p className="small figures-definitions-link">
      <Link to="/stats#definitions">{t('figures.definitionsLink')}</Link>
    </p>
  );
}

/** "Compared with …" for a page's previous range. */
export function PreviousRangeNote({ range, locale }: { range: { from: string; to: string }; locale: Locale }) {
  const { t } = useTranslation();
  return <>{t('figures.previousRange', { from: formatDate(dayNoon(range.from), locale), to: formatDate(dayNoon(range.to), locale) })}</>;
}

/**
 * The custom range fields (`from`, `to`, Solar dates) of a GET filter form, each with its message when the dates
 * were refused; what was typed stays in the box.
 */
export function RangeFields({ from, to, errors }: { from: string; to: string; errors: Partial<Record<'from' | 'to', string>> }) {
  const { t } = useTranslation();
  const field = (name: 'from' | 'to', value: string) => (
    <div className="field">
      <label htmlFor={`range-${name}`}>{t(`figures.range.${name}`)}</label>
      <input
        id={`range-${name}`}
        name={name}
        defaultValue={value}
        inputMode="numeric"
        autoComplete="off"
        dir="ltr"
        placeholder="1405/08/01"
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `range-${name}-error range-hint` : 'range-hint'}
      />
      {errors[name] ? (
        <span className="field-error" id={`range-${name}-error`}>
          {t(`figures.range.error.${errors[name]}`)}
        </span>
      ) : null}
    </div>
  );
  return (
    <fieldset className="range-fields">
      <legend>{t('figures.range.legend')}</legend>
      {field('from', from)}
      {field('to', to)}
      <p className="muted small" id="range-hint">
        {t('figures.range.hint')}
      </p>
    </fieldset>
  );
}
