import type { LoaderFunctionArgs } from '@remix-run/node';
import { getConfig } from '~/platform/config.server';
import { db } from '~/platform/db.server';
import { renderFamilies, type Family } from '~/domain/prometheus';
import { sameSecret } from '~/domain/secrets';
import { ITEM_STATES } from '~/domain/workflow';
import { workerStatus } from '~/models/heartbeat.server';
import { itemsByState, outboxHealth, overdueNow } from '~/models/stats.server';
import { requestFamilies } from '~/services/metrics.server';

/** Prometheus metrics: this process's requests and latencies, items by state, overdue items, the outbox, the worker. */
export function loader({ request }: LoaderFunctionArgs) {
  const token = getConfig().metricsToken;
  if (token && !bearerMatches(request.headers.get('Authorization'), token)) {
    return new Response('Unauthorized\n', { status: 401, headers: { 'WWW-Authenticate': 'Bearer', 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  const now = new Date();
  const states = itemsByState(db());
  const outbox = outboxHealth(db(), now);
  const worker = workerStatus(db(), now);
  const families: Family[] = [
    ...requestFamilies(),
    {
      name: 'didehban_items',
      help: 'Items now in each workflow state.',
      type: 'gauge',
      samples: ITEM_STATES.map((state) => ({ labels: { state }, value: states.get(state) ?? 0 })),
    },
    {
      name: 'didehban_items_overdue',
      help: 'Items waiting for staff past a deadline now.',
      type: 'gauge',
      samples: [{ labels: {}, value: [...overdueNow(db(), now, 'owner').values()].reduce((a, b) => a + b, 0) }],
    },
    {
      name: 'didehban_outbox_messages',
      help: 'Notifications waiting to be delivered (pending) and given up after every retry (dead).',
      type: 'gauge',
      samples: [
        { labels: { status: 'pending' }, value: outbox.pending },
        { labels: { status: 'dead' }, value: outbox.dead },
      ],
    },
    { name: 'didehban_outbox_oldest_pending_seconds', help: 'Age of the oldest notification still waiting.', type: 'gauge', samples: [{ labels: {}, value: outbox.oldestPendingSeconds }] },
    {
      name: 'didehban_worker_last_beat_seconds',
      help: 'Seconds since the background worker was last heard from (-1: never).',
      type: 'gauge',
      samples: [{ labels: {}, value: worker.lastBeatAt ? (now.getTime() - worker.lastBeatAt.getTime()) / 1000 : -1 }],
    },
    { name: 'didehban_process_resident_memory_bytes', help: 'Resident memory of this server process.', type: 'gauge', samples: [{ labels: {}, value: process.memoryUsage().rss }] },
  ];
  return new Response(renderFamilies(families), { headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' } });
}

function bearerMatches(header: string | null, token: string): boolean {
  return sameSecret(header?.replace(/^Bearer\s+/i, '') ?? '', token);
}
