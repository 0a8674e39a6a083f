/**
 * The statistics are written by SQL triggers (migrations 0006, 0008, 0010), which carry their own copies of three
 * rules of the domain: the Tehran offset that names a day, the duration buckets, and which endings count as staff's
 * answer. These tests read the triggers as installed and hold each copy to the domain's constant, then check on real
 * rows that an answered item lands in the day and bucket the domain computes.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { statDaily, statDurations } from '../../db/schema';
import { tehranOffsetMinutes } from '~/domain/calendar';
import { dayKey, DURATION_BUCKETS, TEHRAN_OFFSET_MS } from '~/domain/stats';
import { ENDED_BY_STAFF, TERMINAL_STATES } from '~/domain/workflow';
import { transition } from '~/services/workflow.server';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

function triggerSql(): string[] {
  const rows = db().$client.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'stat_%'").all() as { name: string; sql: string }[];
  expect(rows.length).toBeGreaterThanOrEqual(12);
  return rows.map((row) => row.sql);
}

describe('the triggers agree with the domain', () => {
  it('name a day with the one Tehran offset, which is the real one all year', () => {
    const offsets = triggerSql().flatMap((text) => [...text.matchAll(/\+ (\d+)\) \/ 1000, 'unixepoch'\)/g)].map((m) => Number(m[1])));
    expect(offsets.length).toBeGreaterThan(10);
    expect(new Set(offsets)).toEqual(new Set([TEHRAN_OFFSET_MS]));
    // No daylight saving since 2022: the offset is the same in every month.
    for (let month = 0; month < 12; month++) expect(tehranOffsetMinutes(new Date(Date.UTC(2026, month, 15, 12))) * 60_000).toBe(TEHRAN_OFFSET_MS);
  });

  it('bucket durations exactly as DURATION_BUCKETS', () => {
    const cases = triggerSql().flatMap((text) => [...text.matchAll(/CASE (WHEN .*? END)/g)].map((m) => m[1]!));
    expect(cases.length).toBeGreaterThanOrEqual(6);
    for (const expression of cases) {
      const pairs = [...expression.matchAll(/<= (\d+) THEN (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
      for (const [bound, bucket] of pairs) expect(bucket).toBe(bound);
      const last = Number(/ELSE (\d+) END/.exec(expression)![1]);
      expect([...pairs.map(([bound]) => bound), last]).toEqual([...DURATION_BUCKETS]);
    }
  });

  it("count as staff's answer the endings the domain calls so, all of them terminal", () => {
    const lists = triggerSql().flatMap((text) => [...text.matchAll(/state (?:NOT )?IN \(([^)]*)\)/g)].map((m) => m[1]!.split(',').map((s) => s.trim().replace(/'/g, ''))));
    expect(lists.length).toBeGreaterThan(0);
    for (const list of lists) expect(new Set(list)).toEqual(new Set(ENDED_BY_STAFF));
    for (const state of ENDED_BY_STAFF) expect(TERMINAL_STATES).toContain(state);
  });
});

describe('an answered item in the figures', () => {
  it("lands on the Tehran day and in the bucket the domain computes, for the province that answered", () => {
    // 23:00 in Tehran on 1 December is 19:30 UTC: the UTC date and the Tehran date differ after 20:30 UTC.
    const sent = new Date('2026-12-01T19:30:00Z');
    const answered = new Date(sent.getTime() + 30 * 3_600_000 + 60_000); // 30 h 1 min later: the 48-hour bucket
    const item = fileFeedback(db(), { kind: 'complaint', provinceId: 'ir-09', body: 'شماره تماس مرکز پاسخ نمی‌دهد و پیام‌ها بی‌جواب می‌ماند.', anonymous: 'on', consent: 'on' }, { now: sent });
    const officer = { role: 'province_officer' as const, provinceId: 'ir-09' };
    expect(transition(db(), item.id, 'accept', officer, {}, new Date(sent.getTime() + 3_600_000)).ok).toBe(true);
    expect(transition(db(), item.id, 'answer', officer, { publicMessage: 'پیگیری شد.' }, answered).ok).toBe(true);

    const hours = (answered.getTime() - sent.getTime()) / 3_600_000;
    const bucket = DURATION_BUCKETS.find((upper) => hours <= upper);
    expect(bucket).toBe(48);
    const rows = db()
      .select()
      .from(statDurations)
      .where(and(eq(statDurations.measure, 'answer'), eq(statDurations.owner, 'ir-09'), eq(statDurations.day, dayKey(answered))))
      .all();
    expect(rows.map((row) => row.bucketHours)).toContain(bucket);
    expect(dayKey(answered)).toBe('2026-12-03'); // 01:31 on 3 December in Tehran, still the 2nd in UTC
    const received = db()
      .select({ received: statDaily.received })
      .from(statDaily)
      .where(and(eq(statDaily.owner, 'ir-09'), eq(statDaily.day, dayKey(sent)), eq(statDaily.channel, 'web'), eq(statDaily.kind, 'complaint')))
      .get();
    expect(dayKey(sent)).toBe('2026-12-01');
    expect(received?.received).toBeGreaterThanOrEqual(1);
  });
});
