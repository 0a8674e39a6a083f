/**
 * Notification transports (DESIGN §8). The default writes each message as one JSON line to
 * `$DATA_DIR/outbox.log` and to the console, so a demo shows what a citizen would receive.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { getConfig } from '../config.server';

export interface OutgoingMessage {
  channel: 'sms' | 'email';
  recipient: string;
  body: string;
  idempotencyKey: string;
}

export interface NotificationTransport {
  send(message: OutgoingMessage): Promise<void>;
}

export function fileTransport(file: string, echo = false): NotificationTransport {
  return {
    async send(message) {
      await mkdir(path.dirname(file), { recursive: true });
      await appendFile(file, JSON.stringify({ at: new Date().toISOString(), ...message }) + '\n', 'utf8');
      // The console gets no contact data (DESIGN §7: personal data never in logs).
      if (echo) console.info(`[outbox] ${message.channel} ${message.idempotencyKey} delivered to ${path.basename(file)}`);
    },
  };
}

export function transportFromConfig(): NotificationTransport {
  const config = getConfig();
  if (config.notifyTransport !== 'file') {
    throw new Error(`NOTIFY_TRANSPORT=${config.notifyTransport} is not available yet; use "file".`);
  }
  return fileTransport(path.join(config.dataDir, "outbox.log"), true);
}
