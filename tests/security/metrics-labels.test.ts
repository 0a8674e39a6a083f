/**
 * /metrics keeps a bounded label set (review finding "a new label for every unknown first path segment"): a scanner
 * asking for a thousand made-up paths adds no series; every path the portal really answers keeps a label of its own.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATENCY_BUCKETS, PATH_GROUPS, pathGroup } from '~/domain/prometheus';
import * as metrics from '~/routes/metrics';
import { recordRequest, resetMetricsForTests } from '~/services/metrics.server';
import { routeArgs, run } from '../support/http';
import { mulberry32 } from '../support/prng';
import { useTestDatabase } from '../support/test-db';

useTestDatabase();

async function seriesCount(): Promise<number> {
  const response = await run(() => metrics.loader(routeArgs(new Request('http://localhost:3000/metrics'))));
  return (await response.text()).split('\n').filter((line) => line.startsWith('didehban_http_')).length;
}

describe('/metrics path labels', () => {
  it('1,000 random paths add no new series once one unknown path was counted', async () => {
    resetMetricsForTests();
    recordRequest('GET', '/staff/inbox', 200, 0.01);
    recordRequest('GET', '/wp-login.php', 404, 0.001);
    const before = await seriesCount();
    const random = mulberry32(2026);
    const letters = 'abcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < 1000; i++) {
      const length = 1 + Math.floor(random() * 20);
      const segment = Array.from({ length }, () => letters[Math.floor(random() * letters.length)]).join('');
      recordRequest('GET', `/${segment}/x`, 404, 0.001);
    }
    expect(await seriesCount()).toBe(before);
  });

  it('a made-up method counts as OTHER: 100 random verbs add one series', async () => {
    resetMetricsForTests();
    recordRequest('GET', '/staff', 200, 0.01);
    const before = await seriesCount();
    for (let i = 0; i < 100; i++) recordRequest(`VERB${i}`, '/staff', 405, 0.001);
    const response = await run(() => metrics.loader(routeArgs(new Request('http://localhost:3000/metrics'))));
    const text = await response.text();
    expect(text).toContain('didehban_http_requests_total{method="OTHER",path="/staff",status="405"} 100');
    expect(text).not.toContain('VERB');
    // One counter line plus the histogram’s lines for the new method: a line per bucket, +Inf, sum and count.
    expect(await seriesCount()).toBe(before + 1 + LATENCY_BUCKETS.length + 3);
  });

  it('every route’s and static file’s first segment keeps its own label', () => {
    const segments = new Set<string>();
    for (const file of readdirSync(path.resolve('app/routes'))) {
      const first = file.replace(/\.tsx?$/, '').split('.')[0]!.replace(/\[|\]/g, '');
      if (first !== '_index' && first !== '$') segments.add(first);
    }
    for (const file of readdirSync(path.resolve('public'))) segments.add(file);
    const missing = [...segments].filter((s) => !PATH_GROUPS.has(s));
    expect(missing).toEqual([]);
    expect(pathGroup('/staff/items/12')).toBe('/staff');
    expect(pathGroup('/STAFF')).toBe('/staff');
    expect(pathGroup('/')).toBe('/');
    expect(pathGroup('/.env')).toBe('/other');
  });
});
