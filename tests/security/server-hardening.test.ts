/**
 * The express layer (server-app.ts) around the real Remix build, in-process on a free loopback port:
 * - a cross-site POST is refused with 403 and a plain message, never Remix's 500 (review: "500 with a stack trace");
 * - nothing escaping a handler reaches the client as a stack trace;
 * - X-Forwarded-For names the client only when TRUST_PROXY says whose header to trust (review: with `trust proxy`
 *   fixed to loopback, a forged header walked past the per-address limits);
 * - with demo data on, the server listens on loopback unless HOST says otherwise (review: the published demo
 *   password was reachable from the network).
 * Needs the build (`npx remix build`), as `npm test` makes it first.
 */
import type { ServerBuild } from '@remix-run/node';
import express from 'express';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeListenAddress, getConfig, parseTrustProxy, resetConfigForTests, type AppConfig } from '~/platform/config.server';
import { createServerApp, finalErrorHandler } from '../../server-app';
import { useTestDatabase } from '../support/test-db';

useTestDatabase();

let build: ServerBuild;
const servers: Server[] = [];

beforeAll(async () => {
  const file = path.resolve('build/index.js');
  if (!existsSync(file)) throw new Error('build/index.js is missing: run `npx remix build` first');
  build = (await import(pathToFileURL(file).href)) as ServerBuild;
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(app: express.Express): Promise<string> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const production = (overrides: Partial<AppConfig> = {}): AppConfig => ({ ...getConfig(), isProduction: true, ...overrides });
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const STACK = /\bat .*\(|node_modules|Error:/;

describe('cross-site POSTs', () => {
  it('are refused with 403 and a plain message in both languages, for every kind of foreign Origin', async () => {
    const base = await serve(createServerApp(build, production()));
    const host = new URL(base).host;
    for (const origin of ['https://evil.example', 'null', 'http://[not-an-origin', `http://${host}.evil.example`]) {
      for (const target of ['/staff/login', '/feedback/new', '/track']) {
        const response = await fetch(base + target, { method: 'POST', headers: { ...FORM, Origin: origin }, body: form({ username: 'admin', password: 'x' }) });
        const text = await response.text();
        expect(response.status, `${origin} → ${target}`).toBe(403);
        expect(text).toContain('پایگاه دیگری');
        expect(text).toContain('another site');
        expect(text).not.toMatch(STACK);
      }
    }
  });

  it('without an Origin but marked cross-site by the browser (Sec-Fetch-Site) are refused too (outside review, round 9)', async () => {
    const base = await serve(createServerApp(build, production()));
    for (const target of ['/staff/login', '/feedback/new', '/track']) {
      const response = await fetch(base + target, { method: 'POST', headers: { ...FORM, 'Sec-Fetch-Site': 'cross-site' }, body: form({ username: 'admin', password: 'x' }), redirect: 'manual' });
      expect(response.status, target).toBe(403);
      expect(await response.text()).toContain('another site');
    }
    // The browser's own pages say same-origin: they pass.
    const own = await fetch(`${base}/staff/login`, { method: 'POST', headers: { ...FORM, 'Sec-Fetch-Site': 'same-origin' }, body: form({ username: 'admin', password: 'wrong-password' }), redirect: 'manual' });
    expect(own.status).toBe(401);
  });

  it('from the portal’s own address, or with no Origin, still reach the action', async () => {
    const consoleError = vi.spyOn(console, 'error');
    const base = await serve(createServerApp(build, production()));
    const own = await fetch(`${base}/staff/login`, { method: 'POST', headers: { ...FORM, Origin: base }, body: form({ username: 'admin', password: 'wrong-password' }), redirect: 'manual' });
    expect(own.status).toBe(401);
    const none = await fetch(`${base}/staff/login`, { method: 'POST', headers: FORM, body: form({ username: 'admin', password: 'wrong-password' }), redirect: 'manual' });
    expect(none.status).toBe(401);
    // The machine API authenticates by its token, whatever the Origin: no guard there (503: no token configured).
    const api = await fetch(`${base}/api/sms/inbound`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'https://gateway.example' }, body: '{}' });
    expect(api.status).not.toBe(403);
    expect(consoleError).not.toHaveBeenCalled();
    consoleError.mockRestore();
  });

  it('take X-Forwarded-Host as the portal’s address only from a trusted proxy (outside review, round 8)', async () => {
    const post = (base: string) =>
      fetch(`${base}/staff/login`, { method: 'POST', headers: { ...FORM, Origin: 'http://evil.example', 'X-Forwarded-Host': 'evil.example' }, body: form({ username: 'admin', password: 'wrong-password' }), redirect: 'manual' });
    // No proxy trusted (the default): the header is anyone's, so the foreign Origin is refused.
    expect((await post(await serve(createServerApp(build, production())))).status).toBe(403);
    // Behind a trusted proxy (here on loopback), the proxy says which host the browser asked for.
    expect((await post(await serve(createServerApp(build, production({ trustProxy: parseTrustProxy('loopback') }))))).status).toBe(401);
  });

  it('an error escaping a handler answers a plain 500 without its stack, even outside production', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const app = express();
    app.get('/boom', () => {
      throw new Error('secret internals at /work/app/x.ts:12');
    });
    app.use(finalErrorHandler);
    const response = await fetch(`${await serve(app)}/boom`);
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(text).not.toContain('secret internals');
    expect(text).not.toMatch(STACK);
    expect(consoleError).toHaveBeenCalled();
    consoleError.mockRestore();
  });

  it('a client error passed on keeps its status, without details', async () => {
    const app = express();
    app.get('/bad', (_req, _res, next) => next(Object.assign(new Error('parser internals'), { status: 400 })));
    app.use(finalErrorHandler);
    const response = await fetch(`${await serve(app)}/bad`);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('Bad Request\n');
  });

  it('a malformed TRUST_PROXY stops the start with a message naming it', () => {
    expect(() => createServerApp(build, production({ trustProxy: ['not-an-address'] }))).toThrow(/TRUST_PROXY/);
  });
});

