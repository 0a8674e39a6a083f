/**
 * The admin's form for Open311 API keys (docs/DESIGN.md §5): who the key is for. Messages are i18n keys
 * (`admin.apiKeys.errors.*`).
 */
import { z } from 'zod';
import { normalizeDigits, normalizeLine } from './persian';

export const API_KEY_NAME_MAX = 100;

export const apiKeyCreateSchema = z.object({
  name: z.preprocess(
    (v) => (typeof v === 'string' ? normalizeLine(v) : ''),
    z.string().min(1, 'admin.apiKeys.errors.name_required').max(API_KEY_NAME_MAX, 'admin.apiKeys.errors.name_too_long'),
  ),
});

export const apiKeyRevokeSchema = z.object({
  keyId: z.preprocess((v) => (typeof v === 'string' ? normalizeDigits(v) : ''), z.string().regex(/^[1-9]\d{0,9}$/).transform(Number)),
});

export const API_KEY_FIELDS = ['name'] as const;
