/**
 * The admin forms of the catalogue and the settings (docs/DESIGN.md §4: centres, services, programmes, deadlines, weekend,
 * holidays), validated and normalized per docs/DESIGN.md §6. Messages are i18n keys under `adminCatalog.errors.*`, one per
 * field, so the route can show them next to the field. Dates typed by admins may be Solar Hijri (۱۴۰۴/۰۸/۱۵) or
 * Gregorian (2025-11-06); both become a Tehran civil date through Intl only. Pure: no I/O.
 */
import { z } from 'zod';
import { parseTypedDate, tehranInstant } from './calendar';
import { TEHRAN } from './dates';
import { PROGRAMS } from './directory-query';
import { checkbox, fieldErrors, type FieldErrors } from './forms';
import { normalizeDigits, normalizeLine, normalizeText, toAsciiDigits } from './persian';
import { ITEM_KINDS, type ItemKind } from './workflow';

export const NAME_MAX = 200;
export const LINE_MAX = 300;
export const ADDRESS_MAX = 500;
export const LONG_MAX = 2000;
export const PHONE_MAX = 40;
export const SLUG_MAX = 60;
export const DAYS_MIN = 1;
/** The workflow settings schema (app/domain/settings.ts) replaces anything above 365 with its default. */
export const DAYS_MAX = 365;
export const DURATION_MIN = 5;
export const DURATION_MAX = 1440;
export const SORT_MAX = 9999;

const E = (key: string) => `adminCatalog.errors.${key}`;

const asString = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : v);

/** A one-line text, normalized; required when `min` is 1. */
const line = (max: number, required = false) =>
  z.preprocess(
    (v) => {
      const s = asString(v);
      return typeof s === 'string' ? normalizeLine(s) : s;
    },
    z
      .string({ message: E('invalid') })
      .min(required ? 1 : 0, E('required'))
      .max(max, E('tooLong')),
  );

/** A multi-line text (summaries, descriptions), normalized. */
const prose = (max: number) =>
  z.preprocess(
    (v) => {
      const s = asString(v);
      return typeof s === 'string' ? normalizeText(s) : s;
    },
    z.string({ message: E('invalid') }).max(max, E('tooLong')),
  );

/** A whole number typed in any digits, within [min, max]. */
const wholeNumber = (min: number, max: number, message: string) =>
  z.preprocess(
    (v) => {
      const s = asString(v);
      return typeof s === 'string' ? normalizeDigits(s) : s;
    },
    z
      .string({ message })
      .min(1, message)
      .regex(/^\d{1,6}$/, message)
      .transform(Number)
      .pipe(z.number().int().min(min, message).max(max, message)),
  );


const ID_PATTERN = /^[1-9]\d{0,9}$/;

/** A database id from a URL or a form (Persian digits accepted), or null when it is not one. */
export function parseId(value: string | undefined | null): number | null {
  const id = toAsciiDigits((value ?? '').trim());
  return ID_PATTERN.test(id) ? Number(id) : null;
}

// ---- centres ---------------------------------------------------------------------------------------------------

export const CENTER_FIELDS = [
  'provinceId', 'program', 'nameFa', 'nameEn', 'operatorFa', 'operatorEn', 'cityFa', 'cityEn',
  'neighbourhoodFa', 'neighbourhoodEn', 'addressFa', 'addressEn', 'phone', 'hoursFa', 'hoursEn',
] as const;

