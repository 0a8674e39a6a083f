/** An attachment as a download: its checked type, never rendered inline, never cached by shared caches. */
export function attachmentResponse(bytes: Uint8Array, mimeType: string, originalName: string): Response {
  return new Response(Buffer.from(bytes), {
    headers: {
      'Content-Type': mimeType,
      'Content-Length': String(bytes.length),
      'Content-Disposition': `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(originalName)}`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
}
