/**
 * Photos are re-encoded (sharp/libvips) before they are stored: the new file carries the pixels and nothing else — no
 * EXIF (GPS position, camera serial, time), no XMP/IPTC, no comments, no bytes after the image's end. That also
 * neutralises polyglots: a file that is a valid JPEG and also HTML, script or a ZIP archive comes out as only a JPEG.
 * A file that does not decode as the image its first bytes claim is refused.
 */
import sharp from 'sharp';
import type { AcceptedAttachment, AttachmentType } from '../domain/attachments';

// One image at a time, no cache: decoding is where memory goes, and a portal's uploads are few.
sharp.cache(false);
sharp.concurrency(1);

/** A decompression bomb (a small file of huge dimensions) is refused before it is decoded: ~50 megapixels at most. */
export const MAX_IMAGE_PIXELS = 50_000_000;
/** Longer sides are scaled down to this: ample to read a notice or see a broken ramp, and decoding stays small. */
export const MAX_IMAGE_SIDE = 4096;

let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work);
  queue = next.catch(() => undefined);
  return next;
}

/** The image re-encoded in its own format with no metadata, turned upright by its EXIF orientation; null if it does not decode. */
export function reencodeImage(bytes: Uint8Array, type: Exclude<AttachmentType, 'application/pdf'>): Promise<Buffer | null> {
  return oneAtATime(async () => {
    try {
      const image = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' });
      const { format } = await image.metadata();
      if (format !== (type === 'image/jpeg' ? 'jpeg' : 'png')) return null;
      // rotate() applies the orientation tag to the pixels, since the tag itself goes with the rest of the metadata.
      const upright = image.rotate().resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: 'inside', withoutEnlargement: true });
      return await (type === 'image/jpeg' ? upright.jpeg({ quality: 88 }) : upright.png({ compressionLevel: 9 })).toBuffer();
    } catch {
      return null;
    }
  });
}

/**
 * The files with every image re-encoded (PDFs are kept as sent: no kept library here rewrites a PDF simply), or null
 * when an image does not decode.
 */
export async function cleanAttachments(files: AcceptedAttachment[]): Promise<AcceptedAttachment[] | null> {
  const cleaned: AcceptedAttachment[] = [];
  for (const file of files) {
    if (file.mimeType === 'application/pdf') {
      cleaned.push(file);
      continue;
    }
    const bytes = await reencodeImage(file.bytes, file.mimeType);
    if (!bytes) return null;
    cleaned.push({ ...file, bytes });
  }
  return cleaned;
}
