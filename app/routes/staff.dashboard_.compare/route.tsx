import type { StaffPageHandle } from '~/routes/staff';
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { TableScroll } from '~/components/table-scroll';
import { DefinitionsLink, InsightFilters, insightHref, InsightNav, useInsightFormat } from '~/components/insight';
import { formatDate } from '~/domain/dates';
import { OUTCOMES } from '~/domain/insight';
import { dayNoon } from '~/domain/stats';
import { pageTitle } from '~/i18n/meta';
import { comparePageData } from '~/routes/staff.dashboard_.compare/data.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'insight.compare.title'), { name: 'robots', content: 'noindex' }];

export const handle: StaffPageHandle = { pageClass: 'page insight-page' };

/**
 * "Same procedure, same outcome?" (issue 25): the items received in the period, per province, kind, area, service,
 * channel or underserved centres, each row with its outcome mix, time to answer, answers in time, appeals and
 * satisfaction. A national supervisor sees every province; a manager their own.
 */
export function loader(args: LoaderFunctionArgs) {
  return comparePageData(args);
}

export default function ComparePage() {
  const data = useLoaderData<typeof loader>();
  const { query, rows, total, names, range, national, provinces, options, owner, rangeErrors } = data;
  const { t, locale, number, share, days, rating } = useInsightFormat();
  const scopeName =
    owner === null ? t('dashboard.country') : owner === 'national' ? t('province.national') : (provinces.find((p) => p.id === owner)?.[locale === 'fa' ? 'nameFa' : 'nameEn'] ?? owner);
  const rowName = (key: string) => {
    switch (query.by) {
      case 'province':
        return key === 'national' ? t('province.national') : (names[key]?.[locale] ?? key);
      case 'kind':
        return t(`kind.${key}`);
      case 'channel':
        return t(`channel.${key}`);
      case 'area':
        return key === '' ? t('breakdown.unknownArea') : t(`area.${key}`);
      case 'service':
        return key === '' ? t('insight.noService') : (names[key]?.[locale] ?? `#${key}`);
      case 'underserved':
        return t(`insight.group.${key}`);
    }
  };
  const inboxLink = (key: string) => {
    const params = new URLSearchParams();
    if (owner) params.set('province', owner);
    else if (query.by === 'province') params.set('province', key);
    if (query.by === 'kind') params.set('kind', key);
    if ((query.by === 'area' || query.by === 'service') && key) params.set(query.by, key);
    if (query.by === 'channel') params.set('channel', key);
    params.set('from', range.from);
    return `/staff/inbox?${params.toString()}`;
  };
  const all = [...rows, { key: '__total', ...total }];
  const rowHead = (key: string) =>
    key === '__total' ? (
      t('insight.total')
    ) : query.by === 'province' && key !== 'national' && national ? (
      <Link to={insightHref('/staff/dashboard/compare', query, { province: key, by: null })}>{rowName(key)}</Link>
    ) : (
      rowName(key)
    );

  return (
    <div className="page insight-page">
      <InsightNav current="compare" query={query} />
      <h1>
        {t('insight.compare.title')} — {scopeName}
      </h1>
      <p className="muted small" data-testid="compare-range">
        {t('dashboard.range', { from: formatDate(dayNoon(range.from), locale), to: formatDate(dayNoon(range.to), locale) })} {t('insight.compare.intro')}
      </p>
      <InsightFilters query={query} national={national} provinces={provinces} by={{ value: query.by, options }} rangeErrors={rangeErrors} />
      <section aria-labelledby="compare-title">
        <h2 id="compare-title">{t('insight.compare.tableTitle', { by: t(`insight.dimension.${query.by}`) })}</h2>
        <TableScroll labelledBy="compare-title">
          <table className="list insight-table" data-testid="compare-rows">
            <thead>
              <tr>
                <th scope="col">{t(`insight.dimension.${query.by}`)}</th>
                <th scope="col">{t('dashboard.received')}</th>
                <th scope="col">{t('insight.inTime')}</th>
                <th scope="col">{t('insight.overdueAtEnd')}</th>
                <th scope="col">{t('insight.medianDays')}</th>
                <th scope="col">{t('insight.appealRate')}</th>
                <th scope="col">{t('insight.upheld')}</th>
                <th scope="col">{t('dashboard.satisfaction')}</th>
              </tr>
            </thead>
            <tbody>
              {all.map((r) => (
                <tr key={r.key} data-key={r.key} className={r.key === '__total' ? 'insight-total' : undefined}>
                  <th scope="row">{rowHead(r.key)}</th>
                  <td data-label={t('dashboard.received')}>
                    {r.key !== '__total' && query.by !== 'underserved' && r.received > 0 ? <Link to={inboxLink(r.key)}>{number(r.received)}</Link> : number(r.received)}
                  </td>
                  <td data-label={t('insight.inTime')} data-figure="inTime">
                    {share(r.answeredInTime)}
                  </td>
                  <td data-label={t('insight.overdueAtEnd')} data-figure="overdue">
                    {number(r.overdueUnanswered)}
                  </td>
                  <td data-label={t('insight.medianDays')} data-figure="medianDays">
                    {days(r.medianAnswerDays)}
                  </td>
                  <td data-label={t('insight.appealRate')} data-figure="appealRate">
                    {share(r.appealRate)}
                  </td>
                  <td data-label={t('insight.upheld')} data-figure="upheld">
                    {share(r.upheld)}
                  </td>
                  <td data-label={t('dashboard.satisfaction')} data-figure="satisfaction">
                    {rating(r.satisfaction)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
      <section aria-labelledby="outcomes-title">
        <h2 id="outcomes-title">{t('insight.outcomes')}</h2>
        <TableScroll labelledBy="outcomes-title">
          <table className="list insight-table" data-testid="compare-outcomes">
            <thead>
              <tr>
                <th scope="col">{t(`insight.dimension.${query.by}`)}</th>
                <th scope="col">{t('dashboard.received')}</th>
                {OUTCOMES.map((o) => (
                  <th scope="col" key={o}>
                    {t(`insight.outcome.${o}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {all.map((r) => (
                <tr key={r.key} data-key={r.key} className={r.key === '__total' ? 'insight-total' : undefined}>
                  <th scope="row">{rowHead(r.key)}</th>
                  <td data-label={t('dashboard.received')}>{number(r.received)}</td>
                  {OUTCOMES.map((o) => (
                    <td key={o} data-label={t(`insight.outcome.${o}`)} data-outcome={o}>
                      {number(r.outcomes[o])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <p className="muted small">
          {t('insight.compare.note')} <DefinitionsLink />
        </p>
      </section>
    </div>
  );
}
