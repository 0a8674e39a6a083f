import { RemixBrowser } from '@remix-run/react';
import i18next from 'i18next';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { startI18n } from './i18n/browser';
import { DEFAULT_LOCALE, isLocale } from './i18n/config';

async function hydrate() {
  // The server already chose the language and wrote it into <html lang>; only that language's strings are loaded.
  const lang = document.documentElement.lang;
  await startI18n(isLocale(lang) ? lang : DEFAULT_LOCALE);
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

// The service worker is installed by public/sw-register.js, on pages without this bundle (the home page) too.
void hydrate();
