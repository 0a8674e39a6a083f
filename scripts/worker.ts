/**
 * `npm run worker`: the sweeps and notification delivery without the web server, every minute (or once with
 * `--once`). Safe to run beside the server: transitions are version-checked and messages are claimed before sending.
 */
import { db } from '../app/platform/db.server';
import { deliverDueMessages, transportFromConfig } from '../app/services/notify.server';
import { runSweeps } from '../app/services/workflow.server';
import { queueDigests } from '../app/services/digest.server';
import { getConfig } from '../app/platform/config.server';
import { prepareDatabase } from '../app/seed/index';

const once = process.argv.includes('--once');
await prepareDatabase(db(), { demoData: getConfig().demoData });
const transport = transportFromConfig();

async function round() {
  const sweeps = runSweeps(db());
  // The staff's daily digest (issue 24): once a Tehran day from the morning hour; a second round queues nothing.
  queueDigests(db());
  const delivery = await deliverDueMessages(db(), transport);
  console.info(`[worker] closed ${sweeps.autoClosed}, escalated ${sweeps.escalated}, sent ${delivery.sent}/${delivery.attempted}, contact data erased ${sweeps.contactsErased}`);
}

await round();
if (!once) {
  setInterval(() => void round().catch((error) => console.error('[worker] round failed:', error)), 60_000);
}
