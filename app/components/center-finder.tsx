import { useTranslation } from 'react-i18next';
import { formatNumber } from '~/domain/dates';
import type { CenterChoice, CenterChoices } from '~/domain/center-choices';
import { Field, fieldAria, type FieldErrorKeys } from './form';

/**
 * The `intent` of the submission form's post that only lists centres (the finder's button without JavaScript): the
 * server re-renders the form with every value kept and the province's centres, files not, and files nothing. A post
 * of the form itself, never a GET of its own: nothing typed is lost, and no text goes into an address (logs).
 */
export const FIND_CENTERS_INTENT = 'find-centers';

/** Options grouped by their province, in the order given (consecutive options of one province share a group). */
function grouped(options: CenterChoice[]): { group: string; options: CenterChoice[] }[] {
  const groups: { group: string; options: CenterChoice[] }[] = [];
  for (const option of options) {
    const last = groups.at(-1);
    if (last && last.group === option.group) last.options.push(option);
    else groups.push({ group: option.group, options: [option] });
  }
  return groups;
}

/**
 * The centre choice at a national catalogue (issue 21): the province first, or a search by name, then the centre
 * among those few. Without JavaScript, "Show centres" posts the whole form with `intent=find-centers` and the page
 * comes back with everything typed and the centres listed (`?province=…&q=…` still work as links); public/citizen.js asks `/feedback/centers` for the same choices as the province or the
 * text changes and fills the select in place. Either way the select is the form's field and posts `centerId`.
 * The `data-*` texts are the script's, in the page's language.
 */
export function CenterFinder({
  provinces,
  choices,
  selected,
  errors,
}: {
  provinces: readonly { id: string; nameFa: string; nameEn: string }[];
  choices: CenterChoices;
  selected: string;
  errors?: FieldErrorKeys;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const fa = locale === 'fa';
  const asked = Boolean(choices.province || choices.q);
  const count = !asked
    ? t('feedback.finderEmpty')
    : choices.total > choices.options.length
      ? t('feedback.finderMore', { n: formatNumber(choices.total, locale), shown: formatNumber(choices.options.length, locale) })
      : t('feedback.centerMatches', { count: choices.total, n: formatNumber(choices.total, locale) });
  return (
    <div
      className="center-finder"
      data-center-finder="/feedback/centers"
      data-count-one={t('feedback.centerMatches', { count: 1, n: '{{n}}' })}
      data-count-other={t('feedback.centerMatches', { count: 2, n: '{{n}}' })}
      data-more={t('feedback.finderMore', { n: '{{n}}', shown: '{{shown}}' })}
      data-empty={t('feedback.finderEmpty')}
    >
      <div className="field">
        <label htmlFor="finderProvince">{t('feedback.finderProvince')}</label>
        <span className="hint" id="finderProvince-hint">
          {t('feedback.finderHint')}
        </span>
        <select id="finderProvince" name="province" defaultValue={choices.province} aria-describedby="finderProvince-hint">
          <option value="">{t('feedback.finderProvinceNone')}</option>
          {provinces.map((p) => (
            <option key={p.id} value={p.id}>
              {fa ? p.nameFa : p.nameEn}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="finderQ">{t('feedback.centerSearch')}</label>
        <input type="search" id="finderQ" name="q" defaultValue={choices.q} maxLength={100} autoComplete="off" />
      </div>
      <div className="field">
        <button type="submit" name="intent" value={FIND_CENTERS_INTENT} className="secondary" data-find-centers="" formNoValidate>
          {t('feedback.finderShow')}
        </button>
      </div>
      <Field name="centerId" label={t('feedback.center')} hint={t('feedback.centerHint')} errors={errors}>
        <select {...fieldAria('centerId', errors, true)} defaultValue={selected}>
          <option value="">{t('feedback.centerNone')}</option>
          {grouped(choices.options).map((g, i) => (
            <optgroup key={`${g.group}-${i}`} label={g.group}>
              {g.options.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <span className="hint" role="status" data-center-count="">
          {count}
        </span>
      </Field>
    </div>
  );
}
