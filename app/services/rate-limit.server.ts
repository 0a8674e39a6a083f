/**
 * Per-client rate limits for public forms (DESIGN §7), in memory: one server process serves the portal. Counted in
 * fixed windows per key; `retryAfterSeconds` feeds the `Retry-After` header and the Persian message.
 */
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

/** The client address the server passed in the load context; absent when a route is called directly (tests). */
export function clientKey(context: unknown): string | null {
  const ip = (context as { clientIp?: unknown } | undefined)?.clientIp;
  return typeof ip === 'string' && ip !== '' ? ip : null;
}
