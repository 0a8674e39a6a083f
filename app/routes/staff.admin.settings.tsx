import { CsrfInput } from '~/components/staff-session';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { assertCsrf, requireStaff } from '~/sessions/staff.server';
import { AdminCatalogNav } from '~/components/admin-catalog-nav';
import { ErrorSummary, Field, fieldAria, FormNotices, PostButton, TextField, useFormReply, useSavedNotice, type FieldErrorKeys } from '~/components/form';
import { db } from '~/platform/db.server';
import {
  answerField,
  firstResponseField,
  HOLIDAY_FIELDS,
  holidaySchema,
  NAME_MAX,
  parseId,
  parseSettingsForm,
  TARGET_FIELDS,
  SETTINGS_FIELDS,
  WEEKDAYS,
} from '~/domain/catalog-admin-schema';
import { formatDate, formatNumber } from '~/domain/dates';
import { parseForm, refusal, replyTo, sentFields, sentValues, type FormReply } from '~/domain/forms';
import { ITEM_KINDS } from '~/domain/workflow';
import { readFormData } from '~/platform/http.server';
import { pageTitle } from '~/i18n/meta';
import { addHoliday, deleteHoliday, getWorkflowSettings, listHolidays, saveSettings } from '~/models/catalog-admin.server';
import { invariantResponse } from '~/platform/invariant.server';
import { LUNAR_HOLIDAYS } from '~/domain/lunar-holidays';
import { toPersianDigits } from '~/domain/persian';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'adminCatalog.settings.title'), { name: 'robots', content: 'noindex' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'admin:manage');
  // Which seeded lunar dates were computed, not read from a published calendar (issue 23): the admin checks those.
  const lunarSeed = LUNAR_HOLIDAYS.map((y) => ({ year: y.solarYear, source: y.source, computed: y.days.filter((d) => d.computed).map((d) => d.date) }));
  return json({ user, settings: getWorkflowSettings(db()), holidays: listHolidays(db()), lunarSeed });
}

type Intent = 'saveSettings' | 'addHoliday' | 'deleteHoliday';

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, 'admin:manage');
  const formData = await readFormData(request);
  assertCsrf(staff, formData);
  const sent = parseForm(formData, sentFields, { repeated: ['weekend'] });
  const values = sentValues(sent);
  const intent: Intent | null =
    values.intent === 'saveSettings' || values.intent === 'addHoliday' || values.intent === 'deleteHoliday' ? values.intent : null;
  const weekend = formData.getAll('weekend').filter((v): v is string => typeof v === 'string');
  const refuse = (reply: FormReply) =>
    json({ intent: intent ?? '', ...reply, weekend: weekend.slice(0, 7).map((d) => d.slice(0, 2)) }, { status: 400 });

  if (intent === 'saveSettings') {
    const parsed = parseSettingsForm({ ...values, weekend });
    if (!parsed.ok) return refuse(replyTo(sent, parsed.errors));
    saveSettings(db(), staff.user.id, parsed.data);
    return redirect('/staff/admin/settings?saved=settings');
  }
  if (intent === 'addHoliday') {
    const parsed = parseForm(formData, holidaySchema);
    if (parsed.status !== 'success') return refuse(replyTo(parsed));
    const result = addHoliday(db(), staff.user.id, parsed.value);
    if (!result.ok) return refuse(replyTo(parsed, result.errors));
    return redirect('/staff/admin/settings?saved=holidayAdded#holidays');
  }
  if (intent === 'deleteHoliday') {
    const id = parseId(values.holidayId);
    const result = id === null ? null : deleteHoliday(db(), staff.user.id, id);
    invariantResponse(result?.ok);
    return redirect('/staff/admin/settings?saved=holidayDeleted#holidays');
  }
  return refuse(refusal({ form: 'adminCatalog.errors.invalid' }));
}

