import type { SerializeFrom } from '@remix-run/node';
import { Form, Link, useLocation, useRouteLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminCatalogNav } from '~/components/admin-catalog-nav';
import { ErrorSummary, Field, fieldAria, FormNotices, PostButton, TextField, useFormReply, useSavedNotice } from '~/components/form';
import { CsrfInput } from '~/components/staff-session';
import { ADDRESS_MAX, CENTER_FIELDS, DURATION_MAX, DURATION_MIN, LINE_MAX, LONG_MAX, NAME_MAX, PHONE_MAX, PROGRAMME_FIELDS } from '~/domain/catalog-admin-schema';
import { formatDateTime, formatNumber } from '~/domain/dates';
import type { CenterRefusal } from '~/routes/staff.admin.centers.$id/center-admin.server';
import type { centerPageData } from '~/routes/staff.admin.centers.$id/data.server';

const SAVED_MESSAGES: Record<string, string> = {
  created: 'adminCatalog.center.created',
  saved: 'adminCatalog.center.saved',
  deactivated: 'adminCatalog.center.deactivated',
  reactivated: 'adminCatalog.center.reactivated',
  programmeAdded: 'adminCatalog.programmes.added',
  programmeUpdated: 'adminCatalog.programmes.updated',
  programmeDeleted: 'adminCatalog.programmes.deleted',
  underservedMarked: 'adminCatalog.center.underservedMarked',
  underservedCleared: 'adminCatalog.center.underservedCleared',
};

/**
 * The centre's admin page: its state, its record and services, and its programmes. Rendered by the centre's route
 * (app/routes/staff.admin.centers.$id.tsx) and, after a refused programme form, by the programmes route below it,
 * each with its own action's answer.
 */
