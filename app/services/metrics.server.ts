/**
 * Request counts and latencies of this process, for /metrics. The express server records every response; the
 * Remix route reads the same registry. The two load this module separately (server.ts directly, the route through
 * the Remix build), so the registry lives on `globalThis` under a registered symbol.
 */
import { LATENCY_BUCKETS, pathGroup, type Family } from '../domain/prometheus';

interface Registry {
  requests: Map<string, number>;
  /** Per method + path group: counts per bucket (cumulative at render time), sum and count. */
  latency: Map<string, { buckets: number[]; sum: number; count: number }>;
}

const KEY = Symbol.for('didehban.metrics');

function registry(): Registry {
  const holder = globalThis as { [KEY]?: Registry };
  holder[KEY] ??= { requests: new Map(), latency: new Map() };
  return holder[KEY];
}

export function recordRequest(method: string, pathname: string, status: number, seconds: number) {
  const { requests, latency } = registry();
  const group = pathGroup(pathname);
  const verb = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/.test(method) ? method : 'OTHER';
  const key = `${verb}\u0000${group}\u0000${status}`;
  requests.set(key, (requests.get(key) ?? 0) + 1);
  const latencyKey = `${verb}\u0000${group}`;
  const entry = latency.get(latencyKey) ?? { buckets: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 };
  const index = LATENCY_BUCKETS.findIndex((bound) => seconds <= bound);
  if (index >= 0) entry.buckets[index]! += 1;
  entry.sum += seconds;
  entry.count += 1;
  latency.set(latencyKey, entry);
}

export function requestFamilies(): Family[] {
  const { requests, latency } = registry();
  const histogram: Family = { name: 'didehban_http_request_duration_seconds', help: 'Time to answer a request.', type: 'histogram', samples: [] };
  for (const [key, entry] of latency) {
    const [method, path] = key.split('\u0000') as [string, string];
    let cumulative = 0;
    LATENCY_BUCKETS.forEach((bound, i) => {
      cumulative += entry.buckets[i]!;
      histogram.samples.push({ labels: { __suffix: '_bucket', method, path, le: String(bound) }, value: cumulative });
    });
    histogram.samples.push(
      { labels: { __suffix: '_bucket', method, path, le: '+Inf' }, value: entry.count },
      { labels: { __suffix: '_sum', method, path }, value: entry.sum },
      { labels: { __suffix: '_count', method, path }, value: entry.count },
    );
  }
  return [
    {
      name: 'didehban_http_requests_total',
      help: 'Requests answered, by method, first path segment and status.',
      type: 'counter',
      samples: [...requests].map(([key, value]) => {
        const [method, path, status] = key.split('\u0000') as [string, string, string];
        return { labels: { method, path, status }, value };
      }),
    },
    histogram,
  ];
}

export function resetMetricsForTests() {
  const r = registry();
  r.requests.clear();
  r.latency.clear();
}
