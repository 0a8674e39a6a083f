import path from 'node:path';

export const TMP_DIR = path.resolve('tests/.tmp');
/** A migrated, seeded database that every test copies (docs/DESIGN.md §9: tests start from a migrated template). */
export const TEMPLATE_DB = path.join(TMP_DIR, 'template.sqlite');
/** The seed's clock, so dates in the template are stable. */
export const SEED_NOW = new Date('2026-11-21T08:00:00Z');
