import { getLocale } from "next-intl/server";
import { clientIp } from "@/lib/http/client-ip";
import { formFrom, readBodyWithin } from "@/lib/http/read-body";
import { withUser } from "@/lib/http/with-user";
import type { Locale } from "@/lib/i18n/locales";
import { importProgressSheet, sheetTargetFor, type SheetEvent } from "@/lib/progress/import-progress";
import { MAX_SHEET_BYTES, readUploadedSheet, sheetKind, ZSheetUpload } from "@/lib/progress/progress-sheet";

const NDJSON = { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" };
const line = (event: SheetEvent) => `${JSON.stringify(event)}\n`;
const refuse = (status: number, message: string) =>
  new Response(line({ type: "error", message }), { status, headers: NDJSON });

/**
 * Checks ("check") or saves ("apply") an uploaded progress sheet. The answer is a stream of JSON lines: progress
 * as rows are checked and saved, then the report (or an error), so the page can show how far a long sheet got.
 */
export const POST = withUser(
  {
    permission: (user) => sheetTargetFor(user) !== null,
    sameOrigin: true,
    respond: refuse,
    messages: { unauthorized: "progressSheet.errors.forbidden", forbidden: "progressSheet.errors.forbidden" },
  },
  async ({ request, user, t: translate }) => {
    const t = (key: string, values?: Record<string, string>) =>
      translate(`progressSheet.${key}` as "progressSheet.errors.failed", values as never);
    const [locale, ip] = await Promise.all([getLocale() as Promise<Locale>, clientIp()]);
    // An oversized body is refused by its Content-Length, or — chunked, without one — as soon as it passes the limit.
    const body = await readBodyWithin(request, MAX_SHEET_BYTES + 64 * 1024);
    if (body === "tooLarge") return refuse(413, t("errors.tooLarge"));
    const form = await formFrom(request, body);
    const upload = ZSheetUpload.safeParse({ mode: form?.get("mode"), file: form?.get("file") });
    if (!upload.success) {
      const key = upload.error.issues.find((issue) => issue.path[0] === "file")?.message ?? "unreadable";
      return refuse(
        400,
        t(`errors.${["noFile", "tooLarge", "wrongType"].includes(key) ? key : "unreadable"}` as "errors.noFile"),
      );
    }
    const { mode, file } = upload.data;

    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (event: SheetEvent) => controller.enqueue(encoder.encode(line(event)));
        try {
          // Bounded whatever the file claims: inflated size checked first, rows streamed up to the limit.
          const sheet = await readUploadedSheet(new Uint8Array(await file.arrayBuffer()), sheetKind(file.name));
          if ("error" in sheet) {
            const columns =
              "missing" in sheet && sheet.missing
                ? sheet.missing.map((column) => `«${t(`columns.${column}`)}»`).join(", ")
                : "";
            send({ type: "error", message: t(`errors.${sheet.error}`, { columns }) });
          } else {
            let sent = 0;
            const report = await importProgressSheet(user, sheet.rows, {
              mode,
              locale,
              fileName: file.name,
              ip,
              // A line every 2 % or so is enough for a progress bar.
              onProgress: (phase, done, total) => {
                if (done < total && done - sent < Math.max(10, Math.floor(total / 50))) return;
                send({ type: "progress", phase, done, total });
                sent = done === total ? 0 : done;
              },
            });
            send({ type: "result", report });
          }
        } catch (error) {
          console.error("progress sheet import failed", error);
          send({ type: "error", message: t("errors.failed") });
        }
        controller.close();
      },
    });
    return new Response(stream, { headers: NDJSON });
  },
);
