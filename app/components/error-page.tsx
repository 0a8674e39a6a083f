import { useTranslation } from 'react-i18next';

/** The page shown for an unknown URL or a failing loader: plain words, a way home, never a stack trace. */
export function ErrorPage({ notFound, tooLarge = false }: { notFound: boolean; tooLarge?: boolean }) {
  const { t } = useTranslation();
  // A body past the server's limits (413): say what to change, not that something broke.
  const [title, body] = notFound ? ['notFoundTitle', 'notFoundBody'] : tooLarge ? ['tooLargeTitle', 'tooLargeBody'] : ['errorTitle', 'errorBody'];
  return (
    <div className="page narrow error-page">
      <h1>{t(`errorPage.${title}`)}</h1>
      <p>{t(`errorPage.${body}`)}</p>
      <p>
        <a className="button" href="/">
          {t('errorPage.home')}
        </a>
      </p>
    </div>
  );
}
