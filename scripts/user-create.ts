/**
 * `npm run user:create -- --username NAME --role ROLE [--province ir-09] [--display-name "…"] [--email …]`:
 * creates a staff user on the configured database (DATABASE_PATH / DATA_DIR), e.g. the first admin of a
 * deployment with DEMO_DATA=off. The password comes from the USER_PASSWORD environment variable (kept out of the
 * shell history and the process list) or is generated and printed once. Bad input exits with code 2.
 */
import { parseArgs } from 'node:util';
import { getConfig } from '../app/platform/config.server';
import { db } from '../app/platform/db.server';
import { userCreateSchema } from '../app/domain/staff-admin-schema';
import { STAFF_ROLES } from '../app/domain/workflow';
import { createStaffUser } from '../app/models/staff-admin.server';
import { closeConnection } from '../db/client';
import { prepareDatabase } from '../app/seed/index';
import en from '../locales/en/common.json';

const USAGE = `usage: npm run user:create -- --username NAME --role ROLE [--province ir-09] [--display-name "…"] [--email …]
  ROLE is one of ${STAFF_ROLES.join(', ')}; --province is required for province_officer and province_manager only.
  The password is read from USER_PASSWORD (at least 10 characters), or generated and printed once.`;

function refuse(message: string): never {
  console.error(`user:create: ${message}\n${USAGE}`);
  process.exit(2);
}

/** The English text of an `admin.errors.*` / `errors.*` message key. */
function message(key: string): string {
  let node: unknown = en;
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : key;
}

const FLAG_OF: Record<string, string> = { username: '--username', displayName: '--display-name', role: '--role', provinceId: '--province', email: '--email', password: 'USER_PASSWORD' };

const OPTIONS = {
  username: { type: 'string' },
  role: { type: 'string' },
  province: { type: 'string' },
  'display-name': { type: 'string' },
  email: { type: 'string' },
  help: { type: 'boolean' },
} as const;
let args: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];
try {
  args = parseArgs({ options: OPTIONS, strict: true, allowPositionals: false }).values;
} catch (error) {
  refuse(error instanceof Error ? error.message : String(error));
}
if (args.help) {
  console.info(USAGE);
  process.exit(0);
}

const fromEnv = process.env.USER_PASSWORD;
const parsed = userCreateSchema.safeParse({
  username: args.username ?? '',
  displayName: args['display-name'] ?? args.username ?? '',
  role: args.role ?? '',
  provinceId: args.province ?? '',
  email: args.email ?? '',
  passwordMode: fromEnv ? 'set' : 'generate',
  password: fromEnv ?? '',
});
if (!parsed.success) {
  const lines = parsed.error.issues.map((issue) => `  ${FLAG_OF[String(issue.path[0])] ?? String(issue.path[0] ?? '')}: ${message(issue.message)}`);
  refuse(`refused:\n${lines.join('\n')}`);
}

await prepareDatabase(db(), { demoData: getConfig().demoData });
// From the command line the operator usually creates their own account, so no forced change at the first sign-in.
const result = await createStaffUser(db(), null, parsed.data, { mustChangePassword: false });
if (!result.ok) {
  const lines = Object.entries(result.errors).map(([field, key]) => `  ${FLAG_OF[field] ?? field}: ${message(key)}`);
  closeConnection();
  refuse(`refused:\n${lines.join('\n')}`);
}
console.info(`user:create: created ${parsed.data.username} (${parsed.data.role}${parsed.data.provinceId ? `, ${parsed.data.provinceId}` : ''}), id ${result.id}`);
if (result.generatedPassword) {
  console.info(`password (shown once, not stored): ${result.generatedPassword}`);
}
closeConnection();
