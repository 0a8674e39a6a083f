#!/usr/bin/env node
/**
 * Writes the portal's app icons into public/icons/ (run: `node scripts/make-icons.mjs`; commit what it writes).
 *
 * No image tool is needed: a PNG is a signature, an IHDR chunk, deflated rows of RGBA pixels (zlib, filter 0) in an
 * IDAT chunk and an IEND chunk, each chunk with a CRC-32. The mark is the header's ◉ (and favicon.svg's): a white
 * disc with a dot in the brand colour of app/styles/app.css (--brand #0b5d57). Edges are smoothed by sampling each
 * pixel 4 × 4 times. The output is the same bytes on every run.
 *
 *   icon-192.png, icon-512.png   purpose "any": a brand disc on a transparent square, like favicon.svg
 *   maskable-512.png             purpose "maskable": brand colour to the edges, the mark inside the 80 % safe circle
 *   apple-touch-icon.png (180)   iOS fills transparency with black, so brand colour to the edges as well
 *   icon.svg                     the "any" icon as a vector
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const BRAND = [0x0b, 0x5d, 0x57, 255];
const WHITE = [255, 255, 255, 255];
const CLEAR = [0, 0, 0, 0];

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** `rgba` holds width × height × 4 bytes, row by row. */
function png(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // deflate
  header[11] = 0; // filter method 0
  header[12] = 0; // not interlaced
  const rows = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    rows[y * (1 + width * 4)] = 0; // filter type "None" for each row
    rgba.copy(rows, y * (1 + width * 4) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Paints layers (later ones on top) onto a square: `background`, then discs centred in the square, each
 * `{ r, color }` with r as a fraction of the side.
 */
function paint(size, background, discs) {
  const SAMPLES = 4;
  const rgba = Buffer.alloc(size * size * 4);
  const centre = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0]; // premultiplied
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const dx = x + (sx + 0.5) / SAMPLES - centre;
          const dy = y + (sy + 0.5) / SAMPLES - centre;
          const distance = Math.hypot(dx, dy) / size;
          let color = background;
          for (const disc of discs) if (distance <= disc.r) color = disc.color;
          const alpha = color[3] / 255;
          sum[0] += color[0] * alpha;
          sum[1] += color[1] * alpha;
          sum[2] += color[2] * alpha;
          sum[3] += alpha;
        }
      }
      const i = (y * size + x) * 4;
      const coverage = sum[3] / (SAMPLES * SAMPLES);
      for (let c = 0; c < 3; c++) rgba[i + c] = coverage === 0 ? 0 : Math.round(sum[c] / sum[3]);
      rgba[i + 3] = Math.round(coverage * 255);
    }
  }
  return png(size, size, rgba);
}

// favicon.svg, on a 32-unit square: brand disc r 15, white disc r 7, brand dot r 3.5.
const anyIcon = (size) =>
  paint(size, CLEAR, [
    { r: 15 / 32, color: BRAND },
    { r: 7 / 32, color: WHITE },
    { r: 3.5 / 32, color: BRAND },
  ]);
// Full bleed; the mark (white disc r 0.26 of the side) stays well inside the maskable safe circle (r 0.4).
const fullBleedIcon = (size) =>
  paint(size, BRAND, [
    { r: 0.26, color: WHITE },
    { r: 0.13, color: BRAND },
  ]);

const svg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
  '<circle cx="16" cy="16" r="15" fill="#0b5d57"/><circle cx="16" cy="16" r="7" fill="#fff"/>' +
  '<circle cx="16" cy="16" r="3.5" fill="#0b5d57"/></svg>\n';

mkdirSync(out, { recursive: true });
const files = {
  'icon-192.png': anyIcon(192),
  'icon-512.png': anyIcon(512),
  'maskable-512.png': fullBleedIcon(512),
  'apple-touch-icon.png': fullBleedIcon(180),
  'icon.svg': svg,
};
for (const [name, data] of Object.entries(files)) {
  writeFileSync(path.join(out, name), data);
  console.info(`public/icons/${name}: ${data.length} bytes`);
}
