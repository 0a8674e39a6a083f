/** Single use of arithmetic challenges: a nonce is recorded when its answer is accepted, and refused a second time. */
import { eq, lte } from 'drizzle-orm';
import type { AppDatabase, Transaction } from '../../db/client';
import { usedChallenges } from '../../db/schema';

/** Records the nonce; false when it was already used (a replayed form). Call inside the submission's transaction. */
export function useChallenge(tx: Transaction | AppDatabase, nonce: string, expiresAt: Date): boolean {
  return tx.insert(usedChallenges).values({ nonce, expiresAt }).onConflictDoNothing().run().changes === 1;
}

/** Whether the nonce was used already: a cheap look before costly work (the insert above is what decides). */
export function challengeUsed(db: AppDatabase, nonce: string): boolean {
  return db.select({ nonce: usedChallenges.nonce }).from(usedChallenges).where(eq(usedChallenges.nonce, nonce)).get() !== undefined;
}

export function forgetExpiredChallenges(db: AppDatabase, now: Date = new Date()) {
  db.delete(usedChallenges).where(lte(usedChallenges.expiresAt, now)).run();
}
