import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT || 3210);

/**
 * Browser tests drive the production build in real Chromium. The browser ships inside the @sparticuz/chromium npm
 * package (unpacked by the global setup), so `npm test` needs nothing installed by hand; CHROMIUM_PATH overrides it.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'tests/.tmp/playwright.json' }]],
  timeout: 60_000,
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: 'fa-IR',
    timezoneId: 'Asia/Tehran',
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/tmp/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    // A fresh data folder each run: the server migrates and seeds it with the demo data.
    command: `rm -rf tests/.tmp/e2e-${PORT} && DATA_DIR=tests/.tmp/e2e-${PORT} PORT=${PORT} TRUST_PROXY=loopback NODE_ENV=production SESSION_SECRET=e2e-secret SMS_INBOUND_TOKEN=e2e-sms-token tsx server.ts`,
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
