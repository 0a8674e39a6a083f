import chromium from '@sparticuz/chromium';
import { existsSync } from 'node:fs';

/** Unpacks the Chromium shipped in the @sparticuz/chromium package (to /tmp/chromium) unless CHROMIUM_PATH is set. */
export default async function globalSetup() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return;
  const path = await chromium.executablePath();
  process.env.CHROMIUM_PATH = path;
}