export const centerSchema = z
  .object({
    provinceId: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() : ''),
      z.string().min(1, E('required')).regex(/^ir-\d{2}$/, E('invalidChoice')),
    ),
    program: z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.enum(PROGRAMS, { message: E('programRequired') })),
    nameFa: line(NAME_MAX, true),
    nameEn: line(NAME_MAX),
    operatorFa: line(LINE_MAX),
    operatorEn: line(LINE_MAX),
    cityFa: line(NAME_MAX, true),
    cityEn: line(NAME_MAX),
    neighbourhoodFa: line(NAME_MAX),
    neighbourhoodEn: line(NAME_MAX),
    addressFa: line(ADDRESS_MAX),
    addressEn: line(ADDRESS_MAX),
    phone: z.preprocess(
      (v) => {
        const s = asString(v);
        return typeof s === 'string' ? toAsciiDigits(normalizeLine(s)) : s;
      },
      z
        .string({ message: E('phoneInvalid') })
        .max(PHONE_MAX, E('phoneInvalid'))
        .refine((p) => p === '' || /^\+?[0-9][0-9\- ()]{3,}$/.test(p), E('phoneInvalid')),
    ),
    hoursFa: line(LINE_MAX),
    hoursEn: line(LINE_MAX),
  })
  // An English page without a name would be blank: the Persian name stands in until someone translates it.
  .transform((c) => ({ ...c, nameEn: c.nameEn || c.nameFa, cityEn: c.cityEn || c.cityFa }));

export type CenterInput = z.output<typeof centerSchema>;

/**
 * The services ticked on a centre's form: ids only, each at most once. A checkbox group is a repeated field (none
 * ticked sends nothing, one a single value); any bad id is the group's one error, under `services`.
 */
export const serviceIdsSchema = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.unknown(), { message: E('invalidChoice') })
    .max(200, E('invalidChoice'))
    .refine((ids) => ids.every((id) => typeof id === 'string' && ID_PATTERN.test(id)), E('invalidChoice'))
    .transform((ids) => [...new Set(ids.map(Number))]),
);

/** The centre's whole form (`parseForm(…, { repeated: ['services'] })`): its record and its services, every problem at once. */
export const centerFormSchema = z.intersection(centerSchema, z.object({ services: serviceIdsSchema }));

// ---- services --------------------------------------------------------------------------------------------------

export const SERVICE_FIELDS = [
  'slug', 'nameFa', 'nameEn', 'summaryFa', 'summaryEn', 'audienceFa', 'audienceEn', 'howFa', 'howEn', 'sortOrder', 'active',
] as const;

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const serviceFields = {
  nameFa: line(NAME_MAX, true),
  nameEn: line(NAME_MAX),
  summaryFa: prose(LONG_MAX),
  summaryEn: prose(LONG_MAX),
  audienceFa: prose(LONG_MAX),
  audienceEn: prose(LONG_MAX),
  howFa: prose(LONG_MAX),
  howEn: prose(LONG_MAX),
  sortOrder: wholeNumber(0, SORT_MAX, E('sortOrderRange')),
  active: checkbox,
};

const withEnglishName = <T extends { nameFa: string; nameEn: string }>(s: T): T => ({ ...s, nameEn: s.nameEn || s.nameFa });

export const serviceUpdateSchema = z.object(serviceFields).transform(withEnglishName);

export const serviceCreateSchema = z
  .object({
    slug: z.preprocess(
      (v) => (typeof v === 'string' ? toAsciiDigits(v.trim()) : ''),
      z.string().min(1, E('required')).max(SLUG_MAX, E('slugInvalid')).regex(SLUG_PATTERN, E('slugInvalid')),
    ),
    ...serviceFields,
  })
  .transform(withEnglishName);

export type ServiceInput = z.output<typeof serviceUpdateSchema>;
export type ServiceCreateInput = z.output<typeof serviceCreateSchema>;

// ---- dates typed by admins ---------------------------------------------------------------------------------------

