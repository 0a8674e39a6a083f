/**
 * Attachment rules (citizen issue): up to 3 files, 5 MB each, JPEG, PNG or PDF, the type decided by the file's
 * first bytes, never by its name or the browser's claim.
 */
/**
 * The form field the files are sent under. Here, not in uploads.server.ts: the form renders in the browser too, and a
 * value from a `.server` module is undefined there (the input lost its name after an in-app link, and the file with it).
 */
export const ATTACHMENT_FIELD = 'attachments';
export const MAX_ATTACHMENTS = 3;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | null {
  const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  return null;
}

export const EXTENSION: Record<AttachmentType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

/** The name endings that fit each type; any other ending is replaced by the type's own. */
const ENDINGS: Record<AttachmentType, readonly string[]> = { 'image/jpeg': ['jpg', 'jpeg'], 'image/png': ['png'], 'application/pdf': ['pdf'] };

/**
 * A file name safe to show and to send back in Content-Disposition: no path, no control, bidi or zero-width
 * characters (the ZWNJ of Persian words stays), and an ending that matches the type found in the content (a PDF named
 * `scan.png` is saved as `scan.pdf`, so the reader's computer opens it with the right program).
 */
export function cleanFileName(name: string, type: AttachmentType): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are what this strips
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b\u200d-\u200f\u202a-\u202e\u2066-\u2069\ufeff"<>|:*?]/g, '')
    .trim();
  const dot = cleaned.lastIndexOf('.');
  const ending = dot >= 0 ? cleaned.slice(dot + 1).toLowerCase() : '';
  const stem = (dot >= 0 ? cleaned.slice(0, dot) : cleaned).replace(/\.+$/, '').trim().slice(0, 110) || 'attachment';
  return `${stem}.${ENDINGS[type].includes(ending) ? cleaned.slice(dot + 1) : EXTENSION[type]}`;
}

/** What the upload step hands to validation: a file that fit, or a marker for one that was refused while reading. */
export type UploadedPart =
  | { kind: 'file'; name: string; bytes: Uint8Array }
  | { kind: 'too_large'; name: string }
  | { kind: 'too_many'; name: string };

export interface AcceptedAttachment {
  originalName: string;
  mimeType: AttachmentType;
  bytes: Uint8Array;
}

export type AttachmentCheck = { ok: true; files: AcceptedAttachment[] } | { ok: false; error: string };

export function checkAttachments(parts: UploadedPart[]): AttachmentCheck {
  const files: AcceptedAttachment[] = [];
  for (const part of parts) {
    if (part.kind === 'too_many') return { ok: false, error: 'errors.attachments_too_many' };
    if (part.kind === 'too_large') return { ok: false, error: 'errors.attachment_too_large' };
    if (part.bytes.length === 0) continue; // an empty file input
    const mimeType = sniffAttachmentType(part.bytes);
    if (!mimeType) return { ok: false, error: 'errors.attachment_type' };
    files.push({ originalName: cleanFileName(part.name, mimeType), mimeType, bytes: part.bytes });
  }
  if (files.length > MAX_ATTACHMENTS) return { ok: false, error: 'errors.attachments_too_many' };
  return { ok: true, files };
}
