import { mkdirSync, rmSync } from 'node:fs';
import { openDatabase, migrateDatabase } from '../../db/client';
import { prepareDatabase } from '../../app/seed/index';
import { SEED_NOW, TEMPLATE_DB, TMP_DIR } from './paths';

export default async function globalSetup() {
  mkdirSync(TMP_DIR, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(TEMPLATE_DB + suffix, { force: true });
  const db = openDatabase(TEMPLATE_DB);
  migrateDatabase(db);
  // Without the demo's open ir-09 items: tests count their own items there (tests/integration/demo-seed.test.ts).
  await prepareDatabase(db, { demoData: true, now: SEED_NOW, workingItems: false });
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
}
