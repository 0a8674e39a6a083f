import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { closeConnection } from '../../db/client';
import { itemEvents, outbox } from '../../db/schema';
import { action as submitFeedback } from '~/routes/feedback.new';
import { findByTrackingCode } from '~/models/items.server';
import { postForm, routeArgs, run } from '../support/http';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

describe('durability', () => {
  it('opens SQLite in WAL mode with synchronous=FULL and foreign keys on', () => {
    const sqlite = db().$client;
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('keeps an accepted item, its events and its outbox row after the server restarts', async () => {
    const response = await run(() =>
      submitFeedback(
        routeArgs(
          postForm('/feedback/new', {
            kind: 'criticism',
            provinceId: 'ir-23',
            body: 'نوبت‌دهی مرکز تلفنی انجام نمی‌شود و باید حضوری مراجعه کرد.',
            mobile: '09351234567',
            consent: 'on',
          }),
        ),
      ),
    );
    expect(response.status).toBe(302);
    const code = response.headers.get('Location')!.split('/').pop()!;

    closeConnection(); // what a restart does to the process's connection
    const item = findByTrackingCode(db(), code);
    expect(item).toMatchObject({ state: 'routed', ownerProvinceId: 'ir-23', mobile: '+989351234567' });
    expect(db().select().from(itemEvents).where(eq(itemEvents.itemId, item!.id)).all().map((e) => e.action)).toEqual(['submit', 'route']);
    expect(db().select().from(outbox).where(eq(outbox.itemId, item!.id)).all()).toHaveLength(1);
  });
});
