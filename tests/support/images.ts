/** Real images for tests that upload one: the server re-encodes photos, so a signature alone is refused. */
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

/** A PNG of random pixels (incompressible) of about `approxBytes` bytes. */
export async function noisePng(approxBytes: number): Promise<Buffer> {
  const side = Math.max(8, Math.round(Math.sqrt(approxBytes / 3)));
  return sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } }).png().toBuffer();
}
