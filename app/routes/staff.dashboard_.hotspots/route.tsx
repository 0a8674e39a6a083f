import type { StaffPageHandle } from '~/routes/staff';
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { InsightFilters, InsightNav, useInsightFormat } from '~/components/insight';
import { formatDate } from '~/domain/dates';
import { dayKey, dayNoon } from '~/domain/stats';
import { pageTitle } from '~/i18n/meta';
import { hotspotsPageData } from '~/routes/staff.dashboard_.hotspots/data.server';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'insight.hotspots.title'), { name: 'robots', content: 'noindex' }];

export const handle: StaffPageHandle = { pageClass: 'page insight-page' };

/**
 * Hotspots (issue 25): centres and topics drawing repeated items in the period — groups of marked duplicates and
 * items of one centre sharing a distinctive word — largest first, each linked to the inbox filtered to its items.
 */
export function loader(args: LoaderFunctionArgs) {
  return hotspotsPageData(args);
}

export default function HotspotsPage() {
  const { query, hotspots, range, national, provinces, owner, received, min, days, rangeErrors } = useLoaderData<typeof loader>();
  const { t, locale, number } = useInsightFormat();
  const scopeName =
    owner === null ? t('dashboard.country') : owner === 'national' ? t('province.national') : (provinces.find((p) => p.id === owner)?.[locale === 'fa' ? 'nameFa' : 'nameEn'] ?? owner);
  const placeName = (h: (typeof hotspots)[number]) =>
    h.centre ? (locale === 'fa' ? h.centre.nameFa : h.centre.nameEn) : h.owner === 'national' ? t('province.national') : t('insight.hotspots.noCentre', { province: provinces.find((p) => p.id === h.owner)?.[locale === 'fa' ? 'nameFa' : 'nameEn'] ?? h.owner });
  const inboxLink = (h: (typeof hotspots)[number]) => {
    const params = new URLSearchParams();
    if (h.centerId !== null) params.set('center', String(h.centerId));
    else params.set('province', h.owner);
    if (h.word) params.set('q', h.word);
    params.set('from', dayKey(new Date(h.firstAt)));
    params.set('to', dayKey(new Date(h.lastAt)));
    return `/staff/inbox?${params.toString()}`;
  };

  return (
    <div className="page insight-page">
      <InsightNav current="hotspots" query={query} />
      <h1>
        {t('insight.hotspots.title')} — {scopeName}
      </h1>
      <p className="muted small" data-testid="hotspots-range">
        {t('dashboard.range', { from: formatDate(dayNoon(range.from), locale), to: formatDate(dayNoon(range.to), locale) })}{' '}
        {t('insight.hotspots.intro', { min: number(min), n: number(received) })}
      </p>
      <InsightFilters query={query} national={national} provinces={provinces} rangeErrors={rangeErrors} />
      <section aria-labelledby="hotspots-title">
        <h2 id="hotspots-title">{t('insight.hotspots.listTitle')}</h2>
        {hotspots.length === 0 ? (
          <p data-testid="hotspots-empty">{t('insight.hotspots.none')}</p>
        ) : (
          <ol className="insight-hotspots" data-testid="hotspots">
            {hotspots.map((h) => (
              <li key={`${h.type}-${h.centerId ?? h.owner}-${h.word ?? h.originalId}`} className="card" data-type={h.type} data-centre={h.centerId ?? ''} data-items={h.items}>
                <p className="insight-hotspot-head">
                  <strong>{placeName(h)}</strong>
                  {h.underserved ? <span className="badge">{t('insight.group.underserved')}</span> : null}
                </p>
                <p>
                  {h.type === 'topic'
                    ? t('insight.hotspots.topic', { n: number(h.items), word: h.word, days: number(days) })
                    : t('insight.hotspots.duplicates', { n: number(h.items), days: number(days) })}
                  {' — '}
                  <span className="muted">
                    {t('insight.hotspots.openOf', { open: number(h.open) })} · {formatDate(new Date(h.firstAt), locale)} – {formatDate(new Date(h.lastAt), locale)}
                  </span>
                </p>
                <p className="small">
                  {/* The original's page only where the viewer holds it (a transferred one would answer 404). */}
                  {h.type === 'duplicates' && h.originalId !== null && (owner === null || h.owner === owner) ? (
                    <Link to={`/staff/items/${h.originalId}`}>{t('insight.hotspots.original')}</Link>
                  ) : (
                    <Link to={inboxLink(h)}>{t('insight.hotspots.inbox')}</Link>
                  )}
                  {h.centerId !== null ? (
                    <>
                      {' · '}
                      <Link to={`/staff/centers/${h.centerId}/month`}>{t('insight.month.link')}</Link>
                    </>
                  ) : null}
                </p>
              </li>
            ))}
          </ol>
        )}
        <p className="muted small">{t('insight.hotspots.note')}</p>
      </section>
    </div>
  );
}
