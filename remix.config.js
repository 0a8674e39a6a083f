/** Remix v2, classic compiler. @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ['**/.*', '**/*.test.*'],
  serverModuleFormat: 'esm',
  // The database schema lives in db/, outside app/: watch it so a schema change rebuilds.
  watchPaths: ['db/schema.ts', 'locales/**/*.json'],
  // Explicit choices (unset flags warn at every build): single fetch and lazy route discovery stay off, since the
  // loaders' json() contract and the no-JavaScript pages are built on Remix v2's data requests.
  future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: false, v3_lazyRouteDiscovery: false },
};
