/**
 * Outside review, second round: the call-centre agent's "similar items" while entering a call returned the first 160
 * characters of any open item at any centre the agent named (anonymous ones too), so guessed words pulled other
 * citizens' stories (abuse, mental health) from every province. An agent reads an item only as its caller would
 * (code + mobile, docs/DESIGN.md §4): similar items of other citizens show kind, state and date, never their text.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { centers } from '../../db/schema';
import * as entryPage from '~/routes/staff.items.new';
import { SIMILAR_MOBILE_MISSES } from '~/services/staff-entry.server';
import { postForm, routeArgs, run } from '../support/http';
import { fileFeedback } from '../support/items';
import { csrfOf, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const SECRET = 'همسرم در خانه مرا کتک می‌زند و نام من زهرا است';
const STORY = `${SECRET}؛ مددکار مرکز نوبت مشاوره خانواده را سه بار عقب انداخته است.`;

async function similar(username: string, fields: Record<string, string>) {
  const jar = await signInAs(username);
  const csrf = await csrfOf(jar);
  const response = await run(() => entryPage.action(routeArgs(postForm('/staff/items/new', { csrf, intent: 'similar', ...fields }, jar))));
  expect(response.status).toBe(200);
  return (await response.json()) as { similar: { excerpt: string | null }[] };
}

describe('similar items while an agent enters a call', () => {
  it('never show another citizen’s words to the agent, anonymous or not; the caller’s own item is read as theirs', async () => {
    const center = db().select().from(centers).where(eq(centers.provinceId, 'ir-23')).get()!;
    const mobile = '09127770001';
    fileFeedback(db(), { kind: 'complaint', provinceId: 'ir-23', centerId: String(center.id), body: STORY, mobile, consent: 'on' });
    fileFeedback(db(), { kind: 'complaint', provinceId: 'ir-23', centerId: String(center.id), body: `${STORY} (بی‌نام)`, anonymous: 'on', consent: 'on' });
    const guess = { centerId: String(center.id), body: 'مرکز مشاوره خانواده همسرم کتک خانه' };

    const stranger = await similar('agent', guess);
    expect(stranger.similar.length).toBe(2); // the list still tells the agent the matter is known
    expect(JSON.stringify(stranger.similar)).not.toContain('کتک');
    expect(stranger.similar.every((s) => s.excerpt === null)).toBe(true);

    const otherCaller = await similar('agent', { ...guess, mobile: '09127770002' });
    expect(JSON.stringify(otherCaller.similar)).not.toContain('کتک');

    const sameCaller = await similar('agent', { ...guess, mobile: '۰۹۱۲۷۷۷۰۰۰۱' });
    expect(sameCaller.similar.filter((s) => s.excerpt?.startsWith(SECRET))).toHaveLength(1);

    // The province that handles them reads them, as on its item pages.
    const ownProvince = await similar('officer.ir-23', guess);
    expect(ownProvince.similar.filter((s) => s.excerpt?.startsWith(SECRET))).toHaveLength(2);
  });

  it('spend the agent’s look-up budget when a typed mobile matches nothing: guessing mobiles stops showing text, as on /staff/calls', async () => {
    // Outside review, seventh round: 100 guessed mobiles in a row were all answered, and the one that matched showed
    // that citizen’s text — a look-up by mobile alone, without any limit.
    const center = db().select().from(centers).where(eq(centers.provinceId, 'ir-09')).get()!;
    const mobile = '09127770099';
    fileFeedback(db(), { kind: 'complaint', provinceId: 'ir-09', centerId: String(center.id), body: STORY, mobile, consent: 'on' });
    const guess = { centerId: String(center.id), body: 'مرکز مشاوره خانواده همسرم کتک خانه' };
    for (let i = 0; i < SIMILAR_MOBILE_MISSES; i++) {
      const wrong = await similar('agent', { ...guess, mobile: `0912888${String(i).padStart(4, '0')}` });
      expect(wrong.similar.every((s) => s.excerpt === null)).toBe(true);
    }
    const right = await similar('agent', { ...guess, mobile });
    expect(right.similar.length).toBeGreaterThan(0);
    expect(JSON.stringify(right.similar)).not.toContain('کتک');
  });
});
