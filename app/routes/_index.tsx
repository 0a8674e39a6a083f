import type { MetaFunction } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { metaTranslator, publicPageMeta } from '~/i18n/meta';
import type { PageScripts } from '~/root';

export const meta: MetaFunction = (args) => publicPageMeta(args, { title: metaTranslator(args.matches)('app.fullName') });

// Text and links only: the most visited page is served without the app's bundle (see PageScripts in app/root.tsx).
export const handle: PageScripts = { hydrate: false };

export default function Home() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.intro')}</p>
      <div className="starts">
        <Link className="start" to="/feedback/new">
          <strong>{t('home.sendFeedback')}</strong>
          <span>{t('home.sendFeedbackHint')}</span>
        </Link>
        <Link className="start" to="/track">
          <strong>{t('home.track')}</strong>
          <span>{t('home.trackHint')}</span>
        </Link>
        <Link className="start" to="/centers">
          <strong>{t('home.findCenter')}</strong>
          <span>{t('home.findCenterHint')}</span>
        </Link>
      </div>
      <section className="card">
        <h2>{t('home.programsTitle')}</h2>
        <p>{t('home.mosbat')}</p>
        <p>{t('home.shoq')}</p>
        <p>
          <Link to="/services">{t('home.servicesLink')}</Link>
        </p>
      </section>
    </div>
  );
}
