import type { StaffPageHandle } from '~/routes/staff';
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { Breadcrumbs } from '~/components/breadcrumbs';
import { TableScroll } from '~/components/table-scroll';
import { DefinitionsLink, InsightFigure as Figure, useInsightFormat } from '~/components/insight';
import { formatDate, formatDateTime } from '~/domain/dates';
import { OUTCOMES } from '~/domain/insight';
import { formatMonth, parseMonthKey } from '~/domain/solar-month';
import { dayNoon } from '~/domain/stats';
import { pageTitle } from '~/i18n/meta';
import { centreMonthData } from '~/routes/staff.centers.$id.month/data.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'insight.month.title'), { name: 'robots', content: 'noindex' }];

export const handle: StaffPageHandle = { pageClass: 'page insight-page' };

/**
 * A centre's month in one page (issue 25, "down to the centre"): what it received and how each item has ended so
 * far, answers in time, ratings, the topics, and the public replies staff gave in the month.
 */
export function loader(args: LoaderFunctionArgs) {
  return centreMonthData(args);
}

export default function CentreMonthPage() {
  const data = useLoaderData<typeof loader>();
  const { centre, figures, national, ratings, topics, replies, byKind, byArea, byChannel } = data;
  const { t, locale, number, share, days, rating } = useInsightFormat();
  const name = locale === 'fa' ? centre.nameFa : centre.nameEn;
  const provinceName = locale === 'fa' ? centre.provinceNameFa : centre.provinceNameEn;
  const monthName = formatMonth(parseMonthKey(data.month)!, locale);
  const dashboard = `/staff/dashboard${national ? `?province=${centre.provinceId}` : ''}`;
  const breakdowns: [string, typeof byKind, (key: string) => string][] = [
    ['kind', byKind, (key) => t(`kind.${key}`)],
    ['area', byArea, (key) => (key === '' ? t('breakdown.unknownArea') : t(`area.${key}`))],
    ['channel', byChannel, (key) => t(`channel.${key}`)],
  ];

  return (
    <div className="page insight-page">
      <Breadcrumbs fromHome={false} trail={[{ label: t('dashboard.title'), to: dashboard }, { label: provinceName, to: dashboard }, { label: name }]} />
      <h1>{t('insight.month.heading', { centre: name, month: monthName })}</h1>
      <p className="muted small" data-testid="month-range">
        {t('dashboard.range', { from: formatDate(dayNoon(data.range.from), locale), to: formatDate(dayNoon(data.range.to), locale) })}{' '}
        {t('dashboard.updated', { at: formatDateTime(new Date(data.generatedAt), locale) })}
        {centre.underserved ? (
          <>
            {' '}
            <span className="badge" data-testid="month-underserved">
              {t('insight.group.underserved')}
            </span>
          </>
        ) : null}
      </p>
      {data.complete ? null : <p className="notice">{t('report.incomplete')}</p>}
      <nav className="insight-month-nav small" aria-label={t('insight.month.months')}>
        <Link to={`?month=${data.previous}`} rel="prev">
          {t('insight.month.previous')}
        </Link>
        {data.next ? (
          <>
            {' · '}
            <Link to={`?month=${data.next}`} rel="next">
              {t('insight.month.next')}
            </Link>
          </>
        ) : null}
        {' · '}
        <Link to={`/staff/inbox?center=${centre.id}&from=${data.range.from}&to=${data.range.to}`}>{t('insight.month.inbox')}</Link>
      </nav>

      <section aria-labelledby="month-figures-title">
        <h2 id="month-figures-title">{t('insight.month.figures')}</h2>
        <dl className="figures" data-testid="month-figures">
          <Figure label={t('dashboard.received')} value={number(figures.received)} name="received" />
          <Figure label={t('dashboard.answered')} value={number(figures.answers)} name="answers" />
          <Figure label={t('insight.overdueAtEnd')} value={number(figures.overdueUnanswered)} name="overdueAtEnd" />
          <Figure label={t('insight.inTime')} value={share(figures.answeredInTime)} withheld={figures.answeredInTime.value === null} name="inTime" />
          <Figure label={t('insight.medianDays')} value={days(figures.medianAnswerDays)} withheld={figures.medianAnswerDays.value === null} name="medianDays" />
          <Figure label={t('dashboard.satisfaction')} value={rating(figures.satisfaction)} withheld={figures.satisfaction.value === null} name="satisfaction" />
          <Figure label={t('insight.appealRate')} value={share(figures.appealRate)} withheld={figures.appealRate.value === null} name="appealRate" />
          <Figure label={t('insight.month.openNow')} value={number(data.now.open)} name="openNow" />
          <Figure label={t('insight.month.overdueNow')} value={number(data.now.overdue)} name="overdueNow" alert={data.now.overdue > 0} />
        </dl>
        <ul className="inbox-states state-counts" aria-label={t('insight.outcomes')} data-testid="month-outcomes">
          {OUTCOMES.map((o) => (
            <li key={o} data-outcome={o}>
              {t(`insight.outcome.${o}`)} <span className="count">{number(figures.outcomes[o])}</span>
            </li>
          ))}
        </ul>
        <p className="muted small">
          {t('insight.compare.note')} <DefinitionsLink />
        </p>
      </section>

      <section aria-labelledby="month-ratings-title" className="card">
        <h2 id="month-ratings-title">{t('insight.month.ratings')}</h2>
        <ul className="inbox-states state-counts" data-testid="month-ratings">
          {ratings.map((n, index) => (
            <li key={index} data-stars={index + 1}>
              {t('insight.month.stars', { stars: number(index + 1) })} <span className="count">{number(n)}</span>
            </li>
          ))}
        </ul>
      </section>

      {breakdowns.map(([key, rows, label]) => (
        <section key={key} aria-labelledby={`month-${key}-title`}>
          <h2 id={`month-${key}-title`}>{t(`insight.month.by.${key}`)}</h2>
          {rows.length === 0 ? (
            <p className="muted">{t('insight.month.nothing')}</p>
          ) : (
            <TableScroll labelledBy={`month-${key}-title`}>
              <table className="list insight-table" data-testid={`month-by-${key}`}>
                <thead>
                  <tr>
                    <th scope="col">{t(`insight.dimension.${key}`)}</th>
                    <th scope="col">{t('dashboard.received')}</th>
                    <th scope="col">{t('insight.inTime')}</th>
                    <th scope="col">{t('dashboard.satisfaction')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.key} data-key={r.key}>
                      <th scope="row">{label(r.key)}</th>
                      <td data-label={t('dashboard.received')}>{number(r.received)}</td>
                      <td data-label={t('insight.inTime')}>{share(r.answeredInTime)}</td>
                      <td data-label={t('dashboard.satisfaction')}>{rating(r.satisfaction)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
      ))}

      <section aria-labelledby="month-topics-title" className="card">
        <h2 id="month-topics-title">{t('insight.month.topics')}</h2>
        {topics.length === 0 ? (
          <p className="muted">{t('insight.month.noTopics')}</p>
        ) : (
          <ul data-testid="month-topics">
            {topics.map((h) => (
              <li key={`${h.type}-${h.word ?? h.originalId}`} data-items={h.items}>
                {h.type === 'topic' ? (
                  <Link to={`/staff/inbox?center=${centre.id}&q=${encodeURIComponent(h.word ?? '')}&from=${data.range.from}&to=${data.range.to}`}>
                    {t('insight.month.topic', { n: number(h.items), word: h.word })}
                  </Link>
                ) : (
                  <Link to={`/staff/items/${h.originalId}`}>{t('insight.month.duplicates', { n: number(h.items) })}</Link>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="month-replies-title">
        <h2 id="month-replies-title">{t('insight.month.replies', { n: number(replies.total) })}</h2>
        {replies.replies.length === 0 ? (
          <p className="muted">{t('insight.month.noReplies')}</p>
        ) : (
          <ol className="insight-replies" data-testid="month-replies">
            {replies.replies.map((r) => (
              <li key={r.eventId} className="card">
                <p className="small muted">
                  <Link to={`/staff/items/${r.itemId}`}>
                    <bdi dir="ltr">{r.trackingCode}</bdi>
                  </Link>{' '}
                  · {t(`action.${r.action}`)} · {formatDateTime(new Date(r.at), locale)}
                </p>
                <p className="insight-reply">{r.message}</p>
              </li>
            ))}
          </ol>
        )}
        {replies.more > 0 ? <p className="small">{t('insight.month.moreReplies', { n: number(replies.more) })}</p> : null}
        {replies.elsewhere > 0 ? <p className="small muted">{t('insight.month.elsewhere', { n: number(replies.elsewhere) })}</p> : null}
      </section>
    </div>
  );
}
