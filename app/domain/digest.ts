/**
 * The staff daily digest (issue 24): when it is due, who gets it, and its text. Pure. The body holds item numbers,
 * counts and links only, and the subject not even those: no citizen's name, mobile or words ever go into it (an
 * e-mail subject is read on lock screens and kept in mail logs). Never a tracking code: the code alone opens an
 * anonymous item's page, and a mailbox is read by more than its owner (outside review, round 8); the links need a
 * staff sign-in.
 */
import { z } from 'zod';
import { TEHRAN_OFFSET_MS } from './stats';
import type { StaffRole } from './workflow';

/** The Tehran hour from which the day's digest goes out (the worker checks every minute; once a day per user). */
export const DIGEST_HOUR = 7;
/** At most this many items per section; the counts stay exact and the inbox link shows the rest. */
export const DIGEST_CODES_MAX = 20;
/** Roles the digest is for: the province's officers and managers. */
export const DIGEST_ROLES = ['province_officer', 'province_manager'] as const satisfies readonly StaffRole[];

/** The Tehran day (`YYYY-MM-DD`) whose digest is due at `now`, or null before the morning hour. */
export function digestDayDue(now: Date): string | null {
  const tehran = new Date(now.getTime() + TEHRAN_OFFSET_MS);
  return tehran.getUTCHours() >= DIGEST_HOUR ? tehran.toISOString().slice(0, 10) : null;
}

/** Each user's digest is one outbox row a day: the unique idempotency key keeps a second round from queuing it again. */
export function digestKey(userId: number, day: string): string {
  return `digest-${userId}-${day}`;
}

export const isDigestKey = (idempotencyKey: string): boolean => idempotencyKey.startsWith('digest-');

export interface DigestItem {
  id: number;
}

export interface DigestSections {
  fresh: DigestItem[];
  overdue: DigestItem[];
  escalated: DigestItem[];
}

export const digestIsEmpty = (s: DigestSections): boolean => s.fresh.length + s.overdue.length + s.escalated.length === 0;

/**
 * The digest's body: a line of counts, then per section its items (number and link), then the inbox. `t` is the
 * recipient language's translator, `digits` writes figures in that language's digits.
 */
export function digestBody(
  sections: DigestSections,
  options: { baseUrl: string; t: (key: string, values?: Record<string, unknown>) => string; digits: (s: string) => string },
): string {
  const { t, digits, baseUrl } = options;
  const lines = [t('digest.counts', { fresh: digits(String(sections.fresh.length)), overdue: digits(String(sections.overdue.length)), escalated: digits(String(sections.escalated.length)) })];
  for (const name of ['fresh', 'overdue', 'escalated'] as const) {
    const list = sections[name];
    if (list.length === 0) continue;
    lines.push('', t(`digest.section.${name}`, { count: digits(String(list.length)) }));
    for (const item of list.slice(0, DIGEST_CODES_MAX)) lines.push(`- #${digits(String(item.id))}: ${baseUrl}/staff/items/${item.id}`);
    if (list.length > DIGEST_CODES_MAX) lines.push(t('digest.more', { count: digits(String(list.length - DIGEST_CODES_MAX)) }));
  }
  lines.push('', t('digest.inbox', { link: `${baseUrl}/staff/inbox` }), t('digest.optOut', { link: `${baseUrl}/staff/notifications` }));
  return lines.join('\n');
}

/** The digest setting's form (the user's own page and the admin's user page): on or off, said explicitly. */
export const digestSettingSchema = z.object({
  digest: z.enum(['on', 'off'], { message: 'errors.invalid_choice' }),
});
