/**
 * The production server's side of the body limits (server.ts), below Remix:
 *
 * - a declared Content-Length over the largest legitimate body is answered 413 before anything is read;
 * - when an action stops reading a body early (a limit passed, app/platform/http.server.ts) or never reads it (refused by a
 *   rate limit or a missing session), the rest of the upload is read and thrown away for a short while instead of
 *   the connection being torn down. A client that is still sending when the server answers only sees the answer
 *   once its upload is taken (a reset connection shows a browser error page, not our Persian message): nginx calls
 *   this a lingering close. Nothing read this way is kept, so it costs bandwidth, never memory;
 * - bodies being read at once are bounded: each client address (an IPv6 /64 as one) may send a few at a time, and all
 *   bodies in flight together may weigh at most a budget of bytes, each address an eighth of it (a body weighs what
 *   it declares, up to what its kind is ever read to: 1 MB unless it is multipart).
 *   The limits above bound one request; this bounds many held open at once, one byte short of their end (an outside
 *   review held 3,000 such bodies from one address: 3.2 GB). Past it: 429 for the address, 503 for the budget, both
 *   before anything is read. server.ts also drops a connection silent for 15 s, and a request not whole in 2 minutes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_FORM_BYTES, MAX_REQUEST_BYTES } from '../domain/body-limits';
import { addressGroup } from './rate-limit.server';

/** How long, and how much, the rest of a refused upload is drained before the connection is closed after all. */
const LINGER_MS = 5_000;
const LINGER_BYTES = 2 * MAX_REQUEST_BYTES;

const draining = new WeakSet<IncomingMessage>();
const realDestroy = Symbol('realDestroy');
type GuardedRequest = IncomingMessage & { [realDestroy]?: (error?: Error) => IncomingMessage };

/**
 * Reads the rest of the body into nothing; closes the connection if that takes too much, or goes on too long after
 * the answer was sent (the clock starts then: a busy server may take a while to answer).
 */
function drainRest(req: GuardedRequest, res: ServerResponse) {
  const destroy = req[realDestroy] ?? req.destroy.bind(req);
  if (req.complete || req.socket.destroyed || draining.has(req)) return;
  draining.add(req);
  // Whoever was reading (Remix's request stream) has stopped: its listener would only queue bytes nobody takes.
  req.removeAllListeners('data');
  let seen = 0;
  let timer: NodeJS.Timeout | undefined;
  const startClock = () => {
    timer = setTimeout(() => destroy(), LINGER_MS);
    timer.unref();
  };
  if (res.writableFinished) startClock();
  else res.once('finish', startClock);
  const stop = () => {
    clearTimeout(timer);
    res.off('finish', startClock);
  };
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > LINGER_BYTES) {
      stop();
      destroy();
    }
  });
  req.once('end', stop);
  req.once('close', stop);
  req.resume();
}

const PAGE = `<!doctype html>
<html lang="fa" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>فرم بیش از اندازه بزرگ است</title></head>
<body>
<h1>فرم بیش از اندازه بزرگ است</h1>
<p>آنچه فرستادید از اندازه مجاز بزرگ‌تر بود و ثبت نشد. به صفحه قبل برگردید و فایل‌های کمتر و کوچک‌تری (حداکثر ۳ فایل، هر کدام تا ۵ مگابایت) انتخاب کنید.</p>
<p><a href="/">بازگشت به صفحه نخست</a></p>
<hr><div dir="ltr" lang="en"><h2>The form is too large</h2><p>What you sent was larger than allowed and was not saved. Go back and choose fewer, smaller files (at most 3, up to 5 MB each).</p></div>
</body></html>`;

/** Bodies one client address may send at once: a person sends one form at a time; a few leave room for a family. */
export const BODIES_PER_CLIENT = 6;
/** What all bodies in flight may weigh together (BODY_BUDGET_MB): room for ~16 full uploads, bounded memory. */
export const bodyBudgetBytes = () => Number(process.env.BODY_BUDGET_MB || 256) * 1024 * 1024;
/** One address's share of the budget, so a few addresses cannot take all of it (an outside review did, with 17 bodies). */
const CLIENT_SHARE = 1 / 8;

/** Bodies up to this size are outside the budget (a few per address, so a few hundred KB each address at most). */
const SMALL_BODY_BYTES = 64 * 1024;

const inFlightByClient = new Map<string, { bodies: number; bytes: number }>();
let inFlightBytes = 0;

