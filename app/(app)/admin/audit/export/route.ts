import { auditRows, parseAuditQuery } from "@/lib/audit/list-audit";
import { csvResponse } from "@/lib/http/csv";
import { withUser } from "@/lib/http/with-user";

export const GET = withUser({ permission: "audit.read" }, async ({ user, query: params, t: translate }) => {
  const query = parseAuditQuery(params);
  const t = (key: string) => translate(`audit.${key}` as "audit.at");
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
    for await (const entry of auditRows(user, query)) {
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
  return csvResponse(`batys-audit-${new Date().toISOString().slice(0, 10)}.csv`, header, rows());
});
