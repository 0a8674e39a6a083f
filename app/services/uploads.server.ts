/**
 * Reads the submission form, with or without files. File parts are read with hard limits as they stream in (size
 * per file, number of files), so an oversized upload costs bounded memory and still leaves the typed text readable.
 */
import { unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, type UploadedPart } from '../domain/attachments';
import { readFormData } from '../http.server';

export const ATTACHMENT_FIELD = 'attachments';

export interface ParsedSubmission {
  formData: FormData;
  files: UploadedPart[];
}

export async function readSubmission(request: Request): Promise<ParsedSubmission> {
  const contentType = request.headers.get('Content-Type') ?? '';
  if (!contentType.startsWith('multipart/form-data')) return { formData: await readFormData(request), files: [] };

  const files: UploadedPart[] = [];
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (filename === undefined) {
      // A text field: bounded too, since a form field has no business being megabytes long.
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        size += chunk.length;
        if (size <= 64 * 1024) chunks.push(chunk);
      }
      return new TextDecoder().decode(Buffer.concat(chunks));
    }
    if (name !== ATTACHMENT_FIELD) {
      for await (const _ of data) void _; // drain a file sent under any other name
      return undefined;
    }
    if (files.filter((f) => !(f.kind === 'file' && f.bytes.length === 0)).length >= MAX_ATTACHMENTS) {
      let empty = true;
      for await (const chunk of data) if (chunk.length > 0) empty = false;
      if (!empty) files.push({ kind: 'too_many', name: filename });
      return undefined;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.length;
      if (size <= MAX_ATTACHMENT_BYTES) chunks.push(chunk);
    }
    files.push(size > MAX_ATTACHMENT_BYTES ? { kind: 'too_large', name: filename } : { kind: 'file', name: filename, bytes: Buffer.concat(chunks) });
    return undefined;
  };
  try {
    return { formData: await unstable_parseMultipartFormData(request, handler), files };
  } catch {
    // A broken multipart body: treat it as an empty form, so validation answers with field messages.
    return { formData: new FormData(), files: [] };
  }
}
