import { jsonDownload } from "@/lib/http/json-download";
import { publicOc4idsPackageChunks } from "@/lib/reports/oc4ids";

/** The public OC4IDS project package: the whole catalog without budgets, spending or organisations. No sign-in. */
export async function GET(request: Request) {
  return jsonDownload(
    `batys-public-oc4ids-${new Date().toISOString().slice(0, 10)}.json`,
    publicOc4idsPackageChunks(process.env.NEXTAUTH_URL ?? new URL(request.url).origin),
  );
}
