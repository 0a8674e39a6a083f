/**
 * Outside review, finding 3: per-address limits counted each IPv6 address on its own, but a subscriber line or a
 * rented host gets a whole /64, so one client could take a fresh address per request and never reach a limit. The
 * client key now groups IPv6 by /64 (an IPv4-mapped address counts as its IPv4 address), and every place that
 * counts an address uses it. Real sign-in action on a real SQLite file for the limit.
 */
import { describe, expect, it } from 'vitest';
import { ADDRESS_POLICY } from '~/domain/login-throttle';
import * as staffLogin from '~/routes/staff.login';
import { addressGroup, clientKey } from '~/services/rate-limit.server';
import { postForm, run } from '../support/http';
import { useTestDatabase } from '../support/test-db';

useTestDatabase();

describe('the client key', () => {
  it('puts every address of one IPv6 /64 in one group, however it is written', () => {
    const group = clientKey({ clientIp: '2001:db8:abcd:12::1' });
    for (const ip of ['2001:db8:abcd:12::2', '2001:0db8:abcd:0012:ffff:ffff:ffff:ffff', '2001:DB8:ABCD:12:1234:5678:9abc:def0', '2001:db8:abcd:12::1%eth0']) {
      expect(clientKey({ clientIp: ip }), ip).toBe(group);
    }
  });

  it('keeps neighbouring /64s apart', () => {
    expect(addressGroup('2001:db8:abcd:12::1')).not.toBe(addressGroup('2001:db8:abcd:13::1'));
    expect(addressGroup('2001:db8:abcd:12::1')).not.toBe(addressGroup('2001:db9:abcd:12::1'));
  });

  it('counts an IPv4-mapped IPv6 address as the IPv4 address, and IPv4 addresses one by one', () => {
    expect(clientKey({ clientIp: '::ffff:203.0.113.9' })).toBe('203.0.113.9');
    expect(clientKey({ clientIp: '::ffff:cb00:7109' })).toBe('203.0.113.9');
    expect(clientKey({ clientIp: '203.0.113.9' })).toBe('203.0.113.9');
    expect(clientKey({ clientIp: '203.0.113.10' })).not.toBe(clientKey({ clientIp: '203.0.113.9' }));
  });

  it('is null without an address', () => {
    expect(clientKey({})).toBeNull();
    expect(clientKey({ clientIp: '' })).toBeNull();
    expect(clientKey(undefined)).toBeNull();
  });
});

describe('the sign-in limit per address', () => {
  it('holds against a client that takes a new address of its /64 for every guess', { timeout: 120_000 }, async () => {
    const statuses: number[] = [];
    // Each guess at a different name (so no name's own wait starts), each from a different address of one /64.
    for (let i = 0; i < ADDRESS_POLICY.free + 3; i++) {
      const request = postForm('/staff/login', { username: `rotating.${i}`, password: 'a-wrong-password' });
      const clientIp = `2001:db8:feed:1:${(i + 1).toString(16)}::${(i * 7 + 3).toString(16)}`;
      statuses.push((await run(() => staffLogin.action({ request, params: {}, context: { clientIp } }))).status);
    }
    expect(statuses.slice(0, ADDRESS_POLICY.free)).toEqual(Array(ADDRESS_POLICY.free).fill(401));
    // The next failure starts the address group's wait; after it every guess is refused unchecked.
    expect(statuses.slice(ADDRESS_POLICY.free)).toEqual([429, 429, 429]);

    // A client of another /64 is not held up by it.
    const request = postForm('/staff/login', { username: 'someone.else', password: 'a-wrong-password' });
    expect((await run(() => staffLogin.action({ request, params: {}, context: { clientIp: '2001:db8:feed:2::1' } }))).status).toBe(401);
  });
});
