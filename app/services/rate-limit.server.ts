/**
 * Per-client rate limits for public forms (docs/DESIGN.md §7), in memory: one server process serves the portal. Counted in
 * fixed windows per key; `retryAfterSeconds` feeds the `Retry-After` header and the Persian message.
 */
import ipaddr from 'ipaddr.js';
import { ADDRESS_FAILURES_BEFORE_QUESTION, CODE_FAILURES_BEFORE_QUESTION, CODE_WINDOW_MS, LOOKUP_WINDOW_MS } from '../domain/lookup-guard';

export interface RateLimitResult {
  ok: boolean;
  retryAfterSeconds: number;
  /** Hits counted in the current window. */
  count: number;
}

export interface RateLimiter {
  /** Counts `cost` hits (1 unless told: a request that looks up many things at once costs one per thing). */
  hit(key: string, now?: number, cost?: number): RateLimitResult;
  /** How the window looks without counting a hit. */
  peek(key: string, now?: number): RateLimitResult;
  reset(): void;
}

export function createRateLimiter(limit: number, windowMs: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const current = (key: string, now: number) => {
    const window = windows.get(key);
    if (!window || now - window.start >= windowMs) {
      if (windows.size > 50_000) prune(now);
      const fresh = { start: now, count: 0 };
      windows.set(key, fresh);
      return fresh;
    }
    return window;
  };
  const prune = (now: number) => {
    for (const [key, window] of windows) if (now - window.start >= windowMs) windows.delete(key);
  };
  const result = (window: { start: number; count: number }, now: number): RateLimitResult => ({
    ok: window.count <= limit,
    count: window.count,
    retryAfterSeconds: Math.max(1, Math.ceil((window.start + windowMs - now) / 1000)),
  });
  return {
    hit(key, now = Date.now(), cost = 1) {
      const window = current(key, now);
      window.count += cost;
      return result(window, now);
    },
    peek(key, now = Date.now()) {
      const window = current(key, now);
      return { ...result(window, now), ok: window.count < limit };
    },
    reset: () => windows.clear(),
  };
}

/**
 * The portal's limits. Generous, because Iranian mobile carriers put many people behind one address: they stop
 * floods and guessing, not a family sending two complaints.
 */
export const limits = {
  /** Posts of the submission form per client address (valid or not). */
  feedbackPosts: createRateLimiter(20, 10 * 60_000),
  /**
   * Failed tracking look-ups per client address and per code: counted here, judged by app/domain/lookup-guard.ts
   * (the question first, a block only for floods or a code under attack).
   */
  trackingFailures: createRateLimiter(ADDRESS_FAILURES_BEFORE_QUESTION, LOOKUP_WINDOW_MS),
  trackingCodeFailures: createRateLimiter(CODE_FAILURES_BEFORE_QUESTION, CODE_WINDOW_MS),
};

/** The client address the server passed in the load context, as it came (for the audit log); absent in direct calls (tests). */
export function clientAddress(context: unknown): string | null {
  const ip = (context as { clientIp?: unknown } | undefined)?.clientIp;
  return typeof ip === 'string' && ip !== '' ? ip : null;
}

/**
 * The key an address is counted under: an IPv6 client by its /64 prefix, because one subscriber line or host is
 * normally given a whole /64 and could otherwise take a fresh address per request and never reach a limit; an
 * IPv4-mapped IPv6 address (`::ffff:1.2.3.4`, what a dual-stack socket reports) as the IPv4 address it is.
 */
export function addressGroup(ip: string): string {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.process(ip.replace(/%.*$/, '')); // a zone id (`fe80::1%eth0`) names the interface, not the client
  } catch {
    return ip; // not an address (a test's made-up name): counted as it is
  }
  if (addr.kind() === 'ipv4') return addr.toString();
  const prefix = (addr as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${prefix.join(':')}::/64`;
}

/** The key the per-address limits count the client under (see `addressGroup`); null without an address. */
export function clientKey(context: unknown): string | null {
  const ip = clientAddress(context);
  return ip === null ? null : addressGroup(ip);
}
