import { getFormatter, getLocale } from "next-intl/server";
import { Refused, withUser } from "@/lib/http/with-user";
import { localizedName, type Locale } from "@/lib/i18n/locales";
import { OBLASTS } from "@/lib/reference-data";
import { buildPeriodReport } from "@/lib/reports/period-report";
import { parseReportQuery, reportSearchParams } from "@/lib/reports/report-query";
import { renderPdf } from "@/lib/reports/render-pdf";
import { RenderBusyError, RenderTimeoutError } from "@/lib/reports/render-queue";

export const GET = withUser({ permission: "report.export" }, async ({ request, user, query: params, t }) => {
  const url = new URL(request.url);
  const report = await buildPeriodReport(user, parseReportQuery(params));
  if (!report) throw new Refused("forbidden");
  const [format, locale] = await Promise.all([getFormatter(), getLocale() as Promise<Locale>]);
  const { query } = report;
  const scope =
    query.scope === "region"
      ? t("dashboard.scopeRegion")
      : localizedName(OBLASTS.find((oblast) => oblast.code === query.scope)!, locale);
  const header = `${t("app.name")} · ${t("reports.title")} · ${scope} · ${query.from} — ${query.to} · ${t("reports.generated", { at: format.dateTime(new Date(), { dateStyle: "medium", timeStyle: "short" }), by: user.name })}`;
  // The page is rendered by this same server (the origin the request came in on), as this user, in its turn.
  let pdf: Buffer;
  try {
    pdf = await renderPdf(
      `${url.origin}/reports?${reportSearchParams(query).toString()}`,
      request.headers.get("cookie") ?? "",
      header,
      { owner: user.id },
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
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="batys-report-${query.scope}-${query.from}-${query.to}.pdf"`,
      "Cache-Control": "no-store",
    },
  });
});
