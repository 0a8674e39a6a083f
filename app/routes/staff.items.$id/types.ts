import type { SerializeFrom } from '@remix-run/node';
import type { itemPageData } from '~/routes/staff.items.$id/data.server';

/** What the item page's loader gives its sections (data.server.ts beside it). */
export type ItemPageData = SerializeFrom<typeof itemPageData>;
export type ItemView = ItemPageData['item'];
