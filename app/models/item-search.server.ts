/**
 * The items' full-text index (FTS5 table `item_search`, rowid = item id) for the staff inbox search and for finding
 * possible duplicates. An item's text never changes after submission, so it is indexed once, in the submission's
 * transaction; `ensureItemSearch` fills the index for items that predate it.
 */
import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../../db/client';
import { searchDocument } from '../domain/search';

interface SearchableItem {
  id: number;
  trackingCode: string;
  subject: string;
  body: string;
}

const prepared = new WeakMap<AppDatabase, ReturnType<typeof prepareIndex>>();

function prepareIndex(db: AppDatabase) {
  return db.$client.prepare<[number, string]>('INSERT OR REPLACE INTO item_search (rowid, body) VALUES (?, ?)');
}

/**
 * Indexes one item, on the connection `db` (inside the caller's write transaction: better-sqlite3 is one synchronous
 * connection). Prepared once per connection: it runs in every submission.
 */
export function indexItem(db: AppDatabase, item: SearchableItem) {
  let insert = prepared.get(db);
  if (!insert) prepared.set(db, (insert = prepareIndex(db)));
  insert.run(item.id, searchDocument([item.trackingCode, item.subject, item.body]));
}

/**
 * Indexes the items missing from the index, in batches (a database upgraded from before the index). Runs at every
 * start, so the usual case — every item indexed at submission — costs two counts, not a comparison of every id.
 */
export function ensureItemSearch(db: AppDatabase) {
  const indexed = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM item_search`)?.n ?? 0;
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM items`)?.n ?? 0;
  if (indexed >= total) return;
  for (;;) {
    const missing = db.all<SearchableItem>(
      sql`SELECT id, tracking_code AS trackingCode, subject, body FROM items WHERE id NOT IN (SELECT rowid FROM item_search) LIMIT 1000`,
    );
    if (missing.length === 0) return;
    db.transaction(() => missing.forEach((item) => indexItem(db, item)), { behavior: 'immediate' });
  }
}
