import { Readable } from "node:stream";
import { z } from "zod";
import { openEvidence } from "@/lib/evidence/read-evidence";
import { Refused, withUser } from "@/lib/http/with-user";

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name. */
function disposition(type: "inline" | "attachment", fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

const ZFileId = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .pipe(z.number().max(2 ** 31 - 1));

/**
 * Serves one evidence file (or `?size=thumbnail`) to those who may see it, streamed from the file store with the
 * type stored at upload and nosniff; anyone else gets "not found", as for a file that does not exist. Documents
 * download, photos show inline.
 */
export const GET = withUser(
  {
    permission: () => true,
    query: z.object({ size: z.enum(["full", "thumbnail"]).catch("full") }).catch({ size: "full" }),
  },
  async ({ request, user, query }) => {
    const id = ZFileId.safeParse(new URL(request.url).pathname.split("/").pop());
    if (!id.success) throw new Refused("notFound");
    const file = await openEvidence(user, id.data, query.size);
    if (!file) throw new Refused("notFound");
    const headers: Record<string, string> = {
      "Content-Type": file.contentType,
      "Content-Disposition": disposition(file.kind === "PHOTO" ? "inline" : "attachment", file.fileName),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, max-age=3600",
    };
    if (file.byteSize !== null) headers["Content-Length"] = String(file.byteSize);
    return new Response(Readable.toWeb(file.stream) as ReadableStream<Uint8Array>, { headers });
  },
);
