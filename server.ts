/**
 * The production server: express + @remix-run/express, with compression, security headers (CSP with a nonce per
 * request), long-lived caching of hashed assets, the database prepared before the first request, and the
 * notification worker.
 */
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { getConfig } from './app/config.server';
import { db } from './app/db.server';
import { bodyGuard } from './app/services/body-guard.server';
import { recordRequest } from './app/services/metrics.server';
import { startWorker } from './app/services/worker.server';
import { prepareDatabase } from './db/seed/index';

const config = getConfig();
await prepareDatabase(db(), { demoData: config.demoData });

const build = (await import(pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild;

const app = express();
app.disable('x-powered-by');
app.set('trust proxy', 'loopback');
app.use(compression());

// Every response counts towards /metrics (requests by status, latency histogram).
app.use((req, res, next) => {
  const started = process.hrtime.bigint();
  res.on('finish', () => recordRequest(req.method, req.path, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9));
  next();
});

app.use((req, res, next) => {
  const nonce = randomBytes(16).toString('base64');
  res.locals.cspNonce = nonce;
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ].join('; '),
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  if (config.publicUrl.startsWith('https://')) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  next();
});

// Request bodies: a declared length over the largest legitimate one is refused unread, and a body an action stops
// reading (past a limit) drains instead of cutting the connection, so the 413 reaches the browser.
app.use(bodyGuard());

// Hashed build assets never change: cache for a year. The fonts are versioned in their path (the package's major
// version): Vazirmatn's Arabic-script-only ("Non-Latin") faces, less than half the full ones (app/styles/app.css).
app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }));
app.use('/fonts/v33', express.static('node_modules/vazirmatn/misc/Non-Latin/fonts/webfonts', { immutable: true, maxAge: '1y' }));
// The service worker is checked for updates on every visit (static files keep a header that is already set).
app.get('/sw.js', (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-cache');
  next();
});
app.use(express.static('public', { maxAge: '1h' }));

app.all(
  '*',
  createRequestHandler({
    build,
    mode: config.isProduction ? 'production' : 'development',
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce as string,
      clientIp: req.ip ?? req.socket.remoteAddress ?? '',
      buildVersion: build.assets.version,
    }),
  }),
);

startWorker();

const server = app.listen(config.port, () => {
  console.info(`Didehban is serving on http://localhost:${config.port} (database: ${path.relative(process.cwd(), config.databasePath)})`);
  if (config.demoData) console.info('Demo data is on: staff accounts use the password "demo-password" (see README).');
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3_000).unref();
  });
}
