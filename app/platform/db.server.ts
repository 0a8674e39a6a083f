import { connect, type AppDatabase } from '../../db/client';
import { getConfig } from './config.server';

/** The application's database connection (opened and migrated on first use). */
export function db(): AppDatabase {
  const config = getConfig();
  return connect(config.databasePath, config.dbBusyTimeoutMs);
}
