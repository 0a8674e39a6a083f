import { json } from '@remix-run/node';
import { sql } from 'drizzle-orm';
import { db } from '~/db.server';

/** Liveness and readiness: answers 200 only when the database answers. */
export function loader() {
  try {
    db().run(sql`select 1`);
    return json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
  } catch {
    return json({ status: 'error', database: 'unreachable' }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
  }
}
