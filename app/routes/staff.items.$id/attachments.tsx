import type { ItemPageData, ItemView } from './types';

/** The citizen's files, each a download through the staff attachment route (its own permission check). */
export function Attachments({ item, attachments }: { item: Pick<ItemView, 'id'>; attachments: ItemPageData['attachments'] }) {
  return (
    <>
      {attachments.length > 0 ? (
        <ul className="attachments">
          {attachments.map((a) => (
            <li key={a.id}>
              <a href={`/staff/items/${item.id}/attachments/${a.id}`} download>
                {a.originalName}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
