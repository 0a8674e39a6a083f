/**
 * A writer for tests/resilience/backup.test.ts, run as its own process (`npx tsx`): submits items through the app's
 * own `submitItem` into DATABASE_PATH as fast as it can, printing `committed <n> <id>` after each commit, until it
 * reads a line on stdin (or stdin closes). Any error is printed as `error …` and exits 1.
 */
import { getConfig } from '../../../app/platform/config.server';
import { feedbackSchema } from '../../../app/domain/feedback-schema';
import { submitItem } from '../../../app/services/workflow.server';
import { closeConnection, connect } from '../../../db/client';

let stop = false;
process.stdin.on('data', () => (stop = true));
process.stdin.on('end', () => (stop = true));

const db = connect(getConfig().databasePath);
const form = feedbackSchema.parse({
  kind: 'complaint',
  provinceId: 'ir-23',
  body: 'نوبت بازدید منزل سه هفته است انجام نشده و کسی پاسخ نمی‌دهد؛ لطفاً پیگیری کنید.',
  mobile: '09121234567',
  consent: 'on',
});

let n = 0;
try {
  while (!stop) {
    // A small batch per turn of the event loop, so stdin is read between batches.
    for (let i = 0; i < 5; i++) {
      const item = submitItem(db, form, { channel: 'web', locale: 'fa', actor: { role: 'citizen' } });
      n++;
      process.stdout.write(`committed ${n} ${item.id}\n`);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  closeConnection();
  process.stdout.write(`done ${n}\n`);
} catch (error) {
  process.stdout.write(`error ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
}
