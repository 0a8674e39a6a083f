/**
 * The production server: the express application of server-app.ts (headers, compression, static files,
 * the Remix build), the database prepared before the first request, and the notification worker.
 */
import type { ServerBuild } from '@remix-run/node';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeListenAddress, getConfig } from './app/platform/config.server';
import { db } from './app/platform/db.server';
import { createServerApp } from './server-app';
import { withFaultAnswers } from './app/services/faults.server';
import { limitConnectionsPerAddress } from './app/services/connection-limit.server';
import { startWorker } from './app/services/worker.server';
import { prepareDatabase } from './app/seed/index';

// A statement waiting for another process's write lock blocks the event loop, so every request (static files too)
// would wait behind it: the web server waits briefly, then answers 503 + Retry-After (withFaultAnswers). Set before
// the configuration is first read, by this module's copy and by the build's. Migrations still wait 5 s (db/client.ts).
process.env.DB_BUSY_TIMEOUT_MS ||= '100';
const config = getConfig();
await prepareDatabase(db(), { demoData: config.demoData });

// Storage faults (database locked, disk full) in any loader or action answer 503 + Retry-After, not a 500.
const build = withFaultAnswers((await import(pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild);
const app = createServerApp(build, config);

startWorker();

const onListening = () => {
  console.info(`Didehban is serving on ${describeListenAddress(config)} (database: ${path.relative(process.cwd(), config.databasePath)})`);
  if (config.demoData) console.info('Demo data is on: staff accounts use the password "demo-password" (see README).');
};
// No host: every interface (express's default).
const server = config.host === null ? app.listen(config.port, onListening) : app.listen(config.port, config.host, onListening);
// A request must arrive whole in two minutes (three 5 MB photos on a slow mobile line fit), its headers in 20 s, and a
// connection silent for 15 s is closed: a body held open one byte short of its end frees its place soon
// (app/services/body-guard.server.ts bounds how many are read at once).
server.requestTimeout = 120_000;
server.headersTimeout = 20_000;
server.timeout = 15_000;
// Connections: below the process's file limit in all, and a bounded number per client address, so one address cannot
// take every socket (an outside review opened 19,955 from one). A trusted proxy carries everyone's connections and is
// not limited; a peer reaching the port directly is. Many addresses together can still take the 8,000: connection
// floods are for the reverse proxy or firewall in front (docs/SECURITY.md).
server.maxConnections = 8_000;
const trustedProxy = app.get('trust proxy fn') as (address: string, hop: number) => boolean;
limitConnectionsPerAddress(server, 64, config.trustProxy === false ? () => false : (address) => trustedProxy(address, 0));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3_000).unref();
  });
}
