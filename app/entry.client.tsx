import { RemixBrowser } from '@remix-run/react';
import i18next from 'i18next';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { i18nConfig, isLocale, DEFAULT_LOCALE } from './i18n/config';

async function hydrate() {
  // The server already chose the language and wrote it into <html lang>.
  const lang = document.documentElement.lang;
  await i18next.use(initReactI18next).init({ ...i18nConfig, lng: isLocale(lang) ? lang : DEFAULT_LOCALE });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
