/**
 * Retention reaches every copy (review: the sweep left `sms_inbound.from_number` and the number in outbox.log).
 * End to end on a real SQLite file and the real file transport: a citizen writes on the web (mobile, email, name,
 * national code) and another by SMS (a new item, a status question, a text refused as too short); their messages
 * are delivered to outbox.log; one delivery error quotes the address, as a mail server's rejection does. Both items
 * are closed and the retention time passes. Then no table of the database, no byte of its file and no line of the
 * log holds any of their addresses, while the log keeps every line (redacted in place) and the texts stay for supervision.
 */
import { eq } from 'drizzle-orm';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { items, outbox } from '../../db/schema';
import { resetConfigForTests } from '~/platform/config.server';
import { deliverDueMessages, outboxLogPath, transportFromConfig } from '~/services/notify.server';
import { runSweeps, transition } from '~/services/workflow.server';
import * as smsRoute from '~/routes/api.sms.inbound';
import { BASE, routeArgs, run } from '../support/http';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

const TOKEN = 'retention-inbound-token';
const DAY = 86_400_000;
const WEB_MOBILE = '09121234567';
const EMAIL = 'maryam.ahmadi@example.ir';
const NAME = 'مریم احمدی';
const NATIONAL_CODE = '0499370899';
const SMS_MOBILE = '+989357654321';
const STRANGER = '+989351230000';
/** Every form an address could take in a copy (E.164, local, bare digits, the email). */
const NEEDLES = ['9121234567', '9357654321', '9351230000', EMAIL, NAME, NATIONAL_CODE];

beforeAll(() => {
  process.env.SMS_INBOUND_TOKEN = TOKEN;
  resetConfigForTests();
});
afterAll(() => {
  delete process.env.SMS_INBOUND_TOKEN;
  resetConfigForTests();
});

async function sms(id: string, from: string, text: string) {
  const request = new Request(`${BASE}/api/sms/inbound`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ id, from, text }) });
  const response = await run(() => smsRoute.action(routeArgs(request)));
  return { status: response.status, json: (await response.json()) as { trackingCode?: string } };
}

/** Every row of every table, as text: where a copy would show. */
function wholeDatabase(): string {
  const tables = db().all<{ name: string }>(`select name from sqlite_master where type = 'table'`);
  return tables.map(({ name }) => JSON.stringify(db().all(`select * from "${name}"`))).join('\n');
}

const found = (text: string) => NEEDLES.filter((needle) => text.includes(needle));
const officer = { role: 'province_officer' as const, provinceId: 'ir-09', staffId: null };
const national = { role: 'national_supervisor' as const, staffId: null };

describe('erasing contact data after closing', () => {
  it('leaves no copy of the addresses in any table or in the file transport’s log', async () => {
    const web = fileFeedback(db(), { kind: 'complaint', provinceId: 'ir-09', body: 'مددکار مرکز سه هفته است برای بازدید منزل نیامده است.', mobile: WEB_MOBILE, email: EMAIL, name: NAME, nationalCode: NATIONAL_CODE, consent: 'on' });
    const created = await sms('gw-retention-1', SMS_MOBILE, 'شکایت: سرویس ایاب و ذهاب مرکز توانبخشی یک ماه است قطع شده است.');
    expect(created.status).toBe(201);
    const code = created.json.trackingCode!;
    expect((await sms('gw-retention-2', SMS_MOBILE, code)).status).toBe(200);
    expect((await sms('gw-retention-3', STRANGER, 'سلام')).status).toBe(400);

    const transport = transportFromConfig();
    await deliverDueMessages(db(), transport);
    // A mail server's rejection quotes the address; the outbox keeps it as the delivery error.
    db().update(outbox).set({ lastError: `550 5.1.1 <${EMAIL}>: Recipient address rejected` }).where(eq(outbox.recipient, EMAIL)).run();

    const smsItem = db().select().from(items).where(eq(items.trackingCode, code)).get()!;
    for (const [id, actor] of [[web.id, officer], [smsItem.id, national]] as const) {
      expect(transition(db(), id, 'accept', actor, {}).ok).toBe(true);
      expect(transition(db(), id, 'answer', actor, { publicMessage: 'پیگیری شد و مشکل برطرف شد.' }).ok).toBe(true);
      expect(transition(db(), id, 'confirm', { role: 'citizen' }, { rating: 5 }).ok).toBe(true);
    }
    await deliverDueMessages(db(), transport);

    const log = outboxLogPath();
    expect(existsSync(log)).toBe(true);
    const linesBefore = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    // Not vacuous: before the sweep, every kind of copy is there.
    expect(found(linesBefore.join('\n'))).toEqual(expect.arrayContaining(['9121234567', '9357654321', EMAIL]));
    expect(found(wholeDatabase())).toEqual(NEEDLES);

    expect(runSweeps(db(), new Date(Date.now() + 181 * DAY)).contactsErased).toBeGreaterThanOrEqual(2);

    expect(found(wholeDatabase())).toEqual([]);
    const linesAfter = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    expect(found(linesAfter.join('\n'))).toEqual([]);
    // Every line is still there and still JSON, its message intact: only our citizens' recipients are blanked.
    expect(linesAfter).toHaveLength(linesBefore.length);
    let blanked = 0;
    linesAfter.forEach((line, i) => {
      const before = JSON.parse(linesBefore[i]!);
      const after = JSON.parse(line);
      expect(after.body).toBe(before.body);
      if (found(before.recipient).length > 0) {
        expect(after.recipient).toMatch(/^\*+$/);
        blanked++;
      } else expect(after.recipient === before.recipient || /^\*+$/.test(after.recipient)).toBe(true);
    });
    expect(blanked).toBeGreaterThanOrEqual(5);
    // Nor the database file itself, freed space included (secure_delete), once the WAL is written back.
    db().$client.pragma('wal_checkpoint(TRUNCATE)');
    expect(found(readFileSync(process.env.DATABASE_PATH!).toString('latin1'))).toEqual([]);
    // The texts stay, for supervision and statistics.
    expect(db().select().from(items).where(eq(items.id, smsItem.id)).get()!.body).toContain('ایاب و ذهاب');
  });
});
