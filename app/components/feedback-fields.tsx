import { formatNumber } from '~/domain/dates';
import { useEffect, useRef, useState, type ComponentProps, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NATIONAL } from '~/domain/feedback-schema';
import { ITEM_KINDS } from '~/domain/workflow';
import { AreaField } from './area-field';
import { CenterPicker } from './center-picker';
import { ChoiceField, Field, fieldAria, type FieldErrorKeys } from './form';
import { useHydrated } from './use-hydrated';

/**
 * Fields of a new item shared by the citizen's submission form and the staff entry form (a caller's or visitor's
 * item): its kind, what it is about (centre, province, service, area), its text, the contact details and consent.
 */

type Named = { nameFa: string; nameEn: string };

/** The kind of item, one radio button each (the group is the error summary's `#kind` target). */
export function KindField({ value, errors }: { value?: string; errors?: FieldErrorKeys }) {
  const { t } = useTranslation();
  return <ChoiceField name="kind" legend={t('feedback.kind')} choices={ITEM_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))} value={value} errors={errors} />;
}

/** An optional choice among named records (in the page's language), after an empty "none" and any `first` options. */
function NamedSelectField({
  name,
  label,
  none,
  first,
  options,
  value,
  errors,
}: {
  name: string;
  label: string;
  none: string;
  first?: ReactNode;
  options: readonly (Named & { id: string | number })[];
  value: string;
  errors?: FieldErrorKeys;
}) {
  const { i18n } = useTranslation();
  const fa = i18n.language !== 'en';
  return (
    <Field name={name} label={label} errors={errors}>
      <select {...fieldAria(name, errors, false)} defaultValue={value}>
        <option value="">{none}</option>
        {first}
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {fa ? option.nameFa : option.nameEn}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The province an item is about when no centre is chosen; `national` offers the national office too. */
export function ProvinceField({ provinces, value, national, errors }: { provinces: readonly (Named & { id: string })[]; value: string; national: boolean; errors?: FieldErrorKeys }) {
  const { t } = useTranslation();
  const first = national ? <option value={NATIONAL}>{t('feedback.provinceNational')}</option> : null;
  return <NamedSelectField name="provinceId" label={t('feedback.province')} none={t('feedback.provinceNone')} first={first} options={provinces} value={value} errors={errors} />;
}

/** The service an item is about, if any. */
export function ServiceField({ services, value, errors }: { services: readonly (Named & { id: number })[]; value: string; errors?: FieldErrorKeys }) {
  const { t } = useTranslation();
  return <NamedSelectField name="serviceId" label={t('feedback.service')} none={t('feedback.serviceNone')} options={services} value={value} errors={errors} />;
}

/**
 * What the item is about: a centre (searchable), or else a province, and optionally a service and Behzisti's area,
 * each showing what is `selected` (what was typed before a refusal, or the page's default).
 */
export function AboutFields({
  provinces,
  centers,
  services,
  selected,
  national,
  errors,
  centerField,
}: {
  provinces: ComponentProps<typeof CenterPicker>['provinces'];
  /** Every centre, for the one-select picker; not needed when `centerField` stands in its place. */
  centers: ComponentProps<typeof CenterPicker>['centers'];
  /** The centre choice, when not the one-select picker (the citizen's form: the finder, app/components/center-finder.tsx). */
  centerField?: ReactNode;
  services: readonly (Named & { id: number })[];
  selected: { centerId: string; provinceId: string; serviceId?: string; area?: string };
  national: boolean;
  errors?: FieldErrorKeys;
}) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t('feedback.about')}</legend>
      {centerField ?? <CenterPicker provinces={provinces} centers={centers} selected={selected.centerId} errors={errors} />}
      <ProvinceField provinces={provinces} value={selected.provinceId} national={national} errors={errors} />
      <ServiceField services={services} value={selected.serviceId ?? ''} errors={errors} />
      <AreaField value={selected.area} errors={errors} />
    </fieldset>
  );
}

/** The item's text, with a live count of its length where JavaScript runs. */
export function BodyField({ label, hint, value, errors }: { label: string; hint: string; value?: string; errors?: FieldErrorKeys }) {
  const { t, i18n } = useTranslation();
  const hydrated = useHydrated();
  const [bodyLength, setBodyLength] = useState((value ?? '').length);
  return (
    <Field name="body" label={label} hint={hint} required errors={errors}>
      <textarea {...fieldAria('body', errors, true)} defaultValue={value} rows={8} onChange={(event) => setBodyLength(event.currentTarget.value.length)} />
      {hydrated ? (
        <span className="hint" aria-live="polite">
          {t('feedback.counter', { count: bodyLength, n: formatNumber(bodyLength, i18n.language === 'en' ? 'en' : 'fa') })}
        </span>
      ) : (
        // Without the app, public/citizen.js shows the count (a page that is not hydrated; decision 015).
        <span className="hint" aria-live="polite" hidden data-counter={t('feedback.counter', { n: '{{n}}' })} />
      )}
    </Field>
  );
}

