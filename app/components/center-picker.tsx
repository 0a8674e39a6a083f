import { formatNumber } from '~/domain/dates';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchKey } from '~/domain/persian';
import { Field, fieldAria, type FieldErrorKeys } from './form';
import { useHydrated } from './use-hydrated';

interface Option {
  id: number;
  provinceId: string;
  nameFa: string;
  nameEn: string;
  cityFa: string;
  cityEn: string;
}

/**
 * The centre choice. Without JavaScript it is one select grouped by province; where JavaScript runs, a search box
 * above it narrows the list as the citizen types (Persian-aware: ye/kaf, ZWNJ, digits), the select staying the
 * form's field, so both paths post the same `centerId`.
 */
export function CenterPicker({
  provinces,
  centers,
  selected,
  errors,
}: {
  provinces: { id: string; nameFa: string; nameEn: string }[];
  centers: Option[];
  selected: string;
  errors?: FieldErrorKeys;
}) {
  const { t, i18n } = useTranslation();
  const fa = i18n.language !== 'en';
  const hydrated = useHydrated();
  const [query, setQuery] = useState('');
  const key = searchKey(query);
  const keys = useMemo(
    () => new Map(centers.map((c) => [c.id, searchKey(`${c.nameFa} ${c.cityFa} ${c.nameEn} ${c.cityEn}`)])),
    [centers],
  );
  const visible = key ? centers.filter((c) => keys.get(c.id)!.includes(key) || String(c.id) === selected) : centers;
  return (
    <>
      {hydrated ? (
        <div className="field">
          <label htmlFor="centerSearch">{t('feedback.centerSearch')}</label>
          <input id="centerSearch" type="search" value={query} onChange={(e) => setQuery(e.currentTarget.value)} aria-controls="centerId" autoComplete="off" />
          <span className="hint" role="status">
            {t('feedback.centerMatches', { count: visible.length, n: formatNumber(visible.length, fa ? 'fa' : 'en') })}
          </span>
        </div>
      ) : null}
      <Field name="centerId" label={t('feedback.center')} hint={t('feedback.centerHint')} errors={errors}>
        <select {...fieldAria('centerId', errors, true)} defaultValue={selected}>
          <option value="">{t('feedback.centerNone')}</option>
          {provinces.map((province) => {
            const inProvince = visible.filter((c) => c.provinceId === province.id);
            if (inProvince.length === 0) return null;
            return (
              <optgroup key={province.id} label={fa ? province.nameFa : province.nameEn}>
                {inProvince.map((c) => (
                  <option key={c.id} value={c.id}>
                    {fa ? `${c.nameFa} (${c.cityFa})` : `${c.nameEn} (${c.cityEn})`}
                  </option>
                ))}
              </optgroup>
            );
          })}
        </select>
      </Field>
    </>
  );
}
