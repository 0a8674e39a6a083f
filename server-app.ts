/**
 * The express application around the Remix build: security headers (CSP with a nonce per request), compression,
 * request metrics, static files, the cross-site guard and an error handler that never shows a stack trace. server.ts
 * starts it; tests build the same app in-process (tests/security/server-hardening.test.ts).
 */
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { AppConfig } from './app/platform/config.server';
import { translator } from './app/i18n/translate';
import { bodyGuard } from './app/services/body-guard.server';
import { recordRequest } from './app/services/metrics.server';

/** Both languages: the answer comes before any page, so the reader's language is not known yet. */
const bilingual = (key: string) => `${translator('fa')(key)}\n${translator('en')(key)}\n`;

/**
 * A state-changing request whose `Origin` is another site's (or `null`, or unreadable) is refused with 403 here.
 * Remix makes the same check on page actions but answers it with a bare 500 and a stack trace in the log; this
 * answers first, with the same rule (Origin's host against X-Forwarded-Host, else Host), so Remix's never fires.
 * The machine APIs under /api/ authenticate with keys and tokens and may be called from other origins.
 */
export const crossSiteGuard: RequestHandler = (req, res, next) => {
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method) || req.path.startsWith('/api/')) return next();
  const origin = req.headers.origin;
  // Without an Origin, a browser's own word that the request comes from another site is believed too (outside
  // review, round 9: such a post was let through); tools that send neither header are not browsers.
  if (origin === undefined) {
    if (req.get('sec-fetch-site') !== 'cross-site') return next();
    res.status(403).type('text/plain; charset=utf-8').send(bilingual('errors.cross_site'));
    return;
  }
  // The forwarded host counts only from a proxy TRUST_PROXY trusts; otherwise anyone could name their own site there.
  const trusted = (req.app.get('trust proxy fn') as (address: string | undefined, hop: number) => boolean)(req.socket.remoteAddress, 0);
  const forwarded = trusted ? req.get('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
  const host = (forwarded || req.get('host')) ?? '';
  let originHost: string | null = null;
  try {
    originHost = origin === 'null' ? null : new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (originHost !== null && host !== '' && originHost === host) return next();
  res.status(403).type('text/plain; charset=utf-8').send(bilingual('errors.cross_site'));
};

/**
 * The last word on anything that escaped: the error in the log only, never its stack to the client (express's own
 * handler shows it outside production). A client error keeps its status (e.g. 400 for a malformed request).
 */
export const finalErrorHandler: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  const status = Number((error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode);
  if (status >= 400 && status < 500) {
    res.status(status).type('text/plain; charset=utf-8').send(`${STATUS_CODES[status] ?? 'Bad Request'}\n`);
    return;
  }
  console.error(error);
  res.status(500).type('text/plain; charset=utf-8').send(bilingual('errors.server_error'));
};

export function createServerApp(build: ServerBuild, config: AppConfig): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Only a configured proxy may name the client (X-Forwarded-For): otherwise anyone could pick a fresh address per
  // request and walk past the per-address limits.
  try {
    app.set('trust proxy', config.trustProxy);
  } catch (error) {
    throw new Error(`TRUST_PROXY: ${error instanceof Error ? error.message : String(error)}`);
  }
  app.use(compression());

  // Every response counts towards /metrics (requests by status, latency histogram).
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => recordRequest(req.method, req.path, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9));
    next();
  });

  app.use((_req, res, next) => {
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

  app.use(crossSiteGuard);
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
  app.use(finalErrorHandler);
  return app;
}
