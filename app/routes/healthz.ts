import { json } from '@remix-run/node';
import { healthReport } from '~/services/health.server';

/** Liveness and readiness for a monitor: 200 when all is well, 503 with the cause otherwise (app/services/health.server.ts). */
export function loader() {
  const { status, body } = healthReport();
  return json(body, { status: status === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
