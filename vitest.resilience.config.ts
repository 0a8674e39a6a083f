/**
 * `npm run test:resilience`: slower evidence kept out of `npm test` — an online backup under concurrent writes, the
 * server killed (SIGKILL) while 50 connections submit, a notification gateway outage, and generated hostile requests
 * against the real loaders and actions.
 */
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '~': path.resolve('app') } },
  test: {
    include: ['tests/resilience/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/fail-on-console-error.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
