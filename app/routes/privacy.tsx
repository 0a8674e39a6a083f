import type { MetaFunction } from '@remix-run/node';
import { useTranslation } from 'react-i18next';
import { pageTitle } from '~/i18n/meta';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'privacy.title');

export default function Privacy() {
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <h1>{t('privacy.title')}</h1>
      <div className="card">
        <p>{t('privacy.body1')}</p>
        <p>{t('privacy.body2')}</p>
      </div>
    </div>
  );
}
