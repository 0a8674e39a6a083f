import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireStaff } from '~/auth.server';
import { StaffBar } from '~/components/staff-bar';
import { TrackingCode } from '~/components/tracking-code';
import { db } from '~/db.server';
import { formatDateTime } from '~/domain/dates';
import { ITEM_STATES, type ItemState } from '~/domain/workflow';
import { pageTitle } from '~/i18n/meta';
import { findProvince } from '~/models/catalog.server';
import { inbox } from '~/models/items.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'staff.inboxTitle'), { name: 'robots', content: 'noindex' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, csrfToken } = await requireStaff(request, 'inbox:read');
  const searchParams = new URL(request.url).searchParams;
  const stateParam = searchParams.get('state') ?? '';
  const overdue = searchParams.get('overdue') === '1';
  const state = (ITEM_STATES as readonly string[]).includes(stateParam) ? (stateParam as ItemState) : undefined;
  const province = user.provinceId ? findProvince(db(), user.provinceId) : undefined;
  return json({
    user,
    csrfToken,
    state: state ?? '',
    overdue,
    province: province ? { nameFa: province.nameFa, nameEn: province.nameEn } : null,
    items: inbox(db(), { role: user.role, provinceId: user.provinceId }, { state, overdue }),
  });
}

export default function StaffInbox() {
  const { user, csrfToken, state, overdue, province, items } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const scope = province ? t('province.named', { name: locale === 'fa' ? province.nameFa : province.nameEn }) : t('province.national');
  return (
    <div className="page">
      <StaffBar user={user} csrfToken={csrfToken} />
      <h1>{t('staff.inboxTitle')}</h1>
      <p className="muted">{t('staff.inboxScope', { owner: scope })}</p>
      <Form method="get" className="card">
        <div className="field">
          <label htmlFor="state">{t('staff.status')}</label>
          <select id="state" name="state" defaultValue={state}>
            <option value="">—</option>
            {ITEM_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="choice">
            <input type="checkbox" name="overdue" value="1" defaultChecked={overdue} />
            <span>{t('staff.overdue')}</span>
          </label>
        </div>
        <button type="submit">{t('centers.show')}</button>
      </Form>
      {items.length === 0 ? (
        <p>{t('staff.empty')}</p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">{t('staff.code')}</th>
              <th scope="col">{t('staff.kind')}</th>
              <th scope="col">{t('staff.status')}</th>
              <th scope="col">{t('staff.center')}</th>
              <th scope="col">{t('staff.subject')}</th>
              <th scope="col">{t('staff.received')}</th>
              <th scope="col">{t('staff.dueBy')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-testid="inbox-row">
                <td data-label={t('staff.code')}>
                  <Link to={`/staff/items/${item.id}`}>
                    <TrackingCode code={item.trackingCode} locale={locale} large={false} testId={false} />
                  </Link>
                </td>
                <td data-label={t('staff.kind')}>{t(`kind.${item.kind}`)}</td>
                <td data-label={t('staff.status')}>
                  {t(`status.${item.state}`)}
                  {item.escalationLevel > 0 && ['routed', 'in_review', 'appealed'].includes(item.state) ? (
                    <>
                      {' '}
                      <span className="badge-overdue">{t('staff.overdue')}</span>
                    </>
                  ) : null}
                </td>
                <td data-label={t('staff.center')}>{(locale === 'fa' ? item.centerNameFa : item.centerNameEn) ?? '—'}</td>
                <td data-label={t('staff.subject')} className="prewrap">
                  {item.subject || item.body}
                </td>
                <td data-label={t('staff.received')}>{formatDateTime(new Date(item.createdAt), locale)}</td>
                <td data-label={t('staff.dueBy')}>{item.answerDueAt ? formatDateTime(new Date(item.answerDueAt), locale) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
