/**
 * The second factor of staff sign-in (ASVS 5.0 §6.5, L2): TOTP (RFC 6238: SHA-1, six digits, 30 seconds, what
 * every authenticator app reads) and one-time recovery codes. Required for the roles that can change everything
 * (admin) or see everything (national supervisor); any other staff member may turn it on.
 */
import { z } from 'zod';
import { toAsciiDigits } from './persian';
import type { StaffRole } from './workflow';

export const TOTP = { algorithm: 'SHA-1', digits: 6, period: 30 } as const;
/** One step either side of now: clocks of phones drift, and typing takes time. */
export const TOTP_WINDOW = 1;
export const TOTP_ISSUER = 'Didehban';
export const RECOVERY_CODE_COUNT = 10;

const REQUIRED: readonly StaffRole[] = ['admin', 'national_supervisor'];

export function secondFactorRequired(role: StaffRole): boolean {
  return REQUIRED.includes(role);
}

/** The TOTP time step of an instant. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP.period);
}

/** A recovery code: 10 characters from an alphabet without look-alikes, shown as two groups (`abcde-fghjk`). */
export const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_PATTERN = /^[a-z2-9]{5}-?[a-z2-9]{5}$/;

/** What the code field may hold: six digits (Persian or Arabic digits too, spaces ignored) or a recovery code. */
export type SecondFactorCode = { kind: 'totp'; code: string } | { kind: 'recovery'; code: string };

export function parseSecondFactorCode(value: unknown): SecondFactorCode | null {
  if (typeof value !== 'string') return null;
  const compact = toAsciiDigits(value).replace(/[\s\u200c\u200f\u200e]/g, '').toLowerCase();
  if (new RegExp(`^\\d{${TOTP.digits}}$`).test(compact)) return { kind: 'totp', code: compact };
  if (RECOVERY_PATTERN.test(compact)) return { kind: 'recovery', code: compact.replace('-', '') };
  return null;
}

/** The code form of the sign-in's second step and of the enrolment's confirmation. */
export const codeSchema = z.object({
  code: z.preprocess(
    (v) => (typeof v === 'string' ? v : ''),
    z
      .string()
      .min(1, 'twoFactor.errors.code_required')
      .max(100, 'twoFactor.errors.code_invalid')
      .refine((v) => parseSecondFactorCode(v) !== null, 'twoFactor.errors.code_format'),
  ),
});
