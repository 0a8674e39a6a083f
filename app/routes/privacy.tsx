import { json, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { db } from '~/platform/db.server';
import { metaTranslator, publicPageMeta } from '~/i18n/meta';
import { getWorkflowSettings } from '~/models/settings.server';
import type { PageScripts } from '~/root';

// A citizen page: HTML and CSS without the app's bundle (decision 015).
export const handle: PageScripts = { hydrate: false };

export const meta: MetaFunction = (args) => publicPageMeta(args, { title: metaTranslator(args.matches)('privacy.title') });

/** The retention time comes from the settings the erasure sweep uses, so the page never promises something else. */
export async function loader() {
  return json({ retentionDays: getWorkflowSettings(db()).contactRetentionDays });
}

export default function Privacy() {
  const { retentionDays } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const days = retentionDays.toLocaleString(i18n.language === 'en' ? 'en' : 'fa-IR');
  return (
    <div className="page narrow">
      <h1>{t('privacy.title')}</h1>
      <p className="lead">{t('privacy.intro')}</p>
      <section className="card" aria-labelledby="privacy-kept">
        <h2 id="privacy-kept">{t('privacy.keptTitle')}</h2>
        <ul>
          <li>{t('privacy.kept1')}</li>
          <li>{t('privacy.kept2')}</li>
          <li>{t('privacy.kept3')}</li>
          <li>{t('privacy.kept4')}</li>
        </ul>
      </section>
      <section className="card" aria-labelledby="privacy-who">
        <h2 id="privacy-who">{t('privacy.whoTitle')}</h2>
        <ul>
          <li>{t('privacy.who1')}</li>
          <li>{t('privacy.who2')}</li>
        </ul>
      </section>
      <section className="card" aria-labelledby="privacy-how-long">
        <h2 id="privacy-how-long">{t('privacy.howLongTitle')}</h2>
        <p data-testid="retention">{t('privacy.howLong', { days })}</p>
        <p>{t('privacy.after')}</p>
      </section>
    </div>
  );
}