function NumberInput({ name, label, values, errors, hint }: { name: string; label: string; values: Record<string, string>; errors?: FieldErrorKeys; hint?: string }) {
  const { t } = useTranslation();
  return (
    <Field name={name} label={label} hint={hint ?? t('adminCatalog.settings.daysHint')} required errors={errors}>
      <input {...fieldAria(name, errors, true)} type="text" inputMode="numeric" className="short" defaultValue={values[name] ?? ''} maxLength={6} required />
    </Field>
  );
}

/** The saved targets as the form shows them: shares as whole percents, none as an empty box. */
function targetValues(targets: { answeredInTime: number | null; satisfaction: number | null; medianAnswerDays: number | null; appealRate: number | null }) {
  const text = (n: number | null) => (n === null ? '' : String(n));
  return {
    targetInTimePercent: text(targets.answeredInTime === null ? null : Math.round(targets.answeredInTime * 100)),
    targetSatisfaction: text(targets.satisfaction),
    targetMedianDays: text(targets.medianAnswerDays),
    targetAppealPercent: text(targets.appealRate === null ? null : Math.round(targets.appealRate * 100)),
  };
}

const SAVED: Record<string, string> = {
  settings: 'adminCatalog.settings.saved',
  holidayAdded: 'adminCatalog.settings.added',
  holidayDeleted: 'adminCatalog.settings.deleted',
};