const solarTehran = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: TEHRAN, year: 'numeric', month: 'numeric', day: 'numeric' });
const gregorianTehran = new Intl.DateTimeFormat('en-CA', {
  timeZone: TEHRAN,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function partsOf(format: Intl.DateTimeFormat, instant: Date): Record<string, string> {
  return Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
}

/** `HH:mm` (any digits, `:` or `.`), or null. */
export function parseAdminTime(input: string): string | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(toAsciiDigits(normalizeLine(input)));
  if (!match) return null;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  return hour <= 23 && minute <= 59 ? `${pad(hour)}:${pad(minute)}` : null;
}

/** How an instant is shown back in the programme form: the Tehran date (Solar and Gregorian) and time. */
export function tehranFormParts(instant: Date): { solarDate: string; gregorianDate: string; time: string } {
  const g = partsOf(gregorianTehran, instant);
  const s = partsOf(solarTehran, instant);
  return {
    solarDate: `${s.year}/${pad(Number(s.month))}/${pad(Number(s.day))}`,
    gregorianDate: `${g.year}-${g.month}-${g.day}`,
    time: `${g.hour}:${g.minute}`,
  };
}

// ---- programmes --------------------------------------------------------------------------------------------------

export const PROGRAMME_FIELDS = ['titleFa', 'titleEn', 'descriptionFa', 'descriptionEn', 'startDate', 'startTime', 'durationMinutes'] as const;

export const programmeSchema = z
  .object({
    titleFa: line(NAME_MAX, true),
    titleEn: line(NAME_MAX),
    descriptionFa: prose(LONG_MAX),
    descriptionEn: prose(LONG_MAX),
    startDate: z.preprocess(
      (v) => (typeof v === 'string' ? v : ''),
      z
        .string()
        .min(1, E('dateRequired'))
        .max(40, E('dateInvalid'))
        .transform((s, ctx) => {
          const date = parseTypedDate(s);
          if (!date) ctx.addIssue({ code: 'custom', message: E('dateInvalid') });
          return date ?? '';
        }),
    ),
    startTime: z.preprocess(
      (v) => (typeof v === 'string' ? v : ''),
      z
        .string()
        .min(1, E('timeRequired'))
        .max(20, E('timeInvalid'))
        .transform((s, ctx) => {
          const time = parseAdminTime(s);
          if (!time) ctx.addIssue({ code: 'custom', message: E('timeInvalid') });
          return time ?? '';
        }),
    ),
    durationMinutes: wholeNumber(DURATION_MIN, DURATION_MAX, E('durationRange')),
  })
  .transform((p) => ({
    titleFa: p.titleFa,
    titleEn: p.titleEn || p.titleFa,
    descriptionFa: p.descriptionFa,
    descriptionEn: p.descriptionEn,
    startsAt: tehranInstant(p.startDate, p.startTime),
    durationMinutes: p.durationMinutes,
  }));

export type ProgrammeInput = z.output<typeof programmeSchema>;

// ---- workflow settings -------------------------------------------------------------------------------------------

export const WEEKDAYS = [6, 0, 1, 2, 3, 4, 5] as const; // the Iranian week starts on Saturday

/**
 * The targets the figures are held to (docs/decisions/016-figures.md): each optional, empty for none. Shares are
 * typed as whole percents, satisfaction with one decimal.
 */
export const TARGET_FIELDS = ['targetInTimePercent', 'targetSatisfaction', 'targetMedianDays', 'targetAppealPercent'] as const;

const optionalTarget = (pattern: RegExp, min: number, max: number, message: string) =>
  z.preprocess(
    (v) => {
      const s = asString(v);
      return typeof s === 'string' ? toAsciiDigits(s).replace(/[٫,،/]/g, '.').trim() : s;
    },
    z
      .string({ message })
      .max(8, message)
      .refine((s) => s === '' || pattern.test(s), message)
      .transform((s) => (s === '' ? null : Number(s)))
      .pipe(z.number().min(min, message).max(max, message).nullable()),
  );

type DeadlineField = `firstResponseDays_${ItemKind}` | `answerDays_${ItemKind}`;
export const firstResponseField = (kind: ItemKind) => `firstResponseDays_${kind}` as const;
export const answerField = (kind: ItemKind) => `answerDays_${kind}` as const;

export const SETTINGS_FIELDS = [
  'weekend',
  ...ITEM_KINDS.flatMap((kind) => [firstResponseField(kind), answerField(kind)]),
  'urgentFirstResponseHours',
  'urgentAnswerHours',
  'appealWindowDays',
  'reopenWindowDays',
  'answeredAutoCloseDays',
  'awaitingCitizenAutoCloseDays',
  'contactRetentionDays',
  ...TARGET_FIELDS,
] as const;

const days = () => wholeNumber(DAYS_MIN, DAYS_MAX, E('daysRange'));
/** The urgent plan (issue 23): whole hours, at most 30 days of them. */
export const URGENT_HOURS_MAX = 720;
const hours = () => wholeNumber(1, URGENT_HOURS_MAX, 'urgent.errors.hoursRange');

export const settingsFormSchema = z
  .object({
    weekend: z
      .array(z.string().regex(/^[0-6]$/, E('invalidChoice')), { message: E('invalidChoice') })
      .max(6, E('weekendTooLong'))
      .transform((list) => [...new Set(list.map(Number))].sort((a, b) => a - b))
      .pipe(z.array(z.number()).max(6, E('weekendTooLong'))),
    ...(Object.fromEntries(
      ITEM_KINDS.flatMap((kind) => [
        [firstResponseField(kind), days()],
        [answerField(kind), days()],
      ]),
    ) as Record<DeadlineField, ReturnType<typeof days>>),
    // Absent (a form from before issue 23): the plan stays as saved; present and empty or wrong: refused.
    urgentFirstResponseHours: hours().optional(),
    urgentAnswerHours: hours().optional(),
    appealWindowDays: days(),
    // A form from before this setting existed (or a script) may leave it out: the default, not a refusal.
    reopenWindowDays: z.preprocess((v) => (v === undefined ? '30' : v), days()),
    answeredAutoCloseDays: days(),
    awaitingCitizenAutoCloseDays: days(),
    contactRetentionDays: days(),
    targetInTimePercent: optionalTarget(/^\d{1,3}$/, 0, 100, 'figures.targets.errors.percent'),
    targetSatisfaction: optionalTarget(/^\d(\.\d)?$/, 1, 5, 'figures.targets.errors.rating'),
    targetMedianDays: optionalTarget(/^\d{1,3}(\.\d)?$/, 0, 365, 'figures.targets.errors.days'),
    targetAppealPercent: optionalTarget(/^\d{1,3}$/, 0, 100, 'figures.targets.errors.percent'),
  })
  .superRefine(
    (form, ctx) => {
      // Runs even when other fields failed (values may then be raw), so every problem shows at once.
      for (const kind of ITEM_KINDS) {
        const first: unknown = form[firstResponseField(kind)];
        const answer: unknown = form[answerField(kind)];
        if (typeof first === 'number' && typeof answer === 'number' && first > answer) {
          ctx.addIssue({ code: 'custom', path: [answerField(kind)], message: E('answerBeforeFirstResponse') });
        }
      }
    },
    { when: () => true },
  )
  .transform((form) => ({
    weekend: form.weekend,
    deadlines: Object.fromEntries(
      ITEM_KINDS.map((kind) => [kind, { firstResponseDays: form[firstResponseField(kind)], answerDays: form[answerField(kind)] }]),
    ) as Record<ItemKind, { firstResponseDays: number; answerDays: number }>,
    ...(form.urgentFirstResponseHours !== undefined && form.urgentAnswerHours !== undefined
      ? { urgent: { firstResponseHours: form.urgentFirstResponseHours, answerHours: form.urgentAnswerHours } }
      : {}),
    appealWindowDays: form.appealWindowDays,
    reopenWindowDays: form.reopenWindowDays,
    answeredAutoCloseDays: form.answeredAutoCloseDays,
    awaitingCitizenAutoCloseDays: form.awaitingCitizenAutoCloseDays,
    contactRetentionDays: form.contactRetentionDays,
    targets: {
      answeredInTime: form.targetInTimePercent === null ? null : form.targetInTimePercent / 100,
      satisfaction: form.targetSatisfaction,
      medianAnswerDays: form.targetMedianDays,
      appealRate: form.targetAppealPercent === null ? null : form.targetAppealPercent / 100,
    },
  }));

export type SettingsFormOutput = z.output<typeof settingsFormSchema>;

/**
 * The settings form with every problem at once: zod skips the object's cross-field check when some field failed,
 * so the order of each kind's two deadlines is checked here too, on the fields that are valid on their own.
 */
export function parseSettingsForm(input: Record<string, unknown>): { ok: true; data: SettingsFormOutput } | { ok: false; errors: FieldErrors } {
  const parsed = settingsFormSchema.safeParse(input);
  const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
  for (const kind of ITEM_KINDS) {
    const first = days().safeParse(input[firstResponseField(kind)]);
    const answer = days().safeParse(input[answerField(kind)]);
    if (first.success && answer.success && first.data > answer.data) errors[answerField(kind)] ??= E('answerBeforeFirstResponse');
  }
  const urgentFirst = hours().safeParse(input.urgentFirstResponseHours);
  const urgentAnswer = hours().safeParse(input.urgentAnswerHours);
  if (urgentFirst.success && urgentAnswer.success && urgentFirst.data > urgentAnswer.data) errors.urgentAnswerHours ??= E('answerBeforeFirstResponse');
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, data: parsed.data };
  return { ok: false, errors };
}

