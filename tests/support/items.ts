/** Filing an item through the workflow door, with the web form's schema (no HTTP, no challenge). */
import { feedbackSchema } from '../../app/domain/feedback-schema';
import { type ItemRow } from '../../app/models/items.server';
import { submitItem } from '../../app/services/workflow.server';

type SubmitOptions = Parameters<typeof submitItem>[2];

/**
 * An item from the form `fields` (parsed by the submission schema), filed by a citizen on the web in Persian unless
 * `options` says otherwise.
 */
export function fileFeedback(db: Parameters<typeof submitItem>[0], fields: Record<string, string>, options: Partial<SubmitOptions> = {}): ItemRow {
  return submitItem(db, feedbackSchema.parse(fields), { channel: 'web', locale: 'fa', actor: { role: 'citizen' }, ...options });
}