export function CenterPage({ actionData, from }: { actionData: CenterRefusal | undefined; from: 'centre' | 'programmes' }) {
  const { center, serviceIds, provinces, services, programmes } = useRouteLoaderData<SerializeFrom<typeof centerPageData>>('routes/staff.admin.centers.$id')!;
  const [searchParams] = useSearchParams();
  const { search } = useLocation();
  // The programme forms post to the programmes route; on its page (after a refusal) the centre's own forms post
  // back to the centre. Both keep the page's query (?programme=…), as a form without an action would.
  const centerPath = center ? `/staff/admin/centers/${center.id}` : null;
  const centerAction = from === 'programmes' && centerPath ? `${centerPath}${search}` : undefined;
  const programmesAction = centerPath ? `${centerPath}/programmes${search}` : undefined;
  const { t, i18n } = useTranslation();
  const fa = i18n.language !== 'en';
  const locale = fa ? 'fa' : 'en';
  const savedMessage = useSavedNotice(SAVED_MESSAGES);
  // The refused form's errors and what was typed in it, through conform; which form it was is the answer's intent.
  const reply = useFormReply(actionData);

  const centerErrors = actionData?.intent === 'save' ? reply.errors : undefined;
  const centerValues: Record<string, string> =
    actionData?.intent === 'save'
      ? reply.values
      : center
        ? Object.fromEntries(CENTER_FIELDS.map((name) => [name, String(center[name] ?? '')]))
        : {};
  const checkedServices = new Set(actionData?.intent === 'save' ? actionData.serviceIds : serviceIds.map(String));

  const editingId = searchParams.get('programme');
  const editing = programmes.find((p) => String(p.id) === editingId) ?? null;
  const programmeIntent = editing ? 'updateProgramme' : 'addProgramme';
  const programmeErrors =
    actionData && (actionData.intent === 'addProgramme' || actionData.intent === 'updateProgramme') ? reply.errors : undefined;
  const programmeValues: Record<string, string> = programmeErrors
    ? reply.values
    : editing
      ? {
          titleFa: editing.titleFa,
          titleEn: editing.titleEn === editing.titleFa ? '' : editing.titleEn,
          descriptionFa: editing.descriptionFa,
          descriptionEn: editing.descriptionEn,
          startDate: fa ? editing.solarDate : editing.gregorianDate,
          startTime: editing.time,
          durationMinutes: String(editing.durationMinutes),
        }
      : { durationMinutes: '60' };
  const formError = reply.errors?.form;

  return (
    <div className="page">
      <AdminCatalogNav />
      <h1>{center ? t('adminCatalog.center.editTitle', { name: fa ? center.nameFa : center.nameEn }) : t('adminCatalog.center.newTitle')}</h1>
      <FormNotices saved={savedMessage} error={formError ? t(formError) : null} />

      {center ? (
        <section className="card admin-center-state" aria-labelledby="state-title">
          <h2 id="state-title">{t('adminCatalog.center.state')}</h2>
          <p data-testid="center-state" data-active={center.active ? 'true' : 'false'}>
            {center.active ? t('adminCatalog.center.activeNow') : t('adminCatalog.center.inactiveNow')}
          </p>
          <div className="actions">
            <PostButton intent={center.active ? 'deactivate' : 'reactivate'} action={centerAction}>
              {center.active ? t('adminCatalog.center.deactivate') : t('adminCatalog.center.reactivate')}
            </PostButton>
            {center.active ? <Link to={`/centers/${center.id}`}>{t('adminCatalog.center.publicPage')}</Link> : null}
            <Link to={`/staff/admin/audit?entity=center&id=${center.id}`}>{t('adminCatalog.center.history')}</Link>
          </div>
          <p data-testid="center-underserved" data-underserved={center.underserved ? 'true' : 'false'}>
            {center.underserved ? t('adminCatalog.center.underservedNow') : t('adminCatalog.center.notUnderservedNow')}
          </p>
          <div className="actions">
            <PostButton intent={center.underserved ? 'unmarkUnderserved' : 'markUnderserved'} action={centerAction}>
              {center.underserved ? t('adminCatalog.center.unmarkUnderserved') : t('adminCatalog.center.markUnderserved')}
            </PostButton>
          </div>
        </section>
      ) : null}

      <Form method="post" action={centerAction} className="card" noValidate aria-labelledby="center-form-title">
        <h2 id="center-form-title" className="visually-hidden">
          {center ? t('adminCatalog.center.save') : t('adminCatalog.center.newTitle')}
        </h2>
        <ErrorSummary errors={centerErrors} order={[...CENTER_FIELDS, 'services']} />
        <CsrfInput />
        <input type="hidden" name="intent" value="save" />
        <div className="admin-grid">
          <Field name="provinceId" label={t('adminCatalog.center.provinceId')} required errors={centerErrors}>
            <select {...fieldAria('provinceId', centerErrors, false)} defaultValue={centerValues.provinceId ?? ''} required>
              <option value="">{t('adminCatalog.center.choose')}</option>
              {provinces.map((p) => (
                <option key={p.id} value={p.id}>
                  {fa ? p.nameFa : p.nameEn}
                </option>
              ))}
            </select>
          </Field>
          <Field name="program" label={t('adminCatalog.center.program')} required errors={centerErrors}>
            <select {...fieldAria('program', centerErrors, false)} defaultValue={centerValues.program ?? ''} required>
              <option value="">{t('adminCatalog.center.choose')}</option>
              <option value="mosbat">{t('program.mosbat')}</option>
              <option value="shoq">{t('program.shoq')}</option>
            </select>
          </Field>
          <TextField name="nameFa" label={t('adminCatalog.center.nameFa')} values={centerValues} errors={centerErrors} maxLength={NAME_MAX} required />
          <TextField name="nameEn" label={t('adminCatalog.center.nameEn')} values={centerValues} errors={centerErrors} maxLength={NAME_MAX} hint={t('adminCatalog.center.englishHint')} ltr />
          <TextField name="operatorFa" label={t('adminCatalog.center.operatorFa')} values={centerValues} errors={centerErrors} maxLength={LINE_MAX} />
          <TextField name="operatorEn" label={t('adminCatalog.center.operatorEn')} values={centerValues} errors={centerErrors} maxLength={LINE_MAX} ltr />
          <TextField name="cityFa" label={t('adminCatalog.center.cityFa')} values={centerValues} errors={centerErrors} maxLength={NAME_MAX} required />
          <TextField name="cityEn" label={t('adminCatalog.center.cityEn')} values={centerValues} errors={centerErrors} maxLength={NAME_MAX} ltr />
          <TextField name="neighbourhoodFa" label={t('adminCatalog.center.neighbourhoodFa')} values={centerValues} errors={centerErrors} maxLength={NAME_MAX} />
          <TextField name="neighbourhoodEn" label={t('adminCatalog.center.neighbourhoodEn')} values={centerValues} errors={centerErrors} maxLength={NAME_MAX} ltr />
          <TextField name="addressFa" label={t('adminCatalog.center.addressFa')} values={centerValues} errors={centerErrors} maxLength={ADDRESS_MAX} multiline />
          <TextField name="addressEn" label={t('adminCatalog.center.addressEn')} values={centerValues} errors={centerErrors} maxLength={ADDRESS_MAX} multiline ltr />
          <TextField name="phone" label={t('adminCatalog.center.phone')} values={centerValues} errors={centerErrors} maxLength={PHONE_MAX} hint={t('adminCatalog.center.phoneHint')} ltr />
          <TextField name="hoursFa" label={t('adminCatalog.center.hoursFa')} values={centerValues} errors={centerErrors} maxLength={LINE_MAX} />
          <TextField name="hoursEn" label={t('adminCatalog.center.hoursEn')} values={centerValues} errors={centerErrors} maxLength={LINE_MAX} ltr />
        </div>
        <fieldset className="admin-checkboxes" aria-describedby={centerErrors?.services ? 'services-error' : undefined}>
          <legend id="services">{t('adminCatalog.center.services')}</legend>
          {centerErrors?.services ? (
            <span className="field-error" id="services-error">
              {t(centerErrors.services)}
            </span>
          ) : null}
          {services.map((s) => (
            <label key={s.id} className="choice">
              <input type="checkbox" name="services" value={s.id} defaultChecked={checkedServices.has(String(s.id))} />{' '}
              {fa ? s.nameFa : s.nameEn}
              {s.active ? '' : ` ${t('adminCatalog.center.serviceInactive')}`}
            </label>
          ))}
        </fieldset>
        <button type="submit">{center ? t('adminCatalog.center.save') : t('adminCatalog.center.create')}</button>
      </Form>

      <section className="card" id="programmes" aria-labelledby="programmes-title">
        <h2 id="programmes-title">{t('adminCatalog.programmes.title')}</h2>
        {center ? (
          <>
            <p className="muted">{t('adminCatalog.programmes.intro')}</p>
            {programmes.length === 0 ? (
              <p>{t('adminCatalog.programmes.empty')}</p>
            ) : (
              <table className="list">
                <thead>
                  <tr>
                    <th scope="col">{t('adminCatalog.programmes.titleFa')}</th>
                    <th scope="col">{t('adminCatalog.programmes.when')}</th>
                    <th scope="col">{t('adminCatalog.programmes.duration')}</th>
                    <th scope="col">{t('staff.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {programmes.map((p) => (
                    <tr key={p.id} data-testid="admin-programme" className={p.past ? 'admin-inactive' : undefined}>
                      <td data-label={t('adminCatalog.programmes.titleFa')}>
                        {fa ? p.titleFa : p.titleEn}
                        {p.past ? <span className="muted small"> ({t('adminCatalog.programmes.past')})</span> : null}
                      </td>
                      <td data-label={t('adminCatalog.programmes.when')}>{formatDateTime(new Date(p.startsAt), locale)}</td>
                      <td data-label={t('adminCatalog.programmes.duration')}>{t('adminCatalog.programmes.minutes', { n: formatNumber(p.durationMinutes, locale) })}</td>
                      <td>
                        <div className="actions">
                          <Link to={`?programme=${p.id}#programme-form`}>{t('adminCatalog.services.edit')}</Link>
                          <PostButton intent="deleteProgramme" fields={{ programmeId: p.id }} action={programmesAction}>
                            {t('adminCatalog.programmes.delete')}
                          </PostButton>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <Form method="post" action={programmesAction} id="programme-form" key={`${editing?.id ?? 'new'}-${programmes.length}`} noValidate aria-labelledby="programme-form-title">
              <h3 id="programme-form-title">{editing ? t('adminCatalog.programmes.edit') : t('adminCatalog.programmes.add')}</h3>
              <ErrorSummary errors={programmeErrors} order={PROGRAMME_FIELDS} />
              <CsrfInput />
              <input type="hidden" name="intent" value={programmeIntent} />
              {editing ? <input type="hidden" name="programmeId" value={editing.id} /> : null}
              <div className="admin-grid">
                <TextField name="titleFa" label={t('adminCatalog.programmes.titleFa')} values={programmeValues} errors={programmeErrors} maxLength={NAME_MAX} required />
                <TextField name="titleEn" label={t('adminCatalog.programmes.titleEn')} values={programmeValues} errors={programmeErrors} maxLength={NAME_MAX} hint={t('adminCatalog.center.englishHint')} ltr />
                <TextField name="descriptionFa" label={t('adminCatalog.programmes.descriptionFa')} values={programmeValues} errors={programmeErrors} maxLength={LONG_MAX} multiline />
                <TextField name="descriptionEn" label={t('adminCatalog.programmes.descriptionEn')} values={programmeValues} errors={programmeErrors} maxLength={LONG_MAX} multiline ltr />
                <TextField name="startDate" label={t('adminCatalog.programmes.startDate')} values={programmeValues} errors={programmeErrors} maxLength={40} required hint={t('adminCatalog.programmes.startDateHint')} ltr />
                <TextField name="startTime" label={t('adminCatalog.programmes.startTime')} values={programmeValues} errors={programmeErrors} maxLength={20} required hint={t('adminCatalog.programmes.startTimeHint')} ltr />
                <Field name="durationMinutes" label={t('adminCatalog.programmes.duration')} hint={t('adminCatalog.programmes.durationHint')} required errors={programmeErrors}>
                  <input
                    {...fieldAria('durationMinutes', programmeErrors, true)}
                    type="text"
                    inputMode="numeric"
                    className="short"
                    defaultValue={programmeValues.durationMinutes ?? ''}
                    maxLength={6}
                    required
                    data-min={DURATION_MIN}
                    data-max={DURATION_MAX}
                  />
                </Field>
              </div>
              <div className="actions">
                <button type="submit">{t('adminCatalog.programmes.save')}</button>
                {editing ? <Link to={from === 'programmes' && centerPath ? centerPath : '.'}>{t('adminCatalog.services.cancel')}</Link> : null}
              </div>
            </Form>
          </>
        ) : (
          <p className="muted">{t('adminCatalog.programmes.onlyAfterSave')}</p>
        )}
      </section>
      <p>
        <Link to="/staff/admin/centers">{t('adminCatalog.center.backToList')}</Link>
      </p>
    </div>
  );
}