// ---- holidays ----------------------------------------------------------------------------------------------------

export const HOLIDAY_FIELDS = ['holidayType', 'solarMonth', 'solarDay', 'date', 'holidayNameFa', 'holidayNameEn'] as const;

/** The last day of a Solar month (Esfand has 30 days in a leap year). */
const solarMonthLength = (month: number) => (month <= 6 ? 31 : 30);

export const holidaySchema = z
  .object({
    holidayType: z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.enum(['recurring', 'oneoff'], { message: E('holidayTypeRequired') })),
    solarMonth: z.preprocess((v) => (typeof v === 'string' ? normalizeDigits(v) : ''), z.string().max(10, E('solarMonthInvalid'))),
    solarDay: z.preprocess((v) => (typeof v === 'string' ? normalizeDigits(v) : ''), z.string().max(10, E('solarDayInvalid'))),
    date: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().max(40, E('dateInvalid'))),
    holidayNameFa: line(NAME_MAX, true),
    holidayNameEn: line(NAME_MAX),
  })
  .superRefine(
    (form, ctx) => {
      // Runs even when the name failed; the values may then be raw, so each is checked for its type.
      const text = (v: unknown) => (typeof v === 'string' ? normalizeDigits(v) : '');
      if (form.holidayType === 'recurring') {
        const [monthText, dayText] = [text(form.solarMonth), text(form.solarDay)];
        const month = /^\d{1,2}$/.test(monthText) ? Number(monthText) : NaN;
        const day = /^\d{1,2}$/.test(dayText) ? Number(dayText) : NaN;
        const monthOk = month >= 1 && month <= 12;
        if (!monthOk) ctx.addIssue({ code: 'custom', path: ['solarMonth'], message: E('solarMonthInvalid') });
        if (!(day >= 1 && day <= (monthOk ? solarMonthLength(month) : 31))) {
          ctx.addIssue({ code: 'custom', path: ['solarDay'], message: E('solarDayInvalid') });
        }
      } else if (form.holidayType === 'oneoff') {
        const date: unknown = form.date;
        if (typeof date !== 'string' || date.trim() === '') ctx.addIssue({ code: 'custom', path: ['date'], message: E('dateRequired') });
        else if (date.length <= 40 && !parseTypedDate(date)) ctx.addIssue({ code: 'custom', path: ['date'], message: E('dateInvalid') });
      }
    },
    { when: () => true },
  )
  .transform((form) => {
    const names = { nameFa: form.holidayNameFa, nameEn: form.holidayNameEn || form.holidayNameFa };
    return form.holidayType === 'recurring'
      ? { solarMonth: Number(form.solarMonth), solarDay: Number(form.solarDay), date: null, ...names }
      : { solarMonth: null, solarDay: null, date: parseTypedDate(form.date)!, ...names };
  });

export type HolidayInput = z.output<typeof holidaySchema>;
