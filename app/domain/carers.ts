/**
 * Communication needs and filing on someone's behalf (issue 22, "phone and carers"), and the outbound call list's
 * rules. Pure: the forms' schemas (feedback-schema.ts, staff-entry-schema.ts) take these fields; the outbox
 * (models/outbox.server.ts) asks `smsRecipientOf`; the call list (models/outbound-calls.server.ts) asks the rest.
 *
 * Who receives the item's SMS (decided here, README "Phone and carers"):
 * - a contact person's mobile, when given, receives every SMS about the item instead of the citizen's own: the carer
 *   is the one who reads (and the citizen's own mobile still unlocks /track with the code);
 * - otherwise "cannot read SMS" or "call me back instead of texting" means no SMS at all: the item goes on the call
 *   list when a call is due instead (a call-back at once, an answer when it comes);
 * - otherwise the citizen's mobile, as before. E-mail is not affected.
 */
import { z } from 'zod';
import { checkbox } from './forms';
import { normalizeDigits, normalizeLine, normalizeMobile, normalizeText } from './persian';

export const CARER_NAME_MAX = 100;
export const RELATION_MAX = 50;

/** A small choice rather than free text: an agent reads it at a glance, and nothing personal hides in it. */
export const PREFERRED_HOURS = ['morning', 'afternoon', 'evening'] as const;
export type PreferredHours = (typeof PREFERRED_HOURS)[number];

const line = (max: number, message: string) =>
  z.preprocess((v) => (typeof v === 'string' ? normalizeLine(v) : ''), z.string().max(max, message));

/** The form fields (docs/DESIGN.md §5 names), added to the citizen's and the agent's forms. */
export const carersShape = {
  callBack: checkbox,
  cannotReadSms: checkbox,
  contactName: line(CARER_NAME_MAX, 'carers.errors.nameTooLong'),
  contactRelation: line(RELATION_MAX, 'carers.errors.relationTooLong'),
  contactMobile: z.preprocess((v) => (typeof v === 'string' ? normalizeText(v) : ''), z.string()),
  preferredHours: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    // A refinement, not a union: a union's own message ("Invalid input") would reach the page.
    z.string().refine((v) => v === '' || (PREFERRED_HOURS as readonly string[]).includes(v), 'errors.invalid_choice'),
  ),
  onBehalf: checkbox,
  onBehalfName: line(CARER_NAME_MAX, 'carers.errors.nameTooLong'),
  onBehalfRelation: line(RELATION_MAX, 'carers.errors.relationTooLong'),
};

export const CARERS_FIELDS = ['callBack', 'cannotReadSms', 'contactName', 'contactRelation', 'contactMobile', 'preferredHours', 'onBehalf', 'onBehalfName', 'onBehalfRelation'] as const;

interface CarersInput {
  anonymous?: unknown;
  mobile?: unknown;
  callBack?: unknown;
  contactName?: unknown;
  contactRelation?: unknown;
  contactMobile?: unknown;
  onBehalf?: unknown;
  onBehalfName?: unknown;
  onBehalfRelation?: unknown;
}

type Issue = { path: string; message: string };

/**
 * The rules across fields (values may be raw when other fields failed): a contact person needs a name and a valid
 * mobile; a call-back needs a number to call; filing for someone names them and the relation. An anonymous item keeps
 * no contact data, so these are not asked of it (and dropped by `carersOutput`).
 */
export function carersIssues(form: CarersInput): Issue[] {
  if (form.anonymous === true) return [];
  const issues: Issue[] = [];
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const contactGiven = str(form.contactName) !== '' || str(form.contactRelation) !== '' || str(form.contactMobile) !== '';
  if (contactGiven) {
    if (str(form.contactName) === '') issues.push({ path: 'contactName', message: 'carers.errors.contactNameRequired' });
    if (str(form.contactMobile) === '') issues.push({ path: 'contactMobile', message: 'carers.errors.contactMobileRequired' });
    else if (!normalizeMobile(str(form.contactMobile))) issues.push({ path: 'contactMobile', message: 'errors.mobile_invalid' });
  }
  if (form.callBack === true && str(form.mobile) === '' && str(form.contactMobile) === '') {
    issues.push({ path: 'callBack', message: 'carers.errors.callBackNeedsMobile' });
  }
  if (form.onBehalf === true) {
    if (str(form.onBehalfName) === '') issues.push({ path: 'onBehalfName', message: 'carers.errors.onBehalfNameRequired' });
    if (str(form.onBehalfRelation) === '') issues.push({ path: 'onBehalfRelation', message: 'carers.errors.onBehalfRelationRequired' });
  }
  return issues;
}

export interface CommunicationNeeds {
  callBack: boolean;
  cannotReadSms: boolean;
  contactName: string | null;
  contactRelation: string | null;
  contactMobile: string | null;
  preferredHours: PreferredHours | null;
  onBehalfName: string | null;
  onBehalfRelation: string | null;
}

export const CARERS_COLUMNS = ['callBack', 'cannotReadSms', 'contactName', 'contactRelation', 'contactMobile', 'preferredHours', 'onBehalfName', 'onBehalfRelation'] as const satisfies readonly (keyof CommunicationNeeds)[];

export const NO_NEEDS: CommunicationNeeds = {
  callBack: false,
  cannotReadSms: false,
  contactName: null,
  contactRelation: null,
  contactMobile: null,
  preferredHours: null,
  onBehalfName: null,
  onBehalfRelation: null,
};

