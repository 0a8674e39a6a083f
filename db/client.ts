/**
 * One SQLite connection per process, opened with the pragmas durability depends on (DESIGN §7):
 * WAL + synchronous=FULL so an acknowledged submission survives a killed process or a power cut.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
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
  sqlite.pragma('busy_timeout = 5000');
  return drizzle(sqlite, { schema }) as AppDatabase;
}

export function migrateDatabase(db: AppDatabase) {
  migrate(db, { migrationsFolder });
}

let current: { file: string; db: AppDatabase } | undefined;

/** The process-wide connection to `file`, migrated on first open. */
export function connect(file: string): AppDatabase {
  if (current?.file === file) return current.db;
  current?.db.$client.close();
  const db = openDatabase(file);
  migrateDatabase(db);
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
