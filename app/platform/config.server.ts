/**
 * Runtime configuration from the environment (all optional; see README "Configuration").
 * Read lazily so tests can point DATABASE_PATH at a temporary file before first use.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type NotifyTransportName = 'file' | 'smtp' | 'http';

/** What express's `trust proxy` takes: off, on, a hop count, or addresses, subnets and names (`loopback`, …). */
export type TrustProxySetting = boolean | number | string[];

export interface AppConfig {
  port: number;
  /**
   * The interface to listen on; null for every interface. Unset `HOST` with demo data on means 127.0.0.1: the demo's
   * password is published, so its server is not reachable from the network unless someone says so.
   */
  host: string | null;
  /** `TRUST_PROXY`: whose X-Forwarded-For names the client. Off by default (the peer's own address counts). */
  trustProxy: TrustProxySetting;
  /** Where citizens reach the portal; links in feedback messages start with it. */
  publicUrl: string;
  dataDir: string;
  databasePath: string;
  isProduction: boolean;
  demoData: boolean;
  notifyTransports: NotifyTransportName[];
  smtpUrl: string | undefined;
  smsGatewayUrl: string | undefined;
  smsGatewayToken: string | undefined;
  sessionSecret: string;
  /** When set, /metrics asks for `Authorization: Bearer <token>` (a scraper's secret); unset, it is open. */
  metricsToken: string | undefined;
  /** The SMS gateway's secret for `POST /api/sms/inbound` (`Authorization: Bearer <token>`); unset, that endpoint answers 503. */
  smsInboundToken: string | undefined;
  /**
   * How long a statement waits for another process's write lock before failing with SQLITE_BUSY
   * (DB_BUSY_TIMEOUT_MS). Scripts (worker, backup, CLI) default to 5000; server.ts makes it 100 unless set, because
   * the wait blocks the web server's event loop: past it a write answers 503 + Retry-After instead.
   */
  dbBusyTimeoutMs: number;
  /** Below this much free space on the data folder's disk (DISK_FREE_MIN_MB, default 200), /healthz reports `low`. */
  diskFreeMinBytes: number;
}

let cached: AppConfig | undefined;

export function getConfig(): AppConfig {
  if (cached) return cached;
  const env = process.env;
  const dataDir = path.resolve(env.DATA_DIR || 'data');
  const isProduction = env.NODE_ENV === 'production';
  const demoData = (env.DEMO_DATA || 'on').toLowerCase() !== 'off';
  const notifyTransports = (env.NOTIFY_TRANSPORT || 'file')
    .toLowerCase()
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of notifyTransports) {
    if (name !== 'file' && name !== 'smtp' && name !== 'http') {
      throw new Error(`NOTIFY_TRANSPORT takes file, smtp and http, comma-separated (got "${name}")`);
    }
  }
  const port = Number(env.PORT || 3000);
  cached = {
    port,
    host: env.HOST?.trim() || (demoData ? LOOPBACK : null),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    dataDir,
    databasePath: path.resolve(env.DATABASE_PATH || path.join(dataDir, 'didehban.sqlite')),
    isProduction,
    demoData,
    notifyTransports: notifyTransports as NotifyTransportName[],
    smtpUrl: env.SMTP_URL || undefined,
    smsGatewayUrl: env.SMS_GATEWAY_URL || undefined,
    smsGatewayToken: env.SMS_GATEWAY_TOKEN || undefined,
    sessionSecret: resolveSessionSecret(env.SESSION_SECRET, dataDir, isProduction, demoData),
    metricsToken: env.METRICS_TOKEN || undefined,
    smsInboundToken: env.SMS_INBOUND_TOKEN || undefined,
    dbBusyTimeoutMs: nonNegative(env.DB_BUSY_TIMEOUT_MS, 5000, 'DB_BUSY_TIMEOUT_MS'),
    diskFreeMinBytes: nonNegative(env.DISK_FREE_MIN_MB, 200, 'DISK_FREE_MIN_MB') * 1024 * 1024,
  };
  return cached;
}

const LOOPBACK = '127.0.0.1';

/**
 * `TRUST_PROXY` as express takes it: empty, `off` or `false` → off; `on` or `true` → every proxy; a number → that many
 * hops; otherwise a comma-separated list of addresses, subnets or express's names (`loopback`, `uniquelocal`, …).
 * express refuses a malformed address at start-up.
 */
export function parseTrustProxy(value: string | undefined): TrustProxySetting {
  const text = (value ?? '').trim();
  const lower = text.toLowerCase();
  if (lower === '' || lower === 'off' || lower === 'false') return false;
  if (lower === 'on' || lower === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  return text.split(',').map((part) => part.trim()).filter(Boolean);
}

/** Where the server listens, for the start-up log. */
export function describeListenAddress(config: Pick<AppConfig, 'host' | 'port' | 'demoData'>): string {
  if (config.host === null) return `port ${config.port} on every interface (HOST unset), e.g. http://localhost:${config.port}`;
  const shown = config.host.includes(':') ? `[${config.host}]` : config.host;
  const why = config.host === LOOPBACK && config.demoData && !process.env.HOST?.trim() ? ' only: demo data is on (set HOST to listen elsewhere)' : '';
  return `http://${shown}:${config.port}${why}`;
}

function nonNegative(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value.trim() === '') return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) throw new Error(`${name} takes a number of 0 or more (got "${value}")`);
  return number;
}

/** Tests change the environment between files; this forgets what was read. */
export function resetConfigForTests() {
  cached = undefined;
}

/**
 * A real deployment must set SESSION_SECRET. A demo (`npm start` on a fresh machine) gets a random secret kept in
 * the data folder, so sessions survive a restart without anyone having to invent a secret first.
 */
function resolveSessionSecret(
  fromEnv: string | undefined,
  dataDir: string,
  isProduction: boolean,
  demoData: boolean,
): string {
  if (fromEnv) return fromEnv;
  if (isProduction && !demoData) {
    throw new Error('SESSION_SECRET is required in production (DEMO_DATA=off).');
  }
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
