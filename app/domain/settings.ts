/**
 * Configurable workflow settings (docs/DESIGN.md §3), stored as JSON and read through this schema, so a missing or partial
 * value falls back to the defaults: first response in 2 and answer in 10 working days, Thursday–Friday weekend.
 */
import { z } from 'zod';
import { ITEM_KINDS, type ItemKind } from './workflow';

const days = (fallback: number) => z.number().int().min(0).max(365).catch(fallback).default(fallback);

const deadline = z
  .object({ firstResponseDays: days(2), answerDays: days(10) })
  .catch({ firstResponseDays: 2, answerDays: 10 })
  .default({ firstResponseDays: 2, answerDays: 10 });

const hours = (fallback: number) => z.number().int().min(1).max(24 * 30).catch(fallback).default(fallback);

/** The urgent plan (issue 23): hours around the clock, whatever the kind; weekends and holidays do not stop it. */
export const URGENT_DEFAULTS = { firstResponseHours: 4, answerHours: 72 } as const;
const urgentPlan = z
  .object({ firstResponseHours: hours(URGENT_DEFAULTS.firstResponseHours), answerHours: hours(URGENT_DEFAULTS.answerHours) })
  .catch({ ...URGENT_DEFAULTS })
  .default({ ...URGENT_DEFAULTS });

export const workflowSettingsSchema = z.object({
  /** JavaScript weekday numbers (4 Thursday, 5 Friday). */
  weekend: z.array(z.number().int().min(0).max(6)).max(6).catch([4, 5]).default([4, 5]),
  deadlines: z
    .object(Object.fromEntries(ITEM_KINDS.map((kind) => [kind, deadline])) as Record<ItemKind, typeof deadline>)
    .catch({} as never)
    .default({} as never),
  /** Deadlines of an urgent item (a person at risk), in hours. */
  urgent: urgentPlan,
  /** The citizen may appeal an answer for this many days. */
  appealWindowDays: days(7),
  /** The citizen may reopen a closed item, saying the problem was not solved, for this many days (issue 23). */
  reopenWindowDays: days(30),
  /** An answer the citizen neither confirms nor appeals closes after this many days. */
  answeredAutoCloseDays: days(7),
  /** A question the citizen does not answer closes the item after this many days. */
  awaitingCitizenAutoCloseDays: days(14),
  /** Name, mobile, email and national code are erased this many days after an item is closed (docs/DESIGN.md §7). */
  contactRetentionDays: days(180),
  /**
   * Targets the figures are held to (docs/decisions/016-figures.md); null: no target, figures are compared with the
   * previous period only.
   */
  targets: z
    .object({
      answeredInTime: z.number().min(0).max(1).nullable().catch(null).default(null),
      satisfaction: z.number().min(1).max(5).nullable().catch(null).default(null),
      medianAnswerDays: z.number().min(0).max(365).nullable().catch(null).default(null),
      appealRate: z.number().min(0).max(1).nullable().catch(null).default(null),
    })
    .catch({ answeredInTime: null, satisfaction: null, medianAnswerDays: null, appealRate: null })
    .default({ answeredInTime: null, satisfaction: null, medianAnswerDays: null, appealRate: null }),
});

export type WorkflowSettingsValue = z.output<typeof workflowSettingsSchema>;

export function parseWorkflowSettings(raw: unknown): WorkflowSettingsValue {
  const parsed = workflowSettingsSchema.parse(raw ?? {});
  // `.catch({})` above yields an empty deadlines object for a broken value: fill every kind with its defaults.
  const deadlines = Object.fromEntries(
    ITEM_KINDS.map((kind) => [kind, parsed.deadlines[kind] ?? { firstResponseDays: 2, answerDays: 10 }]),
  ) as WorkflowSettingsValue['deadlines'];
  return { ...parsed, deadlines };
}

export const DEFAULT_SETTINGS = parseWorkflowSettings({});
