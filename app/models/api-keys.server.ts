/**
 * Keys for systems that file items through the Open311 API (docs/DESIGN.md §5), issued and revoked by admins. A key is
 * random (32 bytes, base64url, after a short `dbn_` prefix) and shown once; only its SHA-256 hash and its first
 * characters are kept, so a lost key is revoked and replaced, never recovered. Both changes are audited without the
 * key or its hash.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { writeTransaction, type AppDatabase } from '../../db/client';
import { apiKeys, staffUsers } from '../../db/schema';
import { recordAudit } from './audit.server';

/** What every key starts with, so a leaked one is recognisable (e.g. by secret scanners). */
export const API_KEY_PREFIX = 'dbn_';
/** How many characters of the key admins see to tell keys apart: the prefix and six random ones. */
const SHOWN_CHARACTERS = API_KEY_PREFIX.length + 6;
/** Longer input is no key of ours: it is refused before hashing. */
const MAX_KEY_LENGTH = 200;

export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export interface ApiKeySummary {
  id: number;
  name: string;
  keyPrefix: string;
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Every key, newest first; never the hash. */
export function listApiKeys(db: AppDatabase): ApiKeySummary[] {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      keyPrefix: apiKeys.keyPrefix,
      createdAt: apiKeys.createdAt,
      createdBy: staffUsers.username,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .leftJoin(staffUsers, eq(staffUsers.id, apiKeys.createdByStaffId))
    .orderBy(desc(apiKeys.id))
    .all();
}

/** A new key for the named client; the key itself is in the answer only. */
export function createApiKey(db: AppDatabase, actorStaffId: number | null, name: string, now = new Date()): { id: number; key: string; keyPrefix: string } {
  const key = generateApiKey();
  const keyPrefix = key.slice(0, SHOWN_CHARACTERS);
  return writeTransaction(db, (tx) => {
    const row = tx
      .insert(apiKeys)
      .values({ name, keyHash: hashApiKey(key), keyPrefix, createdByStaffId: actorStaffId, createdAt: now })
      .returning({ id: apiKeys.id })
      .get();
    recordAudit(tx, { actorStaffId, action: 'api_key.create', entity: 'api_key', entityId: row.id, after: { name, keyPrefix } }, now);
    return { id: row.id, key, keyPrefix };
  });
}

export type RevokeResult = { ok: true; changed: boolean; name: string } | { ok: false; status: 404 };

/** Revokes a key at once: the next request with it is refused. Revoking a revoked key changes nothing. */
export function revokeApiKey(db: AppDatabase, actorStaffId: number | null, id: number, now = new Date()): RevokeResult {
  return writeTransaction(db, (tx) => {
    const row = tx.select().from(apiKeys).where(eq(apiKeys.id, id)).get();
    if (!row) return { ok: false, status: 404 } as const;
    if (row.revokedAt) return { ok: true, changed: false, name: row.name } as const;
    tx.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, id)).run();
    recordAudit(
      tx,
      {
        actorStaffId,
        action: 'api_key.revoke',
        entity: 'api_key',
        entityId: id,
        before: { name: row.name, keyPrefix: row.keyPrefix, revokedAt: null },
        after: { name: row.name, keyPrefix: row.keyPrefix, revokedAt: now.toISOString() },
      },
      now,
    );
    return { ok: true, changed: true, name: row.name } as const;
  });
}

/**
 * The client a key belongs to, when the key was issued and is not revoked; its last use is recorded. Found by the
 * hash (unique index), so the key is never compared in the clear.
 */
export function authenticateApiKey(db: AppDatabase, key: string | null | undefined, now = new Date()): { id: number; name: string } | null {
  const trimmed = (key ?? '').trim();
  if (trimmed === '' || trimmed.length > MAX_KEY_LENGTH) return null;
  const row = db
    .select({ id: apiKeys.id, name: apiKeys.name })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKey(trimmed)), isNull(apiKeys.revokedAt)))
    .get();
  if (!row) return null;
  db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id)).run();
  return row;
}
