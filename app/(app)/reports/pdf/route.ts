import { formatDateTime } from "@/lib/format/format";
import { getLocale } from "next-intl/server";
import { clientIp } from "@/lib/http/client-ip";
import { Refused, withUser } from "@/lib/http/with-user";
import type { Locale } from "@/lib/i18n/locales";
import { reportFrameHeader } from "@/lib/reports/report-frame";
import { holdForPrint, releasePrint } from "@/lib/reports/print-snapshots";
import { parseReportQuery } from "@/lib/reports/report-query";
import { renderPdf } from "@/lib/reports/render-pdf";
import { RenderBusyError, RenderTimeoutError } from "@/lib/reports/render-queue";
import { saveReport } from "@/lib/reports/saved-reports";

// Generating a report's PDF saves it (parameters, figures, PDF, who and when): a POST from the reports page (its
// button shows progress while the PDF renders; without JavaScript the form posts and the browser downloads).
export const POST = withUser({ permission: "report.export", sameOrigin: true }, async (context) => {
  const { request, user, query: params, t } = context;
  const url = new URL(request.url);
  const [locale, ip] = await Promise.all([getLocale() as Promise<Locale>, clientIp()]);
  const generatedAt = formatDateTime(locale, new Date());
  let saved: Awaited<ReturnType<typeof saveReport>>;
  try {
    saved = await saveReport(
      user,
      parseReportQuery(params),
      locale,
      // The snapshot that is stored is the one printed: the print page renders it (held in the database, so any
      // instance behind the request's origin can), not the live tables; as this user, in its turn.
      async (report) => {
        const token = await holdForPrint(user.id, report);
        try {
          return await renderPdf(
            `${url.origin}/reports/print/${token}`,
            request.headers.get("cookie") ?? "",
            {
              header: reportFrameHeader(t, locale, report.query, generatedAt, user.name),
              pageOf: t("periodReport.pageOf", { page: "{page}", pages: "{pages}" }),
            },
            { owner: user.id },
          );
        } finally {
          await releasePrint(token);
        }
      },
      ip,
    );
  } catch (error) {
    const text = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };
    if (error instanceof RenderBusyError)
      return new Response(t("renderQueue.busy"), {
        status: 429,
        headers: { ...text, "Retry-After": String(error.retryAfterSeconds) },
      });
    if (error instanceof RenderTimeoutError)
      return new Response(t("renderQueue.timeout"), { status: 503, headers: { ...text, "Retry-After": "30" } });
    throw error;
  }
  if (!saved) throw new Refused("forbidden");
  const { query } = saved.report;
  return new Response(new Uint8Array(saved.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="batys-report-${query.scope}-${query.from}-${query.to}.pdf"`,
      "Cache-Control": "no-store",
      "X-Saved-Report": String(saved.id),
    },
  });
});