/**
 * The wording of the contact fieldset, and what the browser may fill in: a citizen's own details, but never the
 * staff member's own into a caller's item.
 */
const CONTACT = {
  citizen: {
    legend: 'feedback.contact',
    intro: 'feedback.contactIntro',
    mobile: 'feedback.mobile',
    anonymous: 'feedback.anonymous',
    anonymousHint: 'feedback.anonymousHint',
    autoComplete: { mobile: 'tel', name: 'name', email: 'email', nationalCode: undefined },
  },
  staff: {
    legend: 'entry.contact',
    intro: 'entry.contactIntro',
    mobile: 'entry.mobile',
    anonymous: 'entry.anonymous',
    anonymousHint: 'entry.anonymousHint',
    autoComplete: { mobile: 'off', name: 'off', email: 'off', nationalCode: 'off' },
  },
} as const;

/** How to reach the submitter (mobile, name, email, national code) or that they stay anonymous. */
export function ContactFields({ who, values, errors }: { who: keyof typeof CONTACT; values: Record<string, string | undefined>; errors?: FieldErrorKeys }) {
  const { t } = useTranslation();
  const { autoComplete, ...keys } = CONTACT[who];
  // The mobile is required unless the item is anonymous (feedbackSchema): the mark follows the box where JavaScript
  // runs; without it, the mark shows what the page was sent with.
  const [anonymous, setAnonymous] = useState(values.anonymous === 'on');
  const anonymousBox = useRef<HTMLInputElement>(null);
  // A browser may restore the box's state on Back, before the page hydrates.
  useEffect(() => setAnonymous(anonymousBox.current?.checked ?? false), []);
  return (
    <fieldset>
      <legend>{t(keys.legend)}</legend>
      <p className="hint">{t(keys.intro)}</p>
      <Field name="mobile" label={t(keys.mobile)} hint={t('feedback.mobileHint')} required={!anonymous} errors={errors}>
        <input
          type="tel"
          inputMode="tel"
          autoComplete={autoComplete.mobile}
          dir="ltr"
          className="ltr-in-rtl"
          {...fieldAria('mobile', errors, true)}
          aria-required={!anonymous}
          defaultValue={values.mobile}
        />
      </Field>
      <Field name="name" label={`${t('feedback.name')} (${t('feedback.optional')})`} errors={errors}>
        <input type="text" autoComplete={autoComplete.name} {...fieldAria('name', errors, false)} defaultValue={values.name} />
      </Field>
      <Field name="email" label={`${t('feedback.email')} (${t('feedback.optional')})`} errors={errors}>
        <input type="email" autoComplete={autoComplete.email} dir="ltr" className="ltr-in-rtl" {...fieldAria('email', errors, false)} defaultValue={values.email} />
      </Field>
      <Field name="nationalCode" label={`${t('feedback.nationalCode')} (${t('feedback.optional')})`} hint={t('feedback.nationalCodeHint')} errors={errors}>
        <input type="text" inputMode="numeric" autoComplete={autoComplete.nationalCode} dir="ltr" className="ltr-in-rtl" {...fieldAria('nationalCode', errors, true)} defaultValue={values.nationalCode} />
      </Field>
      <div className="field">
        <label className="choice">
          <input
            type="checkbox"
            name="anonymous"
            id="anonymous"
            ref={anonymousBox}
            defaultChecked={values.anonymous === 'on'}
            aria-describedby="anonymous-hint"
            onChange={(event) => setAnonymous(event.currentTarget.checked)}
          />
          <span>{t(keys.anonymous)}</span>
        </label>
        <span className="hint" id="anonymous-hint">
          {t(keys.anonymousHint)}
        </span>
      </div>
    </fieldset>
  );
}

/** The consent checkbox, labelled by `children`. */
export function ConsentField({ checked, errors, children }: { checked: boolean; errors?: FieldErrorKeys; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      {errors?.consent ? (
        <span className="field-error" id="consent-error">
          {t(errors.consent)}
        </span>
      ) : null}
      <label className="choice">
        <input type="checkbox" name="consent" id="consent" defaultChecked={checked} aria-invalid={errors?.consent ? true : undefined} aria-describedby={errors?.consent ? 'consent-error' : undefined} />
        <span>{children}</span>
      </label>
    </div>
  );
}