/** The stored values of a valid form; an anonymous item keeps none of them (no contact data at all). */
export function carersOutput(form: {
  anonymous: boolean;
  callBack: boolean;
  cannotReadSms: boolean;
  contactName: string;
  contactRelation: string;
  contactMobile: string;
  preferredHours: string;
  onBehalf: boolean;
  onBehalfName: string;
  onBehalfRelation: string;
}): CommunicationNeeds {
  if (form.anonymous) return NO_NEEDS;
  const contactMobile = normalizeMobile(form.contactMobile);
  return {
    callBack: form.callBack,
    cannotReadSms: form.cannotReadSms,
    contactName: contactMobile ? form.contactName || null : null,
    contactRelation: contactMobile ? form.contactRelation || null : null,
    contactMobile,
    preferredHours: (form.preferredHours || null) as PreferredHours | null,
    onBehalfName: form.onBehalf ? form.onBehalfName || null : null,
    onBehalfRelation: form.onBehalf ? form.onBehalfRelation || null : null,
  };
}

/** The schema of the staff item page's edit form (the same fields, the same rules). */
export const needsEditSchema = z
  .object({ ...carersShape, version: z.coerce.number({ message: 'errors.stale' }).int().positive({ message: 'errors.stale' }) })
  .superRefine((form, ctx) => {
    for (const issue of carersIssues({ ...form, mobile: 'given' })) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  })
  .transform((form) => ({ version: form.version, needs: carersOutput({ ...form, anonymous: false }) }));

// ---- Who receives the SMS -------------------------------------------------------------------------------------------

export function smsRecipientOf(item: { mobile: string | null; contactMobile?: string | null; cannotReadSms?: boolean; callBack?: boolean }): string | null {
  if (item.contactMobile) return item.contactMobile;
  if (item.cannotReadSms || item.callBack) return null;
  return item.mobile;
}

// ---- The outbound call list -----------------------------------------------------------------------------------------

/**
 * Why a call is due: the citizen asked to be called back (once, while the item is open); an answer to read to someone
 * who cannot read SMS or asked for calls; a rating to ask for after an item of theirs closed without one.
 */
export const CALL_REASONS = ['call_back', 'answered', 'unrated'] as const;
export type CallReason = (typeof CALL_REASONS)[number];

export const CALL_OUTCOMES = ['reached', 'no_answer', 'rating_given', 'appeal_made'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** An item closed without a rating stays on the list this long: after that the question no longer makes sense. */
export const UNRATED_CALL_DAYS = 14;

export interface CallCandidate {
  state: string;
  callBack: boolean;
  cannotReadSms: boolean;
  channel: string;
  rating: number | null;
  answeredAt: Date | null;
  closedAt: Date | null;
  mobile: string | null;
  contactMobile: string | null;
  contactErasedAt: Date | null;
}

/** The calls due for an item now, each with its key (what made it due). */
export function callsDueFor(item: CallCandidate, now: Date): { reason: CallReason; dueKey: number }[] {
  if (item.contactErasedAt || (!item.mobile && !item.contactMobile)) return [];
  const wantsCalls = item.callBack || item.cannotReadSms;
  const open = !['closed', 'redirected', 'rejected'].includes(item.state);
  const due: { reason: CallReason; dueKey: number }[] = [];
  if (item.callBack && open) due.push({ reason: 'call_back', dueKey: 0 });
  if (item.state === 'answered' && wantsCalls && item.answeredAt) due.push({ reason: 'answered', dueKey: item.answeredAt.getTime() });
  const recentClose = item.closedAt && now.getTime() - item.closedAt.getTime() <= UNRATED_CALL_DAYS * 86_400_000;
  // The phone's own citizens, and those who cannot get the satisfaction SMS.
  if (item.state === 'closed' && item.rating === null && recentClose && (wantsCalls || item.channel === 'phone')) {
    due.push({ reason: 'unrated', dueKey: item.closedAt!.getTime() });
  }
  return due;
}

/** Whom the agent calls: the contact person when one was given, else the citizen. */
export function callee(item: { name: string | null; mobile: string | null; contactName: string | null; contactRelation: string | null; contactMobile: string | null }) {
  return item.contactMobile
    ? { who: 'carer' as const, name: item.contactName, relation: item.contactRelation, mobile: item.contactMobile }
    : { who: 'citizen' as const, name: item.name, relation: null, mobile: item.mobile };
}

/** The outcome form: which call (item, reason, key), the item's version seen, the outcome and what it carries. */
export const callOutcomeSchema = z
  .object({
    itemId: z.coerce.number({ message: 'errors.not_found' }).int().positive({ message: 'errors.not_found' }),
    reason: z.enum(CALL_REASONS, { message: 'errors.not_found' }),
    dueKey: z.coerce.number({ message: 'errors.not_found' }).int().nonnegative({ message: 'errors.not_found' }),
    version: z.coerce.number({ message: 'errors.stale' }).int().positive({ message: 'errors.stale' }),
    outcome: z.enum(CALL_OUTCOMES, { message: 'carers.errors.outcomeRequired' }),
    rating: z.preprocess((v) => (typeof v === 'string' ? normalizeDigits(v.trim()) : ''), z.union([z.literal(''), z.string().regex(/^[1-5]$/, 'errors.rating_required')])),
    message: z.preprocess((v) => (typeof v === 'string' ? normalizeText(v) : ''), z.string().max(2000, 'errors.message_too_long')),
  })
  .superRefine((form, ctx) => {
    if (form.outcome === 'rating_given' && form.rating === '') ctx.addIssue({ code: 'custom', path: ['rating'], message: 'errors.rating_required' });
    if (form.outcome === 'appeal_made' && form.message === '') ctx.addIssue({ code: 'custom', path: ['message'], message: 'errors.appeal_reason_required' });
  })
  .transform((form) => ({ ...form, rating: form.rating === '' ? null : Number(form.rating) }));

export type CallOutcomeForm = z.output<typeof callOutcomeSchema>;
