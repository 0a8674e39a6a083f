/**
 * A fresh copy of the template database for one test file, wired into the app's configuration, so loaders and
 * actions run for real against their own SQLite file.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { closeConnection } from '../../db/client';
import { resetAuthForTests } from '../../app/sessions/staff.server';
import { resetCitizenSessionForTests } from '../../app/sessions/citizen.server';
import { getConfig, resetConfigForTests } from '../../app/platform/config.server';
import { db } from '../../app/platform/db.server';
import { TEMPLATE_DB, TMP_DIR } from './paths';

export function useTestDatabase() {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(TMP_DIR, 'db-'));
    const file = path.join(dir, 'didehban.sqlite');
    copyFileSync(TEMPLATE_DB, file);
    process.env.DATA_DIR = dir;
    process.env.DATABASE_PATH = file;
    process.env.SESSION_SECRET = 'test-session-secret';
    delete process.env.PUBLIC_URL;
    resetConfigForTests();
    resetAuthForTests();
    resetCitizenSessionForTests();
    closeConnection();
    getConfig();
  });
  afterAll(() => {
    closeConnection();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db };
}
