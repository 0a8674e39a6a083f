/**
 * Request bodies, read as they stream in and never further than app/domain/body-limits.ts allows: the bytes of the
 * whole body, of each text field, the number of fields and of file parts. Past any limit reading stops at once and a
 * 413 Response is thrown (the production server then lets the rest of the upload drain unread, see
 * app/services/body-guard.server.ts, so the client still gets the answer).
 */
import busboy from 'busboy';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { MAX_FILE_PARTS, MAX_FORM_BYTES, MAX_FORM_FIELDS } from '../domain/body-limits';

export { MAX_FORM_BYTES };

export function tooLarge(): Response {
  return new Response('Payload Too Large', { status: 413 });
}

/** True for the Response the readers below throw when a body passes a limit. */
export function isTooLarge(error: unknown): error is Response {
  return error instanceof Response && error.status === 413;
}

/**
 * The body, read no further than `maxBytes` (MAX_FORM_BYTES unless told): a client cannot make the server hold more in
 * memory. Throws a 413 Response beyond it.
 */
export async function readCapped(request: Request, maxBytes: number = MAX_FORM_BYTES): Promise<Buffer> {
  const declared = Number(request.headers.get('Content-Length') ?? '0');
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

const isMultipart = (request: Request) => (request.headers.get('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data');

/**
 * The posted form, or an empty one when the body is not a form at all (JSON, a broken multipart body, a wrong
 * content type): validation then answers with its usual field messages instead of a 500. A body past the limits
 * (over MAX_FORM_BYTES, more than MAX_FORM_FIELDS fields) is refused with 413. Files
 * in a multipart body are read past and dropped: only readSubmission (app/services/uploads.server.ts) keeps files.
 */
export async function readFormData(request: Request): Promise<FormData> {
  if (isMultipart(request)) return readMultipart(request, { maxBytes: MAX_FORM_BYTES });
  const bytes = await readCapped(request);
  const form = new FormData();
  if (!(request.headers.get('Content-Type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) return form;
  const params = new URLSearchParams(bytes.toString('utf8'));
  let fields = 0;
  for (const [name, value] of params) {
    if (++fields > MAX_FORM_FIELDS) throw tooLarge();
    form.append(name, value);
  }
  return form;
}

export interface FilePart {
  /** The form field's name. */
  name: string;
  /** The name the browser gave the file ('' for an empty file input). */
  filename: string;
  /** The file's bytes, at most `maxFileBytes`; must be read to the end (or resumed) for parsing to go on. */
  stream: Readable & { truncated?: boolean };
}

export interface MultipartOptions {
  /** The whole body on the wire. */
  maxBytes: number;
  /** Bytes handed over for one file; the rest of a longer file is skipped and its stream ends `truncated`. */
  maxFileBytes?: number;
  /** Each file part, in order; the promise settles once the part is dealt with. Without it files are skipped. */
  onFile?: (part: FilePart) => Promise<void>;
}

/**
 * A multipart/form-data body, parsed as it streams in (busboy) with every limit checked on the way: text fields come
 * back as the FormData, files go to `onFile`. A broken body gives an empty form; a body past a limit throws 413 as
 * soon as the limit is passed, without reading further.
 */
export async function readMultipart(request: Request, options: MultipartOptions): Promise<FormData> {
  const form = new FormData();
  const declared = Number(request.headers.get('Content-Length') ?? '0');
  if (declared > options.maxBytes) throw tooLarge();
  if (!request.body) return form;

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': request.headers.get('Content-Type') ?? '' },
      // Browsers send file names as UTF-8: Persian names must not come out as Latin-1 mojibake.
      defParamCharset: 'utf8',
      limits: {
        fieldSize: MAX_FORM_BYTES,
        fields: MAX_FORM_FIELDS,
        files: MAX_FILE_PARTS,
        fileSize: options.onFile ? (options.maxFileBytes ?? options.maxBytes) : 0,
        parts: MAX_FORM_FIELDS + MAX_FILE_PARTS,
      },
    });
  } catch {
    return form; // no boundary: not a form the server can read
  }

  let outcome: 'too_large' | 'broken' | null = null;
  let textBytes = 0;
  // busboy tells of a text field only at its end: to stop one that goes on and on as it streams, count the bytes
  // since the last part began or ended while no file is open.
  let sinceLastPart = 0;
  let filesOpen = 0;
  const files: Promise<void>[] = [];
  parser.on('field', (name, value, info) => {
    sinceLastPart = 0;
    textBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
    if (info.valueTruncated || info.nameTruncated || textBytes > MAX_FORM_BYTES) outcome ??= 'too_large';
    else form.append(name, value);
  });
  parser.on('file', (name, stream, info) => {
    // Stopping early destroys the part being read with an error: nobody needs to hear of it but its own reader.
    stream.on('error', () => undefined);
    sinceLastPart = 0;
    filesOpen++;
    stream.once('close', () => {
      filesOpen--;
      sinceLastPart = 0;
    });
    if (outcome || !options.onFile) {
      stream.resume();
      return;
    }
    files.push(options.onFile({ name, filename: info.filename ?? '', stream }).catch(() => void (outcome ??= 'broken')));
  });
  for (const event of ['partsLimit', 'filesLimit', 'fieldsLimit']) parser.on(event, () => void (outcome ??= 'too_large'));
  parser.on('error', () => void (outcome ??= 'broken'));
  const closed = new Promise<void>((resolve) => {
    parser.once('close', resolve);
    parser.once('error', () => resolve());
  });

  const reader = request.body.getReader();
  let total = 0;
  try {
    for (;;) {
      if (outcome) break;
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > options.maxBytes) {
        outcome = 'too_large';
        break;
      }
      sinceLastPart += value.byteLength; // reset by the events of the parts this chunk begins or ends
      const more = parser.write(value);
      if (filesOpen === 0 && sinceLastPart > MAX_FORM_BYTES + 64 * 1024) outcome ??= 'too_large';
      // Wait while busboy's buffer is full (a file part still being consumed), so the body is read no faster.
      if (!more && !outcome) await once(parser, 'drain');
    }
  } catch {
    outcome ??= 'broken'; // the client went away, or busboy failed while we waited
  }

  if (!outcome) {
    parser.end();
    await closed;
    await Promise.all(files);
  }
  if (outcome) {
    await reader.cancel().catch(() => undefined);
    parser.destroy();
    if (outcome === 'too_large') throw tooLarge();
    return new FormData();
  }
  return form;
}
