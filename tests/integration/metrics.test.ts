/** /metrics in the Prometheus text format, read against the real database and this process's request registry. */
import { Gauge, register, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { resetConfigForTests } from '~/platform/config.server';
import * as metrics from '~/routes/metrics';
import { recordRequest, resetMetricsForTests } from '~/services/metrics.server';
import { routeArgs, run } from '../support/http';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

async function scrape(headers: Record<string, string> = {}) {
  const response = await run(() => metrics.loader(routeArgs(new Request('http://localhost:3000/metrics', { headers }))));
  return { response, text: response.status === 200 ? await response.text() : '' };
}

/** The value of one sample line, e.g. `didehban_items{state="routed"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics', () => {
  it('counts requests by method, path group and status, with a cumulative latency histogram', async () => {
    resetMetricsForTests();
    recordRequest('GET', '/centers/12', 200, 0.004);
    recordRequest('GET', '/centers', 200, 0.07);
    recordRequest('POST', '/feedback/new', 400, 0.02);
    recordRequest('GET', '/%3Cscript%3E', 404, 0.001);
    const { response, text } = await scrape();
    expect(response.headers.get('Content-Type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(text).toContain('# TYPE didehban_http_requests_total counter');
    expect(sample(text, 'didehban_http_requests_total{method="GET",path="/centers",status="200"}')).toBe(2);
    expect(sample(text, 'didehban_http_requests_total{method="POST",path="/feedback",status="400"}')).toBe(1);
    expect(sample(text, 'didehban_http_requests_total{method="GET",path="/other",status="404"}')).toBe(1);
    // prom-client writes a bucket's `le` label first (the hand-written renderer wrote it last): the same series.
    expect(sample(text, 'didehban_http_request_duration_seconds_bucket{le="0.005",method="GET",path="/centers"}')).toBe(1);
    expect(sample(text, 'didehban_http_request_duration_seconds_bucket{le="0.1",method="GET",path="/centers"}')).toBe(2);
    expect(sample(text, 'didehban_http_request_duration_seconds_bucket{le="+Inf",method="GET",path="/centers"}')).toBe(2);
    expect(sample(text, 'didehban_http_request_duration_seconds_count{method="GET",path="/centers"}')).toBe(2);
    expect(sample(text, 'didehban_http_request_duration_seconds_sum{method="GET",path="/centers"}')).toBeCloseTo(0.074);
  });

  it('shows items by state, following a new item, and the outbox backlog it queued', async () => {
    const before = await scrape();
    const routed = sample(before.text, 'didehban_items{state="routed"}')!;
    const pending = sample(before.text, 'didehban_outbox_messages{status="pending"}')!;
    fileFeedback(db(), { kind: 'complaint', provinceId: 'ir-05', body: 'متن آزمایشی برای سنجه‌ها', mobile: '09121234567', consent: 'on' });
    const after = await scrape();
    expect(sample(after.text, 'didehban_items{state="routed"}')).toBe(routed + 1);
    expect(sample(after.text, 'didehban_outbox_messages{status="pending"}')).toBeGreaterThan(pending);
    expect(sample(after.text, 'didehban_outbox_messages{status="dead"}')).toBe(0);
    expect(sample(after.text, 'didehban_worker_last_beat_seconds')).toBe(-1); // no worker in tests
    expect(sample(after.text, 'didehban_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    process.env.METRICS_TOKEN = 'scraper-secret';
    resetConfigForTests();
    try {
      expect((await scrape()).response.status).toBe(401);
      expect((await scrape({ Authorization: 'Bearer wrong-secret!' })).response.status).toBe(401);
      expect((await scrape({ Authorization: 'Bearer scraper-secret' })).response.status).toBe(200);
    } finally {
      delete process.env.METRICS_TOKEN;
      resetConfigForTests();
    }
  });

  it('escapes label values as the format asks', async () => {
    // prom-client renders the text now; its escaping is what a scraper relies on.
    const registry = new Registry();
    new Gauge({ name: 'x', help: 'h', labelNames: ['a'], registers: [registry] }).set({ a: 'say "hi"\\\n' }, 1);
    expect(await registry.metrics()).toContain('x{a="say \\"hi\\"\\\\\\n"} 1');
  });

  it('keeps its figures in a registry of its own, not prom-client’s global one', async () => {
    recordRequest('GET', '/centers', 200, 0.01);
    expect((await scrape()).text).toContain('didehban_http_requests_total');
    expect(await register.metrics()).not.toContain('didehban_');
  });
});
