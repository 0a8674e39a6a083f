/**
 * `npm run backup` while another process keeps writing (issue "Performance and resilience evidence"): the copy is
 * sound, holds every item committed before the backup started, and the writer never saw an error.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getConfig } from '~/platform/config.server';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const TSX = path.resolve('node_modules/.bin/tsx');

function startWriter(env: NodeJS.ProcessEnv) {
  const child = spawn(TSX, ['tests/resilience/support/writer.ts'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const state = { committedIds: [] as number[], errors: [] as string[], stderr: '', done: false };
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line.startsWith('committed ')) state.committedIds.push(Number(line.split(' ')[2]));
      else if (line.startsWith('error ')) state.errors.push(line);
      else if (line.startsWith('done ')) state.done = true;
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (state.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, state, exited };
}

function runScript(args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child: ChildProcess = spawn(TSX, ['scripts/backup.ts', ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function until(condition: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('npm run backup under concurrent writes', () => {
  it('copies a sound database holding every item committed before it started, and the writer sees no error', async () => {
    const { databasePath, dataDir } = getConfig();
    db(); // migrated and open, as a running server would have it
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_PATH: databasePath };
    const writer = startWriter(env);
    try {
      await until(() => writer.state.committedIds.length >= 200 || writer.state.errors.length > 0, 60_000, 'the writer to commit 200 items');
      const results = [];
      // Three backups back to back, the writer running throughout.
      for (let round = 0; round < 3; round++) {
        const before = [...writer.state.committedIds];
        const destination = path.join(dataDir, 'backups', `round-${round}.sqlite`);
        const started = Date.now();
        const result = await runScript([destination], env);
        const during = writer.state.committedIds.length - before.length;
        expect(result.code, `backup exit code; stderr:\n${result.stderr}`).toBe(0);
        expect(result.stdout).toContain(destination);
        expect(existsSync(destination + '-wal')).toBe(false);

        const copy = new Database(destination, { readonly: true, fileMustExist: true });
        try {
          expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
          expect(copy.pragma('foreign_key_check')).toEqual([]);
          const ids = new Set((copy.prepare('SELECT id FROM items').all() as { id: number }[]).map((r) => r.id));
          const missing = before.filter((id) => !ids.has(id));
          expect(missing, 'items committed before the backup started but missing from the copy').toEqual([]);
          // Every copied item is whole: its two events and its feedback message came with it.
          const orphans = copy.prepare(`SELECT count(*) AS n FROM items i WHERE (SELECT count(*) FROM item_events e WHERE e.item_id = i.id) < 2`).get() as { n: number };
          expect(orphans.n).toBe(0);
          results.push({ round, ms: Date.now() - started, committedBefore: before.length, committedDuring: during, itemsInCopy: ids.size });
        } finally {
          copy.close();
        }
      }
      console.info('[backup under writes]', JSON.stringify(results));
      // The writer really was writing while the backups ran.
      expect(results.some((r) => r.committedDuring > 0)).toBe(true);
    } finally {
      writer.child.stdin!.end('stop\n');
      await writer.exited;
    }
    expect(writer.state.errors).toEqual([]);
    expect(writer.state.done).toBe(true);
    expect(writer.state.stderr).toBe('');
  });

  it('exits 1 with a message when there is no database', async () => {
    const result = await runScript([], { ...process.env, DATA_DIR: path.join(getConfig().dataDir, 'nowhere'), DATABASE_PATH: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/backup: no database at/);
  });
});
