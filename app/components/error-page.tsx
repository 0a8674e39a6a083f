import { useTranslation } from 'react-i18next';

/** The page shown for an unknown URL or a failing loader: plain words, a way home, never a stack trace. */
export function ErrorPage({ notFound }: { notFound: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="page narrow error-page">
      <h1>{notFound ? t('errorPage.notFoundTitle') : t('errorPage.errorTitle')}</h1>
      <p>{notFound ? t('errorPage.notFoundBody') : t('errorPage.errorBody')}</p>
      <p>
        <a className="button" href="/">
          {t('errorPage.home')}
        </a>
      </p>
    </div>
  );
}
