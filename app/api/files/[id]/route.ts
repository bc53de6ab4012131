import { Readable } from "node:stream";
import { getCurrentUser } from "@/lib/auth/current-user";
import { openEvidence } from "@/lib/evidence/read-evidence";

const notFound = () =>
  new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain", "X-Content-Type-Options": "nosniff" },
  });

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name. */
function disposition(type: "inline" | "attachment", fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Serves one evidence file (or `?size=thumbnail`) to those who may see it, streamed from the file store with the
 * type stored at upload and nosniff; anyone else gets "not found". Documents download, photos show inline.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const user = await getCurrentUser();
  const { id } = await params;
  if (!user || user.mustChangePassword || !/^[1-9]\d{0,9}$/.test(id)) return notFound();
  const size = new URL(request.url).searchParams.get("size") === "thumbnail" ? "thumbnail" : "full";
  const file = await openEvidence(user, Number(id), size);
  if (!file) return notFound();
  const headers: Record<string, string> = {
    "Content-Type": file.contentType,
    "Content-Disposition": disposition(file.kind === "PHOTO" ? "inline" : "attachment", file.fileName),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "private, max-age=3600",
  };
  if (file.byteSize !== null) headers["Content-Length"] = String(file.byteSize);
  return new Response(Readable.toWeb(file.stream) as ReadableStream<Uint8Array>, { headers });
}
