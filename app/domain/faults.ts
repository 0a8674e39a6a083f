/**
 * Storage faults a client can do nothing about but wait (docs/DESIGN.md §7, README "Health and faults"): another process
 * holds SQLite's write lock, or the disk is full or failing. They are answered with 503 + Retry-After everywhere
 * (HTML pages, Open311, the SMS webhook), never a generic 500, and reported by /healthz.
 */

export type FaultKind = 'busy' | 'full' | 'io';

/** How long a client is asked to wait before trying again. */
export const FAULT_RETRY_AFTER_SECONDS = 30;

/**
 * better-sqlite3 errors carry SQLite's extended code (`SQLITE_BUSY_SNAPSHOT`, `SQLITE_IOERR_WRITE`, …), Node's file
 * errors a POSIX one; drizzle wraps the driver's error as `cause`, so the chain is followed a few steps.
 */
export function faultKind(error: unknown): FaultKind | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
      if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
      if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'io';
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
