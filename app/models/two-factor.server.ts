/**
 * The second factor's storage: enrolling (the secret is kept only once a code from it was typed back), checking a
 * code at sign-in (each TOTP step is accepted once, each recovery code once, failures throttled like passwords) and
 * turning it off. An admin's reset is in staff-admin.server.ts, with the other audited account actions.
 */
import { generateTOTP, getTOTPAuthUri, verifyTOTP } from '@epic-web/totp';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { renderSVG } from 'uqr';
import { writeTransaction, type AppDatabase, type Transaction } from '../../db/client';
import { staffRecoveryCodes, staffUsers } from '../../db/schema';
import { codeKey, CODE_POLICY } from '../domain/login-throttle';
import { parseSecondFactorCode, RECOVERY_ALPHABET, RECOVERY_CODE_COUNT, TOTP, TOTP_ISSUER, TOTP_WINDOW, totpStep } from '../domain/two-factor';
import { authEntry, recordAudit, recordAuthEvent } from './audit.server';
import { claimAttempt, clearThrottle, forgiveAttempt } from './login-throttle.server';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, the form authenticator apps take a secret in. */
export function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** 160 random bits, the seed length RFC 4226 recommends (the library's default is 80). */
export function newTotpSecret(): string {
  return base32(randomBytes(20));
}

/** The current code of a secret (the demo's instructions and the tests compute codes the same way). */
export async function currentTotp(secret: string): Promise<string> {
  return (await generateTOTP({ secret, ...TOTP })).otp;
}

/** What the enrolment page shows: the otpauth:// URI and its QR code as inline SVG, made here, offline. */
export function enrolmentDetails(secret: string, username: string) {
  const uri = getTOTPAuthUri({ secret, ...TOTP, accountName: username, issuer: TOTP_ISSUER });
  return { uri, qrSvgBase64: Buffer.from(renderSVG(uri, { border: 2 })).toString('base64') };
}

/** The TOTP time step a code of `secret` belongs to (within the window around now), or null. */
async function matchingStep(secret: string, code: string): Promise<number | null> {
  const now = new Date();
  const match = await verifyTOTP({ otp: code, secret, ...TOTP, window: TOTP_WINDOW }).catch(() => null);
  return match ? totpStep(now) + match.delta : null;
}

const recoveryHash = (userId: number, code: string) => createHash('sha256').update(`${userId}:${code}`).digest('hex');

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    let code = '';
    for (let i = 0; i < 10; i++) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

function replaceRecoveryCodes(tx: Transaction, userId: number): string[] {
  const codes = newRecoveryCodes();
  tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, userId)).run();
  tx.insert(staffRecoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: recoveryHash(userId, code.replace('-', '')) })))
    .run();
  return codes;
}

export type EnrolResult = { ok: true; recoveryCodes: string[] } | { ok: false; error: 'twoFactor.errors.code_invalid' | 'twoFactor.errors.already_enabled' };

/**
 * Turns the second factor on with `secret` once `code` (from the user's app) matches it; returns the recovery codes,
 * shown this once (only their hashes are kept).
 */
export async function enableTwoFactor(db: AppDatabase, userId: number, secret: string, code: string, now = new Date()): Promise<EnrolResult> {
  const parsed = parseSecondFactorCode(code);
  const step = parsed?.kind === 'totp' ? await matchingStep(secret, parsed.code) : null;
  if (step === null) return { ok: false, error: 'twoFactor.errors.code_invalid' };
  return writeTransaction(db, (tx): EnrolResult => {
    const row = tx.select().from(staffUsers).where(eq(staffUsers.id, userId)).get();
    if (!row) return { ok: false, error: 'twoFactor.errors.code_invalid' };
    if (row.totpEnabledAt) return { ok: false, error: 'twoFactor.errors.already_enabled' };
    tx.update(staffUsers).set({ totpSecret: secret, totpEnabledAt: now, totpLastStep: step }).where(eq(staffUsers.id, userId)).run();
    const recoveryCodes = replaceRecoveryCodes(tx, userId);
    recordAudit(tx, { actorStaffId: userId, action: 'user.two_factor_enable', entity: 'user', entityId: userId, before: { twoFactor: false }, after: { twoFactor: true } }, now);
    return { ok: true, recoveryCodes };
  });
}

export type SecondFactorResult =
  | { ok: true; usedRecoveryCode: boolean }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfter: number };

/**
 * Checks the code of the sign-in's second step (or of turning the factor off). Counted before it is checked, like
 * a password; a TOTP code is accepted only for a step later than the last accepted one, so a code seen over a
 * shoulder or in a log cannot be used again in its 90 seconds; a recovery code is spent.
 */
