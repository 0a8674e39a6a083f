/**
 * Attachment storage: files live under `$DATA_DIR/attachments/` (outside the web root) with random names, are
 * flushed to disk before the item's transaction commits, and are read back only through routes that check access.
 */
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { AppDatabase, Transaction } from '../../db/client';
import { attachments, items } from '../../db/schema';
import { getConfig } from '../platform/config.server';
import { EXTENSION, type AcceptedAttachment } from '../domain/attachments';

export type AttachmentRow = typeof attachments.$inferSelect;

function folder() {
  return path.join(getConfig().dataDir, 'attachments');
}

export interface StoredFile extends AcceptedAttachment {
  storedName: string;
}

/**
 * Writes and fsyncs each file under a fresh random name. All or nothing: when one fails (a full disk: ENOSPC), the
 * files already written and the partial one (often 0 bytes) are removed before the error goes on.
 */
export async function storeFiles(files: AcceptedAttachment[]): Promise<StoredFile[]> {
  if (files.length === 0) return [];
  await mkdir(folder(), { recursive: true });
  const stored: StoredFile[] = [];
  for (const file of files) {
    const storedName = `${randomBytes(16).toString('hex')}.${EXTENSION[file.mimeType]}`;
    let created = false;
    try {
      const handle = await open(path.join(folder(), storedName), 'wx', 0o600);
      created = true;
      try {
        await handle.writeFile(file.bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      // Only a file this call created ('wx' refuses to open one that exists).
      await discardFiles(created ? [...stored, { ...file, storedName }] : stored).catch(() => undefined);
      throw error;
    }
    stored.push({ ...file, storedName });
  }
  return stored;
}

/** Removes files whose item was not saved after all. */
export async function discardFiles(files: StoredFile[]) {
  await Promise.all(files.map((f) => rm(path.join(folder(), f.storedName), { force: true })));
}

/**
 * Deletes the attachment rows of the items `where` selects, inside the caller's transaction, and returns a function
 * that removes their files: call it after the commit, so a rollback never leaves rows pointing at missing files.
 */
export function deleteAttachmentsOf(tx: Transaction, where: SQL | undefined): () => void {
  const doomed = tx.delete(attachments).where(inArray(attachments.itemId, tx.select({ id: items.id }).from(items).where(where))).returning({ storedName: attachments.storedName }).all();
  return () => {
    for (const { storedName } of doomed) rmSync(path.join(folder(), storedName), { force: true });
  };
}

export function recordAttachments(tx: Transaction, itemId: number, files: StoredFile[]) {
  if (files.length === 0) return;
  tx.insert(attachments)
    .values(files.map((f) => ({ itemId, storedName: f.storedName, originalName: f.originalName, mimeType: f.mimeType, size: f.bytes.length })))
    .run();
}

export function listAttachments(db: AppDatabase, itemId: number) {
  return db
    .select({ id: attachments.id, originalName: attachments.originalName, mimeType: attachments.mimeType, size: attachments.size })
    .from(attachments)
    .where(eq(attachments.itemId, itemId))
    .orderBy(asc(attachments.id))
    .all();
}

/** One attachment of one item (the caller has already checked the reader may see that item). */
export async function readAttachment(db: AppDatabase, itemId: number, attachmentId: number) {
  const row = db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), eq(attachments.itemId, itemId)))
    .get();
  if (!row) return null;
  const bytes = await readFile(path.join(folder(), row.storedName)).catch(() => null);
  return bytes ? { row, bytes } : null;
}
