/**
 * The demo seed gives the README's demo officer and manager (Khorasan Razavi, ir-09) open items to work on, one in
 * each state a day starts with, one of them overdue (outside review, round 8: the ir-09 inbox was empty). The tests'
 * template database leaves these out (tests/support/global-setup.ts), so this builds a fresh one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../db/client';
import { items } from '../../db/schema';
import { prepareDatabase } from '~/seed/index';

const dir = mkdtempSync(path.join(os.tmpdir(), 'didehban-demo-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the demo seed', () => {
  it('gives ir-09 open items: new, in review, waiting for the citizen, and one overdue', async () => {
    const db = openDatabase(path.join(dir, 'demo.sqlite'));
    migrateDatabase(db);
    const now = new Date('2026-11-21T08:00:00Z');
    await prepareDatabase(db, { demoData: true, now });
    const open = db.select().from(items).where(eq(items.ownerProvinceId, 'ir-09')).all();
    expect(new Set(open.map((i) => i.state))).toEqual(new Set(['routed', 'in_review', 'awaiting_citizen']));
    expect(open.filter((i) => i.state === 'in_review' && i.answerDueAt && i.answerDueAt.getTime() < now.getTime())).toHaveLength(1);
    expect(open.every((i) => i.provinceId === 'ir-09')).toBe(true);
    db.$client.close();
  });
});