/**
 * What a body may come to hold in memory: what it declares, but never more than its kind is read to. Only multipart
 * bodies carry files; every other body is read to the form limit (1 MB) at most, whatever it declares or if chunked.
 */
function weightOf(req: IncomingMessage, declared: number, maxBytes: number): number {
  const multipart = String(req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/');
  const ceiling = multipart ? maxBytes : MAX_FORM_BYTES;
  return req.headers['transfer-encoding'] !== undefined ? ceiling : Math.min(declared, ceiling);
}

function refuseUnread(req: IncomingMessage, res: ServerResponse, status: 429 | 503) {
  const api = (req.url ?? '').startsWith('/api/');
  res.statusCode = status;
  res.setHeader('Retry-After', status === 429 ? '10' : '30');
  res.setHeader('Connection', 'close');
  res.setHeader('Content-Type', api ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  const fa = status === 429 ? 'از این نشانی هم‌اکنون فرم‌های زیادی در حال ارسال است' : 'سامانه در این لحظه پرکار است';
  const en = status === 429 ? 'Too many forms are being sent from this address right now' : 'The service is busy right now';
  res.end(
    api
      ? JSON.stringify({ error: status === 429 ? 'too_many_requests' : 'service_busy', message: `${en}. Please try again shortly.` })
      : `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${fa}</title></head><body><h1>${fa}</h1><p>چیزی ثبت نشد. چند لحظه دیگر دوباره بفرستید.</p><hr><div dir="ltr" lang="en"><h2>${en}</h2><p>Nothing was recorded. Please send again in a moment.</p></div></body></html>`,
  );
  req.socket.destroySoon?.();
}

/** Admits a body to be read, or answers 429/503 unread; true when admitted (released when its answer is done). */
function admit(req: IncomingMessage & { ip?: string }, res: ServerResponse, declared: number, maxBytes: number): boolean {
  const chunked = req.headers['transfer-encoding'] !== undefined;
  if (!chunked && !(declared > 0)) return true; // nothing to read
  const declaredWeight = weightOf(req, declared, maxBytes);
  // A small body (a sign-in, a look-up, a form without files) never waits on the budget: however the large ones are
  // held, people can still sign in, track and file (an outside review starved every post with 24 declared uploads).
  const weight = declaredWeight <= SMALL_BODY_BYTES ? 0 : declaredWeight;
  const client = addressGroup(req.ip ?? req.socket.remoteAddress ?? '');
  const mine = inFlightByClient.get(client) ?? { bodies: 0, bytes: 0 };
  if (mine.bodies >= BODIES_PER_CLIENT || mine.bytes + weight > Math.max(maxBytes, bodyBudgetBytes() * CLIENT_SHARE)) {
    refuseUnread(req, res, 429);
    return false;
  }
  if (weight > 0 && inFlightBytes + weight > bodyBudgetBytes()) {
    refuseUnread(req, res, 503);
    return false;
  }
  inFlightByClient.set(client, { bodies: mine.bodies + 1, bytes: mine.bytes + weight });
  inFlightBytes += weight;
  res.once('close', () => {
    inFlightBytes -= weight;
    const now = inFlightByClient.get(client);
    if (!now || now.bodies <= 1) inFlightByClient.delete(client);
    else inFlightByClient.set(client, { bodies: now.bodies - 1, bytes: now.bytes - weight });
  });
  return true;
}

/** express middleware (plain node:http types): see the module comment. */
export function bodyGuard(maxBytes: number = MAX_REQUEST_BYTES) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const guarded = req as GuardedRequest;
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared <= maxBytes && !admit(req, res, declared, maxBytes)) return;
    if (declared > maxBytes) {
      const api = (req.url ?? '').startsWith('/api/');
      res.statusCode = 413;
      res.setHeader('Content-Type', api ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.end(api ? JSON.stringify({ error: 'payload_too_large', message: 'The request body is larger than this server accepts.' }) : PAGE);
      drainRest(guarded, res);
      return;
    }
    // Remix cancels the request stream when an action stops reading early, which would destroy the socket before
    // the 413 is written: drain instead while the answer is still to come (a dead socket is destroyed as ever).
    guarded[realDestroy] = req.destroy.bind(req);
    req.destroy = function destroy(error?: Error) {
      if (!res.writableEnded && !req.complete && !req.socket.destroyed) {
        drainRest(guarded, res);
        return req;
      }
      return guarded[realDestroy]!(error);
    };
    // A body never read at all (refused before reading): the answer is out, take the rest off the wire.
    res.once('finish', () => drainRest(guarded, res));
    next();
  };
}
