import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Breadcrumbs } from '~/components/breadcrumbs';
import { db } from '~/platform/db.server';
import { formatDate, formatDateTime, formatNumber } from '~/domain/dates';
import { dayNoon } from '~/domain/stats';
import { DefinitionsLink, useFigureText } from '~/components/figure-view';
import { normalizeDigits, toPersianDigits } from '~/domain/persian';
import { MIN_CASES } from '~/domain/figures';
import { localeFromMatches, metaTranslator, publicPageMeta } from '~/i18n/meta';
import { centerFigures } from '~/models/figures.server';
import { findCenter, findProvince, servicesOfCenter, upcomingProgrammes } from '~/models/catalog.server';

export const meta: MetaFunction<typeof loader> = (args) => {
  const t = metaTranslator(args.matches);
  const center = args.data?.center;
  if (!center) return publicPageMeta(args, { title: t('errorPage.notFoundTitle') });
  const fa = localeFromMatches(args.matches) === 'fa';
  return publicPageMeta(args, {
    title: fa ? center.nameFa : center.nameEn,
    description: `${t(`program.${center.program}`)} — ${fa ? center.addressFa : center.addressEn}`,
  });
};

export async function loader({ params }: LoaderFunctionArgs) {
  const id = normalizeDigits(params.id ?? '');
  const center = /^\d{1,10}$/.test(id) ? findCenter(db(), Number(id)) : undefined;
  if (!center) throw new Response('Not Found', { status: 404 });
  return json({
    center,
    province: findProvince(db(), center.provinceId)!,
    services: servicesOfCenter(db(), center.id),
    programmes: upcomingProgrammes(db(), center.id),
    // Its figures as every other page defines them (docs/decisions/016-figures.md): the last 365 days.
    scorecard: centerFigures(db(), center.id, new Date()),
  });
}

export default function CenterPage() {
  const { center, province, services, programmes, scorecard } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const fa = locale === 'fa';
  const name = fa ? center.nameFa : center.nameEn;
  const number = (value: number) => formatNumber(value, locale);
  const text = useFigureText(locale);
  const card = scorecard.figures;
  const notYet = t('scorecard.notEnough', { min: number(MIN_CASES) });
  return (
    <div className="page narrow">
      <Breadcrumbs
        trail={[
          { label: t('centers.title'), to: '/centers' },
          { label: fa ? province.nameFa : province.nameEn, to: `/centers?province=${province.id}` },
          { label: name },
        ]}
      />
      <p className="muted small">
        {t(`program.${center.program}`)}
        {center.isDemo ? ` · ${t('centers.demo')}` : ''}
      </p>
      <h1>{name}</h1>
      <p>
        <Link className="button" to={`/feedback/new?center=${center.id}`}>
          {t('centers.sendFeedback')}
        </Link>
      </p>
      <div className="card">
        <dl className="facts">
          <dt>{t('centers.operator')}</dt>
          <dd>{fa ? center.operatorFa : center.operatorEn}</dd>
          <dt>{t('centers.address')}</dt>
          <dd>{fa ? center.addressFa : center.addressEn}</dd>
          {center.neighbourhoodFa ? (
            <>
              <dt>{t('centers.neighbourhood')}</dt>
              <dd>
                {fa ? `${center.neighbourhoodFa}، ${center.cityFa}` : `${center.neighbourhoodEn}, ${center.cityEn}`}
              </dd>
            </>
          ) : null}
          <dt>{t('centers.phone')}</dt>
          <dd>
            <a href={`tel:${center.phone.replace(/[^\d+]/g, '')}`} dir="ltr">
              {fa ? toPersianDigits(center.phone) : center.phone}
            </a>
          </dd>
          <dt>{t('centers.hours')}</dt>
          <dd>{fa ? center.hoursFa : center.hoursEn}</dd>
        </dl>
      </div>
      <section className="card" aria-labelledby="services-title">
        <h2 id="services-title">{t('centers.services')}</h2>
        <ul>
          {services.map((s) => (
            <li key={s.id}>
              <Link to={`/services/${s.slug}`}>{fa ? s.nameFa : s.nameEn}</Link>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="programmes-title">
        <h2 id="programmes-title">{t('centers.programmes')}</h2>
        {programmes.length === 0 ? (
          <p>{t('centers.noProgrammes')}</p>
        ) : (
          <ul>
            {programmes.map((p) => (
              <li key={p.id}>
                <strong>{fa ? p.titleFa : p.titleEn}</strong> — {formatDateTime(new Date(p.startsAt), locale)}
                {(fa ? p.descriptionFa : p.descriptionEn) ? <div className="muted small">{fa ? p.descriptionFa : p.descriptionEn}</div> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="scorecard-title" data-testid="scorecard">
        <h2 id="scorecard-title">{t('scorecard.title')}</h2>
        <p className="muted small" data-testid="scorecard-period">
          {t('figures.centrePeriod', { to: formatDate(dayNoon(scorecard.range.to), locale) })}
        </p>
        {card.received === null ? (
          <p>{notYet}</p>
        ) : (
          <dl className="facts">
            <dt>{t('scorecard.received')}</dt>
            <dd data-figure="received">{number(card.received)}</dd>
            <dt>{t('figures.inTime')}</dt>
            <dd data-figure="answeredInTime">{text.withCases('share', card.answeredInTime)}</dd>
            <dt>{t('figures.overdue')}</dt>
            <dd data-figure="overdueUnanswered">{text.count(card.overdueUnanswered)}</dd>
            <dt>{t('figures.medianAnswer')}</dt>
            <dd data-figure="medianAnswer">{text.withCases('days', card.medianAnswerDays)}</dd>
            <dt>{t('figures.satisfaction')}</dt>
            <dd data-figure="satisfaction">{text.withCases('rating', card.satisfaction)}</dd>
          </dl>
        )}
        <p className="muted small">{t('scorecard.note', { min: number(MIN_CASES) })}</p>
        <DefinitionsLink />
        <p className="small">
          <Link to={`/stats#province-${center.provinceId}`}>{t('stats.link')}</Link>
        </p>
      </section>
    </div>
  );
}
