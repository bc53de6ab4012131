import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { auditRows, parseAuditQueryStrictly } from "@/lib/audit/list-audit";
import { csvResponse, startRows } from "@/lib/http/csv";

export async function GET(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user || user.mustChangePassword) return new Response("Unauthorized", { status: 401 });
  if (!can(user, "audit.read")) return new Response("Forbidden", { status: 403 });
  const parsed = parseAuditQueryStrictly(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed) return new Response((await getTranslations())("validation.invalid"), { status: 400 });
  const query = parsed;
  const t = await getTranslations("audit");
  const header = [
    t("at"),
    t("user"),
    t("email"),
    t("action"),
    t("target"),
    t("oblast"),
    t("ip"),
    t("before"),
    t("after"),
  ];
  async function* rows() {
    for await (const entry of auditRows(user!, query)) {
      yield [
        entry.at,
        entry.actor?.name ?? "",
        entry.actor?.email ?? "",
        entry.action,
        [entry.targetType, entry.targetId].filter(Boolean).join(":"),
        entry.oblastId ?? "",
        entry.ip ?? "",
        entry.before,
        entry.after,
      ];
    }
  }
  return csvResponse(`batys-audit-${new Date().toISOString().slice(0, 10)}.csv`, header, await startRows(rows()));
}
