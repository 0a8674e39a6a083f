/**
 * Finding "faults stall everything and nobody is told" (outside review, Medium), the full-disk half: with no room
 * left on the data folder's disk, a submission must get the 503 "busy" page with the citizen's text kept (not a
 * generic 500), no attachment file may stay behind (before the fix a 0-byte file did), a submission the server
 * acknowledged must be there in full, and /healthz must report the low disk.
 *
 * The real disk: a 32 MB tmpfs mounted as the server's DATA_DIR (needs root and `mount`; skipped otherwise), filled
 * to the last byte. Needs a current build (`npx remix build`).
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noisePng } from '../support/images';
import { TMP_DIR } from '../support/paths';
import { feedbackFields, postFeedback, startFaultServer, stopProcess, timed } from '../support/fault-server';
import type { ServerProcess } from '../support/server-process';

const mountPoint = mkdtempSync(path.join(TMP_DIR, 'faults-disk-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', mountPoint], { stdio: 'ignore' });
  mounted = true;
} catch {
  console.warn(`[faults-disk] cannot mount a tmpfs at ${mountPoint} (not root?): the full-disk server test is skipped`);
}

const dataDir = path.join(mountPoint, 'data');
const databasePath = path.join(dataDir, 'didehban.sqlite');
const attachmentsDir = path.join(dataDir, 'attachments');
const filler = path.join(mountPoint, 'filler');
let server: ServerProcess | undefined;

/** A real PNG of about `size` bytes (photos are re-encoded, so a bare signature would be refused as not an image). */
async function png(size: number): Promise<Blob> {
  return new Blob([new Uint8Array(await noisePng(size))], { type: 'image/png' });
}

function multipart(fields: Record<string, string>, file?: Blob): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append('attachments', file, 'photo.png');
  return form;
}

/** Writes zeros until the disk refuses (ENOSPC), down to single bytes: not one byte free afterwards. */
function fillDisk() {
  const fd = openSync(filler, 'a');
  try {
    for (const size of [1 << 20, 1 << 12, 1]) {
      const chunk = Buffer.alloc(size);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

function attachmentFiles(): { name: string; size: number }[] {
  try {
    return readdirSync(attachmentsDir).map((name) => ({ name, size: statSync(path.join(attachmentsDir, name)).size }));
  } catch {
    return [];
  }
}

function itemWith(marker: string): { id: number; events: number; attachments: number } | undefined {
  const db = new Database(databasePath, { readonly: true });
  try {
    const item = db.prepare('SELECT id FROM items WHERE body LIKE ?').get(`%${marker}%`) as { id: number } | undefined;
    if (!item) return undefined;
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE item_id = ?`).get(item.id) as { n: number }).n;
    return { id: item.id, events: count('item_events'), attachments: count('attachments') };
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  if (!mounted) return;
  mkdirSync(dataDir);
  // The threshold under which /healthz reports `low`: 4 MB of this 32 MB disk.
  server = await startFaultServer(dataDir, { DISK_FREE_MIN_MB: '4' });
}, 60_000);

afterAll(async () => {
  await stopProcess(server?.child);
  if (mounted) execFileSync('umount', ['-l', mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

describe.skipIf(!mounted)('when the data folder\'s disk is full', () => {
  const typed = feedbackFields('disk-marker-0001');

  beforeAll(() => {
    expect(statSync(databasePath).size).toBeGreaterThan(0);
    fillDisk();
  });

  it('answers a submission with an attachment with the 503 page, keeps the text, and leaves no file behind', async () => {
    const photo = await png(200_000);
    const { res, text } = await timed(() => postFeedback(server!.base, multipart(typed, photo)));
    expect(attachmentFiles()).toEqual([]); // before the fix: one 0-byte file
    expect(itemWith('disk-marker-0001')).toBeUndefined();
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(text).toContain('سامانه در این لحظه پرکار است');
    expect(text).toContain(typed.body);
  });

  it('either stores a text-only submission in full or refuses it with 503: never half of it', async () => {
    const { res } = await timed(() => postFeedback(server!.base, new URLSearchParams(feedbackFields('disk-marker-0002'))));
    if (res.status === 302) {
      // Acknowledged (the write-ahead log had room): it must all be there.
      expect(itemWith('disk-marker-0002')).toMatchObject({ events: expect.any(Number) });
      expect(itemWith('disk-marker-0002')!.events).toBeGreaterThan(0);
    } else {
      expect(res.status).toBe(503);
      expect(itemWith('disk-marker-0002')).toBeUndefined();
    }
  });

  it('still serves public pages', async () => {
    const page = await timed(() => fetch(`${server!.base}/services`));
    expect(page.res.status).toBe(200);
  });

  it('reports the low disk on /healthz', async () => {
    const res = await fetch(`${server!.base}/healthz`);
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'degraded', disk: { status: 'low', minFreeBytes: 4 * 1024 * 1024 } });
    expect(body.disk.freeBytes).toBeLessThan(4 * 1024 * 1024);
  });

  describe('once there is room again', () => {
    beforeAll(() => rmSync(filler));

    it('accepts the same submission with its attachment, and /healthz sees the room', async () => {
      const res = await postFeedback(server!.base, multipart(typed, await png(200_000)));
      expect(res.status).toBe(302);
      expect(itemWith('disk-marker-0001')).toMatchObject({ attachments: 1 });
      expect(attachmentFiles()).toEqual([{ name: expect.stringMatching(/\.png$/), size: expect.any(Number) }]);
      expect(attachmentFiles()[0]!.size).toBeGreaterThan(0);
      const body = await (await fetch(`${server!.base}/healthz`)).json();
      expect(body.disk).toMatchObject({ status: 'ok' });
    });
  });
});
