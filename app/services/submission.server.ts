/**
 * Accepting a citizen's submission from the web form: validation (fields, the arithmetic challenge, attachments),
 * then the item, its attachments and the used challenge in one transaction. Any failure returns field messages and
 * stores nothing. The Open311 API's submissions go through the same schema and workflow (acceptApiSubmission).
 */
import { getConfig } from '../platform/config.server';
import { db } from '../platform/db.server';
import { checkAttachments, type UploadedPart } from '../domain/attachments';
import { CHALLENGE_ERRORS, verifyChallenge } from '../domain/challenge';
import { feedbackSchema } from '../domain/feedback-schema';
import { fieldErrors, type FieldErrors } from '../domain/forms';
import type { AppLocale } from '../i18n/config';
import { discardFiles, recordAttachments, storeFiles } from '../models/attachments.server';
import { cleanAttachments } from './images.server';
import { challengeUsed, useChallenge } from '../models/challenges.server';
import type { ItemRow } from '../models/items.server';
import { submitItem, UnknownPlaceError } from './workflow.server';

class ChallengeReplayedError extends Error {}

export type SubmissionResult = { ok: true; item: ItemRow } | { ok: false; errors: FieldErrors };

export async function acceptWebSubmission(values: Record<string, string>, files: UploadedPart[], locale: AppLocale): Promise<SubmissionResult> {
  const parsed = feedbackSchema.safeParse(values);
  const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
  const challenge = verifyChallenge(values.challenge, values.challengeAnswer, getConfig().sessionSecret);
  if (!challenge.ok) errors.challengeAnswer = CHALLENGE_ERRORS[challenge.reason];
  const attachments = checkAttachments(files);
  if (!attachments.ok) errors.attachments = attachments.error;
  if (!parsed.success || !challenge.ok || !attachments.ok) return { ok: false, errors };
  // A replayed question is refused before the photos are decoded (an outside review replayed one with 50-megapixel
  // images); the insert in the transaction below still decides when two copies race.
  // Only worth a query when there is decoding to spare: a text-only form goes straight to the transaction.
  if (attachments.files.length > 0 && challengeUsed(db(), challenge.nonce)) return { ok: false, errors: { challengeAnswer: 'errors.challenge_used' } };
  // Only a form that passes everything else costs the work of re-encoding its photos (no EXIF, no polyglots).
  const cleaned = await cleanAttachments(attachments.files);
  if (!cleaned) return { ok: false, errors: { attachments: 'errors.attachment_type' } };

  const stored = await storeFiles(cleaned);
  try {
    const item = submitItem(db(), parsed.data, {
      channel: 'web',
      locale,
      actor: { role: 'citizen' },
      inTransaction(tx, created) {
        if (!useChallenge(tx, challenge.nonce, challenge.expiresAt)) throw new ChallengeReplayedError();
        recordAttachments(tx, created.id, stored);
      },
    });
    return { ok: true, item };
  } catch (error) {
    await discardFiles(stored);
    if (error instanceof ChallengeReplayedError) return { ok: false, errors: { challengeAnswer: 'errors.challenge_used' } };
    const place = placeErrors(error);
    if (place) return { ok: false, errors: place };
    throw error;
  }
}

/**
 * A centre, province or service that does not exist (or no longer does) as the field's message; null for other errors.
 * Also used by staff entry (app/services/staff-entry.server.ts).
 */
export function placeErrors(error: unknown): FieldErrors | null {
  if (!(error instanceof UnknownPlaceError)) return null;
  const key = error.field === 'provinceId' ? 'errors.province_unknown' : error.field === 'centerId' ? 'errors.center_unknown' : 'errors.invalid_choice';
  return { [error.field]: key };
}

/**
 * A submission through the Open311 API (app/domain/open311.ts maps its parameters onto the form's fields): the same
 * schema and the same workflow as the web form, with channel `api`. There is no challenge (the client's key and its
 * rate limit stand for it) and no attachments. `earlier` holds problems the caller found first (an unknown service
 * code): then nothing is stored, but every problem is reported at once.
 */
export function acceptApiSubmission(values: Record<string, string>, locale: AppLocale, earlier: FieldErrors = {}): SubmissionResult {
  const parsed = feedbackSchema.safeParse(values);
  const errors: FieldErrors = { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...earlier };
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  try {
    return { ok: true, item: submitItem(db(), parsed.data, { channel: 'api', locale, actor: { role: 'citizen' } }) };
  } catch (error) {
    const place = placeErrors(error);
    if (place) return { ok: false, errors: place };
    throw error;
  }
}
