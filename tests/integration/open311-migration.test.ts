/**
 * Migration 0012_open311_public_ref on a database that already holds items: every existing item gets its own public
 * reference in the format the app writes, unrelated to its tracking code, and nothing else of it changes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { afterAll, expect, it } from 'vitest';
import { PUBLIC_REF_PATTERN } from '~/domain/open311';

const dir = mkdtempSync(path.join(tmpdir(), 'didehban-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('gives every existing item a distinct public reference, in the app’s format, and changes nothing else', () => {
  const migrations = readMigrationFiles({ migrationsFolder: path.resolve('db/migrations') });
  const index = migrations.findIndex((m) => m.sql.some((s) => s.includes('public_ref')));
  expect(index).toBeGreaterThan(0);
  const sqlite = new Database(path.join(dir, 'old.sqlite'));
  const apply = (m: (typeof migrations)[number]) => {
    for (const statement of m.sql) if (statement.trim()) sqlite.exec(statement);
  };
  for (const migration of migrations.slice(0, index)) apply(migration);

  const insert = sqlite.prepare(
    `INSERT INTO items (tracking_code, kind, state, channel, body, anonymous, created_at, updated_at, state_entered_at)
     VALUES (?, 'complaint', 'routed', 'web', 'متن بازخورد پیش از مهاجرت', 1, ?, ?, ?)`,
  );
  const now = Date.now();
  for (let i = 0; i < 50; i++) insert.run(`4${String(i).padStart(11, '0')}`, now - i * 1000, now, now);
  const before = sqlite.prepare('SELECT * FROM items ORDER BY id').all() as Record<string, unknown>[];

  // Only this migration: later ones may add columns of their own.
  apply(migrations[index]!);
  const after = sqlite.prepare('SELECT * FROM items ORDER BY id').all() as Record<string, unknown>[];
  expect(after).toHaveLength(50);
  const refs = after.map((row) => row.public_ref as string);
  for (const ref of refs) expect(ref).toMatch(PUBLIC_REF_PATTERN);
  expect(new Set(refs).size).toBe(50);
  after.forEach((row, i) => {
    const { public_ref: _ref, ...rest } = row;
    expect(rest).toEqual(before[i]);
  });
  // The unique index holds from now on.
  expect(() => sqlite.prepare('UPDATE items SET public_ref = ? WHERE id = 2').run(refs[0])).toThrow(/UNIQUE/);
  for (const migration of migrations.slice(index + 1)) apply(migration);
  expect(sqlite.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 50 });
  sqlite.close();
});
