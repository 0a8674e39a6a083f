/**
 * Outside review, fourth round: one address opened 19,955 connections and held the server at its file limit. Without a
 * trusted proxy (server.ts), each client address may hold a bounded number of connections; past it a new one is closed.
 */
import http from 'node:http';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { limitConnectionsPerAddress } from '~/services/connection-limit.server';

const server = http.createServer((_req, res) => res.end('ok'));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('connections per client address', () => {
  it('closes a connection past the limit at once, and admits again once one is let go', async () => {
    limitConnectionsPerAddress(server, 3);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as net.AddressInfo;
    const open = () =>
      new Promise<{ socket: net.Socket; closed: Promise<boolean> }>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          const closed = new Promise<boolean>((done) => {
            socket.once('close', () => done(true));
            setTimeout(() => done(false), 500);
          });
          resolve({ socket, closed });
        });
        socket.on('error', () => undefined);
      });
    const sockets = [];
    for (let i = 0; i < 5; i++) sockets.push(await open());
    expect(await Promise.all(sockets.map((s) => s.closed))).toEqual([false, false, false, true, true]);
    sockets[0]!.socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const again = await open();
    expect(await again.closed).toBe(false);
    for (const s of [...sockets, again]) s.socket.destroy();
  });

  it('leaves a trusted proxy’s connections alone', async () => {
    const proxied = http.createServer((_req, res) => res.end('ok'));
    limitConnectionsPerAddress(proxied, 1, (address) => address === '127.0.0.1' || address === '::ffff:127.0.0.1');
    await new Promise<void>((resolve) => proxied.listen(0, '127.0.0.1', () => resolve()));
    const { port } = proxied.address() as net.AddressInfo;
    const sockets = await Promise.all(
      Array.from({ length: 4 }, () => new Promise<net.Socket>((resolve) => { const socket = net.connect(port, '127.0.0.1', () => resolve(socket)); })),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sockets.map((s) => s.destroyed || s.readyState !== 'open')).toEqual([false, false, false, false]);
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => proxied.close(() => resolve()));
  });
});
