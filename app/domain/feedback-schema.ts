/**
 * The citizen submission form (docs/DESIGN.md §5 field names), validated and normalized per docs/DESIGN.md §6.
 * Messages are i18n keys (`errors.*`) so the same schema speaks Persian and English.
 */
import { z } from 'zod';
import { AREA_UNKNOWN, isArea } from './areas';
import { carersIssues, carersOutput, carersShape, CARERS_FIELDS } from './carers';
import { checkbox } from './forms';
import { isValidNationalCode, normalizeDigits, normalizeLine, normalizeMobile, normalizeText } from './persian';
import { ITEM_KINDS, ITEM_PRIORITIES } from './workflow';

export const BODY_MIN = 20;
export const BODY_MAX = 5000;
export const SUBJECT_MAX = 150;
export const NAME_MAX = 100;
export const EMAIL_MAX = 254;
/** `provinceId` value meaning "a national topic, not about one province". */
export const NATIONAL = 'national';

const text = (normalize: (s: string) => string) =>
  z.preprocess((v) => (typeof v === 'string' ? normalize(v) : v === undefined || v === null ? '' : v), z.string({ message: 'errors.invalid' }));


const optionalId = z.preprocess(
  (v) => (typeof v === 'string' ? normalizeDigits(v) : v),
  z.union([z.literal(''), z.undefined(), z.string().regex(/^[1-9]\d{0,9}$/, 'errors.invalid_choice')]),
);

export const feedbackSchema = z
  .object({
    kind: z.enum(ITEM_KINDS, { message: 'errors.kind_required' }),
    centerId: optionalId,
    provinceId: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
      z.union([z.literal(''), z.undefined(), z.literal(NATIONAL), z.string().regex(/^ir-\d{2}$/, 'errors.invalid_choice')]),
    ),
    serviceId: optionalId,
    /** Behzisti's field (docs/DESIGN.md §2); empty or "unknown" when the citizen does not know. */
    area: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().refine((v) => v === '' || v === AREA_UNKNOWN || isArea(v), 'errors.invalid_choice')),
    subject: text(normalizeLine).pipe(z.string().max(SUBJECT_MAX, 'errors.subject_too_long')),
    body: text(normalizeText).pipe(
      z
        .string()
        .min(1, 'errors.body_required')
        .min(BODY_MIN, 'errors.body_too_short')
        .max(BODY_MAX, 'errors.body_too_long'),
    ),
    name: text(normalizeLine).pipe(z.string().max(NAME_MAX, 'errors.name_too_long')),
    mobile: text(normalizeText),
    email: text(normalizeText).pipe(
      z.union([z.literal(''), z.email('errors.email_invalid').max(EMAIL_MAX, 'errors.email_invalid')]),
    ),
    nationalCode: text(normalizeDigits).pipe(
      z.string().refine((v) => v === '' || isValidNationalCode(v), 'errors.national_code_invalid'),
    ),
    anonymous: checkbox,
    /**
     * `urgent`: a person is at risk (issue 23), a checkbox on the forms and `attribute[priority]` in the API; absent or
     * `normal` is an ordinary item. Anything else is refused (a field error), never silently read as either.
     */
    priority: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v === undefined || v === null ? '' : v),
      z.union([z.literal(''), z.enum(ITEM_PRIORITIES)], { message: 'urgent.errors.invalid' }),
    ),
    // Communication needs and filing on someone's behalf (app/domain/carers.ts): all optional.
    ...carersShape,
    consent: checkbox.pipe(z.literal(true, { message: 'errors.consent_required' })),
    /** Honeypot: hidden from people, filled by bots. */
    website: text(normalizeText).pipe(z.literal('', { message: 'errors.bot_suspected' })),
  })
  .superRefine(
    (form, ctx) => {
      // Runs even when other fields failed, so the citizen sees every problem at once; values may be raw here.
      if (!form.centerId && !form.provinceId) {
        ctx.addIssue({ code: 'custom', path: ['centerId'], message: 'errors.place_required' });
      }
      if (form.anonymous !== true && typeof form.mobile === 'string') {
        if (form.mobile === '') ctx.addIssue({ code: 'custom', path: ['mobile'], message: 'errors.mobile_required' });
        else if (!normalizeMobile(form.mobile)) ctx.addIssue({ code: 'custom', path: ['mobile'], message: 'errors.mobile_invalid' });
      }
      for (const issue of carersIssues(form)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    },
    { when: () => true },
  )
  .transform((form) => ({
    kind: form.kind,
    centerId: form.centerId ? Number(form.centerId) : null,
    provinceId: form.provinceId && form.provinceId !== NATIONAL ? form.provinceId : null,
    serviceId: form.serviceId ? Number(form.serviceId) : null,
    area: isArea(form.area) ? form.area : null,
    subject: form.subject,
    body: form.body,
    anonymous: form.anonymous,
    // An anonymous item keeps no contact data at all: the citizen was told feedback is then only on the tracking page.
    name: form.anonymous ? null : form.name || null,
    mobile: form.anonymous ? null : normalizeMobile(form.mobile),
    email: form.anonymous ? null : form.email || null,
    nationalCode: form.anonymous ? null : form.nationalCode || null,
    priority: form.priority === 'urgent' ? ('urgent' as const) : ('normal' as const),
    ...carersOutput(form),
  }));

export type FeedbackSubmission = z.output<typeof feedbackSchema>;

/** The fields the form shows again after a failed submission (never the honeypot). */
export const FEEDBACK_FIELDS = [
  'kind',
  'centerId',
  'provinceId',
  'serviceId',
  'area',
  'subject',
  'body',
  'name',
  'mobile',
  'email',
  'nationalCode',
  'anonymous',
  'priority',
  ...CARERS_FIELDS,
  'consent',
] as const;