export default function AdminSettings() {
  const { settings, holidays, lunarSeed } = useLoaderData<typeof loader>();
  const computedLunar = new Set(lunarSeed.flatMap((y) => y.computed));
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const fa = i18n.language !== 'en';
  const locale = fa ? 'fa' : 'en';
  const savedMessage = useSavedNotice(SAVED);

  const settingsReply = useFormReply(actionData?.intent === 'saveSettings' ? actionData : undefined);
  const settingsErrors = settingsReply.errors;
  const settingsValues: Record<string, string> = settingsErrors
    ? settingsReply.values
    : {
        ...Object.fromEntries(
          ITEM_KINDS.flatMap((kind) => [
            [firstResponseField(kind), String(settings.deadlines[kind].firstResponseDays)],
            [answerField(kind), String(settings.deadlines[kind].answerDays)],
          ]),
        ),
        urgentFirstResponseHours: String(settings.urgent.firstResponseHours),
        urgentAnswerHours: String(settings.urgent.answerHours),
        appealWindowDays: String(settings.appealWindowDays),
        reopenWindowDays: String(settings.reopenWindowDays),
        answeredAutoCloseDays: String(settings.answeredAutoCloseDays),
        awaitingCitizenAutoCloseDays: String(settings.awaitingCitizenAutoCloseDays),
        contactRetentionDays: String(settings.contactRetentionDays),
        ...targetValues(settings.targets),
      };
  const weekend = new Set(settingsErrors ? actionData!.weekend : settings.weekend.map(String));

  const holidayReply = useFormReply(actionData?.intent === 'addHoliday' ? actionData : undefined);
  const holidayErrors = holidayReply.errors;
  const holidayValues: Record<string, string> = holidayErrors ? holidayReply.values : { holidayType: 'recurring' };
  const formError = actionData?.errors?.form;
  const number = (n: number) => formatNumber(n, locale);

  return (
    <div className="page">
      <AdminCatalogNav current="settings" />
      <h1>{t('adminCatalog.settings.title')}</h1>
      <p className="muted">{t('adminCatalog.settings.intro')}</p>
      <FormNotices saved={savedMessage} error={formError ? t(formError) : null} />

      <Form method="post" className="card" noValidate aria-labelledby="settings-form-title">
        <h2 id="settings-form-title" className="visually-hidden">
          {t('adminCatalog.settings.title')}
        </h2>
        <ErrorSummary errors={settingsErrors} order={SETTINGS_FIELDS} />
        <CsrfInput />
        <input type="hidden" name="intent" value="saveSettings" />
        <fieldset className="admin-checkboxes" aria-describedby={['weekend-hint', settingsErrors?.weekend ? 'weekend-error' : ''].filter(Boolean).join(' ')}>
          <legend id="weekend">{t('adminCatalog.settings.weekend')}</legend>
          <span className="hint" id="weekend-hint">
            {t('adminCatalog.settings.weekendHint')}
          </span>
          {settingsErrors?.weekend ? (
            <span className="field-error" id="weekend-error">
              {t(settingsErrors.weekend)}
            </span>
          ) : null}
          {WEEKDAYS.map((day) => (
            <label key={day} className="choice">
              <input type="checkbox" name="weekend" value={day} defaultChecked={weekend.has(String(day))} /> {t(`adminCatalog.weekday.${day}`)}
            </label>
          ))}
        </fieldset>

        <fieldset>
          <legend>{t('adminCatalog.settings.deadlines')}</legend>
          <div className="admin-deadlines">
            {ITEM_KINDS.map((kind) => (
              <fieldset key={kind} className="admin-deadline">
                <legend>{t(`kind.${kind}`)}</legend>
                <NumberInput name={firstResponseField(kind)} label={t('adminCatalog.settings.firstResponseDays')} values={settingsValues} errors={settingsErrors} />
                <NumberInput name={answerField(kind)} label={t('adminCatalog.settings.answerDays')} values={settingsValues} errors={settingsErrors} />
              </fieldset>
            ))}
          </div>
        </fieldset>

        <fieldset className="admin-deadline urgent-plan">
          <legend>{t('urgent.settings.legend')}</legend>
          <p className="muted small">{t('urgent.settings.intro')}</p>
          <div className="admin-grid">
            <NumberInput name="urgentFirstResponseHours" label={t('urgent.settings.firstResponseHours')} hint={t('urgent.settings.hoursHint')} values={settingsValues} errors={settingsErrors} />
            <NumberInput name="urgentAnswerHours" label={t('urgent.settings.answerHours')} hint={t('urgent.settings.hoursHint')} values={settingsValues} errors={settingsErrors} />
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('adminCatalog.settings.windows')}</legend>
          <div className="admin-grid">
            <NumberInput name="appealWindowDays" label={t('adminCatalog.settings.appealWindowDays')} values={settingsValues} errors={settingsErrors} />
            <NumberInput name="reopenWindowDays" label={t('fairClock.reopenWindowDays')} values={settingsValues} errors={settingsErrors} />
            <NumberInput name="answeredAutoCloseDays" label={t('adminCatalog.settings.answeredAutoCloseDays')} values={settingsValues} errors={settingsErrors} />
            <NumberInput name="awaitingCitizenAutoCloseDays" label={t('adminCatalog.settings.awaitingCitizenAutoCloseDays')} values={settingsValues} errors={settingsErrors} />
            <NumberInput name="contactRetentionDays" label={t('adminCatalog.settings.contactRetentionDays')} values={settingsValues} errors={settingsErrors} />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('figures.targets.title')}</legend>
          <p className="muted small">{t('figures.targets.intro')}</p>
          <div className="admin-grid">
            {TARGET_FIELDS.map((name) => (
              <Field key={name} name={name} label={t(`figures.targets.${name}`)} errors={settingsErrors}>
                <input {...fieldAria(name, settingsErrors, false)} type="text" inputMode="decimal" className="short" defaultValue={settingsValues[name] ?? ''} maxLength={8} />
              </Field>
            ))}
          </div>
        </fieldset>
        <button type="submit">{t('adminCatalog.settings.save')}</button>
      </Form>

      <section className="card" id="holidays" aria-labelledby="holidays-title">
        <h2 id="holidays-title">{t('adminCatalog.settings.holidays')}</h2>
        <p className="muted">{t('adminCatalog.settings.holidaysIntro')}</p>
        <details data-testid="lunar-sources">
          <summary>{t('recover.lunar.sources')}</summary>
          <p className="muted">{t('recover.lunar.howToCorrect')}</p>
          <ul>
            {lunarSeed.map((y) => (
              <li key={y.year} dir="ltr">
                {fa ? toPersianDigits(y.year) : y.year}: {y.source}
              </li>
            ))}
          </ul>
        </details>
        {holidays.length === 0 ? (
          <p>{t('adminCatalog.settings.holidayEmpty')}</p>
        ) : (
          <table className="list">
            <thead>
              <tr>
                <th scope="col">{t('adminCatalog.settings.holidayWhen')}</th>
                <th scope="col">{t('adminCatalog.settings.holidayName')}</th>
                <th scope="col">{t('staff.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {holidays.map((h) => (
                <tr key={h.id} data-testid="admin-holiday">
                  <td data-label={t('adminCatalog.settings.holidayWhen')}>
                    {h.date
                      ? formatDate(new Date(`${h.date}T12:00:00Z`), locale)
                      : t('adminCatalog.settings.everyYear', { day: number(h.solarDay ?? 0), month: t(`adminCatalog.solarMonth.${h.solarMonth}`) })}
                  </td>
                  <td data-label={t('adminCatalog.settings.holidayName')}>
                    {fa ? h.nameFa : h.nameEn}
                    {h.date && computedLunar.has(h.date) ? (
                      <span className="muted" data-testid="lunar-computed">
                        {' '}
                        ({t('recover.lunar.computed')})
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <PostButton intent="deleteHoliday" fields={{ holidayId: h.id }}>
                      {t('adminCatalog.settings.delete')}
                    </PostButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        <Form method="post" noValidate aria-labelledby="holiday-form-title" key={holidays.length}>
          <h3 id="holiday-form-title">{t('adminCatalog.settings.holidayAdd')}</h3>
          <ErrorSummary errors={holidayErrors} order={HOLIDAY_FIELDS} />
          <CsrfInput />
          <input type="hidden" name="intent" value="addHoliday" />
          <fieldset aria-describedby={holidayErrors?.holidayType ? 'holidayType-error' : undefined}>
            <legend id="holidayType">{t('adminCatalog.settings.holidayType')}</legend>
            {holidayErrors?.holidayType ? (
              <span className="field-error" id="holidayType-error">
                {t(holidayErrors.holidayType)}
              </span>
            ) : null}
            <label className="choice">
              <input type="radio" name="holidayType" value="recurring" defaultChecked={holidayValues.holidayType === 'recurring'} /> {t('adminCatalog.settings.recurring')}
            </label>
            <label className="choice">
              <input type="radio" name="holidayType" value="oneoff" defaultChecked={holidayValues.holidayType === 'oneoff'} /> {t('adminCatalog.settings.oneoff')}
            </label>
          </fieldset>
          <div className="admin-grid">
            <Field name="solarMonth" label={t('adminCatalog.settings.solarMonth')} errors={holidayErrors}>
              <select {...fieldAria('solarMonth', holidayErrors, false)} defaultValue={holidayValues.solarMonth ?? ''}>
                <option value="">{t('adminCatalog.center.choose')}</option>
                {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
                  <option key={m} value={m}>
                    {number(m)} — {t(`adminCatalog.solarMonth.${m}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field name="solarDay" label={t('adminCatalog.settings.solarDay')} errors={holidayErrors}>
              <input {...fieldAria('solarDay', holidayErrors, false)} type="text" inputMode="numeric" className="short" defaultValue={holidayValues.solarDay ?? ''} maxLength={2} />
            </Field>
            <TextField name="date" label={t('adminCatalog.settings.date')} values={holidayValues} errors={holidayErrors} maxLength={40} hint={t('adminCatalog.settings.dateHint')} ltr />
            <TextField name="holidayNameFa" label={t('adminCatalog.settings.holidayNameFa')} values={holidayValues} errors={holidayErrors} maxLength={NAME_MAX} required />
            <TextField name="holidayNameEn" label={t('adminCatalog.settings.holidayNameEn')} values={holidayValues} errors={holidayErrors} maxLength={NAME_MAX} hint={t('adminCatalog.center.englishHint')} ltr />
          </div>
          <button type="submit">{t('adminCatalog.settings.holidayAdd')}</button>
        </Form>
      </section>
    </div>
  );
}
