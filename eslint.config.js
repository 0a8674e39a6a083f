/**
 * ESLint (flat config): the walls between the layers, plus the recommended rules of ESLint and typescript-eslint.
 * `npm run lint`; `npm test` runs it first. README "Walls" explains the layers.
 *
 *   app/domain (pure rules) < db/ (schema, client, migrations) < app/models (data access) < app/services
 *   < app/sessions < app/routes < server-app.ts; app/platform (config, database handle, body reading, language) is
 *   plumbing under models, services and sessions; app/components and app/i18n render beside them.
 *
 * Walls between folders use `import-x/no-restricted-paths`, which resolves each import to a file (through the
 * `~/` alias of tsconfig.json) so `~/models/x`, `../models/x` and `../../app/models/x` are the same wall. Walls
 * against packages (React, Remix, drizzle…) and against `*.server` modules use core `no-restricted-imports`.
 * `import-x/no-unresolved` keeps the resolver honest: an import it cannot resolve would pass every wall unseen.
 */
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const SEE = 'see README, "Walls"';

/** One wall: files under `target` must not import files under `from` (paths from the repository root). */
const wall = (target, from, message, except) => ({ target, from, message: `${message} (${SEE})`, ...(except ? { except } : {}) });

/** Where each layer lives. */
const PATHS = {
  domain: './app/domain', db: './db', platform: './app/platform', models: './app/models', services: './app/services',
  sessions: './app/sessions', routes: './app/routes', components: './app/components', i18n: './app/i18n',
};

/** One table for every wall: a layer, the layers it must not import, and why. */
const WALLS = [
  // Domain: plain TypeScript rules, testable without a database, a request or a browser.
  ['domain', ['models', 'db', 'services', 'sessions', 'platform', 'routes', 'components'], 'rules stay pure (no storage, no request, no rendering)'],
  // Components render in the browser too: nothing there may reach the database or a server-only module.
  ['components', ['models', 'db', 'services', 'sessions', 'platform', 'routes'], 'components render from what a loader gave them (types they need come from app/domain)'],
  ['i18n', ['models', 'db', 'services', 'sessions', 'routes'], 'texts and translation render beside the components'],
  // Models: data access only; they never call up into the layers that use them.
  ['models', ['services', 'sessions', 'routes', 'components'], 'data access sits below them (pass what a model needs as an argument)'],
  ['services', ['routes', 'components'], 'services sit below the routes and know nothing of rendering'],
  // Platform is plumbing every layer above stands on: it uses none of them.
  ['platform', ['models', 'services', 'sessions', 'routes', 'components'], 'it is the plumbing they stand on, serves the routes and knows nothing of rendering'],
  // Sessions serve the routes; they never reach up into them or into rendering.
  ['sessions', ['routes', 'components'], 'they serve the routes and know nothing of rendering'],
  ['routes', ['db'], 'routes go through app/models or app/services'],
];

const zones = [
  ...WALLS.flatMap(([layer, forbidden, why]) =>
    forbidden.map((other) => wall(PATHS[layer], PATHS[other], `${layer} must not import ${other === 'db' ? 'db/' : other}: ${why}`)),
  ),
  // The schema may use domain constants (states, kinds, channels); nothing else from the app.
  wall('./db', './app', 'db must not import app/ except app/domain: the schema and its seed sit below the models', ['./domain']),
];

const PACKAGES_NOT_IN_DOMAIN = [
  { group: ['@remix-run/*'], message: `domain must not import Remix: rules stay pure (${SEE})` },
  { group: ['react', 'react/*', 'react-dom', 'react-dom/*', 'react-i18next'], message: `domain must not import React: rules stay pure (${SEE})` },
  { group: ['drizzle-orm', 'drizzle-orm/*'], message: `domain must not import drizzle: rules stay pure, storage is app/models (${SEE})` },
  {
    group: ['better-sqlite3', 'fs', 'fs/*', 'node:fs', 'node:fs/*', 'node:sqlite'],
    message: `domain must not import node-only storage: rules stay pure, storage is app/models (${SEE})`,
  },
];

export default defineConfig(
  { ignores: ['build/**', 'public/build/**', 'node_modules/**', 'tests/.tmp/**', 'test-results/**', 'playwright-report/**', '.cache/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs,ts,tsx}'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: {
        // Node and the browser both: the app runs on each side; the rules that matter here are the walls.
        console: 'readonly', process: 'readonly', globalThis: 'readonly', URL: 'readonly', Buffer: 'readonly',
      },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${import.meta.dirname}/tsconfig.json` })] },
    rules: {
      // TypeScript checks undefined names better than ESLint can (it knows DOM and Node globals).
      'no-undef': 'off',
      // The text rules (app/domain/persian.ts, attachments.ts) list zero-width joiners one by one in character
      // classes to strip them: on purpose, never a misread emoji sequence.
      'no-misleading-character-class': 'off',
      // `_name` marks a value dropped on purpose (a field removed from an object by rest destructuring).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'import-x/no-unresolved': 'error',
      'import-x/no-restricted-paths': ['error', { zones, basePath: import.meta.dirname }],
    },
  },
  {
    files: ['app/domain/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: PACKAGES_NOT_IN_DOMAIN }] },
  },
  {
    files: ['app/components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['*.server', '*.server.*'],
              message: `components must not import a *.server module: it is empty in the browser bundle (tests/unit/browser-imports.test.ts) (${SEE})`,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['app/routes/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['drizzle-orm', 'drizzle-orm/*'], message: `routes must not import drizzle: queries live in app/models (${SEE})` }] },
      ],
    },
  },
);
