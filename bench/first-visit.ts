/**
 * Bytes on the wire for a first visit to a page (empty cache), compressed as the production server sends them to a
 * browser that says `Accept-Encoding: br, gzip` (bodies only, no headers):
 *  - the HTML;
 *  - what its `<link>`s load before the page can show or run: stylesheets, preloads, modulepreloads;
 *  - the scripts it runs: `<script src>` and the modules its inline module scripts import;
 *  - the language chunk app/entry.client.tsx imports before hydrating: `_shared/<lang>-HASH.js`, for the page's
 *    `<html lang>` only (app/i18n/browser.ts names those chunks after their language);
 *  - the Vazirmatn faces the page needs, see `facesNeeded`.
 *
 * Used by bench/run.ts. On its own, against a running production server:
 *
 *   npx tsx bench/first-visit.ts http://127.0.0.1:3295 / /feedback/new
 */
import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export interface Transfer {
  url: string;
  kind: 'html' | 'css' | 'js' | 'font' | 'other';
  encoding: string;
  bytes: number;
}

/** Raw bytes as sent on the wire (the compressed body), without decompressing. */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; bodyBytes: number; body: Buffer; encoding: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { 'accept-encoding': 'br, gzip', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, bodyBytes: body.length, body, encoding: String(res.headers['content-encoding'] ?? 'none') });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

export function decode(body: Buffer, encoding: string): string {
  if (encoding === 'br') return brotliDecompressSync(body).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(body).toString('utf8');
  return body.toString('utf8');
}

const kindOf = (url: string): Transfer['kind'] =>
  url.endsWith('.css') ? 'css' : url.endsWith('.js') ? 'js' : /\.woff2?$/.test(url) ? 'font' : 'other';

/** The text a visitor reads: the body without tags, scripts and styles (entities are ASCII, so left as they are). */
function visibleText(html: string): string {
  return (html.split(/<body\b/)[1] ?? html)
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ');
}

/** `unicode-range: U+0600-06FF, U+200C, U+4??` as a test on a code point; no descriptor means every character. */
function inUnicodeRange(descriptor: string | undefined): (codePoint: number) => boolean {
  if (!descriptor) return () => true;
  const ranges = descriptor.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const low = parseInt(from!.replace(/\?/g, '0'), 16);
    const high = to ? parseInt(to, 16) : parseInt(from!.replace(/\?/g, 'F'), 16);
    return [low, high] as const;
  });
  return (cp) => ranges.some(([low, high]) => cp >= low && cp <= high);
}

/**
 * The faces a browser downloads for this page: it fetches a face only when the page has text in it, so we count
 *  - the faces of weight 400 (body text) and 700 (the site name, headings, labels and buttons are bold; every page
 *    has some), and no other weight;
 *  - of those, the ones whose `unicode-range` covers a character of the page's visible text (a face without one
 *    covers everything). Vazirmatn's faces cover Arabic script only: a Persian page needs both. (An English page
 *    needs the regular one for the Persian it still shows, the "read this page in Persian" link; counting its bold
 *    one too would be an over-count, but the bench measures Persian pages.)
 */
function facesNeeded(css: string, cssUrl: string, text: string): string[] {
  const codePoints = new Set([...text].map((c) => c.codePointAt(0)!));
  const faces: string[] = [];
  for (const face of css.matchAll(/@font-face\s*{[^}]*}/g)) {
    const weight = face[0].match(/font-weight:\s*(\d+)/)?.[1];
    const url = face[0].match(/url\(["']?([^"')]+\.woff2)["']?\)/)?.[1];
    const covers = inUnicodeRange(face[0].match(/unicode-range:\s*([^;}]+)/)?.[1]);
    if (!url || (weight && weight !== '400' && weight !== '700')) continue;
    if ([...codePoints].some(covers)) faces.push(new URL(url, cssUrl).pathname);
  }
  return faces;
}

export async function firstVisit(base: string, pathname = '/', language = 'fa'): Promise<Transfer[]> {
  const transfers: Transfer[] = [];
  const page = await rawGet(base + pathname, { 'accept-language': language });
  if (page.status !== 200) throw new Error(`${pathname} answered ${page.status}`);
  transfers.push({ url: pathname, kind: 'html', encoding: page.encoding, bytes: page.bodyBytes });
  const html = decode(page.body, page.encoding);
  const lang = html.match(/<html\b[^>]*\blang="([^"]+)"/)?.[1] ?? language;

  const assets = new Set<string>();
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const href = m[0].match(/href="([^"]+)"/)?.[1];
    const rel = m[0].match(/rel="([^"]+)"/)?.[1] ?? '';
    if (href?.startsWith('/') && /stylesheet|modulepreload|preload/.test(rel)) assets.add(href);
  }
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) if (m[1]!.startsWith('/')) assets.add(m[1]!);
  // Inline module scripts import the entry and route modules.
  for (const m of html.matchAll(/import\s*(?:[^'"]*from\s*)?["'](\/[^"']+\.js)["']/g)) assets.add(m[1]!);

  const fonts = new Set<string>();
  const fetched = new Set<string>();
  const take = async (url: string) => {
    if (fetched.has(url)) return null;
    fetched.add(url);
    const res = await rawGet(base + url);
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    transfers.push({ url, kind: kindOf(url), encoding: res.encoding, bytes: res.bodyBytes });
    return res;
  };
  for (const asset of assets) {
    const res = await take(asset);
    if (!res) continue;
    if (asset.endsWith('.css')) for (const font of facesNeeded(decode(res.body, res.encoding), base + asset, visibleText(html))) fonts.add(font);
    if (asset.endsWith('.js')) {
      // The page's language chunk, imported by the client entry before it hydrates (never the other language's).
      const js = decode(res.body, res.encoding);
      for (const m of js.matchAll(/import\(\s*["']([^"']+\.js)["']\s*\)/g)) {
        const url = new URL(m[1]!, base + asset).pathname;
        if (new RegExp(`/_shared/${lang}-[A-Z0-9]+\\.js$`).test(url)) assets.add(url);
      }
    }
  }
  for (const font of fonts) await take(font);
  return transfers;
}

const kinds = ['html', 'css', 'js', 'font'] as const;

/** One Markdown table: every resource, then the total by kind. */
export function transferTable(transfers: Transfer[], fmt: (n: number, digits?: number) => string): string {
  const total = transfers.reduce((n, t) => n + t.bytes, 0);
  const byKind = (k: string) => transfers.filter((t) => t.kind === k).reduce((n, t) => n + t.bytes, 0);
  const split = kinds.map((k) => `${k} ${fmt(byKind(k) / 1024, 1)} KB`).join(', ');
  return [
    '| resource | kind | encoding | bytes |',
    '|---|---|---|---:|',
    ...transfers.map((t) => `| \`${t.url}\` | ${t.kind} | ${t.encoding} | ${fmt(t.bytes)} |`),
    `| **total** (${split}) | | | **${fmt(total)}** |`,
  ].join('\n');
}

export const totalBytes = (transfers: Transfer[]) => transfers.reduce((n, t) => n + t.bytes, 0);

if (import.meta.url === `file://${process.argv[1]}`) {
  const [base = 'http://127.0.0.1:3295', ...paths] = process.argv.slice(2);
  const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  for (const pathname of paths.length ? paths : ['/', '/feedback/new']) {
    const transfers = await firstVisit(base, pathname);
    console.info(`\n### ${pathname}: ${fmt(totalBytes(transfers) / 1024, 1)} KB\n\n${transferTable(transfers, fmt)}`);
  }
}
