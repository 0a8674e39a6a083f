/**
 * The progressive delay of staff sign-in (ASVS 5.0 §6.3.1): instead of locking an account after a few wrong
 * passwords (which lets anyone lock the admin out, and whose message told which usernames exist), every key a
 * guess is counted under gets a growing wait after a few free failures. Attempts inside the wait are refused
 * without checking the password, so parallel guesses gain nothing, and the owner can sign in again once it ends.
 */

export interface ThrottlePolicy {
  /** Failures allowed before any wait. */
  free: number;
  /** The first wait; each further failure doubles it … */
  baseSeconds: number;
  /** … up to this. */
  maxSeconds: number;
}

/** Per account name (known or not): 4 free failures; the 5th starts a 10 s wait, then 20 s, 40 s, … up to 15 minutes. */
export const ACCOUNT_POLICY: ThrottlePolicy = { free: 4, baseSeconds: 10, maxSeconds: 15 * 60 };
/** Per client address: generous, because many people share one carrier address (see rate-limit.server.ts). */
export const ADDRESS_POLICY: ThrottlePolicy = { free: 30, baseSeconds: 10, maxSeconds: 15 * 60 };
/** Per user at the second step (the six-digit code or a recovery code): like the password. */
export const CODE_POLICY: ThrottlePolicy = { free: 4, baseSeconds: 10, maxSeconds: 15 * 60 };

/** Failures older than this are forgotten: the count starts again. */
export const THROTTLE_MEMORY_MS = 24 * 60 * 60 * 1000;

/** How long to wait after the `failures`-th failure (0: none yet). */
export function delaySeconds(policy: ThrottlePolicy, failures: number): number {
  if (failures <= policy.free) return 0;
  return Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** Math.min(failures - policy.free - 1, 20));
}

export const accountKey = (username: string) => `user:${username.trim().toLowerCase()}`;
export const addressKey = (address: string) => `ip:${address}`;
export const codeKey = (userId: number) => `code:${userId}`;
