/**
 * `npm run backup [-- DESTINATION]`: an online copy of the configured database (DATABASE_PATH / DATA_DIR) while the
 * server and the worker may be writing. better-sqlite3's `backup()` copies pages in steps and restarts when a
 * writer changes a page it has already copied, so the copy is one consistent snapshot (WAL included).
 * Default destination: `$DATA_DIR/backups/didehban-<ISO timestamp>.sqlite`. The copy is then opened read-only and
 * checked (`PRAGMA integrity_check`, `PRAGMA foreign_key_check`). Exit 0 when it is sound, 1 otherwise.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { getConfig } from '../app/platform/config.server';

function fail(message: string): never {
  console.error(`backup: ${message}`);
  process.exit(1);
}

const config = getConfig();
const source = config.databasePath;
if (!existsSync(source)) fail(`no database at ${source} (set DATABASE_PATH or DATA_DIR)`);

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const destination = path.resolve(process.argv[2] || path.join(config.dataDir, 'backups', `didehban-${stamp}.sqlite`));
if (destination === source) fail('the destination is the database itself');
if (existsSync(destination)) fail(`${destination} exists already; choose another path`);
mkdirSync(path.dirname(destination), { recursive: true });

const started = Date.now();
try {
  // Not the app's connect(): no migrations, no seed, nothing but reading. busy_timeout waits out a writer's lock.
  const db = new Database(source, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  try {
    await db.backup(destination);
  } finally {
    db.close();
  }
  // The copy keeps the source's WAL mode; a backup is one self-contained file, so switch it to a rollback journal.
  const copy = new Database(destination, { fileMustExist: true });
  copy.pragma('journal_mode = DELETE');
  copy.close();
} catch (error) {
  fail(`copying ${source} to ${destination} failed: ${error instanceof Error ? error.message : String(error)}`);
}

let counts: { items: number; itemEvents: number };
try {
  const copy = new Database(destination, { readonly: true, fileMustExist: true });
  try {
    const integrity = copy.pragma('integrity_check') as { integrity_check: string }[];
    const problems = integrity.map((row) => row.integrity_check).filter((line) => line !== 'ok');
    if (problems.length > 0) fail(`integrity_check of ${destination} failed:\n  ${problems.slice(0, 20).join('\n  ')}`);
    const foreign = copy.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    if (foreign.length > 0) {
      fail(`foreign_key_check of ${destination} found ${foreign.length} broken reference(s), e.g. ${foreign.slice(0, 5).map((f) => `${f.table} row ${f.rowid} → ${f.parent}`).join(', ')}`);
    }
    const count = (table: string) => (copy.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    counts = { items: count('items'), itemEvents: count('item_events') };
  } finally {
    copy.close();
  }
} catch (error) {
  fail(`checking ${destination} failed: ${error instanceof Error ? error.message : String(error)}`);
}

console.info(`backup: ${destination}`);
console.info(`  size        ${statSync(destination).size} bytes`);
console.info(`  items       ${counts.items}`);
console.info(`  item_events ${counts.itemEvents}`);
console.info(`  checks      integrity_check ok, foreign_key_check clean (${Date.now() - started} ms)`);
