/**
 * The items' full-text index (FTS5 table `item_search`, rowid = item id) for the staff inbox search and for finding
 * possible duplicates. An item's text never changes after submission, so it is indexed once, in the submission's
 * transaction; `ensureItemSearch` fills the index for items that predate it.
 */
import { sql } from 'drizzle-orm';
import type { AppDatabase, Transaction } from '../../db/client';
import { searchDocument } from '../domain/search';

interface SearchableItem {
  id: number;
  trackingCode: string;
  subject: string;
  body: string;
}

export function indexItem(tx: Pick<Transaction, 'run'>, item: SearchableItem) {
  tx.run(sql`INSERT OR REPLACE INTO item_search (rowid, body) VALUES (${item.id}, ${searchDocument([item.trackingCode, item.subject, item.body])})`);
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
    db.transaction((tx) => missing.forEach((item) => indexItem(tx, item)), { behavior: 'immediate' });
  }
}
