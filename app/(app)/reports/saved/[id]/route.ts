import { Refused, withUser } from "@/lib/http/with-user";
import { openSavedReport, ZSavedReportId } from "@/lib/reports/saved-reports";

// A saved report's PDF exactly as it was generated (bytes from the append-only table), whatever changed since.
export const GET = withUser({ permission: "report.openSaved" }, async ({ request, user }) => {
  const id = ZSavedReportId.safeParse(new URL(request.url).pathname.split("/").at(-1));
  if (!id.success) throw new Refused("notFound");
  const saved = await openSavedReport(user, id.data);
  if (!saved) throw new Refused("notFound");
  return new Response(new Uint8Array(saved.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="batys-report-${saved.scope}-${saved.from}-${saved.to}-${saved.id}.pdf"`,
      "Cache-Control": "private, no-store",
      ETag: `"${saved.pdfSha256}"`,
    },
  });
});
