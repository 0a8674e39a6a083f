/** Request helpers shared by route actions. */

/** Far above any form a person fills in (a 5,000-character Persian text is about 60 KB encoded). */
export const MAX_FORM_BYTES = 1_000_000;

function tooLarge(): Response {
  return new Response('Payload Too Large', { status: 413 });
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
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * The posted form, or an empty one when the body is not a form at all (JSON, a broken multipart body, a wrong
 * content type): validation then answers with its usual field messages instead of a 500. A body over
 * MAX_FORM_BYTES is refused with 413.
 */
export async function readFormData(request: Request): Promise<FormData> {
  const bytes = await readCapped(request);
  try {
    return await new Request(request.url, { method: 'POST', headers: request.headers, body: new Uint8Array(bytes) }).formData();
  } catch {
    return new FormData();
  }
}
