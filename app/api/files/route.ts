import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/current-user";
import { uploadEvidence, type UploadRefusal } from "@/lib/evidence/upload-evidence";
import { MAX_FILE_BYTES } from "@/lib/evidence/limits";
import { clientIp } from "@/lib/http/client-ip";
import { fromSameOrigin } from "@/lib/http/same-origin";

const STATUS: Record<UploadRefusal, number> = {
  notFound: 404,
  forbidden: 403,
  noFile: 400,
  tooLarge: 413,
  wrongType: 415,
  tooManyPixels: 413,
  unreadableImage: 422,
  heicUnsupported: 415,
  tooManyDrafts: 429,
};
const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

/**
 * Uploads one evidence file for a project (`?project=CODE`, multipart body with `file` and an optional `caption`).
 * The answer is the new unattached upload's id, which the progress or field-report form then sends with its save.
 */
export async function POST(request: Request): Promise<Response> {
  const [user, t, ip] = await Promise.all([getCurrentUser(), getTranslations("evidence.errors"), clientIp()]);
  const refuse = (status: number, reason: string) =>
    new Response(JSON.stringify({ error: reason, message: t(reason as "tooLarge") }), {
      status,
      headers: JSON_HEADERS,
    });
  if (!user || user.mustChangePassword) return refuse(401, "signIn");
  if (!fromSameOrigin(request)) return refuse(403, "forbidden");
  // Refuse an announced oversized body before reading any of it (the parser also stops at the limit).
  if (Number(request.headers.get("content-length") ?? 0) > MAX_FILE_BYTES + 64 * 1024) return refuse(413, "tooLarge");
  const result = await uploadEvidence(
    user,
    {
      projectCode: new URL(request.url).searchParams.get("project"),
      contentType: request.headers.get("content-type"),
      body: request.body,
    },
    { ip },
  );
  if (!result.ok) return refuse(STATUS[result.reason], result.reason);
  return new Response(JSON.stringify({ file: result.file }), { status: 201, headers: JSON_HEADERS });
}
