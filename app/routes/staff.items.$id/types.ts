import type { SerializeFrom } from '@remix-run/node';
import type { loader } from '~/routes/staff.items.$id/route';

/** What the item page's loader gives its sections (app/routes/staff.items.$id.tsx). */
export type ItemPageData = SerializeFrom<typeof loader>;
export type ItemView = ItemPageData['item'];
