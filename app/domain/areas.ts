/**
 * Behzisti's fields of work an item belongs to (docs/DESIGN.md §2 "area"). The citizen may say "I don't know" (stored as
 * null); staff set or correct it. The public report of the running service counts items by these (docs/DESIGN.md §1).
 */
export const AREAS = ['rehabilitation', 'social', 'prevention', 'participation', 'support', 'other_org'] as const;
export type Area = (typeof AREAS)[number];

/** The form value for "I don't know". */
export const AREA_UNKNOWN = 'unknown';

export const isArea = (value: unknown): value is Area => typeof value === 'string' && (AREAS as readonly string[]).includes(value);
