/**
 * The insight pages' parameters (issue 25) as an attacker sends them: hostile, oversized or malformed values of
 * `period`, `province`, `by`, `centres`, a centre id and `month` are read as no filter (the default page, never a 5xx),
 * a province manager never sees another province (neither by `province=` nor by a centre id: 404, no data), staff
 * without monitoring rights see nothing, and only an admin with the form token can set the underserved flag.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, centers } from '../../db/schema';
import { parseCentreId, parseInsightQuery } from '~/domain/insight';
import * as compareRoute from '~/routes/staff.dashboard_.compare/route';
import * as hotspotsRoute from '~/routes/staff.dashboard_.hotspots/route';
import * as monthRoute from '~/routes/staff.centers.$id.month/route';
import * as adminCenter from '~/routes/staff.admin.centers.$id/route';
import { getRequest, postForm, routeArgs, run, type CookieJar } from '../support/http';
import { csrfOf, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

let manager: CookieJar;
let officer: CookieJar;
let national: CookieJar;
let ownCentre: typeof centers.$inferSelect;
let otherCentre: typeof centers.$inferSelect;

beforeAll(async () => {
  manager = await signInAs('manager.ir-12');
  officer = await signInAs('officer.ir-12');
  national = await signInAs('national');
  ownCentre = db().select().from(centers).where(eq(centers.provinceId, 'ir-12')).get()!;
  otherCentre = db().select().from(centers).where(eq(centers.provinceId, 'ir-13')).get()!;
});

const HOSTILE = [
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  'x'.repeat(100_000),
  '%00',
  '\u0000ir-12',
  '../../etc/passwd',
  '1e9',
  '-30',
  'ir-12\nir-13',
  '۳۰',
];

async function get(loader: (args: ReturnType<typeof routeArgs>) => unknown, path: string, jar: CookieJar, params: Record<string, string> = {}) {
  return run(() => loader(routeArgs(getRequest(path, jar), params)));
}

describe('hostile and oversized parameters', () => {
  it('are read as no filter by the parser, whatever their size', () => {
    for (const value of HOSTILE) {
      const params = new URLSearchParams({ period: value, province: value, by: value, centres: value });
      expect(parseInsightQuery(params)).toMatchObject({ period: 30, province: null, by: null, centres: 'all' });
      // Typed dates are kept (to show back in their boxes) but never longer than 40 characters.
      const dates = parseInsightQuery(new URLSearchParams({ from: value, to: value }));
      expect(dates.from.length).toBeLessThanOrEqual(40);
    }
    for (const id of ['abc', '-1', '0', '1e3', '99999999999999999999', '1.5', ' 1', '0x10', 'x'.repeat(10_000)]) expect(parseCentreId(id), id).toBeNull();
  });

  it('give the default page on the comparison and the hotspots, never a 5xx', async () => {
    for (const value of HOSTILE) {
      const query = `?${new URLSearchParams({ period: value, province: value, by: value, centres: value, from: value, to: value })}`;
      for (const [loader, path] of [
        [compareRoute.loader, '/staff/dashboard/compare'],
        [hotspotsRoute.loader, '/staff/dashboard/hotspots'],
      ] as const) {
        const response = await get(loader, path + query, national);
        expect(response.status, `${path} ${value.slice(0, 20)}`).toBe(200);
        const data = (await response.json()) as { query: { period: number; centres: string }; rangeErrors: Record<string, string>; custom: boolean };
        expect(data.query).toMatchObject({ period: 30, centres: 'all' });
        expect(data.custom).toBe(false); // a refused range shows the preset, with its messages
        expect(Object.keys(data.rangeErrors).length).toBeGreaterThan(0);
      }
    }
  });

  it('give 404 for a malformed centre id and the default month for a malformed month, never a 5xx', async () => {
    for (const id of ['abc', '-1', '0', '1e3', '99999999999999999999', "1' OR '1'='1", 'x'.repeat(5000), '999999']) {
      const response = await get(monthRoute.loader, `/staff/centers/${encodeURIComponent(id)}/month`, national, { id });
      expect(response.status, id.slice(0, 20)).toBe(404);
    }
    for (const month of [...HOSTILE, '1300-13', '9999-01', '1405-00']) {
      const response = await get(monthRoute.loader, `/staff/centers/${ownCentre.id}/month?${new URLSearchParams({ month })}`, national, { id: String(ownCentre.id) });
      expect(response.status, month.slice(0, 20)).toBe(200);
    }
  });
});

describe('another province', () => {
  it("is never shown to a province manager: province= is ignored, another province's centre is not found", async () => {
    for (const province of ['ir-13', 'national', 'IR-13']) {
      const response = await get(compareRoute.loader, `/staff/dashboard/compare?province=${province}`, manager);
      expect(((await response.json()) as { owner: string }).owner).toBe('ir-12');
      const hotspots = await get(hotspotsRoute.loader, `/staff/dashboard/hotspots?province=${province}`, manager);
      expect(((await hotspots.json()) as { owner: string }).owner).toBe('ir-12');
    }
    const response = await get(monthRoute.loader, `/staff/centers/${otherCentre.id}/month`, manager, { id: String(otherCentre.id) });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(otherCentre.nameFa);
    // Persian digits name the same centre: still not found.
    const persian = String(otherCentre.id).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    expect((await get(monthRoute.loader, `/staff/centers/${persian}/month`, manager, { id: persian })).status).toBe(404);
  });

  it('nor to staff without monitoring rights (an officer), on any of the pages', async () => {
    expect((await get(compareRoute.loader, '/staff/dashboard/compare', officer)).status).toBe(404);
    expect((await get(hotspotsRoute.loader, '/staff/dashboard/hotspots', officer)).status).toBe(404);
    expect((await get(monthRoute.loader, `/staff/centers/${ownCentre.id}/month`, officer, { id: String(ownCentre.id) })).status).toBe(404);
  });
});

describe('the underserved flag', () => {
  const flagged = () => db().select({ underserved: centers.underserved }).from(centers).where(eq(centers.id, ownCentre.id)).get()!.underserved;
  const audits = () => db().select().from(auditLog).where(eq(auditLog.action, 'center.mark_underserved')).all().length;
  const post = (jar: CookieJar, fields: Record<string, string>) =>
    run(() => adminCenter.action(routeArgs(postForm(`/staff/admin/centers/${ownCentre.id}`, fields, jar), { id: String(ownCentre.id) })));

  it('is set only by an admin with the form token, and audited', async () => {
    expect((await post(national, { intent: 'markUnderserved', csrf: await csrfOf(national) })).status).toBe(404);
    const admin = await signInAs('admin');
    expect((await post(admin, { intent: 'markUnderserved' })).status).toBe(403);
    expect((await post(admin, { intent: 'markUnderserved', csrf: 'forged' })).status).toBe(403);
    expect(flagged()).toBe(false);
    const before = audits();
    const done = await post(admin, { intent: 'markUnderserved', csrf: await csrfOf(admin) });
    expect(done.status).toBe(302);
    expect(done.headers.get('Location')).toBe(`/staff/admin/centers/${ownCentre.id}?saved=underservedMarked`);
    expect(flagged()).toBe(true);
    expect(audits()).toBe(before + 1);
    // An unknown intent is refused with a message, the flag untouched.
    expect((await post(admin, { intent: 'markUnderserved\u0000', csrf: await csrfOf(admin) })).status).toBe(400);
    expect((await post(admin, { intent: 'unmarkUnderserved', csrf: await csrfOf(admin) })).status).toBe(302);
    expect(flagged()).toBe(false);
  });
});
