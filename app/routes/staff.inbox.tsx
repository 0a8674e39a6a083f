import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireStaff } from '~/sessions/staff.server';
import { FilterActions, FilterSelect } from '~/components/filter-select';
import { TrackingCode } from '~/components/tracking-code';
import { db } from '~/platform/db.server';
import { formatDate, formatDateTime, formatDeadline, formatNumber, solarDateNumeric } from '~/domain/dates';
import { startOfTehranDay, tehranDay } from '~/domain/calendar';
import { toPersianDigits } from '~/domain/persian';
import { inboxHref, INBOX_SORTS } from '~/domain/inbox-query';
import { ITEM_KINDS, ITEM_STATES, type ItemState } from '~/domain/workflow';
import { pageTitle } from '~/i18n/meta';
import { findProvince } from '~/models/catalog.server';
import { inboxPage, inboxStateCounts, resolveInbox } from '~/models/inbox.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'staff.inboxTitle'), { name: 'robots', content: 'noindex' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, 'inbox:read');
  const now = new Date();
  const { actor, national, query, filters, provinces, centers, assignees } = resolveInbox(db(), user, new URL(request.url).searchParams);
  const counts = inboxStateCounts(db(), actor, filters, now);
  const all = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const total = query.state ? (counts[query.state] ?? 0) : all;
  const page = inboxPage(db(), actor, filters, { sort: query.sort, after: query.after, now });
  const own = !national && user.provinceId ? findProvince(db(), user.provinceId) : undefined;

  return json({
    user,
    national,
    query,
    province: own ? { nameFa: own.nameFa, nameEn: own.nameEn } : null,
    provinces,
    centers,
    assignees,
    /** The instants the typed dates were read as, to show them back in the interface's calendar. */
    fromDay: query.from.day ? startOfTehranDay(query.from.day) : null,
    /** Today, as the date fields' examples: a date the form takes, in this year (never a fixed, ageing one). */
    dateExamples: { solar: solarDateNumeric(now), gregorian: tehranDay(now).key },
    toDay: query.to.day ? startOfTehranDay(query.to.day) : null,
    counts,
    /** Items in every state (the "all states" tab); `total` is the count under the chosen state. */
    all,
    total,
    items: page.items,
    stateHrefs: Object.fromEntries([['', inboxHref(query, { state: null, after: null })], ...ITEM_STATES.map((s) => [s, inboxHref(query, { state: s, after: null })])]) as Record<
      ItemState | '',
      string
    >,
    nextHref: page.next ? inboxHref(query, { after: page.next }) : null,
    exportSearch: inboxHref(query, { after: null }).replace(/^[^?]*/, ''),
    firstHref: query.after ? inboxHref(query, { after: null }) : null,
  });
}

