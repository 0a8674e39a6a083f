import type { LoaderFunctionArgs } from '@remix-run/node';
import { getConfig } from '~/platform/config.server';
import { sameSecret } from '~/domain/secrets';
import { metricsText } from '~/services/metrics.server';

/** Prometheus metrics: this process's requests and latencies, items by state, overdue items, the outbox, the worker. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = getConfig().metricsToken;
  if (token && !bearerMatches(request.headers.get('Authorization'), token)) {
    return new Response('Unauthorized\n', { status: 401, headers: { 'WWW-Authenticate': 'Bearer', 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  const { text, contentType } = await metricsText();
  return new Response(text, { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
}

function bearerMatches(header: string | null, token: string): boolean {
  return sameSecret(header?.replace(/^Bearer\s+/i, '') ?? '', token);
}
