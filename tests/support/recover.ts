/** Driving `/track/recover` (issue 22, a lost code) through its real loader and action, as a browser would. */
import { and, desc, eq, like } from 'drizzle-orm';
import { outbox } from '../../db/schema';
import { db } from '../../app/platform/db.server';
import * as recover from '../../app/routes/track.recover';
import { CookieJar, getRequest, postForm, run, solvedChallenge } from './http';

export interface RecoverAnswer {
  step: 'mobile' | 'otp' | 'done';
  errors: Record<string, string> | null;
  values: Record<string, string>;
  challenge: { a: number; b: number; token: string } | null;
  csrf: string;
  items: { trackingCode: string; state: string }[] | null;
}

/** Step 1: the mobile with a solved question (unless `fields` brings its own). */
export async function askCode(mobile: string, jar: CookieJar, clientIp: string, fields: Record<string, string> = {}) {
  const request = postForm('/track/recover', { mobile, ...solvedChallenge(), ...fields }, jar);
  return jar.take(await run(() => recover.action({ request, params: {}, context: { clientIp } })));
}

/** The step-2 page's anti-CSRF value for this browser. */
export async function codeStepCsrf(jar: CookieJar): Promise<string> {
  const response = jar.take(await run(() => recover.loader({ request: getRequest('/track/recover?step=code', jar), params: {}, context: {} })));
  return ((await response.json()) as RecoverAnswer).csrf;
}

/** Step 2: the typed code, with this browser's CSRF value unless `fields` says otherwise. */
export async function typeCode(otp: string, jar: CookieJar, clientIp: string, fields: Record<string, string> = {}) {
  const csrf = 'csrf' in fields ? fields.csrf! : await codeStepCsrf(jar);
  const request = postForm('/track/recover?step=code', { otp, csrf, ...fields }, jar);
  return jar.take(await run(() => recover.action({ request, params: {}, context: { clientIp } })));
}

/** The code in the latest recovery SMS queued to `mobileE164`, or null when none was queued. */
export function lastSmsCode(mobileE164: string): string | null {
  const row = db()
    .select({ body: outbox.body })
    .from(outbox)
    .where(and(eq(outbox.recipient, mobileE164), like(outbox.idempotencyKey, 'recover-%')))
    .orderBy(desc(outbox.id))
    .get();
  return row ? (/\d{6}/.exec(row.body)?.[0] ?? null) : null;
}

export const recoverySmsCount = (mobileE164: string) =>
  db().select({ id: outbox.id }).from(outbox).where(and(eq(outbox.recipient, mobileE164), like(outbox.idempotencyKey, 'recover-%'))).all().length;

export const toPersian = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
export const toArabic = (s: string) => s.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);
