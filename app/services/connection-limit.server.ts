/**
 * Open connections per client address (an IPv6 /64 as one): past the limit a new connection is closed at once. A
 * trusted proxy (`exempt`) carries many people's connections and is not limited; anyone reaching the port directly is.
 */
import type { Server } from 'node:http';
import { addressGroup } from './rate-limit.server';

export function limitConnectionsPerAddress(server: Server, perAddress: number, exempt: (address: string) => boolean = () => false) {
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    if (exempt(socket.remoteAddress ?? '')) return;
    const key = addressGroup(socket.remoteAddress ?? '');
    const count = (open.get(key) ?? 0) + 1;
    if (count > perAddress) {
      socket.destroy();
      return;
    }
    open.set(key, count);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
  });
}
