/** Remix v2, classic compiler. @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ['**/.*', '**/*.test.*'],
  serverModuleFormat: 'esm',
  // The database schema lives in db/, outside app/: watch it so a schema change rebuilds.
  watchPaths: ['db/schema.ts', 'locales/**/*.json'],
  future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true },
};
