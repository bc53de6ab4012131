import { MAX_FILE_BYTES } from "@/lib/evidence/limits";
import { type UploadRefusal, uploadEvidence } from "@/lib/evidence/upload-evidence";
import { clientIp } from "@/lib/http/client-ip";
import { withUser } from "@/lib/http/with-user";

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
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });

/**
 * Uploads one evidence file for a project (`?project=CODE`, multipart body with `file` and an optional `caption`).
 * The answer is the new unattached upload's id, which the progress or field-report form then sends with its save.
 * Whether the user may add files to that project is decided by uploadEvidence (its scope, like every write).
 */
export const POST = withUser(
  {
    permission: () => true,
    sameOrigin: true,
    respond: (status, message) => json(status, { message }),
    messages: { unauthorized: "evidence.errors.signIn", forbidden: "evidence.errors.forbidden" },
  },
  async ({ request, user, t }) => {
    const refuse = (reason: UploadRefusal) =>
      json(STATUS[reason], { error: reason, message: t(`evidence.errors.${reason}` as "evidence.errors.tooLarge") });
    // Refuse an announced oversized body before reading any of it (the parser also stops at the limit).
    if (Number(request.headers.get("content-length") ?? 0) > MAX_FILE_BYTES + 64 * 1024) return refuse("tooLarge");
    const result = await uploadEvidence(
      user,
      {
        projectCode: new URL(request.url).searchParams.get("project"),
        contentType: request.headers.get("content-type"),
        body: request.body,
      },
      { ip: await clientIp() },
    );
    return result.ok ? json(201, { file: result.file }) : refuse(result.reason);
  },
);
