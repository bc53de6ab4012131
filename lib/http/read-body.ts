import "server-only";

/**
 * The request body, read chunk by chunk and counted, or "tooLarge" the moment it passes `maxBytes` (the rest is
 * never read). Content-Length alone cannot be trusted: a chunked request has none and may send without end.
 */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<Uint8Array | "tooLarge"> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) return "tooLarge";
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return "tooLarge";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** A multipart or url-encoded form from a body read within its limit, or null when it does not parse. */
export async function formFrom(request: Request, body: Uint8Array): Promise<FormData | null> {
  const type = request.headers.get("content-type") ?? "";
  return new Response(body as BodyInit, { headers: { "content-type": type } }).formData().catch(() => null);
}
