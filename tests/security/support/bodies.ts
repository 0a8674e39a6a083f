/** Hostile request bodies, made as they are read, with a count of how much of each the server actually pulled. */

export const BOUNDARY = '----didehban-hostile-body';
const encoder = new TextEncoder();

export interface Part {
  name: string;
  /** Given for a file part. */
  filename?: string;
  /** The part's content, or its length (filled with 'a'). */
  content: string | number;
}

const head = (part: Part) =>
  encoder.encode(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"\r\nContent-Type: application/octet-stream` : ''}\r\n\r\n`,
  );

/** The bytes of a multipart body, in pieces of at most 64 KB, produced only when asked for. */
export function* multipartChunks(parts: Iterable<Part>): Generator<Uint8Array> {
  const filler = new Uint8Array(64 * 1024).fill(0x61);
  for (const part of parts) {
    yield head(part);
    if (typeof part.content === 'string') yield encoder.encode(part.content);
    else for (let left = part.content; left > 0; left -= filler.length) yield filler.subarray(0, Math.min(left, filler.length));
    yield encoder.encode('\r\n');
  }
  yield encoder.encode(`--${BOUNDARY}--\r\n`);
}

/** `count` parts made by `make(i)`, lazily. */
export function* repeat(count: number, make: (i: number) => Part): Generator<Part> {
  for (let i = 0; i < count; i++) yield make(i);
}

export interface CountedBody {
  body: ReadableStream<Uint8Array>;
  pulled: () => number;
}

/** A body stream over `chunks` that counts the bytes handed out. */
export function counted(chunks: Iterator<Uint8Array>): CountedBody {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks.next();
        if (next.done) return controller.close();
        pulled += next.value.byteLength;
        controller.enqueue(next.value);
      },
    },
    { highWaterMark: 0 },
  );
  return { body, pulled: () => pulled };
}

export const MB = 1024 * 1024;
