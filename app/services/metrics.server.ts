/**
 * /metrics with prom-client: a Registry of our own (never prom-client's global default, which other packages may
 * fill), every label from a closed list (app/domain/prometheus.ts).
 *
 * Two kinds of figure:
 * - this process's requests and latencies, recorded by the express server on every response (`recordRequest`);
 * - the database's figures (items by state, overdue items, the outbox, the worker) and this process's memory, read by
 *   `collect()` callbacks only when a scraper asks (`metricsText`), never on an ordinary request.
 *
 * The express server (server.ts, directly) and the /metrics route (through the Remix build) load this module
 * separately, so the registry lives on `globalThis` under a registered symbol: both see the same counts. Whichever
 * copy made it, its collect() callbacks open the configured database file through `db()`, the same file either way.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { LATENCY_BUCKETS, methodLabel, OUTBOX_STATUSES, pathGroup } from '../domain/prometheus';
import { ITEM_STATES } from '../domain/workflow';
import { workerStatus } from '../models/heartbeat.server';
import { itemsByState, outboxHealth, overdueNow } from '../models/stats.server';
import { db } from '../platform/db.server';

interface Metrics {
  registry: Registry;
  requests: Counter<'method' | 'path' | 'status'>;
  latency: Histogram<'method' | 'path'>;
}

const KEY = Symbol.for('didehban.metrics');

function metrics(): Metrics {
  const holder = globalThis as { [KEY]?: Metrics };
  holder[KEY] ??= createMetrics();
  return holder[KEY];
}

function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const requests = new Counter({
    name: 'didehban_http_requests_total',
    help: 'Requests answered, by method, first path segment and status.',
    labelNames: ['method', 'path', 'status'] as const,
    registers,
  });
  const latency = new Histogram({
    name: 'didehban_http_request_duration_seconds',
    help: 'Time to answer a request.',
    labelNames: ['method', 'path'] as const,
    buckets: [...LATENCY_BUCKETS],
    registers,
  });

  new Gauge({
    name: 'didehban_items',
    help: 'Items now in each workflow state.',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const states = itemsByState(db());
      for (const state of ITEM_STATES) this.set({ state }, states.get(state) ?? 0);
    },
  });
  new Gauge({
    name: 'didehban_items_overdue',
    help: 'Items waiting for staff past a deadline now.',
    registers,
    collect() {
      this.set([...overdueNow(db(), new Date(), 'owner').values()].reduce((a, b) => a + b, 0));
    },
  });
  // The two outbox gauges each read the outbox (three indexed queries): a scrape a minute can afford it twice.
  new Gauge({
    name: 'didehban_outbox_messages',
    help: 'Notifications waiting to be delivered (pending) and given up after every retry (dead).',
    labelNames: ['status'] as const,
    registers,
    collect() {
      const outbox = outboxHealth(db(), new Date());
      for (const status of OUTBOX_STATUSES) this.set({ status }, outbox[status]);
    },
  });
  new Gauge({
    name: 'didehban_outbox_oldest_pending_seconds',
    help: 'Age of the oldest notification still waiting.',
    registers,
    collect() {
      this.set(outboxHealth(db(), new Date()).oldestPendingSeconds);
    },
  });
  new Gauge({
    name: 'didehban_worker_last_beat_seconds',
    help: 'Seconds since the background worker was last heard from (-1: never).',
    registers,
    collect() {
      const now = new Date();
      const { lastBeatAt } = workerStatus(db(), now);
      this.set(lastBeatAt ? (now.getTime() - lastBeatAt.getTime()) / 1000 : -1);
    },
  });
  new Gauge({
    name: 'didehban_process_resident_memory_bytes',
    help: 'Resident memory of this server process.',
    registers,
    collect() {
      this.set(process.memoryUsage().rss);
    },
  });
  return { registry, requests, latency };
}

/** Counts one answered request; the express server calls it when a response finishes. */
export function recordRequest(method: string, pathname: string, status: number, seconds: number) {
  const { requests, latency } = metrics();
  const labels = { method: methodLabel(method), path: pathGroup(pathname) };
  requests.inc({ ...labels, status: String(status) });
  latency.observe(labels, seconds);
}

/** The Prometheus text of a scrape (the database figures are read now) and its content type. */
export async function metricsText(): Promise<{ text: string; contentType: string }> {
  const { registry } = metrics();
  return { text: await registry.metrics(), contentType: registry.contentType };
}

export function resetMetricsForTests() {
  const { requests, latency } = metrics();
  requests.reset();
  latency.reset();
}