describe('the client address behind a proxy (TRUST_PROXY)', () => {
  /** 21 posts of the submission form, each naming a new client in X-Forwarded-For: the statuses. */
  async function forgedPosts(base: string, first: number): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const response = await fetch(`${base}/feedback/new?_data=routes/feedback.new`, { method: 'POST', headers: { ...FORM, 'X-Forwarded-For': `203.0.113.${first + i}` }, body: form({ kind: 'complaint' }) });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    return statuses;
  }

  it('is off by default: a forged X-Forwarded-For does not dodge the per-address limit (20 posts / 10 min)', async () => {
    expect(getConfig().trustProxy).toBe(false);
    const statuses = await forgedPosts(await serve(createServerApp(build, production())), 1);
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('when set (here to loopback, where a local proxy connects from), the proxy’s header names the client', async () => {
    const statuses = await forgedPosts(await serve(createServerApp(build, production({ trustProxy: parseTrustProxy('loopback') }))), 100);
    expect(statuses.every((s) => s === 400)).toBe(true);
  });

  it('takes the values express takes', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('off')).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('loopback, 10.0.0.0/8')).toEqual(['loopback', '10.0.0.0/8']);
  });
});

describe('where the server listens (HOST)', () => {
  function configWith(env: Record<string, string | undefined>): AppConfig {
    const saved = { HOST: process.env.HOST, DEMO_DATA: process.env.DEMO_DATA };
    Object.assign(process.env, env);
    for (const [key, value] of Object.entries(env)) if (value === undefined) delete process.env[key];
    resetConfigForTests();
    try {
      return getConfig();
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      resetConfigForTests();
    }
  }

  it('with demo data on: loopback only, unless HOST says otherwise; the start-up line says so', () => {
    const demo = configWith({ DEMO_DATA: 'on', HOST: undefined });
    expect(demo.host).toBe('127.0.0.1');
    expect(describeListenAddress(demo)).toBe(`http://127.0.0.1:${demo.port} only: demo data is on (set HOST to listen elsewhere)`);
    expect(configWith({ DEMO_DATA: undefined, HOST: undefined }).host).toBe('127.0.0.1');
    const opened = configWith({ DEMO_DATA: 'on', HOST: '0.0.0.0' });
    expect(opened.host).toBe('0.0.0.0');
  });

  it('with demo data off: every interface unless HOST is set', () => {
    const real = configWith({ DEMO_DATA: 'off', HOST: undefined });
    expect(real.host).toBeNull();
    expect(describeListenAddress(real)).toContain('every interface');
    expect(configWith({ DEMO_DATA: 'off', HOST: '::1' }).host).toBe('::1');
    expect(describeListenAddress({ host: '::1', port: 3000, demoData: false })).toBe('http://[::1]:3000');
  });
});
