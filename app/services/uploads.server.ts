/**
 * Reads the submission form, with or without files. Parts are read with hard limits as they stream in (size per file,
 * number of files kept, and the body limits of app/platform/http.server.ts), so an oversized upload costs bounded memory and
 * still leaves the typed text readable.
 */
import { ATTACHMENT_FIELD, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, type UploadedPart } from '../domain/attachments';
import { MAX_SUBMISSION_BYTES } from '../domain/body-limits';
import { readFormData, readMultipart, type FilePart } from '../platform/http.server';

export interface ParsedSubmission {
  formData: FormData;
  files: UploadedPart[];
}

/** Throws a 413 Response for a body past the limits (see isTooLarge in app/platform/http.server.ts). */
export async function readSubmission(request: Request): Promise<ParsedSubmission> {
  const contentType = (request.headers.get('Content-Type') ?? '').toLowerCase();
  if (!contentType.startsWith('multipart/form-data')) return { formData: await readFormData(request), files: [] };

  // One slot per attachment part in body order, filled when the part ends.
  const slots: (UploadedPart | null)[] = [];
  let nonEmpty = 0;
  const onFile = ({ name, filename, stream }: FilePart) =>
    new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.once('end', resolve);
      if (name !== ATTACHMENT_FIELD) {
        stream.resume(); // a file sent under any other name is read past
        return;
      }
      const slot = slots.push(null) - 1;
      const chunks: Buffer[] = [];
      // An empty file input is no file; the first bytes decide whether this one is within the number allowed.
      let mode: 'empty' | 'keep' | 'too_many' | 'too_large' = 'empty';
      stream.on('data', (chunk: Buffer) => {
        if (chunk.length === 0) return;
        if (mode === 'empty') mode = ++nonEmpty > MAX_ATTACHMENTS ? 'too_many' : 'keep';
        if (mode === 'keep') chunks.push(chunk);
      });
      stream.once('limit', () => {
        mode = 'too_large';
        chunks.length = 0; // nothing of a refused file is held while the rest of it goes by
      });
      stream.once('end', () => {
        slots[slot] =
          mode === 'too_many' ? { kind: 'too_many', name: filename } : mode === 'too_large' ? { kind: 'too_large', name: filename } : { kind: 'file', name: filename, bytes: Buffer.concat(chunks) };
      });
    });
  // One byte over the limit is asked for: busboy reports a file that merely reaches its limit as cut short.
  const formData = await readMultipart(request, { maxBytes: MAX_SUBMISSION_BYTES, maxFileBytes: MAX_ATTACHMENT_BYTES + 1, onFile });
  return { formData, files: slots.filter((part): part is UploadedPart => part !== null) };
}
