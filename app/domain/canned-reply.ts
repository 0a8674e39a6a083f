/**
 * Canned replies (issue "Staff back office"): ready-made texts a province keeps, with placeholders filled in for
 * the item at hand. Pure: the model stores them, the item page fills them.
 */
import { z } from 'zod';
import { normalizeLine, normalizeText } from './persian';

export const PLACEHOLDERS = ['code', 'centre', 'province', 'kind'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Replaces {{code}}, {{centre}}, {{province}} and {{kind}}; an unknown placeholder is left as written. */
export function fillPlaceholders(body: string, values: Record<Placeholder, string>): string {
  return body.replace(/\{\{\s*([a-z]+)\s*\}\}/g, (whole, name: string) => ((PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : whole));
}

export const cannedReplySchema = z.object({
  title: z.preprocess((v) => (typeof v === 'string' ? normalizeLine(v) : ''), z.string().min(1, 'errors.title_required').max(120, 'errors.title_too_long')),
  body: z.preprocess((v) => (typeof v === 'string' ? normalizeText(v) : ''), z.string().min(1, 'errors.message_required').max(5000, 'errors.message_too_long')),
});
export type CannedReplyInput = z.output<typeof cannedReplySchema>;
