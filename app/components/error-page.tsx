import { useTranslation } from 'react-i18next';

const TEXT = {
  notFound: ['errorPage.notFoundTitle', 'errorPage.notFoundBody'],
  busy: ['errorPage.busyTitle', 'errorPage.busyBody'],
  // A body past the server's limits (413): say what to change, not that something broke.
  tooLarge: ['errorPage.tooLargeTitle', 'errorPage.tooLargeBody'],
  error: ['errorPage.errorTitle', 'errorPage.errorBody'],
} as const;

/**
 * The page shown for an unknown URL, a failing loader, or a body too large (413), a storage fault (busy: 503, the database locked or the disk
 * full; nothing was recorded, try again shortly): plain words, a way home, never a stack trace.
 */
export function ErrorPage({ kind }: { kind: keyof typeof TEXT }) {
  const { t } = useTranslation();
  const [title, body] = TEXT[kind];
  return (
    <div className="page narrow error-page" data-error-kind={kind}>
      <h1>{t(title)}</h1>
      <p>{t(body)}</p>
      <p>
        <a className="button" href="/">
          {t('errorPage.home')}
        </a>
      </p>
    </div>
  );
}
