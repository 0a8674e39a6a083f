import { json } from '@remix-run/node';
import { sql } from 'drizzle-orm';
import { db } from '~/db.server';
import { workerStatus } from '~/models/heartbeat.server';

/**
 * Liveness and readiness: 200 when the database answers and the background worker (deliveries, sweeps) has been
 * heard from in the last three minutes; 503 with the failing part named otherwise.
 */
export function loader() {
  const headers = { 'Cache-Control': 'no-store' };
  try {
    db().run(sql`select 1`);
  } catch {
    return json({ status: 'error', database: 'unreachable', worker: 'unknown' }, { status: 503, headers });
  }
  const worker = workerStatus(db());
  const body = { status: worker.alive ? 'ok' : 'error', database: 'ok', worker: worker.alive ? 'alive' : 'silent', workerLastBeatAt: worker.lastBeatAt?.toISOString() ?? null };
  return json(body, { status: worker.alive ? 200 : 503, headers });
}
