/** The admin form for an organisation to redirect citizens to. */
import { z } from 'zod';
import { normalizeDigits, normalizeLine, toAsciiDigits } from './persian';

const line = (max: number) => z.preprocess((v) => (typeof v === 'string' ? normalizeLine(v) : ''), z.string().max(max, 'errors.too_long'));

export const organizationSchema = z
  .object({
    nameFa: line(150).pipe(z.string().min(1, 'errors.required')),
    nameEn: line(150),
    // A short line like 1420 or 021-12345678: digits, spaces, dashes and a leading +.
    phone: z.preprocess((v) => (typeof v === 'string' ? toAsciiDigits(normalizeLine(v)) : ''), z.string().regex(/^(\+?[\d\- ]{3,20})?$/, 'organizations.phoneInvalid')),
    website: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : ''),
      z.union([z.literal(''), z.url({ protocol: /^https?$/, message: 'organizations.websiteInvalid' }).max(200, 'errors.too_long')]),
    ),
    sortOrder: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(normalizeDigits(v)) : 0), z.number({ message: 'errors.invalid' }).int().min(0).max(9999)),
  })
  .transform((form) => ({ ...form, nameEn: form.nameEn || form.nameFa }));

export type OrganizationInput = z.output<typeof organizationSchema>;
