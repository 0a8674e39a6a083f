/**
 * The practical limit of this machine for a submission: a bare `node:http` server (no express, no Remix, no React
 * rendering, no compression) that parses the same urlencoded form, checks the same signed challenge and validates
 * with the same zod schema (`feedbackSchema`), then writes the same rows through `submitItem` (item, two events,
 * outbox row, search index, used challenge) and answers 303 with a Location.
 *
 *   PORT=3400 DATA_DIR=/tmp/bench-base SESSION_SECRET=… npx tsx bench/baseline-server.ts
 */
import { createServer } from 'node:http';
import path from 'node:path';
import { connect } from '../db/client';
import { prepareDatabase } from '../app/seed/index';
import { verifyChallenge } from '../app/domain/challenge';
import { feedbackSchema } from '../app/domain/feedback-schema';
import { useChallenge } from '../app/models/challenges.server';
import { submitItem } from '../app/services/workflow.server';

const secret = process.env.SESSION_SECRET;
if (!secret) throw new Error('SESSION_SECRET is required');
const dataDir = path.resolve(process.env.DATA_DIR || '/tmp/bench-baseline');
const db = connect(path.join(dataDir, 'didehban.sqlite'));
await prepareDatabase(db, { demoData: true });

class Replayed extends Error {}

const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/feedback/new') {
    res.writeHead(req.url === '/healthz' ? 200 : 404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const values = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const parsed = feedbackSchema.safeParse(values);
    const challenge = verifyChallenge(values.challenge, values.challengeAnswer, secret);
    if (!parsed.success || !challenge.ok) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('invalid');
      return;
    }
    try {
      const item = submitItem(db, parsed.data, {
        channel: 'web',
        locale: 'fa',
        actor: { role: 'citizen' },
        inTransaction(tx) {
          if (!useChallenge(tx, challenge.nonce, challenge.expiresAt)) throw new Replayed();
        },
      });
      res.writeHead(303, { Location: `/feedback/sent/${item.trackingCode}` }).end();
    } catch (error) {
      res.writeHead(error instanceof Replayed ? 400 : 500).end();
    }
  });
});
server.listen(Number(process.env.PORT || 3400), () => console.info(`baseline on ${process.env.PORT || 3400}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
