/**
 * Counting sign-in attempts (see domain/login-throttle.ts). The count is taken in one synchronous write
 * transaction *before* the password is checked: argon2 is awaited afterwards, so no two requests can both read
 * "4 failures" and both go on to guess (the race that let 150 parallel guesses through the old lock).
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { writeTransaction, type AppDatabase } from '../../db/client';
import { loginThrottles } from '../../db/schema';
import { recordAudit, recordedSince, type AuditEntry } from './audit.server';
import { delaySeconds, THROTTLE_MEMORY_MS, type ThrottlePolicy } from '../domain/login-throttle';

export type AttemptResult =
  /** Go on and check the password; `retryAfter` > 0 when this very attempt started a wait (say so if it fails). */
  | { ok: true; retryAfter: number }
  | { ok: false; retryAfter: number };

/**
 * Counts one attempt under each key as a failure in advance (undone by `forgiveAttempt` when it succeeds), unless a
 * key is inside its wait: then nothing is counted and the attempt is refused. A refusal is audited with
 * `throttledEntry(key, waitEndsAt)` once per wait of each key (in this same transaction, so parallel refusals write one
 * row): a flood of requests inside a wait cannot fill the audit log.
 */
export function claimAttempt(
  db: AppDatabase,
  keys: readonly (readonly [string, ThrottlePolicy])[],
  now = new Date(),
  throttledEntry?: (key: string, waitEndsAt: Date) => AuditEntry,
): AttemptResult {
  return writeTransaction(db, (tx) => {
    const rows = tx
      .select()
      .from(loginThrottles)
      .where(inArray(loginThrottles.key, keys.map(([key]) => key)))
      .all();
    const byKey = new Map(rows.map((r) => [r.key, r]));
    let blockedUntil = 0;
    for (const [key] of keys) {
      const row = byKey.get(key);
      if (row?.blockedUntil && row.blockedUntil > now) blockedUntil = Math.max(blockedUntil, row.blockedUntil.getTime());
    }
    if (blockedUntil) {
      for (const [key] of throttledEntry ? keys : []) {
        const row = byKey.get(key);
        if (!row?.blockedUntil || row.blockedUntil <= now) continue;
        const entry = throttledEntry!(key, row.blockedUntil);
        // Inside a wait nothing is counted, so the last failure is the one that started it.
        if (!recordedSince(tx, entry, row.lastFailureAt)) recordAudit(tx, entry, now);
      }
      return { ok: false, retryAfter: secondsUntil(blockedUntil, now) };
    }
    let startedWait = 0;
    for (const [key, policy] of keys) {
      const row = byKey.get(key);
      const fresh = !row || now.getTime() - row.lastFailureAt.getTime() > THROTTLE_MEMORY_MS;
      const failures = (fresh ? 0 : row.failures) + 1;
      const wait = delaySeconds(policy, failures);
      const until = wait > 0 ? new Date(now.getTime() + wait * 1000) : null;
      if (until) startedWait = Math.max(startedWait, until.getTime());
      tx.insert(loginThrottles)
        .values({ key, failures, blockedUntil: until, lastFailureAt: now })
        .onConflictDoUpdate({ target: loginThrottles.key, set: { failures, blockedUntil: until, lastFailureAt: now } })
        .run();
    }
    return { ok: true, retryAfter: startedWait ? secondsUntil(startedWait, now) : 0 };
  });
}

/**
 * A successful attempt: the account's (or code's) count starts again; the address only gets this attempt back,
 * so one valid account cannot clear the count of an address guessing at others.
 */
export function forgiveAttempt(db: AppDatabase, clearKey: string, refundKeys: readonly string[] = []) {
  writeTransaction(db, (tx) => {
    tx.delete(loginThrottles).where(eq(loginThrottles.key, clearKey)).run();
    for (const key of refundKeys) {
      tx.update(loginThrottles)
        .set({ failures: sql`max(${loginThrottles.failures} - 1, 0)` })
        .where(eq(loginThrottles.key, key))
        .run();
    }
  });
}

/** Lifts the wait and the count of a key (the admin's "unlock"). Returns whether there was anything to lift. */
export function clearThrottle(db: Pick<AppDatabase, 'delete'>, key: string): boolean {
  return db.delete(loginThrottles).where(eq(loginThrottles.key, key)).run().changes > 0;
}

/** The keys inside a wait now (for the admin's user list). */
export function throttledKeys(db: Pick<AppDatabase, 'select'>, now = new Date()): Set<string> {
  return new Set(
    db
      .select({ key: loginThrottles.key })
      .from(loginThrottles)
      .where(sql`${loginThrottles.blockedUntil} > ${now.getTime()}`)
      .all()
      .map((r) => r.key),
  );
}

function secondsUntil(ms: number, now: Date): number {
  return Math.max(1, Math.ceil((ms - now.getTime()) / 1000));
}