export default function StaffInbox() {
  const data = useLoaderData<typeof loader>();
  const { national, query, province, provinces, centers, assignees, counts, total, items } = data;
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const fa = locale === 'fa';
  const provinceName = new Map(provinces.map((p) => [p.id, fa ? p.nameFa : p.nameEn]));
  const scope = province ? t('province.named', { name: fa ? province.nameFa : province.nameEn }) : t('province.national');
  const filtered = Boolean(
    query.q || query.province || query.state || query.kind || query.center || query.overdue || query.assignee !== undefined || query.from.text || query.to.text,
  );
  return (
    <div className="page">
      <h1>{t('staff.inboxTitle')}</h1>
      <p className="muted">{t('staff.inboxScope', { owner: scope })}</p>

      <Form method="get" className="card filters inbox-filters" role="search" aria-label={t('inbox.filters')}>
        <div className="field">
          <label htmlFor="q">{t('inbox.search')}</label>
          <span className="hint" id="q-hint">
            {t('inbox.searchHint')}
          </span>
          <input type="search" id="q" name="q" defaultValue={query.q} maxLength={200} aria-describedby="q-hint" />
        </div>
        <div className="filter-row">
          {national ? (
            <FilterSelect
              id="province"
              label={t('inbox.queue')}
              value={query.province ?? ''}
              all={t('inbox.allQueues')}
              options={[{ value: 'national', label: t('inbox.nationalQueue') }, ...provinces.map((p) => ({ value: p.id, label: provinceName.get(p.id) }))]}
            />
          ) : null}
          <FilterSelect
            id="state"
            label={t('staff.status')}
            value={query.state ?? ''}
            all={t('inbox.allStates')}
            options={ITEM_STATES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          />
          <FilterSelect id="kind" label={t('staff.kind')} value={query.kind ?? ''} all={t('inbox.allKinds')} options={ITEM_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
          <div className="field">
            <label htmlFor="center">{t('staff.center')}</label>
            {centers.length > 0 ? (
              <select id="center" name="center" defaultValue={query.center ? String(query.center) : ''}>
                <option value="">{t('inbox.allCenters')}</option>
                {centers.map((c) => (
                  <option key={c.id} value={c.id}>
                    {fa ? c.nameFa : c.nameEn}
                  </option>
                ))}
              </select>
            ) : (
              <select id="center" name="center" disabled aria-describedby="center-hint">
                <option value="">{t('inbox.allCenters')}</option>
              </select>
            )}
            {centers.length === 0 ? (
              <span className="hint" id="center-hint">
                {t('inbox.centerAfterProvince')}
              </span>
            ) : null}
          </div>
          <FilterSelect
            id="assignee"
            label={t('inbox.assignee')}
            value={query.assignee === undefined ? '' : String(query.assignee)}
            all={t('inbox.anyone')}
            options={[{ value: 'me', label: t('inbox.me') }, { value: 'none', label: t('inbox.unassigned') }, ...assignees.map((a) => ({ value: a.id, label: a.displayName }))]}
          />
          <DayField name="from" label={t('inbox.from')} text={query.from.text} readAs={data.fromDay} examples={data.dateExamples} locale={locale} />
          <DayField name="to" label={t('inbox.to')} text={query.to.text} readAs={data.toDay} examples={data.dateExamples} locale={locale} />
          <FilterSelect id="sort" label={t('inbox.sort')} value={query.sort} options={INBOX_SORTS.map((s) => ({ value: s, label: t(`inbox.sort_${s}`) }))} />
        </div>
        <div className="field">
          <label className="choice">
            <input type="checkbox" name="overdue" value="1" defaultChecked={query.overdue} />
            <span>{t('inbox.overdueOnly')}</span>
          </label>
        </div>
        <FilterActions show={t('inbox.show')} clear={t('inbox.clear')} clearTo="/staff/inbox" filtered={filtered} />
      </Form>

      <nav aria-label={t('inbox.byState')} className="inbox-states">
        <ul>
          <li>
            <Link to={data.stateHrefs['']} aria-current={query.state ? undefined : 'true'} data-testid="state-count" data-state="">
              {t('inbox.allStates')} <span className="count">{formatNumber(data.all, locale)}</span>
            </Link>
          </li>
          {ITEM_STATES.map((s) => (
            <li key={s}>
              <Link to={data.stateHrefs[s]} aria-current={query.state === s ? 'true' : undefined} data-testid="state-count" data-state={s}>
                {t(`status.${s}`)} <span className="count">{formatNumber(counts[s] ?? 0, locale)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <p role="status" data-testid="result-count">
        {t('inbox.count', { formatted: formatNumber(total, locale) })}
      </p>
      {total > 0 ? (
        <p className="small">
          {/* A plain link: the browser downloads the file (the same filters, every page). */}
          <a href={`/staff/inbox.csv${data.exportSearch}`} download>
            {t('inbox.exportCsv')}
          </a>
        </p>
      ) : null}
      {items.length === 0 ? (
        <p>{t('inbox.empty')}</p>
      ) : (
        <table className="list inbox-list">
          <thead>
            <tr>
              <th scope="col">{t('staff.code')}</th>
              <th scope="col">{t('staff.kind')}</th>
              <th scope="col">{t('staff.status')}</th>
              <th scope="col">{t('staff.center')}</th>
              {national ? <th scope="col">{t('inbox.province')}</th> : null}
              <th scope="col">{t('inbox.assignee')}</th>
              <th scope="col">{t('staff.subject')}</th>
              <th scope="col">{t('staff.received')}</th>
              <th scope="col">{t('staff.dueBy')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-testid="inbox-row" className={item.overdue ? 'inbox-overdue' : undefined}>
                <td data-label={t('staff.code')}>
                  <Link to={`/staff/items/${item.id}`}>
                    <TrackingCode code={item.trackingCode} locale={locale} large={false} testId={false} />
                  </Link>
                </td>
                <td data-label={t('staff.kind')}>{t(`kind.${item.kind}`)}</td>
                <td data-label={t('staff.status')}>
                  {t(`status.${item.state}`)}
                  {item.overdue ? (
                    <>
                      {' '}
                      <span className="badge-overdue">{t('staff.overdue')}</span>
                    </>
                  ) : null}
                </td>
                <td data-label={t('staff.center')}>{(fa ? item.centerNameFa : item.centerNameEn) ?? '—'}</td>
                {national ? (
                  <td data-label={t('inbox.province')}>{item.ownerProvinceId ? provinceName.get(item.ownerProvinceId) : t('inbox.nationalQueue')}</td>
                ) : null}
                <td data-label={t('inbox.assignee')}>{item.assigneeName ?? t('inbox.unassigned')}</td>
                <td data-label={t('staff.subject')} className="prewrap inbox-subject">
                  <div dir="auto">{item.subject || item.body}</div>
                </td>
                <td data-label={t('staff.received')}>{formatDateTime(new Date(item.createdAt), locale)}</td>
                <td data-label={t('staff.dueBy')}>{item.dueAt ? formatDeadline(new Date(item.dueAt), locale) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.nextHref || data.firstHref ? (
        <nav aria-label={t('inbox.pages')} className="pagination">
          {data.firstHref ? <Link to={data.firstHref}>{t('inbox.firstPage')}</Link> : null}
          {data.nextHref ? (
            <Link to={data.nextHref} rel="next">
              {t('inbox.nextPage')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

/** A date typed as Solar Hijri or Gregorian, shown back as the date it was read as (or as ignored). */
function DayField({
  name,
  label,
  text,
  readAs,
  examples,
  locale,
}: {
  name: string;
  label: string;
  text: string;
  readAs: string | null;
  examples: { solar: string; gregorian: string };
  locale: 'fa' | 'en';
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <span className="hint" id={`${name}-hint`}>
        {t('inbox.dateHint')}{' '}
        <span dir="ltr" className="code-inline">
          {/* In the page's digits: the field takes Persian or Latin digits alike. */}
          {locale === 'fa' ? toPersianDigits(`${examples.solar} · ${examples.gregorian}`) : `${examples.solar} · ${examples.gregorian}`}
        </span>
      </span>
      <input type="text" id={name} name={name} defaultValue={text} maxLength={20} inputMode="numeric" dir="ltr" autoComplete="off" aria-describedby={`${name}-hint ${name}-read`} />
      <span className="hint inbox-date-read" id={`${name}-read`}>
        {readAs ? t('inbox.dateRead', { date: formatDate(new Date(readAs), locale) }) : text ? t('inbox.dateIgnored') : null}
      </span>
    </div>
  );
}
