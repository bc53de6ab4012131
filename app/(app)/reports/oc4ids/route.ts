import { jsonDownload } from "@/lib/http/json-download";
import { withUser } from "@/lib/http/with-user";
import { oc4idsPackageChunks } from "@/lib/reports/oc4ids";

export const GET = withUser({ permission: "report.export" }, async ({ request, user }) =>
  jsonDownload(
    `batys-oc4ids-${new Date().toISOString().slice(0, 10)}.json`,
    oc4idsPackageChunks(user, process.env.NEXTAUTH_URL ?? new URL(request.url).origin),
  ),
);
