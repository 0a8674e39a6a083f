/**
 * One SQLite connection per process, opened with the pragmas durability depends on (docs/DESIGN.md §7):
 * WAL + synchronous=FULL so an acknowledged submission survives a killed process or a power cut.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import * as schema from './schema';

export type AppDatabase = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = path.resolve(process.env.MIGRATIONS_DIR || 'db/migrations');

export function openDatabase(file: string): AppDatabase {
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Migrations (and scripts: worker, backup, CLI) wait out another process's write lock; connect() then sets the
  // configured wait, short in the web server because the wait blocks its event loop.
  sqlite.pragma('busy_timeout = 5000');
  // Erased contact data (retention) is overwritten in the file, not left in freed space for anyone who copies it.
  sqlite.pragma('secure_delete = ON');
  return drizzle(sqlite, { schema }) as AppDatabase;
}

/**
 * Applies the pending drizzle-kit migrations, keeping drizzle's own bookkeeping table. Unlike drizzle's migrator it
 * reads what is applied inside the same BEGIN IMMEDIATE that applies the rest, so a server and a worker started at
 * once on a fresh installation migrate it once instead of both running the first migration.
 */
export function migrateDatabase(db: AppDatabase) {
  const sqlite = db.$client;
  const migrations = readMigrationFiles({ migrationsFolder });
  sqlite.exec('CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)');
  sqlite
    .transaction(() => {
      const last = sqlite.prepare('SELECT created_at FROM "__drizzle_migrations" ORDER BY created_at DESC LIMIT 1').get() as
        | { created_at: number | string }
        | undefined;
      const record = sqlite.prepare('INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (?, ?)');
      for (const migration of migrations) {
        if (last && Number(last.created_at) >= migration.folderMillis) continue;
        for (const statement of migration.sql) if (statement.trim()) sqlite.exec(statement);
        record.run(migration.hash, migration.folderMillis);
      }
    })
    .immediate();
}

let current: { file: string; db: AppDatabase } | undefined;

/**
 * The process-wide connection to `file`, migrated on first open (waiting up to 5 s for another process's lock), then
 * waiting `busyTimeoutMs` for the lock (the web server's is short: app/platform/config.server.ts).
 */
export function connect(file: string, busyTimeoutMs?: number): AppDatabase {
  if (current?.file === file) return current.db;
  current?.db.$client.close();
  const db = openDatabase(file);
  migrateDatabase(db);
  if (busyTimeoutMs !== undefined) setBusyTimeout(db, busyTimeoutMs);
  current = { file, db };
  return db;
}

export function closeConnection() {
  current?.db.$client.close();
  current = undefined;
}

export type Transaction = Parameters<Parameters<AppDatabase['transaction']>[0]>[0];

/**
 * A write transaction that takes the write lock at its start (BEGIN IMMEDIATE). A deferred transaction that reads
 * and then writes can fail at once with SQLITE_BUSY when another process wrote in between; this one waits its turn
 * (busy_timeout) instead, so the version checks inside decide, not the timing.
 */
export function writeTransaction<T>(db: AppDatabase, work: (tx: Transaction) => T): T {
  return db.transaction(work, { behavior: 'immediate' });
}

/** How long this connection's statements wait for another connection's write lock before SQLITE_BUSY. */
export function setBusyTimeout(db: AppDatabase, ms: number) {
  db.$client.pragma(`busy_timeout = ${Math.round(ms)}`);
}

/**
 * Whether a write could start now: BEGIN IMMEDIATE (rolled back at once) waiting at most `timeoutMs`. 'held' means
 * another connection has kept the write lock at least that long. Synchronous, so no other request of this process
 * runs in between; the connection's own timeout is put back after.
 */
export function probeWriteLock(db: AppDatabase, timeoutMs: number): 'free' | 'held' {
  const sqlite = db.$client;
  if (sqlite.inTransaction) return 'free';
  const previous = sqlite.pragma('busy_timeout', { simple: true }) as number;
  sqlite.pragma(`busy_timeout = ${Math.round(timeoutMs)}`);
  try {
    sqlite.exec('BEGIN IMMEDIATE');
    sqlite.exec('ROLLBACK');
    return 'free';
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) return 'held';
    throw error;
  } finally {
    sqlite.pragma(`busy_timeout = ${previous}`);
  }
}
