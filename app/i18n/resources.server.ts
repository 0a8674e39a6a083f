/**
 * Both languages' strings, for the server: pages, loaders, notifications, workers. A `.server` module, so the
 * browser build gets an empty module in its place (Remix's rule for `*.server.ts`) and never downloads the strings
 * of a language the page is not in; the browser loads its page's language alone (./browser.ts).
 */
import en from '../../locales/en/common.json';
import fa from '../../locales/fa/common.json';

export const resources = { fa: { common: fa }, en: { common: en } } as const;