export async function verifySecondFactor(
  db: AppDatabase,
  userId: number,
  rawCode: string,
  now = new Date(),
  options: { address?: string | null } = {},
): Promise<SecondFactorResult> {
  const key = codeKey(userId);
  // Audited: a wrong code each time, a refusal inside the wait once per wait, a recovery code's use (never the code).
  const address = options.address ?? null;
  const attempt = claimAttempt(db, [[key, CODE_POLICY]], now, (_key, waitEndsAt) => authEntry('auth.second_factor_throttled', { userId }, { address, waitEndsAt }));
  if (!attempt.ok) return { ok: false, reason: 'throttled', retryAfter: attempt.retryAfter };
  const failed = (): SecondFactorResult => {
    recordAuthEvent(db, authEntry('auth.second_factor_failed', { userId }, { address }), now);
    return attempt.retryAfter > 0 ? { ok: false, reason: 'throttled', retryAfter: attempt.retryAfter } : { ok: false, reason: 'invalid' };
  };
  const row = db.select().from(staffUsers).where(eq(staffUsers.id, userId)).get();
  const parsed = parseSecondFactorCode(rawCode);
  if (!row?.active || !row.totpSecret || !row.totpEnabledAt || !parsed) return failed();
  let accepted = false;
  if (parsed.kind === 'totp') {
    const step = await matchingStep(row.totpSecret, parsed.code);
    // One statement: of two requests with the same code, only one moves the step on.
    accepted =
      step !== null &&
      db
        .update(staffUsers)
        .set({ totpLastStep: step })
        .where(and(eq(staffUsers.id, userId), or(isNull(staffUsers.totpLastStep), lt(staffUsers.totpLastStep, step))))
        .run().changes === 1;
  } else {
    accepted =
      db
        .update(staffRecoveryCodes)
        .set({ usedAt: now })
        .where(and(eq(staffRecoveryCodes.userId, userId), eq(staffRecoveryCodes.codeHash, recoveryHash(userId, parsed.code)), isNull(staffRecoveryCodes.usedAt)))
        .run().changes === 1;
    if (accepted) {
      writeTransaction(db, (tx) =>
        recordAudit(tx, { actorStaffId: userId, action: 'user.recovery_code_used', entity: 'user', entityId: userId, after: { recoveryCodesLeft: recoveryCodesLeft(tx, userId), address } }, now),
      );
    }
  }
  if (!accepted) return failed();
  forgiveAttempt(db, key);
  return { ok: true, usedRecoveryCode: parsed.kind === 'recovery' };
}

export function recoveryCodesLeft(db: Pick<AppDatabase, 'select'>, userId: number): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(staffRecoveryCodes)
      .where(and(eq(staffRecoveryCodes.userId, userId), isNull(staffRecoveryCodes.usedAt)))
      .get()?.n ?? 0
  );
}

/** New recovery codes for an enrolled user (the old ones stop working), audited. */
export function regenerateRecoveryCodes(db: AppDatabase, userId: number, now = new Date()): string[] | null {
  return writeTransaction(db, (tx) => {
    const row = tx.select({ enabled: staffUsers.totpEnabledAt }).from(staffUsers).where(eq(staffUsers.id, userId)).get();
    if (!row?.enabled) return null;
    const codes = replaceRecoveryCodes(tx, userId);
    recordAudit(tx, { actorStaffId: userId, action: 'user.recovery_codes_renew', entity: 'user', entityId: userId, after: { recoveryCodesLeft: codes.length } }, now);
    return codes;
  });
}

/**
 * Removes the second factor (secret, recovery codes, replay marker and its throttle). `actorStaffId` is the user
 * themself (an optional factor turned off) or an admin (a reset); the caller decides who may, and audits.
 */
export function removeTwoFactor(tx: Transaction, userId: number) {
  tx.update(staffUsers).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null }).where(eq(staffUsers.id, userId)).run();
  tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, userId)).run();
  clearThrottle(tx, codeKey(userId));
}

/** A user turns their own, optional, second factor off (after typing a valid code). */
export function disableOwnTwoFactor(db: AppDatabase, userId: number, now = new Date()) {
  writeTransaction(db, (tx) => {
    removeTwoFactor(tx, userId);
    recordAudit(tx, { actorStaffId: userId, action: 'user.two_factor_disable', entity: 'user', entityId: userId, before: { twoFactor: true }, after: { twoFactor: false } }, now);
  });
}
